package detect

import (
	"fmt"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

func TestScratch(t *testing.T) {
	for _, s := range []string{"07700 900562", "+44 7700 900123", "0044 7700 900 123", "(01632) 960123", "020 7946 0018", "+1 415 555 2671", "01803 217398", "0800 1111", "08001111", "0123456789", "01234 567890", "+44 (0)1803 217398", "+44 (0) 1803 217398", "9434765919", "0101001234", "07911 123456", "+353 1 234 5678", "+353 85 123 4567", "0113 496 0000", "01803 217398 ext 123", "020 7946 0018 x12", "116123", "999", "112", "111", "116117", "101", "105", "119", "18001", "0300 123 3393", "07700900562"} {
		n, err := phonenumbers.Parse(s, "GB")
		if err != nil {
			fmt.Println(s, err)
			continue
		}
		fmt.Printf("%-25q valid=%v possible=%v reason=%v type=%v e164=%s region=%s ext=%q short=%v emerg=%v\n", s, phonenumbers.IsValidNumber(n), phonenumbers.IsPossibleNumber(n), phonenumbers.IsPossibleNumberWithReason(n), phonenumbers.GetNumberType(n), phonenumbers.Format(n, phonenumbers.E164), phonenumbers.GetRegionCodeForNumber(n), n.GetExtension(), phonenumbers.IsValidShortNumberForRegion(n, "GB"), phonenumbers.IsEmergencyNumber(s, "GB"))
	}
}
