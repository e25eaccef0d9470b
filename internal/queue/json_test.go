package queue

import (
	"testing"
)

func TestJSONShapes(t *testing.T) {
	tests := []struct {
		name, input string
		want        []want
	}{
		{"single post object", `{"id": "solo", "text": "One post on its own."}`, []want{
			{line: 1, id: "solo", text: "One post on its own."},
		}},
		{"single post object, type error", "\n{\"text\": \"x\", \"media\": true}", []want{
			{line: 2, err: `2: "media" must be an array of media objects or file names, got a boolean`},
		}},
		{"object with neither posts nor text", `{"title": "Week 49"}`, []want{
			{line: 1, err: `1: want an array of posts, an object with "posts", or one post object`},
		}},
		{"values one after another", "[{\"text\": \"a\"}]\n{\"text\": \"b\"}\n{\"posts\": [{\"text\": \"c\"}]}", []want{
			{line: 1, id: "q.json:1", text: "a"},
			{line: 2, id: "q.json:2", text: "b"},
			{line: 3, id: "q.json:3", text: "c"},
		}},
		{"top-level scalar", "\"hello\"\n[{\"text\": \"after\"}]", []want{
			{line: 1, err: `1: want an array of posts, an object with "posts", or one post object, got a string`},
			{line: 2, id: "q.json:2", text: "after"},
		}},
		{"posts not an array", `{"posts": {"text": "x"}, "more": 1}` + "\n" + `{"posts": 3}`, []want{
			{line: 1, err: `1: "posts" must be an array, got an object`},
			{line: 2, err: `2: "posts" must be an array, got a number`},
		}},
		{"missing comma", "[\n  {\"text\": \"a\"}\n  {\"text\": \"b\"}\n]", []want{
			{line: 2, id: "q.json:2", text: "a"},
			{line: 3, err: "3: invalid JSON: expected comma after array element"},
		}},
		{"bad literal inside an element", "{\"posts\": [\n {\"text\": \"a\"},\n {\"id\": \"b\",\n  \"text\": tru}\n]}", []want{
			{line: 2, id: "q.json:2", text: "a"},
			{line: 4, err: "4: invalid JSON: invalid character '}' in literal true (expecting 'e')"},
		}},
		{"unterminated string", "[\n{\"text\": \"a\"},\n{\"text\": \"b\n\"}]", []want{
			{line: 2, id: "q.json:2", text: "a"},
			{line: 3, err: "3: invalid JSON: invalid character '\\n' in string literal"},
		}},
		{"trailing garbage", "[{\"text\": \"a\"}]\n\nxyz", []want{
			{line: 1, id: "q.json:1", text: "a"},
			{line: 3, err: "3: invalid JSON: invalid character 'x' looking for beginning of value"},
		}},
		{"close bracket of the wrong kind", "[{\"text\": \"a\"}}", []want{
			{line: 1, id: "q.json:1", text: "a"},
			{line: 1, err: "1: invalid JSON: invalid character '}' after array element"},
		}},
		{"truncated after comma", "[{\"text\": \"a\"},\n", []want{
			{line: 1, id: "q.json:1", text: "a"},
			{line: 1, err: "1: invalid JSON: unexpected end of input"},
		}},
		{"nested field errors", `[{"text": "a", "reply_to": {"author": 5}}, {"text": "b", "postlint": {"ignore": 5}}, {"text": "c", "media": [{"alt_text": []}]}]`, []want{
			{line: 1, err: `1: "reply_to.author" must be a string, got a number`},
			{line: 1, err: `1: "postlint.ignore" must be a string or an array of strings, got a number`},
			{line: 1, err: `1: "media.alt_text" must be a string, got an array`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, read(t, tt.input, "q.json", JSON), tt.want)
		})
	}
}

func TestJSONLFields(t *testing.T) {
	input := "{\"id\": -1.5e3, \"text\": \"number id\"}\r\n" +
		"  \t \r\n" +
		"{\"ID\": \"upper\", \"Text\": \"keys match without case, as encoding/json does\"}\r\n" +
		"{\"text\": \"media forms\", \"media\": {\"file\": \"one.jpg\"}}\n" +
		"{\"text\": \"null fields\", \"id\": null, \"media\": null, \"reply_to\": null, \"postlint\": null}\n" +
		"{\"text\": \"x\", \"media\": [7]}\n" +
		"{\"text\": \"x\", \"id\": true}\n" +
		"{\"text\": \"x\"} trailing\n" +
		"{\"text\": null}\n" +
		"{\"text\": \"last, with no newline\"}"
	recs := read(t, input, "f.jsonl", JSONL)
	check(t, recs, []want{
		{line: 1, id: "-1.5e3", text: "number id"},
		{line: 3, id: "upper", text: "keys match without case"},
		{line: 4, id: "f.jsonl:4", text: "media forms"},
		{line: 5, id: "f.jsonl:5", text: "null fields"},
		{line: 6, err: `6: "media" must be an object or a file name, got a number`},
		{line: 7, err: `7: "id" must be a string or a number, got a boolean`},
		{line: 8, err: "8: invalid JSON: invalid character 't' after top-level value"},
		{line: 9, err: `9: post has no "text"`},
		{line: 10, id: "f.jsonl:10", text: "last, with no newline"},
	})
	if len(recs) > 3 {
		if m := recs[2].Post.Media; len(m) != 1 || m[0].File != "one.jpg" {
			t.Errorf("media %+v", m)
		}
		if p := recs[3].Post; p.Media != nil || p.ReplyTo != nil || p.Directive != nil {
			t.Errorf("null fields: %s", dump(p))
		}
	}
}
