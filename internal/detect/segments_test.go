package detect

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/postlint/postlint/internal/textnorm"
)

func TestPlanSegments(t *testing.T) {
	tests := []struct {
		expr    string
		cut     bool   // a plan exists
		seps    string // some of its separators
		notSeps string // characters that must not separate
	}{
		{`\bbed \d{1,2}\b`, true, ",.!?;:()\n", " "},
		{`\b(?:aged|age) \d{2}\b`, true, ",.!\n", " "},
		{`(?i)door code[: ]+\d{4}`, true, ",.!", ": "},
		{`bay \d+[,.]? ward`, true, "!;\n", ",. "},
		{`^bed \d`, false, "", ""},          // anchored
		{`bed \d$`, false, "", ""},          // anchored
		{`(?m)^bed`, false, "", ""},         // anchored
		{`bed.{0,20}\d`, true, "\n", ",. "}, // "." stops only at a line break
		{`\d{4}`, true, ",.", ""},           // a digit is its literal
		{`\w+`, false, "", ""},              // no literal to look for
		{`(?:bed|)`, false, "", ""},
		{`bed[^x]*4`, false, "", ""},
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		p := planSegments(re)
		if (p != nil) != tt.cut {
			t.Errorf("%q: plan %v, want %v", tt.expr, p != nil, tt.cut)
			continue
		}
		if p == nil {
			continue
		}
		for _, c := range []byte(tt.seps) {
			if !p.isSep(c) {
				t.Errorf("%q: %q should separate", tt.expr, c)
			}
		}
		for _, c := range []byte(tt.notSeps) {
			if p.isSep(c) {
				t.Errorf("%q: %q should not separate", tt.expr, c)
			}
		}
	}
}

func TestSegmentsOf(t *testing.T) {
	tests := []struct {
		expr, text string
		want       []string
	}{
		// At most 5 bytes: windows around "bed ", widened to whole words.
		{`\bbed \d\b`, "in bed 4, then bed 5. no beds! bed 6 and bed 7", []string{"bed 4", "bed 5", "bed 6", "bed 7"}},
		{`\bbed \d\b`, "bed 12345678 abed 9", []string{"bed 12345678", "abed 9"}},
		// Unbounded: whole stretches, holding a string of every set ("bed "
		// and a digit).
		{`\bbed \d+\b`, "in bed 4, then bed five. no beds! bed 6 and bed 7", []string{"in bed 4", " bed 6 and bed 7"}},
		// Overlapping windows merge; a window reaching into a word takes
		// it whole.
		{`\b\d{2} \d{2}\b`, "call 12 34 56 now, or 78", []string{"call 12 34 56 now", " or 78"}},
		{`\b\d{2} \d{2}\b`, "we call 12 34 56 now, or 78", []string{"call 12 34 56 now", " or 78"}},
		// A window neither ends inside a rune nor next to a letter.
		{`\d{2}`, "x\u00e912\u00e9y", []string{"x\u00e912\u00e9y"}},
		{`\d{2}`, "x \u00e912\u00e9 y", []string{"\u00e912\u00e9"}},
	}
	for _, tt := range tests {
		p := planSegments(mustParse(tt.expr, syntax.Perl))
		if p == nil {
			t.Fatalf("%q: no plan", tt.expr)
		}
		var parts []string
		for _, g := range p.segments(tt.text, nil) {
			parts = append(parts, tt.text[g[0]:g[1]])
		}
		if !reflect.DeepEqual(parts, tt.want) {
			t.Errorf("%q in %q: segments = %q, want %q", tt.expr, tt.text, parts, tt.want)
		}
	}
}

func TestMaxBytes(t *testing.T) {
	tests := []struct {
		expr string
		want int
	}{
		{`\b(?P<m>[a-z]{1,2}\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2})\b`, 8},
		{`bed \d{1,2}`, 6},
		{`(?:aged|turned) \d{1,3}\b(?: today)?`, 16},
		{`(?i)k`, 3}, // the Kelvin sign
		{`é{2}`, 4},
		{`.`, 4},
		{`[^a]`, 4},
		{`\d+`, -1},
		{`a*b`, -1},
		{`a{2,}`, -1},
		{`^$`, 0},
	}
	for _, tt := range tests {
		if got := maxBytes(mustParse(tt.expr, syntax.Perl).Simplify()); got != tt.want {
			t.Errorf("maxBytes(%q) = %d, want %d", tt.expr, got, tt.want)
		}
	}
}

// windowExprs are expressions of bounded length, run over windows, with
// word boundaries, case folding and runes of several bytes at their edges.
var windowExprs = []string{
	`\b(?P<m>[a-z]{1,2}\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2})\b`,
	`\Bed \d\B`,
	`(?i)k\d{1,2}`,
	`é\d{1,2}\b`,
	`\d{2}\B`,
	`\b(?:aged|turned|is) \d{1,3}\b(?: today| years)?`,
	`(?i)\b(?:bed|bay) ?\d{1,2} (?:man|lady)\b`,
	`[^a-z]\d\d[^a-z]`,
	`x.{0,3}\d`,
}

