// Package queue reads draft posts from queue files.
//
// Each input format has a streaming reader that yields one [Record] per post,
// in input order, with the file and 1-based line where the post starts. A post
// that cannot be read becomes a Record with a non-nil Err (an [*Error] naming
// the file and line), and reading goes on with the next post wherever the
// format allows it, so that the number of Records equals the number of posts
// present in the input.
//
// The formats are those of the postlint design: JSON Lines, a JSON array or
// {"posts": [...]}, YAML (a list or posts:), CSV with a header row or in the
// header-less Hootsuite bulk-composer layout, and plain text, which is one post.
// The readers are a little more lenient than the design's post format:
//
//   - an id may be a number, and is kept as written ("17", "1e3");
//   - reply_to may be just the text of the comment, media a file name or a
//     list of file names, and postlint.ignore a single rule id;
//   - a JSON or YAML file may hold one post object rather than a list, a JSON
//     file several top-level values, and a YAML file several documents;
//   - reply_to's action is put in lower case ("Like" is "like");
//   - in the Hootsuite layout, the link is added to the end of the text, as
//     it is published, unless the text already holds it.
//
// Unknown fields and columns, such as "expect" and "why", are ignored. A post
// whose text is missing or only white space is an error record. Post ids
// default to "<base name>:<line>". Text is kept as it is, except that JSON
// strings are decoded, and encoding/json replaces invalid UTF-8 in them with
// U+FFFD; YAML does not allow invalid UTF-8 or control characters at all.
package queue

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/postlint/postlint/internal/post"
)

// A Record is one post read from a queue, or the reason it could not be read.
type Record struct {
	// Post is the post; it is the zero value when Err is non-nil.
	Post post.Post
	// Source is the file and 1-based line where the post starts.
	Source post.Source
	// Err is non-nil when this record could not be read. It is an *Error,
	// whose message names the file and line and what is wrong.
	Err error
}

// An Error says what is wrong with a record of a queue file, and where.
type Error struct {
	File string // the file name as given to Read, or "stdin"
	Line int    // 1-based line of the problem
	Err  error  // what is wrong
}

// Error returns the message, "file:line: what is wrong".
func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Format is a queue file format.
type Format int

// The queue formats.
const (
	JSONL Format = iota + 1 // JSON Lines: one post object a line
	JSON                    // a JSON array of posts, {"posts": [...]}, or one post object
	YAML                    // a YAML list of posts, a mapping with posts:, or one post mapping
	CSV                     // CSV with a header row, or the Hootsuite bulk-composer layout
	Text                    // the whole input is one post
)

// String returns the format's name: "jsonl", "json", "yaml", "csv" or "text".
func (f Format) String() string {
	switch f {
	case JSONL:
		return "jsonl"
	case JSON:
		return "json"
	case YAML:
		return "yaml"
	case CSV:
		return "csv"
	case Text:
		return "text"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// ParseFormat returns the format named s, one of the names String returns
// (case-insensitive), or the aliases "ndjson", "yml" and "txt".
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "jsonl", "ndjson":
		return JSONL, nil
	case "json":
		return JSON, nil
	case "yaml", "yml":
		return YAML, nil
	case "csv":
		return CSV, nil
	case "text", "txt":
		return Text, nil
	}
	return 0, fmt.Errorf("unknown queue format %q (want jsonl, json, yaml, csv or text)", s)
}

// FormatFor returns the format of the file name by its extension, ignoring
// case: .jsonl and .ndjson are JSONL, .json is JSON, .yaml and .yml are YAML,
// .csv is CSV, and .txt and .md are Text. The name "-" (standard input) and
// the empty name are Text.
func FormatFor(name string) (Format, error) {
	if name == "" || name == "-" {
		return Text, nil
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson":
		return JSONL, nil
	case ".json":
		return JSON, nil
	case ".yaml", ".yml":
		return YAML, nil
	case ".csv":
		return CSV, nil
	case ".txt", ".md":
		return Text, nil
	}
	return 0, fmt.Errorf("%s: unknown queue format (want .jsonl, .ndjson, .json, .yaml, .yml, .csv, .txt or .md)", name)
}

