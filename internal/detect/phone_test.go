package detect

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"github.com/postlint/postlint/internal/textnorm"
)

// trustNumbers are the published switchboard numbers of the default pack's
// trust; rules allow them.
const trustNumbers = "allow: [\"01803 217398\", \"01803 656676\"]\n"

func TestPhoneDetector(t *testing.T) {
	d := buildIDDetector(t, "phone", trustNumbers)
	type want struct {
		match string
		conf  float64
		note  string
	}
	for _, tc := range []struct {
		text string
		want []want
	}{
		// Possible but not allocated (Ofcom drama ranges): still flagged.
		{"ring 07700 900562 after 6", []want{{"07700 900562", 0.7, "a mobile number"}}},
		{"07700900562", []want{{"07700900562", 0.7, "a mobile number"}}},
		{"on +44 7700 900123.", []want{{"+44 7700 900123", 0.7, "a mobile number"}}},
		{"0044 7700 900 123", []want{{"0044 7700 900 123", 0.7, "a mobile number"}}},
		{"(01632) 960123", []want{{"(01632) 960123", 0.7, "a UK landline number"}}},
		{"07700-900-562", []want{{"07700-900-562", 0.7, "a mobile number"}}},
		{"07700.900.562", []want{{"07700.900.562", 0.7, "a mobile number"}}},
		// Disguised: look-alike letters, digit by digit.
		{"mob 07700 9OO812 pls", []want{{"07700 9OO812", 0.95, "a mobile number"}}},
		{"O7700 9OO812", []want{{"O7700 9OO812", 0.7, "a mobile number"}}},
		{"new number 0 7 7 0 0  9 0 0  1 5 4 save it", []want{{"0 7 7 0 0  9 0 0  1 5 4", 0.7, "a mobile number"}}},
		{"0 7 7 0 0 9 0 0 1 5 4", []want{{"0 7 7 0 0 9 0 0 1 5 4", 0.7, "a mobile number"}}},
		{"lol 10oz of oil, 200ml, 1 2 3", nil},
		// Valid numbers.
		{"Reception: 020 7946 0018", []want{{"020 7946 0018", 0.9, "a UK landline number"}}},
		{"US office +1 415 555 2671", []want{{"+1 415 555 2671", 0.9, "a phone number (+1, US)"}}},
		{"Dublin +353 85 123 4567", []want{{"+353 85 123 4567", 0.9, "a mobile number (+353, IE)"}}},
		{"her mob is 07911 123456", []want{{"07911 123456", 0.95, "a mobile number"}}},
		{"07911 123456", []want{{"07911 123456", 0.9, "a mobile number"}}},
		{"+44 (0)113 496 0000", []want{{"+44 (0)113 496 0000", 0.9, "a UK landline number"}}},
		{"(0113 496 0000)", []want{{"0113 496 0000", 0.9, "a UK landline number"}}},
		{"Tel:0113 496 0000", []want{{"0113 496 0000", 0.9, "a UK landline number"}}},
		{"0113 496 0000 ext 123 for the ward", []want{{"0113 496 0000 ext 123", 0.9, "a UK landline number"}}},
		{"0113 496 0000 x12", []want{{"0113 496 0000 x12", 0.9, "a UK landline number"}}},
		{"0113 496 0000/1", []want{{"0113 496 0000", 0.9, "a UK landline number"}}},
		// Personal cues raise the confidence of mobiles.
		{"Text me on 07700 900562 x", []want{{"07700 900562", 0.95, "a mobile number"}}},
		{"call me: 07700900562", []want{{"07700900562", 0.95, "a mobile number"}}},
		{"my number 0113 496 0000", []want{{"0113 496 0000", 0.95, "a UK landline number"}}},
		{"whatsapp me 07700 900 562", []want{{"07700 900 562", 0.95, "a mobile number"}}},
		// Several numbers, and numbers next to other numbers.
		{"07700 900562 or 07700 900563", []want{{"07700 900562", 0.7, "a mobile number"}, {"07700 900563", 0.7, "a mobile number"}}},
		{"07700 900562 0113 496 0000", []want{{"07700 900562", 0.7, "a mobile number"}, {"0113 496 0000", 0.9, "a UK landline number"}}},
		{"Ward 7 0113 496 0000", []want{{"0113 496 0000", 0.9, "a UK landline number"}}},
		{"12.03.2026 07700 900562", []want{{"07700 900562", 0.7, "a mobile number"}}},
		{"2025-2026 07700 900562", []want{{"07700 900562", 0.7, "a mobile number"}}},
		{"at 7.30 07700 900562", []want{{"07700 900562", 0.7, "a mobile number"}}},
		{"order 12345 call 07700 900562", []want{{"07700 900562", 0.7, "a mobile number"}}},
		{"on 01 03 2026 07700 900562", []want{{"07700 900562", 0.7, "a mobile number"}}},
		{"2026 03 12 07700 900562", []want{{"07700 900562", 0.7, "a mobile number"}}},
		{"Bed 03 07700 900562", []want{{"07700 900562", 0.7, "a mobile number"}}},
		{"Tel.07700 900562", []want{{"07700 900562", 0.7, "a mobile number"}}},
		{"**07700 900562**", []want{{"07700 900562", 0.7, "a mobile number"}}},
		// Allowed: published, emergency, short and helpline numbers.
		{"01803 217398", nil},
		{"Switchboard 01803 656676 ext 4321", nil},
		{"+44 1803 217398", nil},
		{"(01803) 217398", nil},
		{"call 999 or 111", nil},
		{"NHS 111", nil},
		{"Samaritans 116 123, 116 117", nil},
		{"Childline 0800 1111", nil},
		{"NSPCC 0808 800 5000", nil},
		{"112", nil},
		// Not phone numbers.
		{"Ward 7 ext 4321", nil},
		{"x4321", nil},
		{"ext 4321 and x4322", nil},
		{"12/03/2026", nil},
		{"on 2026-03-12 at 10:30", nil},
		{"12.03.26", nil},
		{"01.02.2026", nil},
		{"01/02/2026 and 02/02/2026", nil},
		{"01 03 2026", nil},
		{"2026-03-12 08:00:00", nil},
		{"from 7.30 to 10.45", nil},
		{"10-12 people", nil},
		{"£1,200.50", nil},
		{"£1,234,567.89 over 2025-2026", nil},
		{"€01234 567890", nil},
		{"INV-07700900562", nil},
		{"ref 07700 900562", nil},
		{"order #07700900562", nil},
		{"order no 0113 496 0000", nil},
		{"invoice 01134960000", nil},
		{"years 2025-2026", nil},
		{"1999 2000 2001 2002", nil},
		{"9434765919", nil},
		{"943 476 5919", nil},
		{"NHS no 943 476 5919", nil},
		{"CHI 0101001231", nil},
		{"12345678901234567890", nil},
		{"011349600001234", nil},
		{"01134960000123456789", nil},
		{"https://example.org/status/01134960000", nil},
		{"https://example.org/?id=07700900562", nil},
		{"www.example.org/07700900562", nil},
		{"a07700900562", nil},
		{"07700900562abc", nil},
		{"0113 496 0000mg", nil},
		{"email 07700900562@example.org", nil},
		{"3.14159265358979", nil},
		{"0.1234567", nil},
		{"v1.0.1234567", nil},
		{"192.168.100.200", nil},
		{"", nil},
	} {
		got := detectAll(t, d, tc.text)
		if len(got) != len(tc.want) {
			var ms []string
			for _, m := range got {
				ms = append(ms, tc.text[m.Start:m.End])
			}
			t.Errorf("%q: got %d matches %q, want %d", tc.text, len(got), ms, len(tc.want))
			continue
		}
		for i, w := range tc.want {
			m := got[i]
			if s := tc.text[m.Start:m.End]; s != w.match {
				t.Errorf("%q: match %q, want %q", tc.text, s, w.match)
			}
			if diff := m.Confidence - w.conf; diff > 0.001 || diff < -0.001 {
				t.Errorf("%q: confidence %.3f, want %.3f", tc.text, m.Confidence, w.conf)
			}
			if m.Note != w.note {
				t.Errorf("%q: note %q, want %q", tc.text, m.Note, w.note)
			}
		}
	}
}