// packExpressions returns the expressions of the default pack's pattern
// rules (with exclusions), read from the YAML.
func packExpressions(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "rules", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no rule files: %v", err)
	}
	var out []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			isPattern := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == "kind" && n.Content[i+1].Value == "pattern" {
					isPattern = true
				}
			}
			for i := 0; isPattern && i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == "patterns" {
					for _, e := range n.Content[i+1].Content {
						out = append(out, e.Value)
					}
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		walk(&doc)
	}
	if len(out) < 20 {
		t.Fatalf("only %d pattern expressions found in the pack", len(out))
	}
	return out
}

// segmentDetectors returns a detector of the expressions that runs them over
// segments, and one that runs them over the whole text.
func segmentDetectors(t testing.TB, exprs []string, orig bool) (cut, whole *patternDetector) {
	t.Helper()
	cut, whole = &patternDetector{orig: orig}, &patternDetector{orig: orig}
	for _, e := range exprs {
		re := regexp.MustCompile(e)
		for _, d := range []*patternDetector{cut, whole} {
			d.res = append(d.res, re)
			d.sub = append(d.sub, re.SubexpIndex("m"))
		}
		cut.plans = append(cut.plans, planSegments(mustParse(e, syntax.Perl)))
		whole.plans = append(whole.plans, nil)
		cut.starts = append(cut.starts, planStarts(e, mustParse(e, syntax.Perl)))
	}
	return cut, whole
}

func matchesOf(d *patternDetector, text string) []Match {
	var out []Match
	d.DetectSome(nil, FieldText, textnorm.New(text), nil, func(m Match) { out = append(out, m) })
	return out
}

var segmentTexts = []string{
	"Lovely old gent in bay 4 on Ainslie today, 91 and still doing the crossword. His daughter rang, her number is 07700 900456.",
	"the lady in bed 12 (Mrs Patel, 84) was discharged. bed 3: nil by mouth!",
	"BED 4,bed 5.bed 6\nbed 7;bed 8 — the man in side room 2 on Dunlop",
	"door code is 4472# and the key safe is 1 9 8 0, please don't share",
	"aged 91, in bay 2. Aged 7 in cubicle 3! my nan, 88, is on ward 7",
	"bed4bed 5,,bed 6..",
	"ÉLODIE in bed 5, KELVIN \u212a in bay 2; invalid \xff bed 3 ok",
	"",
	"bed",
	"\nbed 1\n",
	"ab12cd 3ef sw1a 1aa, SW1A1AA Ke12 \u212a12 é12 é12é led 4 bed 4x",
	"aged 91 years, turned 7 today, is 100 is 5 x\xff\xe91 x12\u00e9\u0301 9",
	"bay 4 man bay4 lady bed 12 manly \u2022 12 34 5678 90ab",
}

// TestSegmentedMatchesWhole: over the pack's expressions, matching within
// segments finds exactly the matches of a run over the whole text.
func TestSegmentedMatchesWhole(t *testing.T) {
	exprs := append(packExpressions(t), windowExprs...)
	planned := 0
	for _, e := range exprs {
		if planSegments(mustParse(e, syntax.Perl)) != nil {
			planned++
		}
	}
	t.Logf("%d of %d pack expressions run over segments", planned, len(exprs))
	for _, orig := range []bool{false, true} {
		cut, whole := segmentDetectors(t, exprs, orig)
		for _, text := range segmentTexts {
			for _, s := range []string{text, strings.ToUpper(text), strings.Repeat(text+" ", 3)} {
				if got, want := matchesOf(cut, s), matchesOf(whole, s); !reflect.DeepEqual(got, want) {
					t.Errorf("orig=%v %q:\n got %v\nwant %v", orig, s, got, want)
				}
			}
		}
	}
}

func FuzzSegments(f *testing.F) {
	for _, s := range segmentTexts {
		f.Add(s)
	}
	exprs := append(packExpressions(f), windowExprs...)
	cut, whole := segmentDetectors(f, exprs, false)
	cutOrig, wholeOrig := segmentDetectors(f, exprs, true)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		if got, want := matchesOf(cut, s), matchesOf(whole, s); !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %v\nwant %v", s, got, want)
		}
		if got, want := matchesOf(cutOrig, s), matchesOf(wholeOrig, s); !reflect.DeepEqual(got, want) {
			t.Errorf("orig %q:\n got %v\nwant %v", s, got, want)
		}
	})
}

func mustParse(expr string, flags syntax.Flags) *syntax.Regexp {
	re, err := syntax.Parse(expr, flags)
	if err != nil {
		panic(err)
	}
	return re
}
