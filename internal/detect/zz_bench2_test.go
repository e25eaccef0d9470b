package detect

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

func BenchmarkZZPlan(b *testing.B) {
	coll, _ := phonenumbers.MetadataCollection()
	var gb *phonenumbers.PhoneMetadata
	for _, m := range coll.GetMetadata() {
		if m.GetId() == "GB" {
			gb = m
		}
	}
	fmt.Println(len(gb.GetFixedLine().GetNationalNumberPattern()), len(gb.GetMobile().GetNationalNumberPattern()), len(gb.GetGeneralDesc().GetNationalNumberPattern()), gb.GetNationalPrefixForParsing(), gb.GetNationalPrefixTransformRule(), gb.GetNationalPrefix(), gb.GetLeadingDigits(), gb.GetInternationalPrefix())
	for _, id := range []string{"GG", "JE", "IM"} {
		for _, m := range coll.GetMetadata() {
			if m.GetId() == id {
				fmt.Println(id, m.GetLeadingDigits(), m.GetNationalPrefixForParsing(), m.GetNationalPrefixTransformRule())
			}
		}
	}
	fmt.Println(phonenumbers.GetRegionCodesForCountryCode(44))
	fl := regexp.MustCompile("^(?:" + gb.GetFixedLine().GetNationalNumberPattern() + ")$")
	mo := regexp.MustCompile("^(?:" + gb.GetMobile().GetNationalNumberPattern() + ")$")
	for _, s := range []string{"1803217398", "7700900562"} {
		b.Run("fixed"+s, func(b *testing.B) {
			for b.Loop() {
				fl.MatchString(s)
			}
		})
		b.Run("mobile"+s, func(b *testing.B) {
			for b.Loop() {
				mo.MatchString(s)
			}
		})
	}
}