func TestPhoneOptions(t *testing.T) {
	d := buildIDDetector(t, "phone", "region: us\nallow: [\"+1 415 555 2671\"]\nhelplines: []\npersonal_cues: [hmu]\nconfidence_valid: 0.85\nconfidence_possible: 0.6\nconfidence_personal: 0.99\n")
	for _, tc := range []struct {
		text string
		n    int
		conf float64
	}{
		{"(415) 555-2671", 0, 0},
		{"415-555-2672", 1, 0.85},
		{"hmu 415-555-2672", 1, 0.99},
		{"0800 1111", 0, 0},
		{"+44 800 1111", 1, 0.85},
	} {
		got := detectAll(t, d, tc.text)
		if len(got) != tc.n || tc.n > 0 && got[0].Confidence != tc.conf {
			t.Errorf("%q: %v, want %d match(es) at %v", tc.text, got, tc.n, tc.conf)
		}
	}
	for _, bad := range []string{
		"region: XX\n", "allow: [\"not a number\"]\n", "confidence_valid: 2\n",
		"confidence_personal: -0.5\n", "regoin: GB\n", "allow: ['@lists/none.txt']\n",
	} {
		if _, err := Kinds()["phone"](idTestOptions("kind: phone\n"+bad), &Env{}); err == nil {
			t.Errorf("options %q: no error", bad)
		}
	}
	// An empty helpline list replaces the default one.
	d = buildIDDetector(t, "phone", "helplines: []\n")
	if got := detectAll(t, d, "Childline 0800 1111"); len(got) != 1 || got[0].Note != "a freephone number" {
		t.Errorf("helplines: []: %v", got)
	}
	// Allow entries may come from a list file.
	env := &Env{ReadList: func(name string) ([]string, error) { return []string{"0113 496 0000"}, nil }}
	det, err := Kinds()["phone"](idTestOptions("kind: phone\nallow: ['@lists/numbers.txt']\n"), env)
	if err != nil {
		t.Fatal(err)
	}
	if got := detectAll(t, det.(Detector), "0113 496 0000"); len(got) != 0 {
		t.Errorf("list allow: %v", got)
	}
}

