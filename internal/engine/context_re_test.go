package engine

import (
	"testing"
	"testing/fstest"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/rulepack"
)

const reClauses = `clauses:
  "x":
    title: Test
    text: A test clause.
`

func reRule(context string) string {
	return `rules:
  - id: t
    category: legal-risk
    severity: warning
    clause: "x"
    message: "m"
    detector:
      kind: lexicon
      terms: [fraud, liar]
    context:
` + context + `
    examples:
      flag: ["x"]
      pass: ["y"]
`
}

func reLoad(t *testing.T, context string) (*Linter, *rulepack.Pack, error) {
	t.Helper()
	fsys := fstest.MapFS{
		"clauses.yaml":    {Data: []byte(reClauses)},
		"t.yaml":          {Data: []byte(reRule(context))},
		"lists/names.txt": {Data: []byte("# names\nre:\\b(?:Dr|Cllr)\\.? [A-Z]\n")},
	}
	res := &detect.Resources{}
	pack, err := rulepack.Load(res, rulepack.Layer{FS: fsys, Name: "pack"})
	if err != nil {
		return nil, nil, err
	}
	l, err := New(pack, res, Options{})
	return l, pack, err
}

func TestContextPatterns(t *testing.T) {
	tests := []struct {
		name, context, text string
		want                bool
	}{
		{"require: a pattern satisfies the group", "      window: 4\n      require: [['re:@\\w+']]",
			"@jo_bloggs is a liar", true},
		{"require: the '@' just before the window's first word counts", "      window: 3\n      require: [['re:@\\w+']]",
			"well @jo is a liar", true},
		{"require: pattern outside the window", "      window: 2\n      require: [['re:@\\w+']]",
			"@jo said hello to everyone on the ward today and then called me a liar", false},
		{"require: words and patterns mix in one group", "      window: 4\n      require: [[manager, 're:\\bDr [A-Z]']]",
			"our manager is a liar", true},
		{"require: patterns are case-sensitive", "      window: 4\n      require: [['re:\\bDr [A-Z]']]",
			"dr jones is a liar", false},
		{"require: (?i) ignores case", "      window: 4\n      require: [['re:(?i)\\bdr [a-z]']]",
			"dr jones is a liar", true},
		{"require: patterns from a list file", "      window: 4\n      require: [['@lists/names.txt']]",
			"Cllr Moss is a liar", true},
		{"veto pattern", "      window: 4\n      veto: ['re:(?i)#\\w*fraud']",
			"#StopFraud week: fraud costs the NHS", false},
		{"veto pattern absent", "      window: 4\n      veto: ['re:#\\w*fraud']",
			"they are committing fraud", true},
		{"post_veto pattern", "      post_veto: ['re:https?://']",
			"fraud case reported at https://example.org", false},
		{"some: a pattern counts for its group", "      window: 6\n      some:\n        min: 2\n        groups: [[manager], ['re:@\\w+']]",
			"my manager @jo is a liar", true},
		{"some: pattern absent, group not counted", "      window: 6\n      some:\n        min: 2\n        groups: [[manager], ['re:@\\w+']]",
			"my manager is a liar", false},
		{"some: patterns from a list file", "      window: 6\n      some:\n        min: 2\n        groups: [[says], ['@lists/names.txt']]",
			"Cllr Moss says he is a liar", true},
		{"lower pattern drops below min_confidence", "      lower: ['re:\\?$']\n      lower_by: 0.5",
			"is he a liar?", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, pack, err := reLoad(t, tt.context)
			if err != nil {
				t.Fatal(err)
			}
			p := post.Post{Text: tt.text}
			if got := len(l.LintRule(pack.Rules[0], &p)) > 0; got != tt.want {
				t.Errorf("fired = %v, want %v", got, tt.want)
			}
		})
	}
	if _, _, err := reLoad(t, "      veto: ['re:(unclosed']"); err == nil {
		t.Error("a bad pattern loaded without error")
	}
}
