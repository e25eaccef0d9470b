package rules_test

import (
	"testing"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/engine"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/rules"
)

func load(t *testing.T) *engine.Linter {
	t.Helper()
	res := &detect.Resources{}
	pack, err := rulepack.Load(res, rulepack.Layer{FS: rules.FS(), Name: "rules"})
	if err != nil {
		t.Fatalf("loading the default pack:\n%v", err)
	}
	l, err := engine.New(pack, res, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestExamples runs every rule's own flag and pass examples.
func TestExamples(t *testing.T) {
	l := load(t)
	for _, r := range l.Pack().Rules {
		t.Run(r.ID, func(t *testing.T) {
			for _, ex := range r.Examples.Flag {
				p := ex.Post
				if len(l.LintRule(r, &p)) == 0 {
					t.Errorf("%s:%d: flag example did not fire: %q", r.File, ex.Line, p.Text)
				}
			}
			for _, ex := range r.Examples.Pass {
				p := ex.Post
				if fs := l.LintRule(r, &p); len(fs) > 0 {
					t.Errorf("%s:%d: pass example fired on %q: %q", r.File, ex.Line, fs[0].Match, p.Text)
				}
			}
		})
	}
}

// TestCoverage holds the pack to covering every category with at least one
// rule that has three flag and three pass examples.
func TestCoverage(t *testing.T) {
	l := load(t)
	covered := map[string]bool{}
	for _, r := range l.Pack().Rules {
		if len(r.Examples.Flag) >= 3 && len(r.Examples.Pass) >= 3 {
			covered[r.Category] = true
		}
		if len(r.Examples.Flag) == 0 || len(r.Examples.Pass) == 0 {
			t.Errorf("%s:%d: rule %s needs flag and pass examples", r.File, r.Line, r.ID)
		}
	}
	for _, c := range rulepack.Categories() {
		if !covered[c] {
			t.Errorf("category %s has no rule with three flag and three pass examples", c)
		}
	}
}

// TestLazyPackCompiles compiles in full the pack as the command loads it,
// each rule at its first use: no rule of it may fail to compile then (it
// would panic), and every detector must be of the shape the engine
// expects from its kind before building it (detect.PostKind).
func TestLazyPackCompiles(t *testing.T) {
	pack, err := rulepack.Load(&detect.Resources{}, rulepack.Layer{FS: rules.FS(), Name: "rules", Lazy: true})
	if err != nil {
		t.Fatalf("loading the default pack lazily:\n%v", err)
	}
	if err := pack.Compile(); err != nil {
		t.Fatalf("compiling the default pack:\n%v", err)
	}
	kinds := map[string]bool{}
	for _, r := range pack.Rules {
		kinds[r.Kind] = true
		_, post := r.Detector().(detect.PostDetector)
		if post != detect.PostKind(r.Kind) {
			t.Errorf("%s:%d: rule %s: kind %s builds a PostDetector: %v; detect.PostKind says %v", r.File, r.Line, r.ID, r.Kind, post, detect.PostKind(r.Kind))
		}
	}
	for k := range detect.Kinds() {
		if !kinds[k] {
			t.Errorf("no rule of kind %s: detect.PostKind is not checked for it", k)
		}
	}
}