func TestPhoneSpansMapToOriginal(t *testing.T) {
	d := buildIDDetector(t, "phone", trustNumbers)
	for _, tc := range []struct{ text, match string }{
		{"📞😀 call me ０７７００ ９００５６２ 👍", "０７７００ ９００５６２"},
		{"👩🏽‍⚕️ Ｍｏｂ: ＋４４ ７７００ ９００１２３", "＋４４ ７７００ ９００１２３"},
		{"Café — 07700\u00a0900562", "07700\u00a0900562"},
		{"（０１６３２） ９６０１２３ é", "（０１６３２） ９６０１２３"},
		{"mob 07700\u200b900562", "07700\u200b900562"},
	} {
		got := detectAll(t, d, tc.text)
		if len(got) != 1 {
			t.Errorf("%q: %d matches", tc.text, len(got))
			continue
		}
		if s := tc.text[got[0].Start:got[0].End]; s != tc.match {
			t.Errorf("%q: span %q, want %q", tc.text, s, tc.match)
		}
	}
}

func TestPhoneParseBudget(t *testing.T) {
	d := buildIDDetector(t, "phone", "")
	// Many candidates: the work stays bounded and nothing panics.
	text := strings.Repeat("0123 4567 890 ", 200)
	detectAll(t, d, text)
}

func FuzzPhoneCandidates(f *testing.F) {
	for _, s := range []string{
		"Text me on 07700 900562", "+44 (0)113 496 0000 ext 12", "(01632) 960123",
		"12/03/2026 at 10:30", "£1,200.50", "INV-07700900562", "０７７００ ９００５６２",
		"0113 496 0000/1", "call 999", "+1 415 555 2671", "2025-2026 07700 900562",
		"((0)) + (+44", "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
	} {
		f.Add(s)
	}
	d := buildIDDetector(f, "phone", trustNumbers)
	f.Fuzz(func(t *testing.T, text string) {
		v := textnorm.New(text)
		d.Detect(nil, FieldText, v, func(m Match) {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("%q: span [%d,%d) outside the text", text, m.Start, m.End)
			}
			if m.Confidence <= 0 || m.Confidence > 1 {
				t.Fatalf("%q: confidence %v", text, m.Confidence)
			}
		})
	})
}

func BenchmarkPhone(b *testing.B) {
	d := buildIDDetector(b, "phone", trustNumbers)
	v := textnorm.New(typicalPost)
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		d.Detect(nil, FieldText, v, func(Match) { n++ })
	}
	if n == 0 {
		b.Fatal("no match")
	}
}

