package detect

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/textnorm"
)

// seqOpts are the options of the sequence detector used by the table tests:
// a small targeted-insult grammar.
const seqOpts = `
disguised: true
classes:
  you: [you, u, "you lot"]
  yoube: ["you're", "you are", "u r"]
  art: [a, an, "such a"]
  mod: [absolute, complete, utter, useless, little]
  noun: [idiot, idiots, clown, clowns, liar, muppet]
  be: [is, are, "he's", "she's"]
patterns:
  - "<you> <mod>{0,2} <noun>"
  - "<yoube> (so|really)? <art>? <mod>{0,3} <noun>"
  - "<be> <art>? <mod>{0,2} <noun>"
  - "^ <mod>? <noun> $"
  - "(shut up|shut your mouth)"
`

func seqMatches(t testing.TB, d Detector, text string) []string {
	t.Helper()
	var out []string
	for _, m := range detectAll(t, d, text) {
		out = append(out, text[m.Start:m.End])
	}
	return out
}

func TestSequence(t *testing.T) {
	d := buildIDDetector(t, "sequence", seqOpts)
	tests := []struct {
		text string
		want string // first match, "" for none
	}{
		{"you idiot", "you idiot"},
		{"you absolute clowns in estates", "you absolute clowns"},
		{"you're such a useless muppet", "you're such a useless muppet"},
		{"YOU ARE AN IDIOT", "YOU ARE AN IDIOT"},
		{"u r a liar", "u r a liar"},
		{"the new manager is a complete clown", "is a complete clown"},
		{"she's an utter liar", "she's an utter liar"},
		// disguised spellings
		{"you 1d10t", "you 1d10t"},
		{"you absolute cl0wns", "you absolute cl0wns"},
		{"you're an id*ot", "you're an id*ot"},
		{"you're such a muppppet", "you're such a muppppet"},
		{"you're a ｍｕｐｐｅｔ", "you're a ｍｕｐｐｅｔ"},
		{"he's a lіar", "he's a lіar"}, // Cyrillic і
		{"is a c.l.o.w.n", "is a c.l.o.w.n"},
		{"you i d i o t", "you i d i o t"},
		// a sentence of its own
		{"Muppet.", "Muppet"},
		{"@someone Idiots!", "Idiots"},
		{"what a day. Clown.", "Clown"},
		{"shut up", "shut up"},
		// hashtags
		{"#YouAbsoluteClowns", "#YouAbsoluteClowns"},
		// hard negatives
		{"the clowns you booked were great", ""},
		{"the clown at the party was great", ""},
		{"you are welcome", ""},
		{"a muppet film tonight", ""},
		{"the idiom for today", ""},
		{"it is you. Idiots are everywhere", ""}, // no match across sentences
		{"#SaveOurNHS", ""},
	}
	for _, tt := range tests {
		got := seqMatches(t, d, tt.text)
		first := ""
		if len(got) > 0 {
			first = got[0]
		}
		if tt.want == "" && len(got) > 0 {
			t.Errorf("%q: unexpected matches %q", tt.text, got)
		} else if tt.want != "" && first != tt.want {
			t.Errorf("%q: first match %q, want %q (all %q)", tt.text, first, tt.want, got)
		}
	}
}

func TestSequenceSentenceOnly(t *testing.T) {
	d := buildIDDetector(t, "sequence", seqOpts)
	for _, text := range []string{"Idiots are everywhere", "the muppet show"} {
		for _, m := range seqMatches(t, d, text) {
			if strings.EqualFold(m, "idiots") || strings.EqualFold(m, "muppet") {
				t.Errorf("%q: %q matched though it is not a sentence of its own", text, m)
			}
		}
	}
}

func TestSequenceBuildErrors(t *testing.T) {
	b := Kinds()["sequence"]
	for _, opts := range []string{
		"patterns: []",
		"classes: {a: [x]}\npatterns: [\"<b>\"]",
		"classes: {a: [x], b: [y]}\npatterns: [\"<a>\"]",
		"patterns: [\"x?\"]",
		"patterns: [\"x{0,99}\"]",
		"patterns: [\"(x|y\"]",
		"patterns: [\"<a\"]",
		"patterns: [\"^?\"]",
		"patterns: [\"x\"]\nunknown: 1",
	} {
		if _, err := b(idTestOptions("kind: sequence\n"+opts), &Env{}); err == nil {
			t.Errorf("options %q: no error", opts)
		}
	}
}

func TestSplitCamel(t *testing.T) {
	for in, want := range map[string]string{
		"LyingLiberals": "Lying Liberals",
		"NHS2026":       "NHS 2026",
		"Torbay":        "",
		"nightshift":    "",
		"ABc":           "",
		"x":             "",
		"aB":            "a B",
		"a1":            "a 1",
		"1a":            "1 a",
		"GoodNight2Us":  "Good Night 2 Us",
	} {
		got, ok := splitCamel(in)
		if want == "" && ok || want != "" && got != want {
			t.Errorf("splitCamel(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
}

func BenchmarkSequence(b *testing.B) {
	d := buildIDDetector(b, "sequence", seqOpts)
	text := strings.Repeat("Thanks to everyone on the ward tonight, you were all brilliant and the patients loved it. ", 4) +
		"Whoever parked across the bay is an absolute idiot though."
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		n := 0
		d.Detect(nil, FieldText, newView(text), func(Match) { n++ })
		if n == 0 {
			b.Fatal("no match")
		}
	}
}

func newView(s string) *textnorm.View { return textnorm.New(s) }

// TestHashtagsAsExpression checks hashtags against the expression it
// stands for, over texts of the bytes that matter to it.
func TestHashtagsAsExpression(t *testing.T) {
	re := regexp.MustCompile(`#([A-Za-z][A-Za-z0-9]*)`)
	texts := []string{"", "#", "##", "#a", "a#b", "#NHS #nightshift! #1team #Team1 ##x #é #\xff", "#LyingLiberals"}
	alphabet := []byte("#aZ09 _é\xff")
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		var got [][]int
		for start, end := range hashtags(s) {
			got = append(got, []int{start, end, start + 1, end})
		}
		want := re.FindAllStringSubmatchIndex(s, -1)
		if len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: hashtags %v, the expression %v", s, got, want)
		}
	}
}
