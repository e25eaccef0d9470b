package detect

import (
	"fmt"
	"reflect"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

// startTexts are texts with capitals and digits where the pack's
// expressions may start, next to word characters and not.
var startTexts = append([]string{
	"Lovely old gent in bay 4 on Ainslie today, 91 and still doing the crossword every morning. His daughter Jo Smith rang, her number is 07700 900456 #dementiacare",
	"Long night on the ward but the team were brilliant, thanks all 💙 Big shout out to the HCAs who kept everyone going. Roll on Friday! #nightshift #NHS",
	"my nan Edna, 88, is on Ward 7; poor Harry (84) from Brixham. 12 Acacia Avenue, 3b Hill Road. AbCd EfGh aJo Smith x9Bo Ng",
	"Mr O'Neil-Smith J O'Brien Anne-Marie Jones_Jo Smith 4Jo Smith é Jo Smith\xffJo Smith Jo\u212a Smith",
	"happy 100th birthday Gladys! aged 91, turned 7 today, 45m with hx of falls. 23F, 45 yo m in bed 4",
}, segmentTexts...)

// startExprs are the pack's expressions with a start plan.
func startExprs(t testing.TB) []string {
	var out []string
	for _, e := range append(packExpressions(t), windowExprs...) {
		if planStarts(e, mustParse(e, syntax.Perl)) != nil {
			out = append(out, e)
		}
	}
	return out
}

// startsAgree checks that a start plan's matches in s[from:to] are
// FindAllStringSubmatchIndex's.
func startsAgree(t *testing.T, re *regexp.Regexp, p *startPlan, s string, from, to int) {
	t.Helper()
	var got [][]int
	p.findAll(s, from, to, func(loc []int) { got = append(got, loc) })
	want := re.FindAllStringSubmatchIndex(s[from:to], -1)
	for _, loc := range want {
		shift(loc, from)
	}
	if len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) {
		t.Errorf("%.60s over %q [%d:%d]:\n got %v\nwant %v", re, s, from, to, got, want)
	}
}

// TestStartsMatchWhole: running the pack's expressions anchored where
// their matches may start finds what FindAll finds, over whole texts and
// parts of them starting and ending anywhere.
func TestStartsMatchWhole(t *testing.T) {
	exprs := startExprs(t)
	t.Logf("%d pack expressions have a start plan", len(exprs))
	if len(exprs) < 10 {
		t.Fatalf("only %d expressions with a start plan", len(exprs))
	}
	for _, e := range exprs {
		re, p := regexp.MustCompile(e), planStarts(e, mustParse(e, syntax.Perl))
		for _, text := range startTexts {
			for _, s := range []string{text, strings.ToUpper(text), strings.ToLower(text), strings.Repeat(text+" ", 2)} {
				startsAgree(t, re, p, s, 0, len(s))
				for _, cut := range [][2]int{{1, len(s)}, {len(s) / 3, len(s)}, {0, len(s) / 2}, {len(s) / 4, 3 * len(s) / 4}} {
					if cut[0] <= cut[1] {
						startsAgree(t, re, p, s, cut[0], cut[1])
					}
				}
			}
		}
	}
}