// BenchmarkIdentifiers runs both kinds over a typical post. The
// normalised view is built once per post by the engine and shared by every
// rule, so it is built outside the loop.
func BenchmarkIdentifiers(b *testing.B) {
	nhs := buildIDDetector(b, "nhs-number", "")
	phone := buildIDDetector(b, "phone", trustNumbers)
	v := textnorm.New(typicalPost)
	b.ReportAllocs()
	for b.Loop() {
		nhs.Detect(nil, FieldText, v, func(Match) {})
		phone.Detect(nil, FieldText, v, func(Match) {})
	}
}

// BenchmarkPhoneNoDigits is the common case: a post with no number at all.
func BenchmarkPhoneNoDigits(b *testing.B) {
	d := buildIDDetector(b, "phone", trustNumbers)
	v := textnorm.New(strings.Repeat("Lovely day on the ward, thanks all! ", 8))
	b.ReportAllocs()
	for b.Loop() {
		d.Detect(nil, FieldText, v, func(Match) {})
	}
}

// TestPhonePlanMatchesPhonenumbers checks the compiled numbering plan
// against phonenumbers itself (Parse, IsPossibleNumberWithReason,
// IsValidNumber, GetRegionCodeForNumber, GetNumberType) on numbers of every
// UK range, including the Crown dependencies that share +44, and on random
// numbers of other regions.
func TestPhonePlanMatchesPhonenumbers(t *testing.T) {
	uk := []string{
		"01", "011", "0113", "0114", "0116", "0117", "0118", "0121", "0131", "0141", "0151", "0161", "0169", "01803", "016977",
		"01481", "01534", "01624", "01632", "02", "020", "023", "024", "028", "029", "03", "030", "033", "034", "037", "04",
		"05", "055", "056", "06", "07", "070", "071", "074", "075", "076", "07624", "077", "07700", "07781", "07797",
		"07839", "078", "079", "07911", "08", "0800", "0808", "0843", "0845", "0870", "09", "0900", "0908", "0909",
		"+44 ", "+44 7", "+44 1", "+44 (0)", "0044 ", "+44 0", "+441", "+44 800", "0044 1624", "+1 ", "+353 ", "+33 ",
	}
	for _, tc := range []struct {
		region   string
		prefixes []string
		n        int
	}{
		{"GB", uk, 4000},
		{"IE", []string{"0", "+353 ", "00353", "01", "08", "+44 "}, 500},
		{"US", []string{"+1 ", "0111", "+44 ", "1"}, 500},
		{"FR", []string{"0", "+33 ", "0033", "06"}, 500},
		{"DE", []string{"0", "+49 ", "0049", "015"}, 500},
		{"RU", []string{"8", "+7 ", "8107", "810", "89"}, 500},
		{"JE", []string{"0", "+44 ", "01534", "07797"}, 300},
	} {
		d := buildIDDetector(t, "phone", "region: "+tc.region+"\nhelplines: []\n").(*phoneDetector)
		sc := phoneScan{d: d, v: textnorm.New("")}
		rng := rand.New(rand.NewPCG(1, 2))
		bad := 0
		for range tc.n {
			var b strings.Builder
			b.WriteString(tc.prefixes[rng.IntN(len(tc.prefixes))])
			for range 4 + rng.IntN(10) {
				b.WriteByte(byte('0' + rng.IntN(10)))
			}
			cand := b.String()
			intl := strings.HasPrefix(cand, "+") || strings.HasPrefix(cand, d.intlPrefix)
			if strings.HasPrefix(cand, d.intlPrefix+"0") {
				continue // rejected before any lookup
			}
			fast, okFast := sc.lookup(cand, intl)
			slow, okSlow := sc.slowLookup(cand)
			if num, err := phonenumbers.Parse(cand, tc.region); okSlow && !slow.allowed && (err != nil || slow.valid != phonenumbers.IsValidNumber(num)) {
				t.Errorf("%s %q: slowLookup valid %v, IsValidNumber disagrees", tc.region, cand, slow.valid)
			}
			if okFast != okSlow || fast != slow {
				t.Errorf("%s %q: plan %v %+v, phonenumbers %v %+v", tc.region, cand, okFast, fast, okSlow, slow)
				if bad++; bad > 10 {
					t.FailNow()
				}
			}
		}
	}
}

// BenchmarkPhoneBuild measures building a phone rule's detector: parsing
// the allow-list and compiling the numbering plan of +44.
func BenchmarkPhoneBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		buildIDDetector(b, "phone", trustNumbers)
	}
}
