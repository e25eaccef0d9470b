package rulepack

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/postlint/postlint/internal/detect"
)

const clauses = `clauses:
  "9.6.1 b6":
    title: Insults
    text: Do not insult people.
`

const goodRule = `rules:
  - id: swearing
    category: insult
    severity: warning
    clause: "9.6.1 b6"
    message: "Swearing: {{.Match}}"
    detector:
      kind: lexicon
      terms: [damn, "@lists/extra.txt"]
    examples:
      flag: ["damn it"]
      pass: ["dam it"]
`

func TestLoadGood(t *testing.T) {
	fsys := fstest.MapFS{
		"clauses.yaml":    {Data: []byte(clauses)},
		"insult.yaml":     {Data: []byte(goodRule)},
		"lists/extra.txt": {Data: []byte("# a list\nblast\n")},
	}
	p, err := Load(&detect.Resources{}, Layer{FS: fsys, Name: "pack"})
	if err != nil {
		t.Fatal(err)
	}
	r := p.Rule("swearing")
	if r == nil || r.Clause.Title != "Insults" || len(r.Examples.Flag) != 1 || r.Line != 2 {
		t.Fatalf("rule = %+v", r)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, rule, want string
	}{
		{"unknown field", strings.Replace(goodRule, "    severity: warning", "    severity: warning\n    sevrity: error", 1), `pack/insult.yaml:5:5: unknown field "sevrity"`},
		{"empty key", strings.Replace(goodRule, "    severity: warning", "    severity: warning\n    \"\": x", 1), `pack/insult.yaml:5:5: unknown field ""`},
		{"key twice", strings.Replace(goodRule, "    severity: warning", "    severity: warning\n    severity: error", 1), `pack/insult.yaml:5:5: field "severity" given twice`},
		{"unknown option", strings.Replace(goodRule, "      kind: lexicon", "      kind: lexicon\n      term: [x]", 1), `pack/insult.yaml:9:7: unknown field "term"`},
		{"missing clause", strings.Replace(goodRule, `clause: "9.6.1 b6"`, `clause: "9.9"`, 1), `pack/insult.yaml:5:13: rule swearing: clause "9.9" is not in clauses.yaml`},
		{"bad regex", strings.Replace(goodRule, "kind: lexicon\n      terms: [damn, \"@lists/extra.txt\"]", "kind: pattern\n      patterns: [\"(unclosed\"]", 1), `pack/insult.yaml:8:7: rule swearing: pattern "(unclosed"`},
		{"bad category", strings.Replace(goodRule, "category: insult", "category: rudeness", 1), `pack/insult.yaml:3:15: rule swearing: unknown category "rudeness"`},
		{"bad severity", strings.Replace(goodRule, "severity: warning", "severity: fatal", 1), `pack/insult.yaml:4:15: rule swearing: unknown severity "fatal"`},
		{"unknown kind", strings.Replace(goodRule, "kind: lexicon", "kind: magic", 1), `unknown detector kind "magic"`},
		{"duplicate id", goodRule + strings.TrimPrefix(goodRule, "rules:\n"), `pack/insult.yaml:13:5: duplicate rule id "swearing" (first defined at pack/insult.yaml:2)`},
		{"missing list", strings.Replace(goodRule, "extra.txt", "nope.txt", 1), `list lists/nope.txt: not found`},
		{"bad template", strings.Replace(goodRule, "{{.Match}}", "{{.Match", 1), `rule swearing: message:`},
		{"bad id", strings.Replace(goodRule, "id: swearing", "id: Swearing Rule", 1), `must be lower-case`},
		{"yaml syntax", goodRule + "  - [\n", `pack/insult.yaml: `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := insultPack(tt.rule)
			_, err := Load(&detect.Resources{}, Layer{FS: fsys, Name: "pack"})
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q\ndoes not contain %q", err, tt.want)
			}
		})
	}
}

// insultPack is a pack of the test clauses, one rule file (insult.yaml)
// and the list it may include.
func insultPack(rule string) fstest.MapFS {
	return fstest.MapFS{
		"clauses.yaml":    {Data: []byte(clauses)},
		"insult.yaml":     {Data: []byte(rule)},
		"lists/extra.txt": {Data: []byte("blast\n")},
	}
}

