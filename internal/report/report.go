// Package report renders postlint results in one of several output formats:
//
//   - "text": for people, with the offending line of the post and a caret
//     under the match;
//   - "json": the findings of DESIGN.md, one post object per line, streamed;
//   - "sarif": SARIF 2.1.0 for GitHub code scanning and other SARIF viewers;
//   - "github": GitHub Actions workflow commands (annotations);
//   - "junit": JUnit XML, one test case per post.
//
// Every writer streams: [Writer.Post] is called once per post, in input order,
// and the writer keeps neither the posts nor their texts. [Writer.Close] writes
// the summary and the end of the document.
//
// Privacy: a finding marked Sensitive identifies a person. Its match is masked
// with [Mask] in every format unless [Options.ShowMatches] is set; the github
// format, whose output lands in shared build logs, masks always. The text
// format masks the sensitive spans of the post line it quotes as well.
//
// Locations: a post read from a queue file (JSON Lines, JSON, YAML, CSV) is
// located at its source line, without a column. A post that is a whole file
// (.txt, .md, .markdown, .text, or standard input) is located at the line and
// column of the match inside the file.
package report

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
)

// RuleInfo describes one rule of the pack. The SARIF driver lists every rule;
// the text format takes clause titles from here.
type RuleInfo struct {
	ID          string
	Category    string
	Severity    string // "error", "warning" or "info"
	Clause      string // e.g. "9.6.1 b1"
	ClauseTitle string // a short title for the clause
	ClauseText  string // the clause as the policy words it
	Message     string
	Suggestion  string
	Description string
}

// Options configure a writer.
type Options struct {
	// Tool and Version name the program (SARIF driver, JUnit suite names).
	// Tool defaults to "postlint".
	Tool, Version string
	// Rules lists every rule of the pack, in a stable order.
	Rules []RuleInfo
	// ShowMatches prints sensitive matches as found. When false (the
	// default) they are masked with Mask. The github format ignores it and
	// always masks.
	ShowMatches bool
	// Color adds ANSI colours to the text format; other formats ignore it.
	Color bool
	// FailOn is the least severity that blocks (exit code 1, JUnit
	// failures); 0 means nothing blocks.
	FailOn finding.Severity
	// Root, when set, is the directory that source paths are made relative
	// to in SARIF, github and JUnit output (a repository's root, so that
	// GitHub can place annotations). Relative paths are kept as they are.
	Root string
}

// A Writer renders results in one format. Writers are not safe for
// concurrent use.
type Writer interface {
	// Post renders the result for one post. It is called once per post in
	// input order; r.Err is set for a post that could not be read.
	Post(r *finding.Result) error
	// Close writes the summary and the end of the document. It does not
	// close the underlying io.Writer.
	Close() error
	// Summary returns the counts so far (final after Close).
	Summary() Summary
}

// Formats returns the names New accepts.
func Formats() []string { return []string{"text", "json", "sarif", "github", "junit"} }

// New returns a writer for format that writes to w.
func New(format string, w io.Writer, opts Options) (Writer, error) {
	if opts.Tool == "" {
		opts.Tool = "postlint"
	}
	b := &base{out: bufio.NewWriter(w), opts: opts, format: format}
	b.sum.FailOn = opts.FailOn
	b.rules = make(map[string]int, len(opts.Rules))
	for i, ri := range opts.Rules {
		if _, dup := b.rules[ri.ID]; !dup {
			b.rules[ri.ID] = i
		}
	}
	switch format {
	case "text":
		return &textWriter{base: b}, nil
	case "json":
		return newJSONWriter(b), nil
	case "sarif":
		return newSARIFWriter(b), nil
	case "github":
		return &githubWriter{base: b}, nil
	case "junit":
		return newJUnitWriter(b, defaultSpill), nil
	}
	return nil, fmt.Errorf("report: unknown format %q (want %s)", format, strings.Join(Formats(), ", "))
}

// SeverityCounts counts findings by severity.
type SeverityCounts struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

// Total returns the number of findings counted.
func (c SeverityCounts) Total() int { return c.Error + c.Warning + c.Info }

func (c *SeverityCounts) add(s finding.Severity) {
	switch s {
	case finding.Error:
		c.Error++
	case finding.Warning:
		c.Warning++
	case finding.Info:
		c.Info++
	}
}