func TestPlanStarts(t *testing.T) {
	for _, tt := range []struct {
		expr  string
		first string // the ASCII bytes a match may start with; "-": no plan
	}{
		{`\b(?P<m>[A-Z][a-z]{1,15} [A-Z][a-z]+)\b`, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
		{`\b\d{1,4}[a-z]?,? road`, "0123456789"},
		{`(?:[Mm]y|[Oo]ur) friend`, "MOmo"},
		{`\(\d+\)`, "-"}, // a literal prefix
		{`x?y`, "xy"},
		{`x*`, "-"},           // may match the empty string
		{`\bx?\b`, "-"},       // likewise
		{`^x`, "-"},           // anchored
		{`(?i)kate`, "-"},     // the Kelvin sign is a k
		{`(?i)bed`, "Bb"},     //
		{`[^a-z]x`, "-"},      // any byte beyond ASCII
		{`.x`, "-"},           //
		{`’s`, "-"},           // a rune beyond ASCII
		{`(?:a{0}|b)c`, "bc"}, // a{0} matches nothing but the empty string
		{`a+b|c{2,3}`, "ac"},  //
		{`@\w+`, "-"},         // regexp finds the prefix "@" itself
		{`[a-z]+tard\b`, "-"}, // most positions of a folded text
		{`\b[a-z]+tard\b`, "abcdefghijklmnopqrstuvwxyz"}, // but at word starts only
		{`(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|zero|a|b|c|d|e|g|h|i|j|k|l|m)\b`, "-"},
		{`\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|zero|a|b|c|d|e|g|h|i|j|k|l|m)\b`, "abcdefghijklmnostz"},
	} {
		p := planStarts(tt.expr, mustParse(tt.expr, syntax.Perl))
		got := "-"
		if p != nil {
			var b strings.Builder
			for c, ok := range p.first {
				if ok {
					b.WriteByte(byte(c))
				}
			}
			got = b.String()
		}
		if got != tt.first {
			t.Errorf("planStarts(%q) starts with %q, want %q", tt.expr, got, tt.first)
		}
	}
}

// TestPlanWordStart checks which plans know that no match starts inside a
// word: every match begins with \b before a word character.
func TestPlanWordStart(t *testing.T) {
	for _, tt := range []struct {
		expr string
		want bool
	}{
		{`\b(?P<m>[A-Z][a-z]{1,15} [A-Z][a-z]+)\b`, true},
		{`\b(?P<m>(?:aged|age|turned) \d{1,3})\b`, true},
		{`(?:\bmy|\bour) friend`, true},
		{`(?:\bmy|our) friend`, false},     // "our" may start inside a word
		{`(?:[Mm]y|[Oo]ur) friend`, false}, //
		{`\b(?:x|-)y`, false},              // '-' is no word character
		{`[xy]\b-`, false},                 // no \b before the first byte
	} {
		p := planStarts(tt.expr, mustParse(tt.expr, syntax.Perl))
		if p == nil {
			t.Fatalf("planStarts(%q): no plan", tt.expr)
		}
		if p.wordStart != tt.want {
			t.Errorf("planStarts(%q).wordStart = %v, want %v", tt.expr, p.wordStart, tt.want)
		}
	}
}

// startPlans compiles each expression and plans where its matches start.
func startPlans(exprs []string) ([]*regexp.Regexp, []*startPlan) {
	res := make([]*regexp.Regexp, len(exprs))
	plans := make([]*startPlan, len(exprs))
	for i, e := range exprs {
		res[i] = regexp.MustCompile(e)
		plans[i] = planStarts(e, mustParse(e, syntax.Perl))
	}
	return res, plans
}

func FuzzStarts(f *testing.F) {
	for _, s := range startTexts {
		f.Add(s, 0, len(s))
	}
	exprs := startExprs(f)
	res, plans := startPlans(exprs)
	f.Fuzz(func(t *testing.T, s string, from, to int) {
		if len(s) > 2048 {
			return
		}
		from, to = max(from, 0), min(to, len(s))
		if from > to {
			return
		}
		for i, p := range plans {
			var got [][]int
			p.findAll(s, from, to, func(loc []int) { got = append(got, loc) })
			want := res[i].FindAllStringSubmatchIndex(s[from:to], -1)
			for _, loc := range want {
				shift(loc, from)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%.60s over %q [%d:%d]:\n got %v\nwant %v", exprs[i], s, from, to, got, want)
			}
		}
	})
}

// BenchmarkStarts runs the pack's expressions that have a start plan over
// drafts, their folded forms and the segment texts: over each whole text
// ("whole"), and anchored where their matches may start ("starts").
func BenchmarkStarts(b *testing.B) {
	var texts []string
	for _, s := range startTexts {
		texts = append(texts, s, strings.ToLower(s))
	}
	res, plans := startPlans(startExprs(b))
	for _, p := range plans {
		p.compile()
	}
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			for _, s := range texts {
				for _, re := range res {
					re.FindAllStringSubmatchIndex(s, -1)
				}
			}
		}
	})
	b.Run("starts", func(b *testing.B) {
		for b.Loop() {
			for _, s := range texts {
				for _, p := range plans {
					p.findAll(s, 0, len(s), func([]int) {})
				}
			}
		}
	})
}
