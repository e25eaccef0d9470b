package rulepack

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/rules"
)

// TestSkipExamplesSameRules loads the default pack with and without its
// examples and checks that every rule is the same but for them, down to
// the lines and columns its parts are reported at.
func TestSkipExamplesSameRules(t *testing.T) {
	full, err := Load(&detect.Resources{}, Layer{FS: rules.FS(), Name: "rules", Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	bare, err := Load(&detect.Resources{}, Layer{FS: rules.FS(), Name: "rules", Lazy: true, SkipExamples: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Rules) != len(bare.Rules) {
		t.Fatalf("%d rules with examples, %d without", len(full.Rules), len(bare.Rules))
	}
	for i, f := range full.Rules {
		b := bare.Rules[i]
		if len(b.Examples.Flag)+len(b.Examples.Pass) > 0 {
			t.Errorf("%s: %d examples left", b.ID, len(b.Examples.Flag)+len(b.Examples.Pass))
		}
		if len(f.Examples.Flag) == 0 {
			t.Errorf("%s: no examples in the full load", f.ID)
		}
		if got, want := ruleParts(b), ruleParts(f); !reflect.DeepEqual(got, want) {
			t.Errorf("%s differs without its examples:\n%+v\nwant\n%+v", f.ID, got, want)
		}
	}
	if err := bare.Compile(); err != nil {
		t.Fatal(err)
	}
}

// ruleParts is what a rule is made of but for its examples and compiled
// parts, comparable with reflect.DeepEqual.
func ruleParts(r *Rule) any {
	// A rule without a context reports context errors at the rule, whose
	// node then holds the examples: its place is what counts.
	type parts struct {
		ID, Category, Clause, Message, Suggestion, Description, Kind, File string
		Severity                                                           string
		Confidence, MinConfidence                                          float64
		Sensitive                                                          bool
		Fields                                                             []string
		When                                                               When
		Allow                                                              map[string]bool
		Line, Col, ContextLine, ContextCol                                 int
		Detector                                                           yaml.Node
		Context                                                            contextSpec
		Scalars                                                            Context
	}
	return parts{
		ID: r.ID, Category: r.Category, Clause: r.Clause.ID, Message: r.MessageSrc, Suggestion: r.SuggestionSrc,
		Description: r.Description, Kind: r.Kind, File: r.File, Severity: r.Severity.String(),
		Confidence: r.Confidence, MinConfidence: r.MinConfidence, Sensitive: r.Sensitive, Fields: r.Fields,
		When: r.When, Allow: r.Allow, Line: r.Line, Col: r.Col,
		ContextLine: r.src.contextNode.Line, ContextCol: r.src.contextNode.Column,
		Detector: *r.src.detector, Context: *r.src.context, Scalars: r.ctx,
	}
}

func TestCutExamples(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"last key", "rules:\n  - id: a\n    examples:\n      flag: [x]\n\n      pass:\n        - y\n  - id: b\n",
			"rules:\n  - id: a\n\n\n\n\n\n  - id: b\n"},
		{"keys after", "rules:\n  - id: a\n    examples: {flag: [x],\n      pass: [y]}\n    # a comment\n    message: m\n",
			"rules:\n  - id: a\n\n\n\n    message: m\n"},
		{"comment in examples", "rules:\n  - id: a\n    examples:\n      flag:\n# aside\n        - x\n    kind: k\n",
			"rules:\n  - id: a\n\n\n\n\n    kind: k\n"},
		{"block scalar", "rules:\n  - id: a\n    description: |\n      text\n      examples: kept\n        kept too\n    examples:\n      - x\n",
			"rules:\n  - id: a\n    description: |\n      text\n      examples: kept\n        kept too\n\n\n"},
		{"deeper key", "rules:\n  - id: a\n    detector:\n      examples: [x]\n", "rules:\n  - id: a\n    detector:\n      examples: [x]\n"},
		{"other name", "rules:\n  - id: a\n    examples_more: x\n", "rules:\n  - id: a\n    examples_more: x\n"},
		{"crlf", "rules:\r\n  - id: a\r\n    examples:\r\n      flag: [x]\r\n  - id: b\r\n", "rules:\r\n  - id: a\r\n\n\n  - id: b\r\n"},
		{"list at the key's indentation", "rules:\n- id: a\n  examples:\n    flag: [x]\n- id: b\n", "rules:\n- id: a\n\n\n- id: b\n"},
		{"flow list", "rules: [{id: a, examples: {flag: [x]}}]\n", "rules: [{id: a, examples: {flag: [x]}}]\n"},
		{"other top-level key", "other:\n  - id: a\n    examples: x\n", "other:\n  - id: a\n    examples: x\n"},
		{"no list", "rules:\n  id: a\n  examples: x\n", "rules:\n  id: a\n  examples: x\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(cutExamples([]byte(tt.in))); got != tt.want {
				t.Errorf("cutExamples(%q)\n = %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestSkipExamplesErrorLines checks that an error in a rule after one
// whose examples were cut still names its line.
func TestSkipExamplesErrorLines(t *testing.T) {
	second := strings.Replace(strings.TrimPrefix(goodRule, "rules:\n"), "id: swearing", "id: cursing", 1)
	second = strings.Replace(second, "category: insult", "category: rudeness", 1)
	fsys := fstest.MapFS{
		"clauses.yaml":    {Data: []byte(clauses)},
		"insult.yaml":     {Data: []byte(goodRule + second)},
		"lists/extra.txt": {Data: []byte("blast\n")},
	}
	_, err := Load(&detect.Resources{}, Layer{FS: fsys, Name: "pack", Lazy: true, SkipExamples: true})
	if want := `pack/insult.yaml:14:15: rule cursing: unknown category "rudeness"`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
}

// BenchmarkLoadDefault loads the default pack lazily, as the command does:
// with its examples (rules test, explain) and without (check, serve).
func BenchmarkLoadDefault(b *testing.B) {
	for _, skip := range []bool{false, true} {
		name := "examples"
		if skip {
			name = "no-examples"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Load(&detect.Resources{}, Layer{FS: rules.FS(), Name: "rules", Lazy: true, SkipExamples: skip}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
