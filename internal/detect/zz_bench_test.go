package detect

import (
	"testing"

	"github.com/nyaruka/phonenumbers"
)

func BenchmarkZZParse(b *testing.B) {
	for _, s := range []string{"07700 900562", "07700900562", "+447700900562", "01803 217398"} {
		b.Run(s, func(b *testing.B) {
			for b.Loop() {
				phonenumbers.Parse(s, "GB")
			}
		})
	}
	n, _ := phonenumbers.Parse("07700 900562", "GB")
	v, _ := phonenumbers.Parse("01803 217398", "GB")
	b.Run("valid-invalid", func(b *testing.B) {
		for b.Loop() {
			phonenumbers.IsValidNumber(n)
		}
	})
	b.Run("valid-valid", func(b *testing.B) {
		for b.Loop() {
			phonenumbers.IsValidNumber(v)
		}
	})
	b.Run("validforregion-invalid", func(b *testing.B) {
		for b.Loop() {
			phonenumbers.IsValidNumberForRegion(n, "GB")
		}
	})
	b.Run("type-valid", func(b *testing.B) {
		for b.Loop() {
			phonenumbers.GetNumberType(v)
		}
	})
	b.Run("possible", func(b *testing.B) {
		for b.Loop() {
			phonenumbers.IsPossibleNumberWithReason(n)
		}
	})
	b.Run("format", func(b *testing.B) {
		for b.Loop() {
			phonenumbers.Format(n, phonenumbers.E164)
		}
	})
	b.Run("short", func(b *testing.B) {
		for b.Loop() {
			phonenumbers.IsValidShortNumberForRegion(n, "GB")
		}
	})
	b.Run("nsn", func(b *testing.B) {
		for b.Loop() {
			phonenumbers.GetNationalSignificantNumber(n)
		}
	})
}
