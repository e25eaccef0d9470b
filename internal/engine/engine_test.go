package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/rulepack"
)

const clauses = `clauses:
  "c1":
    title: Test clause
    text: A clause for tests.
`

func linter(t testing.TB, rules string) *Linter {
	t.Helper()
	fsys := fstest.MapFS{"clauses.yaml": {Data: []byte(clauses)}, "r.yaml": {Data: []byte(rules)}}
	return linterOf(t, rulepack.Layer{FS: fsys, Name: "t"})
}

// linterOf loads a pack from one layer and builds its linter.
func linterOf(t testing.TB, layer rulepack.Layer) *Linter {
	t.Helper()
	res := &detect.Resources{}
	pack, err := rulepack.Load(res, layer)
	if err != nil {
		t.Fatal(err)
	}
	l, err := New(pack, res, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func rule(extra string) string {
	return `rules:
  - id: r
    category: insult
    severity: error
    clause: c1
    message: "found {{.Match}}"
    detector: {kind: lexicon, terms: [idiot]}
` + extra
}

func TestContext(t *testing.T) {
	tests := []struct {
		name, extra, text string
		want              bool
		conf              float64
	}{
		{"plain", "", "what an idiot", true, 0.8},
		{"require met", "    context: {window: 3, require: [[you]]}\n", "you absolute idiot", true, 0.8},
		{"require far", "    context: {window: 1, require: [[you]]}\n", "you are such an idiot", false, 0},
		{"require two groups", "    context: {window: 0, require: [[you], [are]]}\n", "you are such an idiot", true, 0.8},
		{"veto", "    context: {veto: [not]}\n", "he is not an idiot", false, 0},
		{"boost", "    context: {boost: [total]}\n", "total idiot", true, 0.95},
		{"lower", "    context: {lower: [film]}\n", "the film The Idiot", true, 0.5},
		{"lower below min", "    min_confidence: 0.6\n    context: {lower: [film]}\n", "the film The Idiot", false, 0},
		{"post veto", "    context: {post_veto: [novel]}\n", "an idiot, said the novel", false, 0},
		{"allow", "    allow: [IDIOT]\n", "idiot", false, 0},
		{"when personal", "    when: {account: corporate}\n", "idiot", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := linter(t, rule(tt.extra))
			r := l.Lint(&post.Post{Text: tt.text}, nil)
			if got := len(r.Findings) > 0; got != tt.want {
				t.Fatalf("found = %v, want %v (%+v)", got, tt.want, r.Findings)
			}
			if tt.want && r.Findings[0].Confidence != tt.conf {
				t.Errorf("confidence = %v, want %v", r.Findings[0].Confidence, tt.conf)
			}
		})
	}
}

func TestSpanAndMessage(t *testing.T) {
	l := linter(t, rule("    sensitive: true\n"))
	text := "first line\n👍🏽 ＩＤＩＯＴ here"
	r := l.Lint(&post.Post{ID: "p", Text: text}, &post.Source{File: "q.jsonl", Line: 3})
	if len(r.Findings) != 1 {
		t.Fatalf("findings = %+v", r.Findings)
	}
	f := r.Findings[0]
	if got := text[f.Span.Start:f.Span.End]; got != "ＩＤＩＯＴ" {
		t.Errorf("span text = %q", got)
	}
	if f.Span.Line != 2 || f.Span.Column != 3 {
		t.Errorf("position = %d:%d, want 2:3", f.Span.Line, f.Span.Column)
	}
	if strings.Contains(f.Message, "ＩＤＩＯＴ") || f.Message != "found ＩＤＩ**" {
		t.Errorf("message %q should carry the masked match", f.Message)
	}
	if r.Verdict != finding.Block || r.Score == 0 {
		t.Errorf("verdict %s score %d", r.Verdict, r.Score)
	}
}

func TestDirective(t *testing.T) {
	l := linter(t, rule(""))
	r := l.Lint(&post.Post{Text: "idiot", Directive: &post.Directive{Ignore: []string{"r"}, Reason: "quoting a complaint"}}, nil)
	if len(r.Findings) != 1 || r.Findings[0].Suppressed == nil || r.Verdict != finding.OK {
		t.Errorf("suppression not applied: %+v", r)
	}
}

func TestDisableAndSeverity(t *testing.T) {
	fsys := fstest.MapFS{"clauses.yaml": {Data: []byte(clauses)}, "r.yaml": {Data: []byte(rule(""))}}
	res := &detect.Resources{}
	pack, err := rulepack.Load(res, rulepack.Layer{FS: fsys, Name: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(pack, res, Options{Disable: []string{"nope"}}); err == nil {
		t.Error("unknown disabled id accepted")
	}
	l, err := New(pack, res, Options{Severity: map[string]finding.Severity{"insult": finding.Info}})
	if err != nil {
		t.Fatal(err)
	}
	if r := l.Lint(&post.Post{Text: "idiot"}, nil); r.Findings[0].Severity != finding.Info || r.Verdict != finding.OK {
		t.Errorf("override not applied: %+v", r.Findings)
	}
	l, _ = New(pack, res, Options{Disable: []string{"insult"}})
	if r := l.Lint(&post.Post{Text: "idiot"}, nil); len(r.Findings) != 0 {
		t.Errorf("disabled category still runs")
	}
}

func TestStreamOrder(t *testing.T) {
	l := linter(t, rule(""))
	const n = 2000
	i := 0
	next := func() (Item, bool) {
		if i == n {
			return Item{}, false
		}
		i++
		text := "fine"
		if i%7 == 0 {
			text = "idiot"
		}
		return Item{Post: post.Post{ID: fmt.Sprint(i), Text: text}}, true
	}
	want := 1
	err := l.Stream(context.Background(), 4, next, func(r *finding.Result) error {
		if r.ID != fmt.Sprint(want) {
			return fmt.Errorf("got %s, want %d", r.ID, want)
		}
		if (want%7 == 0) != (len(r.Findings) > 0) {
			return fmt.Errorf("post %d: findings %v", want, r.Findings)
		}
		want++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want != n+1 {
		t.Errorf("saw %d results, want %d", want-1, n)
	}
}

func TestStreamCancel(t *testing.T) {
	l := linter(t, rule(""))
	ctx, cancel := context.WithCancel(context.Background())
	seen := 0
	err := l.Stream(ctx, 2, func() (Item, bool) { return Item{Post: post.Post{Text: "x"}}, true }, func(*finding.Result) error {
		seen++
		if seen == 10 {
			cancel()
		}
		return nil
	})
	if err == nil {
		t.Error("endless stream did not stop on cancel")
	}
}

func TestModelLoadedOnlyWhenNeeded(t *testing.T) {
	l := linter(t, rule(""))
	l.Lint(&post.Post{Text: "idiot Reg Cole on the ward"}, nil)
	if n := l.res.ModelLoads(); n != 0 {
		t.Errorf("entity model loaded %d times by a pack without entity rules", n)
	}
	l = linter(t, `rules:
  - id: e
    category: patient-identifier
    severity: error
    clause: c1
    message: "name {{.Match}}"
    detector: {kind: entity, labels: [PERSON], gate: [ward]}
`)
	l.Lint(&post.Post{Text: "nothing to see"}, nil)
	if n := l.res.ModelLoads(); n != 0 {
		t.Errorf("model loaded although the gate word is absent")
	}
	for range 3 {
		l.Lint(&post.Post{Text: "Reg Cole is on the ward with pneumonia"}, nil)
	}
	if n := l.res.ModelLoads(); n != 1 {
		t.Errorf("model loaded %d times, want once", n)
	}
}

func BenchmarkLintTypical(b *testing.B) {
	l := linter(b, rule("    context: {window: 4, require: [[you]], veto: [not]}\n"))
	p := &post.Post{Text: strings.Repeat("Long night on the ward but the team were brilliant, thanks all 💙 ", 4)}
	b.ReportAllocs()
	for b.Loop() {
		l.Lint(p, nil)
	}
}