// Read reads the posts of r, in format f, and passes each one to yield in
// input order. The name is used in each Record's Source and error messages and
// for the default post ids ("<base name>:<line>"); "" and "-" mean standard
// input, shown as "stdin".
//
// Problems with the content of the input are reported as Records with a
// non-nil Err, not as Read's result, and reading goes on with the next post.
// Where the input cannot be read any further (broken JSON or YAML syntax, a
// CSV header that cannot be parsed or names no text column) the error record
// is the last. Read stops early only when ctx is done, when yield returns an
// error, or when reading r fails; it then returns ctx.Err(), yield's error
// unchanged, or the read error wrapped with the name. Otherwise it returns nil.
func Read(ctx context.Context, r io.Reader, name string, f Format, yield func(Record) error) error {
	s := &sink{ctx: ctx, yield: yield, file: name, base: filepath.Base(name)}
	if name == "" || name == "-" {
		s.file, s.base = "stdin", "stdin"
	}
	switch f {
	case JSONL:
		return readJSONL(s, r, maxLine)
	case JSON:
		return readJSON(s, r)
	case YAML:
		return readYAML(s, r)
	case CSV:
		return readCSV(s, r)
	case Text:
		return readText(s, r)
	}
	return fmt.Errorf("queue: unknown format %v", f)
}

// ReadFile reads the queue file at path, in the format FormatFor gives for
// its name, as Read does. It opens the file read-only and never writes to it.
// It does not take "-" for standard input: for that, call Read with os.Stdin.
func ReadFile(ctx context.Context, path string, yield func(Record) error) error {
	f, err := FormatFor(path)
	if err != nil {
		return err
	}
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	return Read(ctx, file, path, f, yield)
}

// A sink passes records to the caller's yield function.
type sink struct {
	ctx   context.Context
	yield func(Record) error
	file  string // the file name shown in sources and messages
	base  string // the base name used in default ids
}

// post yields p, read from the given line, giving it a default id if it has none.
func (s *sink) post(line int, p post.Post) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	if p.ID == "" {
		p.ID = s.base + ":" + strconv.Itoa(line)
	}
	return s.yield(Record{Post: p, Source: post.Source{File: s.file, Line: line}})
}

// fail yields an error record for the post starting at line, whose problem
// is at errLine.
func (s *sink) fail(line, errLine int, err error) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	return s.yield(Record{
		Source: post.Source{File: s.file, Line: line},
		Err:    &Error{File: s.file, Line: errLine, Err: err},
	})
}

// readErr wraps an error from the underlying reader with the file name.
func (s *sink) readErr(err error) error {
	return fmt.Errorf("%s: %w", s.file, err)
}

// errEmptyText and errNoText are the errors for posts without text.
var (
	errNoText    = errors.New(`post has no "text"`)
	errEmptyText = errors.New(`post "text" is empty`)
)

// checkPost reports whether p has something to check: text, or else the
// comment it replies to, likes or shares, or media. A like or a share of a
// comment carries no text of its own, and neither may a photo post.
func checkPost(p *post.Post) error {
	if strings.TrimSpace(p.Text) != "" || len(p.Media) > 0 {
		return nil
	}
	if r := p.ReplyTo; r != nil && (strings.TrimSpace(r.Text) != "" || strings.TrimSpace(r.Author) != "") {
		return nil
	}
	return errEmptyText
}

// checkText reports whether text is usable as a post's text.
func checkText(text string) error {
	if strings.TrimSpace(text) == "" {
		return errEmptyText
	}
	return nil
}

// normalAction returns a reply action in lower case without surrounding
// space, as in "like" for " Like".
func normalAction(action string) string {
	return strings.ToLower(strings.TrimSpace(action))
}

// bom is the UTF-8 byte order mark, which some editors put at the start of
// a file and which is not part of its content.
const bom = "\ufeff"

// skipBOM discards a byte order mark at the start of br.
func skipBOM(br *bufio.Reader) {
	if b, err := br.Peek(len(bom)); err == nil && string(b) == bom {
		br.Discard(len(bom))
	}
}

// readText reads the whole of r as one post.
func readText(s *sink, r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return s.readErr(err)
	}
	text := string(bytes.TrimPrefix(data, []byte(bom)))
	if err := checkText(text); err != nil {
		return s.fail(1, 1, err)
	}
	return s.post(1, post.Post{ID: s.base, Text: text})
}
