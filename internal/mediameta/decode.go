package mediameta

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	exif "github.com/dsoprea/go-exif/v3"
	exifcommon "github.com/dsoprea/go-exif/v3/common"
)

// EXIF tag IDs read by decode.
const (
	tagMake               = 0x010F // IFD0
	tagModel              = 0x0110 // IFD0
	tagSoftware           = 0x0131 // IFD0
	tagDateTimeOriginal   = 0x9003 // Exif
	tagDateTimeDigitized  = 0x9004 // Exif
	tagOffsetTimeOriginal = 0x9011 // Exif
	tagOffsetTimeDigit    = 0x9012 // Exif
	tagSubSecOriginal     = 0x9291 // Exif
	tagSubSecDigitized    = 0x9292 // Exif
	tagGPSLatitudeRef     = 0x0001 // GPS
	tagGPSLatitude        = 0x0002 // GPS
	tagGPSLongitudeRef    = 0x0003 // GPS
	tagGPSLongitude       = 0x0004 // GPS
)

// maxTextBytes bounds the length of the text fields kept in a Meta.
const maxTextBytes = 256

// decode parses the EXIF (TIFF) block raw with go-exif and extracts the
// fields of a Meta. Fields that are missing or malformed are left at their
// zero value; only a block whose structure cannot be parsed is an error.
func (r *Reader) decode(raw []byte) (Meta, error) {
	raw, err := guardExif(raw)
	if err != nil {
		return Meta{}, fmt.Errorf("mediameta: %w: %w", ErrMalformed, err)
	}
	_, index, err := exif.Collect(r.ifdMapping, r.tagIndex, raw)
	if err != nil {
		return Meta{}, fmt.Errorf("mediameta: %w: parse EXIF: %w", ErrMalformed, err)
	}
	var m Meta
	root := index.RootIfd
	if root == nil {
		return m, nil
	}
	v := values{limit: uint64(len(raw))}
	m.Make = v.text(root, tagMake)
	m.Model = v.text(root, tagModel)
	m.Software = v.text(root, tagSoftware)
	if ifd := child(root, exifcommon.IfdExifStandardIfdIdentity); ifd != nil {
		m.Taken = v.taken(ifd, tagDateTimeOriginal, tagOffsetTimeOriginal, tagSubSecOriginal)
		if m.Taken.IsZero() {
			m.Taken = v.taken(ifd, tagDateTimeDigitized, tagOffsetTimeDigit, tagSubSecDigitized)
		}
	}
	if ifd := child(root, exifcommon.IfdGpsInfoStandardIfdIdentity); ifd != nil {
		lat, okLat := v.coordinate(ifd, tagGPSLatitudeRef, tagGPSLatitude, 'N', 'S', 90)
		lon, okLon := v.coordinate(ifd, tagGPSLongitudeRef, tagGPSLongitude, 'E', 'W', 180)
		// Devices without a fix sometimes write 0,0: that is no position.
		if okLat && okLon && (lat != 0 || lon != 0) {
			m.HasGPS, m.Lat, m.Lon = true, lat, lon
		}
	}
	return m, nil
}

// child returns the child IFD of ifd with the given identity, or nil.
func child(ifd *exif.Ifd, ii *exifcommon.IfdIdentity) *exif.Ifd {
	want := ii.UnindexedString()
	for _, c := range ifd.Children() {
		if c.IfdIdentity().UnindexedString() == want {
			return c
		}
	}
	return nil
}

// values reads tag values out of one EXIF block, refusing any value that
// claims to be larger than the block (go-exif would allocate the claimed
// size before finding out the data is not there).
type values struct {
	limit uint64
}

// value returns the decoded value of the first entry of ifd with the given
// tag ID, or nil when there is none or it cannot be decoded.
func (v values) value(ifd *exif.Ifd, tag uint16) any {
	for _, e := range ifd.Entries() {
		if e.TagId() != tag {
			continue
		}
		t := e.TagType()
		if !t.IsValid() || t == exifcommon.TypeUndefined {
			return nil
		}
		if uint64(e.UnitCount())*uint64(t.Size()) > v.limit {
			return nil
		}
		val, err := e.Value()
		if err != nil {
			return nil
		}
		return val
	}
	return nil
}

