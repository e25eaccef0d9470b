package queue

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/postlint/postlint/internal/post"
)

const testdata = "../../testdata/queue"

// read returns every record of input, read as format f under the given name.
func read(t *testing.T, input, name string, f Format) []Record {
	t.Helper()
	var recs []Record
	err := Read(context.Background(), strings.NewReader(input), name, f, func(r Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return recs
}

// readFile returns every record of the test data file name.
func readFile(t *testing.T, name string) []Record {
	t.Helper()
	var recs []Record
	err := ReadFile(context.Background(), filepath.Join(testdata, name), func(r Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", name, err)
	}
	return recs
}

// want is what a test expects of one record.
type want struct {
	line int
	id   string // the post's id; ignored for error records
	text string // a prefix of the post's text
	err  string // the whole error message, less the file name; "" for none
}

// check compares records with wants. Error messages are compared whole,
// after the file name and colon.
func check(t *testing.T, recs []Record, wants []want) {
	t.Helper()
	for i := range max(len(recs), len(wants)) {
		if i >= len(recs) {
			t.Errorf("record %d: missing, want %+v", i, wants[i])
			continue
		}
		r := recs[i]
		if i >= len(wants) {
			t.Errorf("record %d: unexpected %+v", i, r)
			continue
		}
		w := wants[i]
		if r.Source.Line != w.line {
			t.Errorf("record %d: line %d, want %d", i, r.Source.Line, w.line)
		}
		if w.err != "" {
			if r.Err == nil {
				t.Errorf("record %d: no error, want %q", i, w.err)
				continue
			}
			msg := strings.TrimPrefix(r.Err.Error(), r.Source.File+":")
			if msg != w.err {
				t.Errorf("record %d: error %q, want %q", i, msg, w.err)
			}
			if !reflect.DeepEqual(r.Post, post.Post{}) {
				t.Errorf("record %d: error record has a post: %+v", i, r.Post)
			}
			continue
		}
		if r.Err != nil {
			t.Errorf("record %d: error %v", i, r.Err)
			continue
		}
		if r.Post.ID != w.id {
			t.Errorf("record %d: id %q, want %q", i, r.Post.ID, w.id)
		}
		if !strings.HasPrefix(r.Post.Text, w.text) {
			t.Errorf("record %d: text %q, want it to start %q", i, r.Post.Text, w.text)
		}
	}
}

func TestFormatFor(t *testing.T) {
	for name, want := range map[string]Format{
		"queue.jsonl":      JSONL,
		"a/b/Queue.NDJSON": JSONL,
		"posts.json":       JSON,
		"posts.yaml":       YAML,
		"posts.YML":        YAML,
		"hootsuite.csv":    CSV,
		"draft.txt":        Text,
		"README.md":        Text,
		"-":                Text,
		"":                 Text,
	} {
		got, err := FormatFor(name)
		if err != nil || got != want {
			t.Errorf("FormatFor(%q) = %v, %v; want %v", name, got, err, want)
		}
	}
	for _, name := range []string{"queue", "queue.xml", "queue.json.gz"} {
		if f, err := FormatFor(name); err == nil {
			t.Errorf("FormatFor(%q) = %v, want an error", name, f)
		} else if !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("FormatFor(%q) error %q does not name the file", name, err)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range []Format{JSONL, JSON, YAML, CSV, Text} {
		got, err := ParseFormat(strings.ToUpper(f.String()))
		if err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %v, %v", f.String(), got, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("ParseFormat(xml) succeeded")
	}
	if s := Format(0).String(); s != "Format(0)" {
		t.Errorf("Format(0).String() = %q", s)
	}
	if err := Read(context.Background(), strings.NewReader("x"), "x", Format(0), func(Record) error { return nil }); err == nil {
		t.Error("Read with Format(0) succeeded")
	}
}

func TestReadFiles(t *testing.T) {
	tests := []struct {
		file  string
		wants []want
	}{
		{"drafts.jsonl", []want{
			{line: 1, id: "q-1", text: "Huge thanks to the Ward 7 team"},
			{line: 2, id: "2", text: "Flu jabs for staff"},
			{line: 4, id: "drafts.jsonl:4", text: "Night shift selfie"},
			{line: 5, id: "q-4", text: "We're sorry to hear"},
			{line: 6, id: "q-5", text: "Liked this one."},
			{line: 7, id: "q-6", text: "Our Estates team"},
		}},
		{"broken.jsonl", []want{
			{line: 1, id: "b-1", text: "Welcome to our new matron"},
			{line: 2, err: "2: invalid JSON: unexpected end of JSON input"},
			{line: 3, err: "3: post must be a JSON object, got an array"},
			{line: 4, err: `4: post has no "text"`},
			{line: 5, err: `5: "text" must be a string, got a number`},
			{line: 6, err: `6: post "text" is empty`},
			{line: 7, err: `7: "id" must be a string or a number, got an object`},
			{line: 8, err: `8: "media.consent" must be true or false, got a string`},
			{line: 9, err: "9: post must be a JSON object, got null"},
			{line: 11, id: "b-10", text: "The last post is fine."},
		}},
		{"drafts.json", []want{
			{line: 2, id: "j-1", text: "Our maternity unit"},
			{line: 9, id: "17", text: "Reminder: the staff car park"},
			{line: 10, id: "drafts.json:10", text: "Photos from the retirement do"},
		}},
		{"posts.json", []want{
			{line: 4, id: "p-1", text: "Blood donors needed"},
			{line: 5, id: "p-2", text: "Happy International Nurses Day"},
		}},
		{"broken.json", []want{
			{line: 2, id: "e-1", text: "First post is fine."},
			{line: 3, err: "3: post must be a JSON object, got a string"},
			{line: 4, err: `4: post has no "text"`},
			{line: 5, err: `5: "text" must be a string, got an array`},
			{line: 6, err: `6: "reply_to" must be an object or a string, got a number`},
			{line: 9, id: "e-6", text: "Last post is fine."},
		}},
		{"truncated.json", []want{
			{line: 2, id: "t-1", text: "This one is complete."},
			{line: 3, err: "3: invalid JSON: unexpected end of input"},
		}},
		{"drafts.yaml", []want{
			{line: 6, id: "y-1", text: "Our new CT scanner"},
			{line: 10, id: "2", text: "Thank you to our volunteers,\nwho gave"},
			{line: 19, id: "drafts.yaml:19", text: "Replying to a comment"},
			{line: 26, id: "y-4", text: "Staff wellbeing hub"},
		}},
		{"broken.yaml", []want{
			{line: 2, id: "ok-1", text: "The first post is fine."},
			{line: 4, err: "4: post must be a mapping, got a scalar"},
			{line: 5, err: `5: post has no "text"`},
			{line: 7, err: `10: "media.file" must be a string, got a list`},
			{line: 11, err: `15: "media.consent" must be true or false, got "perhaps"`},
			{line: 16, err: `18: "text" is given twice`},
			{line: 19, id: "ok-7", text: "The last post is fine."},
		}},
		{"invalid.yaml", []want{
			{line: 5, err: "5: invalid YAML: found unexpected end of stream"},
		}},
		{"drafts.csv", []want{
			{line: 2, id: "c-1", text: "Our emergency department is busy today."},
			{line: 3, id: "c-2", text: "Great night out"},
			{line: 4, id: "c-3", text: "Thanks for your feedback"},
			{line: 7, id: "c-5", text: `We're hiring healthcare assistants. "Join us"`},
		}},
		{"broken.csv", []want{
			{line: 2, id: "s-1", text: "The first row is fine."},
			{line: 3, err: `3: invalid CSV: extraneous or missing " in quoted-field (found at line 5, column 14)`},
			{line: 4, id: "s-3", text: "Row three should still be read."},
			{line: 5, err: `5: invalid CSV: bare " in non-quoted-field (column 14)`},
			{line: 6, err: `6: no text in column "text"`},
			{line: 7, id: "s-6", text: "The last row is fine."},
		}},
		{"hootsuite.csv", []want{
			{line: 1, id: "hootsuite.csv:1", text: "Our flu clinic for staff opens today in the Horizon Centre. https://example.org/flu"},
			{line: 2, id: "hootsuite.csv:2", text: "Well done to the pharmacy team"},
			{line: 3, id: "hootsuite.csv:3", text: "Read our winter health tips: https://example.org/winter"},
		}},
		{"noheader.csv", []want{
			{line: 1, err: "1: no text column: the header row must name one of text, message, post, content or body (or, with no header, rows must be date, message, link)"},
		}},
		{"draft.txt", []want{
			{line: 1, id: "draft.txt", text: "Proud of our Ward 7 team today.\n\nThey went"},
		}},
		{"draft.md", []want{
			{line: 1, id: "draft.md", text: "# Draft\n\nA post written in *Markdown*"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs := readFile(t, tt.file)
			check(t, recs, tt.wants)
			for _, r := range recs {
				if want := filepath.Join(testdata, tt.file); r.Source.File != want {
					t.Errorf("source file %q, want %q", r.Source.File, want)
				}
			}
		})
	}
}

// post returns the post with the given id from recs.
func findPost(t *testing.T, recs []Record, id string) post.Post {
	t.Helper()
	for _, r := range recs {
		if r.Err == nil && r.Post.ID == id {
			return r.Post
		}
	}
	t.Fatalf("no post %q", id)
	return post.Post{}
}

func TestPostFields(t *testing.T) {
	tests := []struct {
		file, id string
		want     post.Post
	}{
		{"drafts.jsonl", "q-1", post.Post{
			ID: "q-1", Channel: "twitter", Account: "corporate",
			Text:        "Huge thanks to the Ward 7 team for a brilliant bake sale: £412 raised for the family room!",
			ScheduledAt: "2026-12-01T09:00:00Z",
		}},
		{"drafts.jsonl", "q-4", post.Post{
			ID:      "q-4",
			Text:    "We're sorry to hear about your wait. Please contact PALS so we can look into it.",
			ReplyTo: &post.Reply{Author: "@angrypatient", Text: "Waited 9 hours in A&E, useless", Action: "reply"},
		}},
		{"drafts.jsonl", "q-5", post.Post{
			ID: "q-5", Text: "Liked this one.",
			ReplyTo:   &post.Reply{Text: "This hospital is a joke"},
			Media:     []post.Media{{File: "ward-photo.png"}},
			Directive: &post.Directive{Ignore: []string{"negative-reply"}, Reason: "approved by comms"},
		}},
		{"drafts.json", "drafts.json:10", post.Post{
			ID:   "drafts.json:10",
			Text: "Photos from the retirement do for Sister Example, with thanks to all who came.",
			Media: []post.Media{
				{File: "retirement1.jpg", AltText: "A cake shaped like a stethoscope", Consent: true},
				{File: "retirement2.jpg"},
			},
		}},
		{"posts.json", "p-2", post.Post{
			ID: "p-2", Text: "Happy International Nurses Day to all our nursing staff!",
			Directive: &post.Directive{Ignore: []string{"official-capacity"}, Reason: "corporate channel"},
		}},
		{"drafts.yaml", "y-1", post.Post{
			ID: "y-1", Channel: "twitter", Account: "corporate",
			Text:        "Our new CT scanner is now open to patients at Torbay Hospital.",
			ScheduledAt: "2026-12-01T09:00:00Z",
		}},
		{"drafts.yaml", "2", post.Post{
			ID:   "2",
			Text: "Thank you to our volunteers,\nwho gave 10,000 hours this year.\n",
			Media: []post.Media{
				{File: "volunteers.jpg", AltText: "Volunteers in green tabards at the main entrance", Consent: true},
				{File: "thank-you-card.png"},
			},
		}},
		{"drafts.yaml", "drafts.yaml:19", post.Post{
			ID:      "drafts.yaml:19",
			Text:    "Replying to a comment about parking charges.",
			ReplyTo: &post.Reply{Author: "@driver", Text: "Parking here is a rip-off", Action: "like"},
		}},
		{"drafts.yaml", "y-4", post.Post{
			ID: "y-4", Text: "Staff wellbeing hub open late on Thursday.",
			Directive: &post.Directive{Ignore: []string{"official-capacity"}, Reason: "approved by the comms team"},
		}},
		{"drafts.csv", "c-1", post.Post{
			ID: "c-1", Channel: "twitter", Account: "corporate",
			Text:        "Our emergency department is busy today. Please use NHS 111 online unless it's an emergency.",
			ScheduledAt: "2026-12-01 08:00",
		}},
		{"drafts.csv", "c-2", post.Post{
			ID: "c-2", Channel: "facebook", Account: "personal",
			Text: "Great night out with the team from theatre 3, see photos!",
			Media: []post.Media{
				{File: "night-out-1.jpg", AltText: "Team at dinner", Consent: true},
				{File: "night-out-2.jpg", AltText: "Team dancing"},
			},
		}},
		{"drafts.csv", "c-3", post.Post{
			ID: "c-3", Channel: "twitter", Account: "corporate",
			Text:    "Thanks for your feedback, we've passed it on.",
			ReplyTo: &post.Reply{Text: "Staff on ward 4 were rude to my mum", Author: "@relative", Action: "reply"},
		}},
		{"hootsuite.csv", "hootsuite.csv:1", post.Post{
			ID:          "hootsuite.csv:1",
			Text:        "Our flu clinic for staff opens today in the Horizon Centre. https://example.org/flu",
			ScheduledAt: "12/01/2026 09:00",
		}},
	}
	cache := map[string][]Record{}
	for _, tt := range tests {
		recs, ok := cache[tt.file]
		if !ok {
			recs = readFile(t, tt.file)
			cache[tt.file] = recs
		}
		if got := findPost(t, recs, tt.id); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %s:\n got %s\nwant %s", tt.file, tt.id, dump(got), dump(tt.want))
		}
	}
}

// dump shows a post with its pointers followed.
func dump(p post.Post) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(strings.ReplaceAll(
		strings.Join([]string{"id=" + p.ID, "channel=" + p.Channel, "account=" + p.Account, "text=" + p.Text, "at=" + p.ScheduledAt}, " "), "\n", `\n`)))
	if p.ReplyTo != nil {
		b.WriteString(" reply=" + p.ReplyTo.Author + "|" + p.ReplyTo.Text + "|" + p.ReplyTo.Action)
	}
	for _, m := range p.Media {
		b.WriteString(" media=" + m.File + "|" + m.AltText)
		if m.Consent {
			b.WriteString("|consent")
		}
	}
	if p.Directive != nil {
		b.WriteString(" ignore=" + strings.Join(p.Directive.Ignore, ",") + "|" + p.Directive.Reason)
	}
	return b.String()
}

// TestCountWithMalformedRecords checks that a malformed post in the middle
// of a queue costs one error record and no other post, in every format.
func TestCountWithMalformedRecords(t *testing.T) {
	tests := []struct {
		name     string
		f        Format
		input    string
		posts    int
		badLines []int
	}{
		{"queue.jsonl", JSONL, `{"text": "one"}
{"text": "two", oops}
{"text": "three"}
{"text": 4}
{"text": "five"}
`, 5, []int{2, 4}},
		{"queue.json", JSON, `[
{"text": "one"},
{"text": "two", "media": 7},
{"text": "three"},
[],
{"text": "five"}
]`, 5, []int{3, 5}},
		{"queue.yaml", YAML, `- text: one
- text: [two]
- text: three
- four
- text: five
`, 5, []int{2, 4}},
		{"queue.csv", CSV, `id,text
1,one
2,"two
3,three
4,fo"ur
5,five
`, 5, []int{3, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := read(t, tt.input, tt.name, tt.f)
			if len(recs) != tt.posts {
				t.Fatalf("got %d records, want %d: %+v", len(recs), tt.posts, recs)
			}
			var bad []int
			for _, r := range recs {
				if r.Err != nil {
					bad = append(bad, r.Source.Line)
				}
			}
			if !reflect.DeepEqual(bad, tt.badLines) {
				t.Errorf("error records at lines %v, want %v", bad, tt.badLines)
			}
		})
	}
}

func TestErrorType(t *testing.T) {
	recs := read(t, "{\"text\": \"ok\"}\n{\"text\": \n", "q.jsonl", JSONL)
	if len(recs) != 2 || recs[1].Err == nil {
		t.Fatalf("records %+v", recs)
	}
	var e *Error
	if !errors.As(recs[1].Err, &e) {
		t.Fatalf("error %T is not an *Error", recs[1].Err)
	}
	if e.File != "q.jsonl" || e.Line != 2 || e.Err == nil {
		t.Errorf("error %+v", e)
	}
	if got, want := e.Error(), "q.jsonl:2: invalid JSON: unexpected end of JSON input"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	if errors.Unwrap(e) != e.Err {
		t.Error("Unwrap does not return Err")
	}
}

func TestStdinName(t *testing.T) {
	for _, name := range []string{"", "-"} {
		recs := read(t, "Draft from standard input", name, Text)
		check(t, recs, []want{{line: 1, id: "stdin", text: "Draft from standard input"}})
		if recs[0].Source.File != "stdin" {
			t.Errorf("source file %q, want stdin", recs[0].Source.File)
		}
		recs = read(t, "{\"text\": 1}", name, JSONL)
		if msg := recs[0].Err.Error(); msg != `stdin:1: "text" must be a string, got a number` {
			t.Errorf("message %q", msg)
		}
	}
}

func TestEmptyInputs(t *testing.T) {
	for _, f := range []Format{JSONL, JSON, YAML, CSV} {
		for _, input := range []string{"", "\n\n", "\ufeff"} {
			if recs := read(t, input, "empty", f); len(recs) != 0 {
				t.Errorf("%v %q: got %+v, want no records", f, input, recs)
			}
		}
	}
	recs := read(t, " \n", "empty.txt", Text)
	check(t, recs, []want{{line: 1, err: `1: post "text" is empty`}})
	// A CSV with only a header, and a YAML document with no posts.
	if recs := read(t, "id,text\n", "h.csv", CSV); len(recs) != 0 {
		t.Errorf("header only: %+v", recs)
	}
	if recs := read(t, "posts: []\n---\nposts:\n", "p.yaml", YAML); len(recs) != 0 {
		t.Errorf("empty posts: %+v", recs)
	}
	if recs := read(t, `{"posts": null}`, "p.json", JSON); len(recs) != 0 {
		t.Errorf("null posts: %+v", recs)
	}
}

func TestByteOrderMark(t *testing.T) {
	tests := []struct {
		f     Format
		input string
	}{
		{JSONL, `{"text": "hello"}`},
		{JSON, `[{"text": "hello"}]`},
		{YAML, `- text: hello`},
		{CSV, "text\nhello"},
		{Text, "hello"},
	}
	for _, tt := range tests {
		recs := read(t, "\ufeff"+tt.input, "bom", tt.f)
		w := want{line: 1, id: "bom:1", text: "hello"}
		switch tt.f {
		case CSV:
			w.line, w.id = 2, "bom:2"
		case Text:
			w.id = "bom"
		}
		check(t, recs, []want{w})
		if len(recs) == 1 && recs[0].Post.Text != "hello" {
			t.Errorf("%v: text %q", tt.f, recs[0].Post.Text)
		}
	}
}

// TestBinaryText checks that invalid UTF-8 and NUL bytes in a post's text
// are kept as they are, where the format allows them at all.
func TestBinaryText(t *testing.T) {
	const odd = "Ward\x007 \xff\xfe caf\xc3"
	tests := []struct {
		f     Format
		input string
		want  string
	}{
		{Text, odd, odd},
		{CSV, "text\n" + odd + "\n", odd},
		{CSV, "date,message\n\"" + odd + "\",x\n", "x"},
		// JSON has escapes for NUL; encoding/json replaces invalid UTF-8 by U+FFFD.
		{JSONL, `{"text": "Ward\u00007 ` + "\xff" + `"}`, "Ward\x007 \ufffd"},
		{JSON, `[{"text": "Ward\u00007"}]`, "Ward\x007"},
	}
	for _, tt := range tests {
		recs := read(t, tt.input, "odd", tt.f)
		if len(recs) != 1 || recs[0].Err != nil {
			t.Errorf("%v %q: %+v", tt.f, tt.input, recs)
			continue
		}
		if recs[0].Post.Text != tt.want {
			t.Errorf("%v: text %q, want %q", tt.f, recs[0].Post.Text, tt.want)
		}
	}
	// YAML does not allow these bytes: the file is an error, at the right line.
	recs := read(t, "- text: fine\n- text: \"Ward\x007\"\n", "odd.yaml", YAML)
	check(t, recs, []want{{line: 2, err: "2: invalid YAML: control characters are not allowed"}})
	recs = read(t, "- text: fine\n\n- text: caf\xc3\n", "odd.yaml", YAML)
	check(t, recs, []want{{line: 3, err: "3: invalid YAML: invalid trailing UTF-8 octet"}})
}

func TestStopEarly(t *testing.T) {
	input := "{\"text\": \"a\"}\nnot json\n{\"text\": \"c\"}\n"
	stop := errors.New("stop")
	n := 0
	err := Read(context.Background(), strings.NewReader(input), "q.jsonl", JSONL, func(r Record) error {
		n++
		if r.Err != nil {
			return stop
		}
		return nil
	})
	if err != stop || n != 2 {
		t.Errorf("Read = %v after %d records, want stop after 2", err, n)
	}

	for _, f := range []Format{JSONL, JSON, YAML, CSV, Text} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		n := 0
		err := Read(ctx, strings.NewReader(sample(f, 3)), "q", f, func(Record) error { n++; return nil })
		if !errors.Is(err, context.Canceled) || n != 0 {
			t.Errorf("%v: Read = %v after %d records, want context.Canceled after none", f, err, n)
		}
	}
}

// sample returns a small valid queue of n posts in format f.
func sample(f Format, n int) string {
	var b strings.Builder
	switch f {
	case JSON:
		b.WriteString("[\n")
	case CSV:
		b.WriteString("id,text\n")
	}
	for i := range n {
		switch f {
		case JSONL:
			b.WriteString(`{"text": "Post about ward rounds"}` + "\n")
		case JSON:
			if i > 0 {
				b.WriteString(",\n")
			}
			b.WriteString(`{"text": "Post about ward rounds"}`)
		case YAML:
			b.WriteString("- text: Post about ward rounds\n")
		case CSV:
			b.WriteString("x,Post about ward rounds\n")
		case Text:
			b.WriteString("Post about ward rounds\n")
		}
	}
	if f == JSON {
		b.WriteString("\n]\n")
	}
	return b.String()
}

func TestReadErrors(t *testing.T) {
	boom := errors.New("disk on fire")
	for _, f := range []Format{JSONL, JSON, YAML, CSV, Text} {
		r := io.MultiReader(strings.NewReader(sample(f, 2)), iotest.ErrReader(boom))
		err := Read(context.Background(), r, "q", f, func(Record) error { return nil })
		if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "q: ") {
			t.Errorf("%v: Read = %v, want %v wrapped with the file name", f, err, boom)
		}
	}
	err := ReadFile(context.Background(), filepath.Join(testdata, "missing.jsonl"), func(Record) error { return nil })
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile(missing) = %v", err)
	}
	err = ReadFile(context.Background(), filepath.Join(testdata, "queue.xml"), func(Record) error { return nil })
	if err == nil {
		t.Error("ReadFile(queue.xml) succeeded")
	}
}