func TestLayerOverride(t *testing.T) {
	base := insultPack(goodRule)
	org := fstest.MapFS{"mine.yaml": {Data: []byte(strings.Replace(goodRule, "severity: warning", "severity: error", 1))}}
	p, err := Load(&detect.Resources{}, Layer{FS: base, Name: "rules"}, Layer{FS: org, Name: "org"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rules) != 1 || p.Rules[0].Severity.String() != "error" || p.Rules[0].File != "org/mine.yaml" {
		t.Errorf("override not applied: %+v", p.Rules[0])
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(goodRule)
	f.Add("rules: [{id: x}]")
	f.Add("a: &a [*a, *a]\nrules: *a")
	f.Add(strings.Replace(goodRule, "    examples:", "    context:\n      also:\n        - field: reply\n          sentiment: lists\n          min_negativity: 0.4\n          unless: [x]\n    examples:", 1))
	f.Fuzz(func(t *testing.T, rule string) {
		fsys := fstest.MapFS{"clauses.yaml": {Data: []byte(clauses)}, "r.yaml": {Data: []byte(rule)}, "lists/extra.txt": {Data: []byte("x\n")}}
		_, _ = Load(&detect.Resources{}, Layer{FS: fsys, Name: "pack"})
	})
}

// TestLazyLayer checks that a lazy layer compiles a rule's parts only when
// asked, and that an error it finds then still names the file and line.
func TestLazyLayer(t *testing.T) {
	good := strings.Replace(goodRule, "    examples:", "    context:\n      require: [[it]]\n      veto: [\"@lists/extra.txt\"]\n    examples:", 1)
	bad := strings.Replace(goodRule, "kind: lexicon\n      terms: [damn, \"@lists/extra.txt\"]", "kind: pattern\n      patterns: [\"(unclosed\"]", 1)
	tests := []struct {
		name, rule, wantErr string
	}{
		{"good", good, ""},
		{"bad regex", bad, `pack/insult.yaml:8:7: rule swearing: pattern "(unclosed"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := insultPack(tt.rule)
			p, err := Load(&detect.Resources{}, Layer{FS: fsys, Name: "pack", Lazy: true})
			if err != nil {
				t.Fatalf("a lazy layer reported %v at Load", err)
			}
			r := p.Rule("swearing")
			if r.det != nil || r.ctx.Require != nil || r.ctx.Veto != nil {
				t.Fatal("a lazy rule was compiled at Load")
			}
			err = p.Compile()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if r.Detector() == nil || len(r.Gate().Require) != 1 || r.Context().Veto.Len() != 1 {
					t.Errorf("compiled rule lacks its parts: %+v", r.ctx)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Compile: %v, want %q", err, tt.wantErr)
			}
			defer func() {
				if msg := fmt.Sprint(recover()); !strings.Contains(msg, tt.wantErr) {
					t.Errorf("Detector panicked with %q, want %q", msg, tt.wantErr)
				}
			}()
			r.Detector()
		})
	}
}

// TestLazyStages checks that the gate compiles without the detector and the
// rest of the context, as a draft that meets no require group needs.
func TestLazyStages(t *testing.T) {
	rule := strings.Replace(goodRule, "    examples:", "    context:\n      require: [[it]]\n      veto: [\"@lists/extra.txt\"]\n    examples:", 1)
	fsys := insultPack(rule)
	p, err := Load(&detect.Resources{}, Layer{FS: fsys, Name: "pack", Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	r := p.Rule("swearing")
	if g := r.Gate(); len(g.Require) != 1 || g.PostVeto == nil {
		t.Fatalf("gate = %+v", g)
	}
	if r.det != nil || r.ctx.Veto != nil {
		t.Error("Gate compiled more than the gate")
	}
	if c := r.Context(); c.Veto.Len() != 1 || c.Window != 8 || c.BoostBy != 0.15 {
		t.Errorf("context = %+v", c)
	}
}
