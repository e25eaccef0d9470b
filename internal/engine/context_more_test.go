package engine

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/rulepack"
)

const moreClauses = `clauses:
  "x":
    title: Test
    text: A test clause.
`

// moreRule is a rule template: the context block is filled in per case.
func moreRule(fields, context string) string {
	return `rules:
  - id: t
    category: insecure-messaging
    severity: warning
    clause: "x"
    message: "m"
    fields: ` + fields + `
    detector:
      kind: lexicon
      terms: [whatsapp, reporter]
    context:
` + context + `
    examples:
      flag: ["x"]
      pass: ["y"]
`
}

func TestMoreContext(t *testing.T) {
	reply := func(text, author, reply string) post.Post {
		return post.Post{Text: text, ReplyTo: &post.Reply{Author: author, Text: reply}}
	}
	tests := []struct {
		name, fields, context string
		post                  post.Post
		want                  bool
	}{
		{"near veto drops a negation next to the match", "[text]",
			"      require: [[bloods]]\n      near_veto: [never, not]",
			post.Post{Text: "bloods never go on whatsapp"}, false},
		{"near veto ignores words outside near", "[text]",
			"      require: [[bloods]]\n      near_veto: [never, not]",
			post.Post{Text: "whatsapp me the bloods for bed 4 please, not urgent"}, true},
		{"near is adjustable", "[text]",
			"      require: [[bloods]]\n      near: 0\n      near_veto: [not]",
			post.Post{Text: "not ideal but whatsapp me the bloods"}, true},
		{"sentence keeps the window in the sentence", "[text]",
			"      window: 20\n      sentence: true\n      require: [[bloods]]",
			post.Post{Text: "Bloods are back. Join the whatsapp group for the bake sale!"}, false},
		{"sentence: a dot inside nhs.net does not end it", "[text]",
			"      window: 20\n      sentence: true\n      require: [[bloods]]",
			post.Post{Text: "nhs.net is down so whatsapp me the bloods"}, true},
		{"sentence with a question mark", "[text]",
			"      window: 0\n      sentence: true\n      require: [[bloods]]",
			post.Post{Text: "can u send bloods? ❌ No, use whatsapp for the rota"}, false},
		{"also requires words in another field", "[author]",
			"      also:\n        - field: reply\n          require: [[comment, quote]]",
			reply("yes DM me", "Jo, reporter", "can anyone comment?"), true},
		{"also require fails when the field lacks them", "[author]",
			"      also:\n        - field: reply\n          require: [[comment, quote]]",
			reply("great piece", "Jo, reporter", "our article is out"), false},
		{"also require fails when the field is missing", "[text]",
			"      also:\n        - field: reply\n          require: [[comment]]",
			post.Post{Text: "whatsapp me"}, false},
		{"also veto in another field", "[author]",
			"      also:\n        - field: text\n          veto: [press office]",
			reply("please contact our press office", "Jo, reporter", "comment?"), false},
		{"also veto absent", "[author]",
			"      also:\n        - field: text\n          veto: [press office]",
			reply("ring me tonight", "Jo, reporter", "comment?"), true},
		{"some: two of three groups", "[text]",
			"      window: 0\n      some:\n        min: 2\n        groups: [[bloods], [bed], [urgent]]",
			post.Post{Text: "whatsapp me the bloods for bed 4"}, true},
		{"some: only one of three groups", "[text]",
			"      window: 0\n      some:\n        min: 2\n        groups: [[bloods], [bed], [urgent]]",
			post.Post{Text: "whatsapp me the bloods"}, false},
		{"some counts a group once however often it matches", "[text]",
			"      window: 0\n      some:\n        min: 2\n        groups: [[bloods, results], [bed], [urgent]]",
			post.Post{Text: "whatsapp me the bloods and results"}, false},
		{"some respects the window", "[text]",
			"      window: 2\n      some:\n        min: 2\n        groups: [[bloods], [bed], [urgent]]",
			post.Post{Text: "whatsapp me the bloods, and at some point later today the bed"}, false},
		{"quoted veto drops a quoted match when the post reports it", "[text]",
			"      quoted_veto: [abuse, \"been called\"]",
			post.Post{Text: "staff have been told 'whatsapp me your address' by strangers: that is abuse"}, false},
		{"quoted veto keeps a match outside the quotation marks", "[text]",
			"      quoted_veto: [abuse]",
			post.Post{Text: "this is 'abuse', whatsapp me"}, true},
		{"quoted veto keeps a quoted match without its words", "[text]",
			"      quoted_veto: [abuse]",
			post.Post{Text: "the sign says 'whatsapp us for bookings'"}, true},
		{"quoted veto: an apostrophe is no quotation", "[text]",
			"      quoted_veto: [abuse]",
			post.Post{Text: "don't whatsapp me, that's abuse of the rules"}, true},
		{"also negativity: the comment reads negative enough", "[text]",
			"      also:\n        - field: reply\n          sentiment: lists/sentiment\n          min_negativity: 0.5",
			reply("whatsapp me", "Jo", "awful service"), true},
		{"also negativity: the comment reads too kind", "[text]",
			"      also:\n        - field: reply\n          sentiment: lists/sentiment\n          min_negativity: 0.5",
			reply("whatsapp me", "Jo", "lovely service"), false},
		{"also negativity: at most", "[text]",
			"      also:\n        - field: reply\n          sentiment: lists/sentiment\n          max_negativity: 0.5",
			reply("whatsapp me", "Jo", "awful service"), false},
		{"also unless: a word of the field waives the condition", "[text]",
			"      also:\n        - field: reply\n          sentiment: lists/sentiment\n          min_negativity: 0.5\n          unless: [ward]",
			reply("whatsapp me", "Jo", "lovely service on the ward"), true},
		{"also unless: without the word the condition holds as written", "[text]",
			"      also:\n        - field: reply\n          sentiment: lists/sentiment\n          min_negativity: 0.5\n          unless: [ward]",
			reply("whatsapp me", "Jo", "lovely service at the shop"), false},
		{"also negativity: a missing field reads 0", "[text]",
			"      also:\n        - field: reply\n          sentiment: lists/sentiment\n          min_negativity: 0.1",
			post.Post{Text: "whatsapp me"}, false},
		{"also on media alt text", "[text]",
			"      also:\n        - field: alt_text\n          require: [[logo]]",
			post.Post{Text: "whatsapp", Media: []post.Media{{File: "a.jpg"}, {File: "b.png", AltText: "Trust logo"}}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"clauses.yaml": {Data: []byte(moreClauses)},
				"t.yaml":       {Data: []byte(moreRule(tt.fields, tt.context))},
			}
			res := &detect.Resources{Sentiment: func(text string) (float64, []string) {
				switch {
				case strings.Contains(text, "awful"):
					return 0.9, []string{"awful"}
				case strings.Contains(text, "lovely"):
					return 0.1, nil
				}
				return 0.32, nil
			}}
			pack, err := rulepack.Load(res, rulepack.Layer{FS: fsys, Name: "pack"})
			if err != nil {
				t.Fatal(err)
			}
			l, err := New(pack, res, Options{})
			if err != nil {
				t.Fatal(err)
			}
			p := tt.post
			got := len(l.LintRule(pack.Rules[0], &p)) > 0
			if got != tt.want {
				t.Errorf("fired = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMoreContextErrors(t *testing.T) {
	for _, ctx := range []string{
		"      also:\n        - field: elsewhere\n          veto: [x]",
		"      also:\n        - field: text",
		"      also:\n        - field: reply\n          min_negativity: 0.5",
		"      also:\n        - field: reply\n          unless: [ward]",
		"      also:\n        - field: reply\n          sentiment: lists/sentiment",
		"      also:\n        - field: reply\n          sentiment: lists/sentiment\n          min_negativity: 1.5",
		"      also:\n        - field: reply\n          sentiment: lists/sentiment\n          min_negativity: 0.6\n          max_negativity: 0.4",
		"      near: -1",
		"      some:\n        min: 3\n        groups: [[a], [b]]",
	} {
		fsys := fstest.MapFS{
			"clauses.yaml": {Data: []byte(moreClauses)},
			"t.yaml":       {Data: []byte(moreRule("[text]", ctx))},
		}
		if _, err := rulepack.Load(&detect.Resources{}, rulepack.Layer{FS: fsys, Name: "pack"}); err == nil {
			t.Errorf("no error for %q", ctx)
		}
	}
}