// Summary counts what a writer has seen. Suppressed findings count only in
// Suppressed.
type Summary struct {
	// Posts is the number of posts, unreadable ones included.
	Posts int `json:"posts"`
	// Blocked, Review and OK count readable posts by verdict.
	Blocked int `json:"blocked"`
	Review  int `json:"review"`
	OK      int `json:"ok"`
	// Unreadable counts posts that could not be read (Result.Err set).
	Unreadable int `json:"unreadable"`
	// Findings counts unsuppressed findings by severity.
	Findings SeverityCounts `json:"findings"`
	// Suppressed counts suppressed findings.
	Suppressed int `json:"suppressed"`
	// FailOn is Options.FailOn; Blocking counts the unsuppressed findings at
	// or above it.
	FailOn   finding.Severity `json:"fail_on,omitempty"`
	Blocking int              `json:"blocking"`
}

// ExitCode returns the exit code of DESIGN.md for what was seen: 2 when a
// post could not be read, 1 when a finding is at or above FailOn, else 0.
func (s Summary) ExitCode() int {
	switch {
	case s.Unreadable > 0:
		return 2
	case s.Blocking > 0:
		return 1
	}
	return 0
}

// String returns the summary line, such as
// "3 posts checked: 1 blocked, 1 to review, 1 ok · 2 errors, 1 warning".
func (s Summary) String() string {
	var b strings.Builder
	b.WriteString(plural(s.Posts, "post", "posts"))
	b.WriteString(" checked: ")
	parts := []string{
		strconv.Itoa(s.Blocked) + " blocked",
		strconv.Itoa(s.Review) + " to review",
		strconv.Itoa(s.OK) + " ok",
	}
	if s.Unreadable > 0 {
		parts = append(parts, strconv.Itoa(s.Unreadable)+" unreadable")
	}
	b.WriteString(strings.Join(parts, ", "))
	b.WriteString(" · ")
	var fs []string
	if s.Findings.Error > 0 {
		fs = append(fs, plural(s.Findings.Error, "error", "errors"))
	}
	if s.Findings.Warning > 0 {
		fs = append(fs, plural(s.Findings.Warning, "warning", "warnings"))
	}
	if s.Findings.Info > 0 {
		fs = append(fs, plural(s.Findings.Info, "note", "notes"))
	}
	if len(fs) == 0 {
		fs = append(fs, "no findings")
	}
	b.WriteString(strings.Join(fs, ", "))
	if s.Suppressed > 0 {
		fmt.Fprintf(&b, " (%d suppressed)", s.Suppressed)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// base holds what every writer shares: the buffered output with its first
// error, the options, the rule index and the running summary.
type base struct {
	out    *bufio.Writer
	err    error
	opts   Options
	format string
	rules  map[string]int
	sum    Summary
	closed bool
}

// Summary implements Writer.
func (b *base) Summary() Summary { return b.sum }

// write writes s unless an earlier write failed.
func (b *base) write(s string) {
	if b.err != nil {
		return
	}
	if _, err := b.out.WriteString(s); err != nil {
		b.err = fmt.Errorf("report: writing %s output: %w", b.format, err)
	}
}

// writef is write with formatting.
func (b *base) writef(format string, args ...any) { b.write(fmt.Sprintf(format, args...)) }

// begin checks the writer is open and counts r in the summary.
func (b *base) begin(r *finding.Result) error {
	if b.closed {
		return fmt.Errorf("report: %s writer: Post after Close", b.format)
	}
	if r == nil {
		return fmt.Errorf("report: %s writer: nil result", b.format)
	}
	b.sum.Posts++
	if r.Err != nil {
		b.sum.Unreadable++
		return b.err
	}
	switch verdictOf(r) {
	case finding.Block:
		b.sum.Blocked++
	case finding.Review:
		b.sum.Review++
	default:
		b.sum.OK++
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppressed != nil {
			b.sum.Suppressed++
			continue
		}
		b.sum.Findings.add(f.Severity)
		if b.blocking(f) {
			b.sum.Blocking++
		}
	}
	return b.err
}

// finish flushes the output and marks the writer closed.
func (b *base) finish() error {
	if b.closed {
		return fmt.Errorf("report: %s writer closed twice", b.format)
	}
	b.closed = true
	if b.err == nil {
		if err := b.out.Flush(); err != nil {
			b.err = fmt.Errorf("report: writing %s output: %w", b.format, err)
		}
	}
	return b.err
}

// blocking reports whether f is at or above FailOn and not suppressed.
func (b *base) blocking(f *finding.Finding) bool {
	return f.Suppressed == nil && b.opts.FailOn != 0 && f.Severity >= b.opts.FailOn
}

// rule returns the pack's description of id, if any.
func (b *base) rule(id string) (RuleInfo, int, bool) {
	i, ok := b.rules[id]
	if !ok {
		return RuleInfo{ID: id}, -1, false
	}
	return b.opts.Rules[i], i, true
}

// match returns f's match as it may be shown: masked when sensitive, unless
// show is set.
func match(f *finding.Finding, show bool) string {
	if f.Sensitive && !show {
		return Mask(f.Match)
	}
	return f.Match
}

// scrub masks the sensitive match of f wherever it appears in s (a message
// that quotes the match, for instance).
func scrub(s string, f *finding.Finding, show bool) string {
	if !f.Sensitive || show || len(f.Match) < 2 {
		return s
	}
	return strings.ReplaceAll(s, f.Match, Mask(f.Match))
}

// verdictOf returns r's verdict, derived from its worst finding when the
// result carries none.
func verdictOf(r *finding.Result) finding.Verdict {
	if r.Verdict != "" {
		return r.Verdict
	}
	switch r.Worst() {
	case finding.Error:
		return finding.Block
	case finding.Warning:
		return finding.Review
	}
	return finding.OK
}

// postID returns the id shown for r: its id, else the post's own id, else
// "" (callers then fall back to the location).
func postID(r *finding.Result) string {
	if r.ID != "" {
		return r.ID
	}
	return r.Post.ID
}

// sourceOf returns where f was found: its own source, else the post's.
func sourceOf(r *finding.Result, f *finding.Finding) *post.Source {
	if f != nil && f.Source != nil {
		return f.Source
	}
	return r.Source
}

// location renders a source as "file:line", "file", or "stdin".
func location(s *post.Source) string {
	if s == nil {
		return "stdin"
	}
	file := s.File
	if file == "" || file == "-" {
		file = "stdin"
	}
	if s.Line > 0 {
		return file + ":" + strconv.Itoa(s.Line)
	}
	return file
}

// wholeFile reports whether a post read from s is a whole file (a plain
// text or Markdown draft, or standard input), so that the lines and columns
// of its text are those of the file.
func wholeFile(s *post.Source) bool {
	if s == nil || s.File == "" || s.File == "-" {
		return true
	}
	switch strings.ToLower(filepath.Ext(s.File)) {
	case ".txt", ".text", ".md", ".markdown":
		return true
	}
	return false
}

// relPath returns the source file as a forward-slash path relative to
// opts.Root when it can, "stdin" for standard input.
func (b *base) relPath(s *post.Source) string {
	if s == nil || s.File == "" || s.File == "-" {
		return "stdin"
	}
	p := s.File
	if b.opts.Root != "" && filepath.IsAbs(p) {
		if root, err := filepath.Abs(b.opts.Root); err == nil {
			if rel, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = path.Clean(p)
	}
	return p
}

// region locates f in its source file: the line, and the column in Unicode
// code points (0 when unknown). Posts from queue files are located at their
// line only.
func region(r *finding.Result, f *finding.Finding) (line, col, endLine, endCol int) {
	src := sourceOf(r, f)
	line = 1
	if src != nil && src.Line > 0 {
		line = src.Line
	}
	if !wholeFile(src) || fieldName(f) != "text" {
		return line, 0, 0, 0
	}
	text := r.Post.Text
	if !validSpan(text, f.Span) {
		if f.Span.Line > 0 && f.Span.Column > 0 && text == "" {
			// No text to measure: trust the span (columns in graphemes).
			return line + f.Span.Line - 1, f.Span.Column, 0, 0
		}
		return line, 0, 0, 0
	}
	sl, sc := lineCol(text, f.Span.Start)
	el, ec := lineCol(text, f.Span.End)
	return line + sl - 1, sc, line + el - 1, ec
}

// lineCol returns the 1-based line and code-point column of byte offset off.
func lineCol(text string, off int) (line, col int) {
	before := text[:off]
	line = 1 + strings.Count(before, "\n")
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, 1 + utf8.RuneCountInString(before)
}