// endless is a reader that repeats a prefix once and then body forever.
type endless struct {
	prefix, body []byte
	pos          int
}

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(e.prefix) > 0 {
			c := copy(p[n:], e.prefix)
			e.prefix = e.prefix[c:]
			n += c
			continue
		}
		c := copy(p[n:], e.body[e.pos:])
		e.pos = (e.pos + c) % len(e.body)
		n += c
	}
	return n, nil
}

// TestStreaming checks that the streaming formats yield posts before the
// end of their input, by reading inputs that never end.
func TestStreaming(t *testing.T) {
	tests := []struct {
		f            Format
		prefix, body string
	}{
		{JSONL, "", `{"text": "Shift swap wanted for Saturday"}` + "\n"},
		{JSON, "[", `{"text": "Shift swap wanted for Saturday"},` + "\n"},
		{JSON, `{"posts": [`, `{"text": "Shift swap wanted for Saturday"},` + "\n"},
		{CSV, "id,text\n", "1,Shift swap wanted for Saturday\n"},
	}
	done := errors.New("done")
	for _, tt := range tests {
		n := 0
		r := &endless{prefix: []byte(tt.prefix), body: []byte(tt.body)}
		err := Read(context.Background(), r, "endless", tt.f, func(r Record) error {
			if r.Err != nil {
				t.Fatalf("%v: %v", tt.f, r.Err)
			}
			if n++; n == 10000 {
				if want := 10000 + strings.Count(tt.prefix, "\n"); r.Source.Line != want {
					t.Errorf("%v: line %d, want %d", tt.f, r.Source.Line, want)
				}
				return done
			}
			return nil
		})
		if err != done {
			t.Errorf("%v: Read = %v", tt.f, err)
		}
	}
}