// text returns the ASCII value of a tag, cleaned for display.
func (v values) text(ifd *exif.Ifd, tag uint16) string {
	s, _ := v.value(ifd, tag).(string)
	return cleanText(s)
}

// cleanText makes an EXIF string safe to print: invalid UTF-8, control and
// other non-printing characters are dropped, runs of spaces collapsed, and
// the result is cut to maxTextBytes.
func cleanText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(s, "") {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case !unicode.IsPrint(r):
			continue
		}
		if b.Len()+1+utf8.RuneLen(r) > maxTextBytes {
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// taken parses an EXIF date-time tag, with its optional offset and
// sub-second companions. It returns the zero time when the date-time is
// missing or malformed (cameras write "    :  :     :  :  " for unknown).
func (v values) taken(ifd *exif.Ifd, dateTag, offsetTag, subSecTag uint16) time.Time {
	s, _ := v.value(ifd, dateTag).(string)
	s = strings.TrimSpace(strings.TrimRight(s, "\x00"))
	if len(s) < len("2006:01:02 15:04:05") {
		return time.Time{}
	}
	s = s[:len("2006:01:02 15:04:05")]
	// Some writers use dashes in the date, as in ISO 8601.
	if s[4] == '-' && s[7] == '-' {
		s = s[:4] + ":" + s[5:7] + ":" + s[8:]
	}
	loc := time.UTC
	if off, ok := v.value(ifd, offsetTag).(string); ok {
		off = strings.TrimSpace(strings.TrimRight(off, "\x00"))
		if t, err := time.Parse("-07:00", off); err == nil {
			_, secs := t.Zone()
			loc = time.FixedZone(off, secs)
		}
	}
	t, err := time.ParseInLocation("2006:01:02 15:04:05", s, loc)
	if err != nil {
		return time.Time{}
	}
	if sub, ok := v.value(ifd, subSecTag).(string); ok {
		sub = strings.TrimSpace(strings.TrimRight(sub, "\x00"))
		if len(sub) > 9 {
			sub = sub[:9]
		}
		if n, err := strconv.ParseUint(sub, 10, 32); err == nil && sub != "" {
			t = t.Add(time.Duration(n) * time.Duration(math.Pow10(9-len(sub))))
		}
	}
	return t
}

// coordinate parses a GPS latitude or longitude: a reference tag holding pos
// or neg (N/S, E/W) and a tag of three rationals, degrees, minutes and
// seconds. It reports false when either is missing or malformed or the
// result is beyond ±limit degrees.
func (v values) coordinate(ifd *exif.Ifd, refTag, valTag uint16, pos, neg byte, limit float64) (float64, bool) {
	ref, _ := v.value(ifd, refTag).(string)
	ref = strings.ToUpper(strings.TrimSpace(strings.TrimRight(ref, "\x00")))
	if len(ref) != 1 || (ref[0] != pos && ref[0] != neg) {
		return 0, false
	}
	var parts [3]float64
	switch val := v.value(ifd, valTag).(type) {
	case []exifcommon.Rational:
		if len(val) != 3 {
			return 0, false
		}
		for i, q := range val {
			f, ok := ratio(float64(q.Numerator), float64(q.Denominator))
			if !ok {
				return 0, false
			}
			parts[i] = f
		}
	case []exifcommon.SignedRational:
		if len(val) != 3 {
			return 0, false
		}
		for i, q := range val {
			f, ok := ratio(float64(q.Numerator), float64(q.Denominator))
			if !ok || f < 0 {
				return 0, false
			}
			parts[i] = f
		}
	default:
		return 0, false
	}
	d := parts[0] + parts[1]/60 + parts[2]/3600
	if math.IsNaN(d) || math.IsInf(d, 0) || d > limit {
		return 0, false
	}
	if ref[0] == neg {
		d = -d
	}
	return d, true
}

// ratio returns num/den. A zero denominator is only accepted with a zero
// numerator (some writers put 0/0 for an unused seconds field).
func ratio(num, den float64) (float64, bool) {
	if den == 0 {
		return 0, num == 0
	}
	return num / den, true
}
