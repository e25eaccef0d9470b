package detect

import (
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/textnorm"
	"go.yaml.in/yaml/v3"
)

// idTestOptions are detector options written as YAML, decoded strictly as
// the rule loader does.
type idTestOptions string

func (o idTestOptions) Decode(v any) error {
	dec := yaml.NewDecoder(strings.NewReader(string(o)))
	dec.KnownFields(true)
	return dec.Decode(v)
}

// buildIDDetector builds a detector of kind from YAML options.
func buildIDDetector(t testing.TB, kind, opts string) Detector {
	t.Helper()
	b, ok := Kinds()[kind]
	if !ok {
		t.Fatalf("kind %q is not registered", kind)
	}
	det, err := b(idTestOptions("kind: "+kind+"\n"+opts), &Env{})
	if err != nil {
		t.Fatalf("build %s: %v", kind, err)
	}
	return det.(Detector)
}

// detectAll runs d over text and returns its matches, checking that every
// span lies inside the text.
func detectAll(t testing.TB, d Detector, text string) []Match {
	t.Helper()
	var out []Match
	v := textnorm.New(text)
	d.Detect(nil, FieldText, v, func(m Match) {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			t.Fatalf("%q: span [%d,%d) outside the text", text, m.Start, m.End)
		}
		out = append(out, m)
	})
	return out
}

func TestNHSChecksum(t *testing.T) {
	for _, tc := range []struct {
		n    string
		want bool
	}{
		{"9434765919", true},
		{"4010232137", true},
		{"6000000006", true},
		{"3112991230", true},
		{"9434765918", false},
		{"9434765910", false},
		{"4010232138", false},
		{"9990000000", false}, // check digit would be 10: never issued
		{"0000000000", true},
	} {
		var d [10]byte
		for i := range d {
			d[i] = tc.n[i] - '0'
		}
		if got := nhsChecksumOK(d); got != tc.want {
			t.Errorf("nhsChecksumOK(%s) = %v, want %v", tc.n, got, tc.want)
		}
	}
}

func TestNHSRanges(t *testing.T) {
	for _, tc := range []struct {
		n    string
		want nhsRange
	}{
		{"4010232137", rangeEngland},
		{"6000000006", rangeEngland},
		{"7100000017", rangeEngland},
		{"3200000015", rangeNI},
		{"3500000002", rangeNI},
		{"0101001231", rangeScotland},
		{"1503851230", rangeScotland},
		{"3112991230", rangeScotland},
		{"3120000000", rangeOther},
		{"5000000005", rangeOther},
		{"9434765919", rangeOther},
	} {
		var d [10]byte
		for i := range d {
			d[i] = tc.n[i] - '0'
		}
		if got := nhsRangeOf(d); got != tc.want {
			t.Errorf("nhsRangeOf(%s) = %v, want %v", tc.n, got, tc.want)
		}
	}
}