func TestLongLines(t *testing.T) {
	input := `{"text": "short"}` + "\n" +
		`{"text": "` + strings.Repeat("x", 100) + `"}` + "\r\n" +
		`{"text": "` + strings.Repeat("y", 40) + `"}` + "\r\n" +
		`{"text": "last"}`
	var recs []Record
	s := &sink{ctx: context.Background(), file: "long.jsonl", base: "long.jsonl", yield: func(r Record) error {
		recs = append(recs, r)
		return nil
	}}
	if err := readJSONL(s, iotest.OneByteReader(strings.NewReader(input)), 60); err != nil {
		t.Fatal(err)
	}
	check(t, recs, []want{
		{line: 1, id: "long.jsonl:1", text: "short"},
		{line: 2, err: "2: line is longer than 60 bytes"},
		{line: 3, id: "long.jsonl:3", text: "yyyy"},
		{line: 4, id: "long.jsonl:4", text: "last"},
	})
}

func TestHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 100 MB line")
	}
	text := bytes.Repeat([]byte("Ward 7 "), 100<<20/7)
	var b bytes.Buffer
	b.WriteString(`{"id": "small", "text": "before"}` + "\n" + `{"text": "`)
	b.Write(text)
	b.WriteString(`"}` + "\n" + `{"text": "after"}` + "\n")
	var got []Record
	err := Read(context.Background(), &b, "huge.jsonl", JSONL, func(r Record) error {
		got = append(got, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[1].Err != nil || len(got[1].Post.Text) != len(text) || got[2].Source.Line != 3 {
		t.Fatalf("records: %d, %v", len(got), got[1].Err)
	}
}

// TestDeepNesting checks that deeply nested input is an error record, not a
// crash, and that the posts around it are still read where the format allows.
func TestDeepNesting(t *testing.T) {
	deep := strings.Repeat("[", 200000)
	type rec struct {
		line int
		err  string // a prefix of the message after "deep:<line>: "; "" for a post
	}
	tests := []struct {
		f     Format
		input string
		want  []rec
	}{
		{JSONL, "{\"text\": \"ok\"}\n" + deep + "\n{\"text\": \"ok\"}\n", []rec{{1, ""}, {2, "invalid JSON: "}, {3, ""}}},
		{JSON, "[{\"text\": \"ok\"},\n" + deep, []rec{{1, ""}, {2, "invalid JSON: "}}},
		{JSON, "{\"posts\": {\"x\": " + strings.Repeat(`{"x": `, 200000), []rec{{1, `"posts" must be an array`}, {1, "invalid JSON: "}}},
		{JSON, "{\"text\": \"ok\", \"x\": " + deep, []rec{{1, "invalid JSON: "}}},
		{YAML, "- text: ok\n- " + deep, []rec{{2, "invalid YAML: "}}},
		{YAML, "- text: ok\n- " + strings.Repeat("- ", 20000) + "x", []rec{{2, "invalid YAML: "}}},
	}
	for _, tt := range tests {
		recs := read(t, tt.input, "deep", tt.f)
		var got []rec
		for _, r := range recs {
			if r.Err != nil {
				got = append(got, rec{r.Source.Line, strings.TrimPrefix(r.Err.Error(), fmt.Sprintf("deep:%d: ", r.Source.Line))})
			} else if r.Post.Text == "ok" {
				got = append(got, rec{r.Source.Line, ""})
			} else {
				got = append(got, rec{r.Source.Line, "unexpected post"})
			}
		}
		ok := len(got) == len(tt.want)
		for i := 0; ok && i < len(got); i++ {
			ok = got[i].line == tt.want[i].line && strings.HasPrefix(got[i].err, tt.want[i].err) && (tt.want[i].err != "") == (got[i].err != "")
		}
		if !ok {
			t.Errorf("%v: got %v, want %v", tt.f, got, tt.want)
		}
	}
}

// TestMemoryFlat checks that the JSON and CSV readers do not hold on to the
// input they have read: after 100,000 posts of an input that never ends,
// the bytes each holds are a few buffers' worth.
func TestMemoryFlat(t *testing.T) {
	const posts = 100000
	done := errors.New("done")
	var held func() int
	s := &sink{ctx: context.Background(), file: "m", base: "m"}
	n := 0
	s.yield = func(r Record) error {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		if n++; n == posts {
			if h := held(); h > 64<<10 {
				t.Errorf("holds %d bytes after %d posts", h, posts)
			}
			return done
		}
		return nil
	}

	src := &endless{prefix: []byte(`{"posts": [`), body: []byte(`{"text": "Bank holiday rota is out"},` + "\n")}
	tp := newTape(src)
	j := &jsonReader{s: s, t: tp, dec: json.NewDecoder(tp)}
	held = func() int { return cap(tp.data) }
	if err := j.read(); err != done {
		t.Fatalf("JSON: %v", err)
	}

	n = 0
	c := &csvReader{s: s, src: &endless{prefix: []byte("id,text\n"), body: []byte("1,Bank holiday rota is out\n")}}
	c.restart(c.src, 0)
	held = func() int { return cap(c.t.data) }
	if _, _, err := c.next(); err != nil {
		t.Fatal(err)
	}
	cols := headerColumns([]string{"id", "text"})
	for {
		rec, line, err := c.next()
		if err == nil {
			err = c.row(cols, rec, line)
		}
		if err == done {
			break
		}
		if err != nil {
			t.Fatalf("CSV: %v", err)
		}
	}
}
