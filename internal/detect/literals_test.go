package detect

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

func TestRequiredLiterals(t *testing.T) {
	digits := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
	tests := []struct {
		re   string
		want [][]string // nil: no requirement
	}{
		{`idiot`, [][]string{{"idiot"}}},
		{`(?i)Idiot`, [][]string{{"idiot"}}},
		{`colou?r`, [][]string{{"color", "colour"}}},
		{`\bnhs (no|number)\b`, [][]string{{"nhs no", "nhs number"}}},
		{`@\w*(news|radio)\w*`, [][]string{{"news", "radio"}, {"@"}}},
		{`\d{3} \d{3} \d{4}`, [][]string{digits, {" "}}},
		{`[a-z]+`, nil},
		{`x*`, nil},
		{`(a|b*)c?`, nil},
		{`.*`, nil},
		{`(?i)straße`, nil}, // case folding beyond ASCII
		{`a|`, nil},
		{`(?i)k`, [][]string{{"k"}}},
		{`[A-Z][a-z]+ (Road|Street)`, [][]string{{" road", " street"}}},
		{`(man|woman) (in|on) [a-z]+ (bed|bay) \d`, [][]string{{"man in ", "man on "}, {" bed 0", " bed 1", " bed 2", " bed 3", " bed 4", " bed 5", " bed 6", " bed 7", " bed 8", " bed 9", " bay 0", " bay 1", " bay 2", " bay 3", " bay 4", " bay 5", " bay 6", " bay 7", " bay 8", " bay 9"}}},
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got := RequiredLiterals(re)
		for _, set := range got {
			slices.Sort(set)
		}
		for _, set := range tt.want {
			slices.Sort(set)
		}
		if !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("%s: %q, want %q", tt.re, got, tt.want)
		}
	}
}

// FuzzRequiredLiterals checks the one promise of RequiredLiterals: wherever
// the expression matches, one of the literals is in the lowered text.
func FuzzRequiredLiterals(f *testing.F) {
	for _, s := range [][2]string{
		{`(?i)@\w*(news|herald)\w*`, "ask @DevonNEWS now"},
		{`\b(?P<m>[a-z]\d{6,7})\b`, "mrn k1234567 on bed 4"},
		{`(?i)\bK(elvin)?\b`, "the \u212a sign"},
		{`colou?r|hue`, "Colour"},
		{`(ab|cd)+e{2,3}[xyz]`, "ababeey"},
		{`[^a-z]+`, "ABC"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, text string) {
		parsed, err := syntax.Parse(pattern, syntax.Perl)
		if err != nil {
			return
		}
		re, err := regexp.Compile(pattern)
		if err != nil {
			return
		}
		if !re.MatchString(text) {
			return
		}
		low := LowerLiterals(text)
		for _, set := range RequiredLiterals(parsed) {
			if !slices.ContainsFunc(set, func(l string) bool { return strings.Contains(low, l) }) {
				t.Fatalf("%q matches %q but none of %q is in %q", pattern, text, set, low)
			}
		}
	})
}

func TestRequiredDigits(t *testing.T) {
	tests := []struct {
		re   string
		want int
	}{
		{`idiot`, 0},
		{`\d{3} \d{3} \d{4}`, 10},
		{`[a-z]\d{6,7}`, 6},
		{`\b(?P<m>[a-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[a-d])\b`, 6},
		{`bed ?\d{1,3}`, 1},
		{`(\d\d|x)`, 0},
		{`(\d\d|\d)`, 1},
		{`\d*`, 0},
		{`\d+`, 1},
		{`(?:\d{2}){3}`, 6},
		{`[0-9a]`, 0},
		{`[2-5]`, 1},
		{`999`, 3},
		{`\pN`, 0},
		{`\d?`, 0},
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := RequiredDigits(re); got != tt.want {
			t.Errorf("RequiredDigits(%s) = %d, want %d", tt.re, got, tt.want)
		}
	}
	// Every match of an expression holds at least that many digits.
	texts := []string{"ab 12 34 56 c", "bed 4, 07700 900123", "x1y22z333", "12345678901234", "٣٤٥ ４５６ 7"}
	for _, tt := range tests {
		re := regexp.MustCompile(tt.re)
		for _, s := range texts {
			for _, m := range re.FindAllString(s, -1) {
				if CountDigits(m) < tt.want {
					t.Errorf("%s matches %q with fewer than %d digits", tt.re, m, tt.want)
				}
			}
		}
	}
}