func TestNHSDetector(t *testing.T) {
	d := buildIDDetector(t, "nhs-number", "")
	type want struct {
		match string
		conf  float64
		note  string
	}
	for _, tc := range []struct {
		text string
		want []want
	}{
		// Valid numbers, any words around them.
		{"Patient number is 943 476 5919 please update", []want{{"943 476 5919", 0.84, ""}}},
		{"got 9434765919 on the form", []want{{"9434765919", 0.8, ""}}},
		{"ref no. given as 943-476-5919.", []want{{"943-476-5919", 0.8, ""}}},
		{"943.476.5919 is on the wristband", []want{{"943.476.5919", 0.8, ""}}},
		{"Mrs B, 401 023 2137, bay 4", []want{{"401 023 2137", 0.95, ""}}},
		{"NHS no 4010232137", []want{{"4010232137", 0.99, ""}}},
		{"CHI 150385 1230 no wait 1503851230", []want{{"1503851230", 0.94, "a Scottish CHI number"}}},
		{"H&C 3200000015", []want{{"3200000015", 0.9, "a Northern Ireland H&C number"}}},
		{"(9434765919)", []want{{"9434765919", 0.8, ""}}},
		// Other groupings count when the check digit is right.
		{"wristbands for 4010 232 137 again", []want{{"4010 232 137", 0.95, ""}}},
		{"bloods for 4010.232.137 please", []want{{"4010.232.137", 0.95, ""}}},
		{"bloods for 4010.232.136 please", nil},
		{"meet 10 30 at 12 03 2026", nil},
		{"No.9434765919", []want{{"9434765919", 0.8, ""}}},
		{"first 4010232137, then 6000000006", []want{{"4010232137", 0.95, ""}, {"6000000006", 0.95, ""}}},
		// A CHI number starting with 0 counts only with context.
		{"CHI number 0101001231", []want{{"0101001231", 0.94, "a Scottish CHI number"}}},
		{"0101001231", nil},
		// Invalid checksum: only with context, lower confidence and a note.
		{"NHS no 943 476 5918", []want{{"943 476 5918", 0.6, noteNHSChecksum}}},
		{"his nhs number is 9434765918 I think", []want{{"9434765918", 0.6, noteNHSChecksum}}},
		{"referral for 4010232138 sent", []want{{"4010232138", 0.6, noteNHSChecksum}}},
		{"order 9434765918 dispatched", nil},
		{"9434765918", nil},
		{"943 476 5918 was the score", nil},
		// Spaced out digit by digit, and look-alike letters for digits.
		{"reading them out at 3am like 6 6 5 6 3 2 1 2 2 4 🥱", []want{{"6 6 5 6 3 2 1 2 2 4", 0.95, ""}}},
		{"his NHS no. 9 4 3  4 7 6  5 9 1 8", []want{{"9 4 3  4 7 6  5 9 1 8", 0.6, noteNHSChecksum}}},
		{"9 4 3 4 7 6 5 9 1 8", nil},
		{"scores 9 4 3 4 7 6 5 9 1 9 3", nil},
		{"NHS number 943 476 59l9", []want{{"943 476 59l9", 0.84, ""}}},
		{"nhs no 4O1O232137", []want{{"4O1O232137", 0.99, ""}}},
		{"lol 10oz of oil 200ml", nil},
		// A grouping other than 3-3-4 with a wrong check digit, named
		// as an NHS number just before it.
		{"patient NHS no 6360-340-691 keeps coming up invalid", []want{{"6360-340-691", 0.6, noteNHSChecksum}}},
		{"box 6360-340-691 in the store", nil},
		// Not NHS numbers.
		{"INV-9434765919", nil},
		{"ref ABC9434765919", nil},
		{"order 9434765919 dispatched", nil},
		{"order #9434765919", nil},
		{"invoice no 943 476 5919", nil},
		{"tel 9434765919", nil},
		{"call 943 476 5919 today", nil},
		{"+44 943 476 5919", nil},
		{"+449434765919", nil},
		{"0044 943 476 5919", nil},
		{"19434765919", nil},
		{"94347659190", nil},
		{"943 476 59190", nil},
		{"12 943 476 5919", nil},
		{"943-476-5919-2", nil},
		{"943 476-5919", nil},
		{"9434765919abc", nil},
		{"https://example.org/p/9434765919", nil},
		{"see example.org/9434765919", nil},
		{"mail 9434765919@example.org", nil},
		{"£9434765919", nil},
		{"1.9434765919", nil},
		{"9434765919.5", nil},
		{"9434765919%", nil},
		{"01803 217398", nil},
		{"07700 900562", nil},
		{"0123456789", nil},
		{"2025-2026", nil},
		{"12345678901234567890", nil},
		{"", nil},
	} {
		got := detectAll(t, d, tc.text)
		if len(got) != len(tc.want) {
			t.Errorf("%q: got %d matches %v, want %d", tc.text, len(got), got, len(tc.want))
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
			if m.Field != FieldText {
				t.Errorf("%q: field %q", tc.text, m.Field)
			}
		}
	}
}

func TestNHSOptions(t *testing.T) {
	d := buildIDDetector(t, "nhs-number", "context: [hospital no]\nconfidence_valid: 0.9\nconfidence_invalid: 0.55\n")
	if got := detectAll(t, d, "hospital no 9434765918"); len(got) != 1 || got[0].Confidence != 0.55 {
		t.Errorf("custom context: %v", got)
	}
	if got := detectAll(t, d, "NHS no 9434765918"); len(got) != 0 {
		t.Errorf("replaced context still used: %v", got)
	}
	if got := detectAll(t, d, "4010232137"); len(got) != 1 || got[0].Confidence != 0.9 {
		t.Errorf("confidence_valid: %v", got)
	}
	for _, bad := range []string{"confidence_valid: 1.5\n", "confidence_invalid: -1\n", "contxt: [x]\n", "context: ['@lists/none.txt']\n"} {
		b := Kinds()["nhs-number"]
		if _, err := b(idTestOptions("kind: nhs-number\n"+bad), &Env{}); err == nil {
			t.Errorf("options %q: no error", bad)
		}
	}
}

func TestNHSSpansMapToOriginal(t *testing.T) {
	d := buildIDDetector(t, "nhs-number", "")
	for _, tc := range []struct{ text, match string }{
		{"😷🏥 NHS no: ９４３ ４７６ ５９１９ 👍", "９４３ ４７６ ５９１９"},
		{"👩🏽‍⚕️ Ｐａｔｉｅｎｔ 9434765919", "9434765919"},
		{"Café ward — 943\u00a0476\u00a05919", "943\u00a0476\u00a05919"},
		{"NHS\u200b no ９４３４７６５９１８!", "９４３４７６５９１８"},
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

func FuzzNHSCandidates(f *testing.F) {
	for _, s := range []string{
		"NHS no 943 476 5919", "9434765919", "943-476-5919", "INV-9434765919",
		"９４３ ４７６ ５９１９", "😷 943.476.5919 👍", "+44 943 476 5919", "patient 9434765918",
		"https://x.org/9434765919", "CHI 0101001231", "943 476 5919 1",
	} {
		f.Add(s)
	}
	d := buildIDDetector(f, "nhs-number", "")
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

// typicalPost is a 280-character post with one phone number and one NHS
// number in it, and dates, times and prices around them.
const typicalPost = "Huge thanks to the team on Ward 7 (ext 4321) for looking after " +
	"Mr T today! NHS no 943 476 5919, discharged 12/03/2026 at 7.30pm. " +
	"Text me on 07700 900562 or ring the ward on 01803 217398. Parking " +
	"was £1,200.50 a year in 2025-2026 🙄 #NHS #TeamTorbay http://x.co/a1"

func BenchmarkNHS(b *testing.B) {
	d := buildIDDetector(b, "nhs-number", "")
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
