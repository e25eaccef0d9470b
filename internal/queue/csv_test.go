package queue

import (
	"reflect"
	"testing"

	"github.com/postlint/postlint/internal/post"
)

func TestCSVLayouts(t *testing.T) {
	tests := []struct {
		name, input string
		want        []want
	}{
		{"header names in other spellings", "Post ID,CONTENT, Date ,Platform\r\n7,Ward 7 open day,2026-12-01,twitter\r\n", []want{
			{line: 2, id: "7", text: "Ward 7 open day"},
		}},
		{"text preferred over message", "message,text\nthe message,the text\n", []want{
			{line: 2, id: "q.csv:2", text: "the text"},
		}},
		{"quoted field over several lines", "id,text\n1,\"Line one\nline two\n\nline four\"\n2,next\n", []want{
			{line: 2, id: "1", text: "Line one\nline two\n\nline four"},
			{line: 6, id: "2", text: "next"},
		}},
		{"Hootsuite layout, US dates and 12-hour times", "1/13/2026 9:00 AM,Morning post\n\n1/13/2026 5:30 PM,Evening post,https://example.org\n", []want{
			{line: 1, id: "q.csv:1", text: "Morning post"},
			{line: 3, id: "q.csv:3", text: "Evening post https://example.org"},
		}},
		{"Hootsuite row with one column", "2026-01-13,First\n2026-01-14\n2026-01-15,Third\n", []want{
			{line: 1, id: "q.csv:1", text: "First"},
			{line: 2, err: "2: want date, message and link (Hootsuite layout), got one column"},
			{line: 3, id: "q.csv:3", text: "Third"},
		}},
		{"date header is not the Hootsuite layout", "date,notes\n2026-01-13,hello\n", []want{
			{line: 1, err: "1: no text column: the header row must name one of text, message, post, content or body (or, with no header, rows must be date, message, link)"},
		}},
		{"bad consent", "text,media,consent\nA photo,ward.jpg,perhaps\n", []want{
			{line: 2, err: `2: column "consent": want yes or no, got "perhaps"`},
		}},
		{"short row", "id,channel,text\n1,twitter\n2,twitter,fine\n", []want{
			{line: 2, err: `2: no text in column "text"`},
			{line: 3, id: "2", text: "fine"},
		}},
		{"broken header", "id,\"te\"xt\"\n1,a\n", []want{
			{line: 1, err: `1: invalid CSV: extraneous or missing " in quoted-field (column 7)`},
		}},
		{"stray quote on the last line", "text\na\n\"b\n", []want{
			{line: 2, id: "q.csv:2", text: "a"},
			{line: 3, err: `3: invalid CSV: extraneous or missing " in quoted-field (column 4)`},
		}},
		{"two stray quotes", "id,text\n1,\"one\n2,two\n3,\"three\n4,four\n5,five\n", []want{
			// The first stray quote runs to the quote of row 3.
			{line: 2, err: `2: invalid CSV: extraneous or missing " in quoted-field (found at line 4, column 3)`},
			{line: 3, id: "2", text: "two"},
			{line: 4, err: `4: invalid CSV: extraneous or missing " in quoted-field (found at line 6, column 8)`},
			{line: 5, id: "4", text: "four"},
			{line: 6, id: "5", text: "five"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, read(t, tt.input, "q.csv", CSV), tt.want)
		})
	}
}

func TestCSVMedia(t *testing.T) {
	tests := []struct {
		files, alt, consent string
		want                []post.Media
	}{
		{"", "", "", nil},
		{"", "", "yes", nil},
		{"a.jpg", "Nurses; smiling", "Y", []post.Media{{File: "a.jpg", AltText: "Nurses; smiling", Consent: true}}},
		{"a.jpg | b.jpg", "first|second", "yes", []post.Media{{File: "a.jpg", AltText: "first", Consent: true}, {File: "b.jpg", AltText: "second", Consent: true}}},
		{"a.jpg;b.jpg", "one alt text", "no;yes", []post.Media{{File: "a.jpg", AltText: "one alt text"}, {File: "b.jpg", Consent: true}}},
		{"", "alt text without a file", "", []post.Media{{AltText: "alt text without a file"}}},
	}
	for _, tt := range tests {
		got, err := csvMedia(tt.files, tt.alt, tt.consent)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("csvMedia(%q, %q, %q) = %+v, %v; want %+v", tt.files, tt.alt, tt.consent, got, err, tt.want)
		}
	}
}

func TestIsDate(t *testing.T) {
	for s, want := range map[string]bool{
		"12/01/2026 09:00":     true,
		"1/2/2026 9:00":        true,
		"31/12/2026 23:59":     true,
		"12/31/2026 11:59 PM":  true,
		"2026-12-01T09:00:00Z": true,
		"2026-12-01 09:00":     true,
		"2026-12-01":           true,
		"text":                 false,
		"12":                   false,
		"32/13/2026 09:00":     false,
		"":                     false,
	} {
		if got := isDate(s); got != want {
			t.Errorf("isDate(%q) = %v, want %v", s, got, want)
		}
	}
}
