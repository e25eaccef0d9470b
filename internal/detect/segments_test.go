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
	re := mustParse(`\bbed \d\b`, syntax.Perl)
	p := planSegments(re)
	if p == nil {
		t.Fatal("no plan")
	}
	s := "in bed 4, then bed 5. no beds! bed 6 and bed 7"
	got := p.segments(s, nil)
	var parts []string
	for _, g := range got {
		parts = append(parts, s[g[0]:g[1]])
	}
	want := []string{"in bed 4", " then bed 5", " bed 6 and bed 7"} // "beds" lacks "bed "
	if !reflect.DeepEqual(parts, want) {
		t.Errorf("segments = %q, want %q", parts, want)
	}
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
}

// TestSegmentedMatchesWhole: over the pack's expressions, matching within
// segments finds exactly the matches of a run over the whole text.
func TestSegmentedMatchesWhole(t *testing.T) {
	exprs := packExpressions(t)
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
	exprs := packExpressions(f)
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
