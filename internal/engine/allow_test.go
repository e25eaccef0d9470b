package engine

import (
	"testing"
	"testing/fstest"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/rulepack"
)

// allowRules flags any email address (category insecure-messaging), a
// titled name (patient-identifier) and a phone-like number (phone-number).
const allowRules = `rules:
  - id: email
    category: insecure-messaging
    severity: error
    clause: c1
    message: "email {{.Match}}"
    detector: {kind: pattern, on: orig, patterns: ['[\w.+-]+@[\w-]+(?:\.[\w-]+)+']}
  - id: name
    category: patient-identifier
    severity: error
    clause: c1
    message: "name {{.Match}}"
    detector: {kind: pattern, on: orig, patterns: ['\b(?:Mrs|Mr) [A-Z][a-z]+(?: [A-Z][a-z]+)?']}
  - id: number
    category: phone-number
    severity: error
    clause: c1
    message: "number {{.Match}}"
    detector: {kind: pattern, on: orig, patterns: ['\b0\d{4} ?\d{6}\b']}
`

func allowLinter(t *testing.T, opts Options) *Linter {
	t.Helper()
	fsys := fstest.MapFS{"clauses.yaml": {Data: []byte(clauses)}, "r.yaml": {Data: []byte(allowRules)}}
	res := &detect.Resources{}
	pack, err := rulepack.Load(res, rulepack.Layer{FS: fsys, Name: "t"})
	if err != nil {
		t.Fatal(err)
	}
	l, err := New(pack, res, opts)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestOptionsAllow(t *testing.T) {
	l := allowLinter(t, Options{Allow: map[string][]string{
		"insecure-messaging": {"@nhs.net", "*@torbay.example"},
		"name":               {"Doris Ellis"},
		"phone-number":       {"+44 1803 217398"},
	}})
	tests := []struct {
		text string
		want int
	}{
		{"write to jo.bloggs@nhs.net", 0},
		{"write to jo@mail.nhs.net", 0},
		{"write to jo@torbay.example", 0},
		{"write to jo@team.torbay.example", 1}, // a suffix, not a domain
		{"write to jo@gmail.com", 1},
		{"write to jo@notnhs.net", 1},
		{"Mrs Doris Ellis says thank you", 0},
		{"Doris Ellis says thank you", 0},
		{"Mrs Ellis says thank you", 1},
		{"call 01803 217398", 0},
		{"call 01803 217399", 1},
	}
	for _, tt := range tests {
		r := l.Lint(&post.Post{Text: tt.text}, nil)
		if len(r.Findings) != tt.want {
			t.Errorf("%q: %d findings %+v, want %d", tt.text, len(r.Findings), r.Findings, tt.want)
		}
	}
}

func TestOptionsAllowUnknownID(t *testing.T) {
	fsys := fstest.MapFS{"clauses.yaml": {Data: []byte(clauses)}, "r.yaml": {Data: []byte(allowRules)}}
	res := &detect.Resources{}
	pack, err := rulepack.Load(res, rulepack.Layer{FS: fsys, Name: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(pack, res, Options{Allow: map[string][]string{"nope": {"x"}}}); err == nil {
		t.Error("allow-list for an unknown id accepted")
	}
	// A stable category without rules in this pack is a known id.
	if _, err := New(pack, res, Options{Disable: []string{"workplace-photo"}}); err != nil {
		t.Errorf("disabling a stable category: %v", err)
	}
}

func TestDirectiveWithoutReason(t *testing.T) {
	l := linter(t, rule(""))
	r := l.Lint(&post.Post{ID: "p", Text: "idiot", Directive: &post.Directive{Ignore: []string{"r"}}}, nil)
	if len(r.Findings) != 2 {
		t.Fatalf("findings = %+v, want the original and a warning", r.Findings)
	}
	var orig, warn *finding.Finding
	for i := range r.Findings {
		if r.Findings[i].Rule == DirectiveRule {
			warn = &r.Findings[i]
		} else {
			orig = &r.Findings[i]
		}
	}
	if orig == nil || orig.Suppressed != nil {
		t.Errorf("a suppression without a reason must not suppress: %+v", orig)
	}
	if warn == nil || warn.Severity != finding.Warning || warn.Category != "insult" || warn.Message == "" || warn.Field != detect.FieldPost {
		t.Errorf("warning = %+v", warn)
	}
	if r.Verdict != finding.Block {
		t.Errorf("verdict = %s, want block", r.Verdict)
	}
}

func TestDirectiveUnknownID(t *testing.T) {
	l := linter(t, rule(""))
	r := l.Lint(&post.Post{Text: "idiot", Directive: &post.Directive{Ignore: []string{"r", "no-such-rule"}, Reason: "quoting"}}, nil)
	var warns, suppressed int
	for _, f := range r.Findings {
		if f.Rule == DirectiveRule {
			warns++
		} else if f.Suppressed != nil {
			suppressed++
		}
	}
	if warns != 1 || suppressed != 1 {
		t.Errorf("findings = %+v, want the suppressed one and one warning", r.Findings)
	}
}

func TestDirectiveRuleOptions(t *testing.T) {
	fsys := fstest.MapFS{"clauses.yaml": {Data: []byte(clauses)}, "r.yaml": {Data: []byte(rule(""))}}
	res := &detect.Resources{}
	pack, err := rulepack.Load(res, rulepack.Layer{FS: fsys, Name: "t"})
	if err != nil {
		t.Fatal(err)
	}
	p := &post.Post{Text: "fine", Directive: &post.Directive{Ignore: []string{"r"}}}
	l, err := New(pack, res, Options{Severity: map[string]finding.Severity{DirectiveRule: finding.Error}})
	if err != nil {
		t.Fatal(err)
	}
	if r := l.Lint(p, nil); len(r.Findings) != 1 || r.Findings[0].Severity != finding.Error {
		t.Errorf("severity override: %+v", r.Findings)
	}
	l, err = New(pack, res, Options{Disable: []string{DirectiveRule}})
	if err != nil {
		t.Fatal(err)
	}
	if r := l.Lint(p, nil); len(r.Findings) != 0 {
		t.Errorf("disabled: %+v", r.Findings)
	}
}
