package queue

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// bomb returns YAML anchors a0 … a9, each naming a list of ten of the one
// before: expanding a9 would make 10⁹ strings.
func bomb() string {
	var b strings.Builder
	b.WriteString(`a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]` + "\n")
	for i := 1; i <= 9; i++ {
		p := fmt.Sprintf("*a%d", i-1)
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.Repeat(p+", ", 9)+p)
	}
	return b.String()
}

// mergeBomb returns YAML whose merge keys would merge m0 into a post 10⁹
// times over.
func mergeBomb() string {
	var b strings.Builder
	b.WriteString("m0: &m0 {channel: twitter}\n")
	for i := 1; i <= 9; i++ {
		p := fmt.Sprintf("*m%d", i-1)
		fmt.Fprintf(&b, "m%d: &m%d {<<: [%s]}\n", i, i, strings.Repeat(p+", ", 9)+p)
	}
	return b.String()
}

func TestYAMLAliasBombs(t *testing.T) {
	tests := []struct {
		name, input string
		want        []want
	}{
		{"bomb in text", bomb() + "posts:\n  - text: *a9\n  - text: fine\n", []want{
			{line: 12, err: `12: "text" must be a string, got a list`},
			{line: 13, id: "bomb.yaml:13", text: "fine"},
		}},
		{"bomb in an unknown field", bomb() + "posts:\n  - text: fine\n    expect: *a9\n", []want{
			{line: 12, id: "bomb.yaml:12", text: "fine"},
		}},
		{"bomb in media", bomb() + "posts:\n  - text: fine\n    media: *a9\n", []want{
			// The bad items are those of a9, on line 10.
			{line: 12, err: `10: "media item" must be a mapping or a file name, got a list`},
		}},
		{"bomb in ignore", bomb() + "posts:\n  - text: fine\n    postlint: {ignore: *a9}\n", []want{
			{line: 12, err: `10: "postlint.ignore" must be a string, got a list`},
		}},
		{"bomb as the posts", bomb() + "posts: *a2\n", []want{
			// a2 is ten aliases of a1: each is a list, not a post.
			{line: 3, err: "3: post must be a mapping, got a list"},
			{line: 3, err: "3: post must be a mapping, got a list"},
			{line: 3, err: "3: post must be a mapping, got a list"},
			{line: 3, err: "3: post must be a mapping, got a list"},
			{line: 3, err: "3: post must be a mapping, got a list"},
			{line: 3, err: "3: post must be a mapping, got a list"},
			{line: 3, err: "3: post must be a mapping, got a list"},
			{line: 3, err: "3: post must be a mapping, got a list"},
			{line: 3, err: "3: post must be a mapping, got a list"},
			{line: 3, err: "3: post must be a mapping, got a list"},
		}},
		{"merge bomb", mergeBomb() + "posts:\n  - text: fine\n    <<: *m9\n  - text: next\n", []want{
			{line: 12, err: "12: post is too large, or has too many aliases or merge keys"},
			{line: 14, id: "bomb.yaml:14", text: "next"},
		}},
		{"self-referential anchor", "posts:\n  - &p {text: hi, media: [*p]}\n", []want{
			{line: 2, id: "bomb.yaml:2", text: "hi"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			recs := read(t, tt.input, "bomb.yaml", YAML)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
			check(t, recs, tt.want)
		})
	}
}

func TestYAMLDocuments(t *testing.T) {
	input := `text: A single post mapping.
---
- text: A list in the second document.
---
posts:
  - text: A posts list in the third.
---
# An empty document.
---
just a scalar
---
title: no posts here
`
	check(t, read(t, input, "docs.yaml", YAML), []want{
		{line: 1, id: "docs.yaml:1", text: "A single post mapping."},
		{line: 3, id: "docs.yaml:3", text: "A list in the second document."},
		{line: 6, id: "docs.yaml:6", text: "A posts list in the third."},
		{line: 10, err: `10: want a list of posts, a mapping with "posts", or one post mapping, got a scalar`},
		{line: 12, err: `12: want a list of posts, a mapping with "posts", or one post mapping, got a mapping`},
	})
}

func TestYAMLFields(t *testing.T) {
	input := `posts:
  - id: 0x1F
    text: 999
    media: single.jpg
    reply_to: "Rubbish hospital"
    postlint: {ignore: insult}
  - text: Yes
    media:
      - {file: a.jpg, consent: on}
      - ~
      - b.jpg
  - text: merged
    <<: [{channel: facebook, text: overridden}, {channel: twitter, account: corporate}]
  - text: ~
  - text: fine
    scheduled_at: [2026]
  - text: fine
    reply_to: {author: [x]}
  - text: fine
    posts: ignored
    "<<": {channel: quoted-key-is-not-a-merge}
  - text: fine
    <<: 7
  - [text, in, a, list]
  -
  - text: ""
`
	recs := read(t, input, "f.yaml", YAML)
	check(t, recs, []want{
		{line: 2, id: "0x1F", text: "999"},
		{line: 7, id: "f.yaml:7", text: "Yes"},
		{line: 12, id: "f.yaml:12", text: "merged"},
		{line: 14, err: `14: post has no "text"`},
		{line: 15, err: `16: "scheduled_at" must be a string, got a list`},
		{line: 17, err: `18: "reply_to.author" must be a string, got a list`},
		{line: 19, id: "f.yaml:19", text: "fine"},
		{line: 22, err: `23: merge key (<<) must be a mapping or a list of mappings, got a scalar`},
		{line: 24, err: "24: post must be a mapping, got a list"},
		{line: 25, err: "25: post must be a mapping, got null"},
		{line: 26, err: `26: post "text" is empty`},
	})
	if len(recs) < 3 {
		return
	}
	if p := recs[0].Post; len(p.Media) != 1 || p.Media[0].File != "single.jpg" || p.ReplyTo.Text != "Rubbish hospital" || p.Directive.Ignore[0] != "insult" {
		t.Errorf("post 1: %s", dump(p))
	}
	if p := recs[1].Post; len(p.Media) != 2 || !p.Media[0].Consent || p.Media[1].File != "b.jpg" {
		t.Errorf("post 2: %s", dump(p))
	}
	if p := recs[2].Post; p.Channel != "facebook" || p.Account != "corporate" || p.Text != "merged" {
		t.Errorf("post 3: %s", dump(p))
	}
	if p := recs[6].Post; p.Channel != "" {
		t.Errorf("post 7: quoted << merged: %s", dump(p))
	}
}

func TestYAMLErrors(t *testing.T) {
	tests := []struct {
		input string
		want  want
	}{
		{"posts:\n  - text: a\n  - text: *nowhere\n", want{line: 3, err: "3: invalid YAML: unknown anchor 'nowhere' referenced"}},
		// yaml.v3 reports some problems at the start of the construct that
		// holds them.
		{"posts:\n  - text: a\n   bad: indent\n", want{line: 2, err: "2: invalid YAML: did not find expected '-' indicator"}},
		{"- text: a\n- text: b\n\t- text: c\n", want{line: 2, err: "2: invalid YAML: found a tab character that violates indentation"}},
		{"[unclosed", want{line: 1, err: "1: invalid YAML: did not find expected ',' or ']'"}},
		{"posts:\n- text: a\n- text: \"b\n", want{line: 3, err: "3: invalid YAML: found unexpected end of stream"}},
	}
	for _, tt := range tests {
		check(t, read(t, tt.input, "e.yaml", YAML), []want{tt.want})
	}
}

// TestYAMLLineBreaks checks that lines are counted as YAML counts them,
// which is also how editors count them in files with old Mac line endings.
func TestYAMLLineBreaks(t *testing.T) {
	check(t, read(t, "- text: one\r- text: two\r\n- text: [three\r", "cr.yaml", YAML), []want{
		{line: 3, err: "3: invalid YAML: did not find expected ',' or ']'"},
	})
	check(t, read(t, "- text: one\r- text: two\r\n- text: three\r", "cr.yaml", YAML), []want{
		{line: 1, id: "cr.yaml:1", text: "one"},
		{line: 2, id: "cr.yaml:2", text: "two"},
		{line: 3, id: "cr.yaml:3", text: "three"},
	})
	for _, tt := range []struct {
		data string
		at   int
		want int
	}{
		{"a\nb\r\nc\rd\u0085e\u2028f\u2029g", 100, 7},
		{"a\n", 100, 1},
		{"a\n\n", 100, 2},
		{"a\r\nb", 2, 1},
		{"a\r\nb", 3, 2},
	} {
		if got := yamlLine([]byte(tt.data), tt.at); got != tt.want {
			t.Errorf("yamlLine(%q, %d) = %d, want %d", tt.data, tt.at, got, tt.want)
		}
	}
}
