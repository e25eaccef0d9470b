package report

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/rivo/uniseg"

	"github.com/postlint/postlint/internal/finding"
)

// ANSI colours of the text format.
const (
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiReset  = "\x1b[0m"
)

// Layout of the text format.
const (
	indent       = "          " // findings' detail lines
	contextLeft  = 40           // columns kept before a match on a long line
	contextRight = 40           // columns kept after it
	longLine     = 100          // lines wider than this are cut around the match
)

// textWriter renders results for people.
type textWriter struct {
	*base
	// pending is the report of a first post that had nothing to show; it is
	// printed only if that post turns out to be the only one.
	pending string
	// first describes the first post, for the verdict line of a single post.
	first struct {
		verdict    finding.Verdict
		findings   bool
		unreadable bool
	}
	shown int // posts printed so far
}

// Post implements Writer.
func (t *textWriter) Post(r *finding.Result) error {
	if err := t.begin(r); err != nil {
		return err
	}
	if t.sum.Posts == 1 {
		t.first.verdict = verdictOf(r)
		t.first.unreadable = r.Err != nil
		t.first.findings = r.Worst() != 0
	} else {
		t.pending = ""
	}
	if r.Err == nil && len(r.Findings) == 0 {
		if t.sum.Posts == 1 {
			t.pending = t.header(r) + "\n"
		}
		return t.err
	}
	if t.shown > 0 {
		t.write("\n")
	}
	t.shown++
	t.write(t.header(r) + "\n")
	if r.Err != nil {
		t.write("  " + t.severity(finding.Error) + " " + clean(r.Err.Error()) + "\n")
		return t.err
	}
	masked := map[string]maskedField{}
	for i := range r.Findings {
		t.finding(r, &r.Findings[i], masked)
	}
	return t.err
}

// Close implements Writer.
func (t *textWriter) Close() error {
	if t.closed {
		return t.finish()
	}
	if t.pending != "" {
		t.write(t.pending)
		t.shown++
	}
	if t.shown > 0 {
		t.write("\n")
	}
	t.write(t.sum.String() + "\n")
	if t.sum.Posts == 1 {
		t.write(t.verdictLine() + "\n")
	}
	return t.finish()
}

// header is the first line of a post's report: where it is, its id and its
// verdict.
func (t *textWriter) header(r *finding.Result) string {
	h := location(r.Source)
	if wholeFile(r.Source) && lineOf(r.Source) == 1 {
		h = strings.TrimSuffix(h, ":1")
	}
	if id := postID(r); id != "" && id != h && (r.Source == nil || id != r.Source.File) {
		h += " (" + id + ")"
	}
	h = t.paint(ansiBold, clean(h))
	if r.Err != nil {
		return h + ": could not be read"
	}
	switch verdictOf(r) {
	case finding.Block:
		return h + ": do not publish · score " + strconv.Itoa(r.Score)
	case finding.Review:
		return h + ": review before publishing · score " + strconv.Itoa(r.Score)
	}
	if r.Worst() == 0 {
		return h + ": no problems found"
	}
	return h + ": ok · score " + strconv.Itoa(r.Score)
}

// verdictLine is the last line for a single post, in plain words.
func (t *textWriter) verdictLine() string {
	switch {
	case t.first.unreadable:
		return t.paint(ansiRed, "✗ The post could not be read.")
	case t.first.verdict == finding.Block:
		return t.paint(ansiRed, "✗ Do not publish this post.")
	case t.first.verdict == finding.Review:
		return t.paint(ansiYellow, "Review before publishing.")
	case t.first.findings:
		return t.paint(ansiGreen, "✓ OK to publish; see the notes above.")
	}
	return t.paint(ansiGreen, "✓ No problems found.")
}

// finding renders one finding.
func (t *textWriter) finding(r *finding.Result, f *finding.Finding, masked map[string]maskedField) {
	ri, _, _ := t.rule(f.Rule)
	clause := f.Clause
	if clause == "" {
		clause = ri.Clause
	}
	head := f.Rule
	if clause != "" {
		head += " · " + clause
		if ri.ClauseTitle != "" {
			head += " " + ri.ClauseTitle
		}
	}
	show := t.opts.ShowMatches
	if f.Suppressed != nil {
		line := "  " + t.paint(ansiDim, "suppressed") + " " + clean(head) + " (" + clean(f.Suppressed.Kind)
		if f.Suppressed.Reason != "" {
			line += ": " + clean(f.Suppressed.Reason)
		}
		t.write(line + ")\n")
		return
	}
	t.write("  " + t.severity(f.Severity) + " " + clean(head) + "\n")
	if msg := scrub(f.Message, f, show); msg != "" {
		t.write(indent + clean(msg) + "\n")
	}
	field := fieldName(f)
	if label := fieldLabel(field); label != "" && field != "post" {
		t.write(indent + label + ":\n")
	}
	if !t.snippet(r, f, field, masked) && f.Match != "" {
		t.write(indent + "match: " + strconv.Quote(match(f, show)) + "\n")
	}
	if s := scrub(f.Suggestion, f, show); s != "" {
		t.write(indent + "suggestion: " + clean(s) + "\n")
	}
}

// maskedField is a field's text with its sensitive spans masked, and the
// map from offsets of the original text to offsets of the masked one.
type maskedField struct {
	text string
	off  func(int) int
}

// snippet prints the line of the field that holds f's span with a caret
// underline, and reports whether it could.
func (t *textWriter) snippet(r *finding.Result, f *finding.Finding, field string, cache map[string]maskedField) bool {
	if field == "post" {
		return false
	}
	text, ok := fieldText(&r.Post, field)
	if !ok || !validSpan(text, f.Span) {
		return false
	}
	mf, ok := cache[field]
	if !ok {
		mf = maskedField{text: text, off: func(i int) int { return i }}
		if !t.opts.ShowMatches {
			var spans [][2]int
			for i := range r.Findings {
				g := &r.Findings[i]
				if g.Sensitive && fieldName(g) == field && validSpan(text, g.Span) {
					spans = append(spans, [2]int{g.Span.Start, g.Span.End})
				}
			}
			mf.text, mf.off = maskSpans(text, spans)
		}
		cache[field] = mf
	}
	s, e := mf.off(f.Span.Start), mf.off(f.Span.End)
	display, col, width := caretLine(mf.text, s, e)
	// Number the line when the text has several, or is a whole file (then
	// the number is the file's line).
	gutter, blank := "| ", "| "
	src := sourceOf(r, f)
	if whole := wholeFile(src) && field == "text"; whole || strings.Contains(text, "\n") {
		n := 1 + strings.Count(text[:f.Span.Start], "\n")
		if whole {
			n += lineOf(src) - 1
		}
		num := strconv.Itoa(n)
		gutter, blank = num+" | ", strings.Repeat(" ", len(num))+" | "
	}
	t.write(indent + gutter + display + "\n")
	t.write(indent + blank + strings.Repeat(" ", col) + t.paint(severityColor(f.Severity), "^"+strings.Repeat("~", width-1)) + "\n")
	return true
}

// caretLine returns the line of text holding byte offset s, cleaned for the
// terminal and cut around the match when long, with the display column and
// width (at least 1) of the range [s, e) within it; a range running past
// the end of the line is underlined to the end of the line.
func caretLine(text string, s, e int) (display string, col, width int) {
	start := strings.LastIndexByte(text[:s], '\n') + 1
	end := len(text)
	if i := strings.IndexByte(text[s:], '\n'); i >= 0 {
		end = s + i
	}
	if e > end {
		e = end
	}
	if e < s {
		e = s
	}
	pre := clean(text[start:s])
	mid := clean(text[s:e])
	post := clean(strings.TrimRight(text[e:end], "\r"))
	if uniseg.StringWidth(pre)+uniseg.StringWidth(mid)+uniseg.StringWidth(post) > longLine {
		if uniseg.StringWidth(pre) > contextLeft {
			pre = "…" + lastColumns(pre, contextLeft-1)
		}
		if uniseg.StringWidth(post) > contextRight {
			post = firstColumns(post, contextRight-1) + "…"
		}
	}
	width = uniseg.StringWidth(mid)
	if width < 1 {
		width = 1
	}
	return pre + mid + post, uniseg.StringWidth(pre), width
}

// firstColumns returns the longest prefix of s, in whole grapheme clusters,
// at most n columns wide.
func firstColumns(s string, n int) string {
	w, state, i := 0, -1, 0
	rest := s
	for len(rest) > 0 {
		var cluster string
		var cw int
		cluster, rest, cw, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if w+cw > n {
			break
		}
		w += cw
		i += len(cluster)
	}
	return s[:i]
}

// lastColumns returns the longest suffix of s, in whole grapheme clusters,
// at most n columns wide.
func lastColumns(s string, n int) string {
	var starts, widths []int
	state, i := -1, 0
	rest := s
	for len(rest) > 0 {
		var cluster string
		var cw int
		cluster, rest, cw, state = uniseg.FirstGraphemeClusterInString(rest, state)
		starts = append(starts, i)
		widths = append(widths, cw)
		i += len(cluster)
	}
	w, cut := 0, len(s)
	for k := len(starts) - 1; k >= 0; k-- {
		if w+widths[k] > n {
			break
		}
		w += widths[k]
		cut = starts[k]
	}
	return s[cut:]
}

// severity renders a severity, padded to a fixed width and coloured when
// asked.
func (t *textWriter) severity(s finding.Severity) string {
	label := s.String()
	pad := strings.Repeat(" ", max(0, len("warning")-len(label)))
	return t.paint(severityColor(s), label) + pad
}

// severityColor is the colour of a severity: red error, yellow warning,
// blue info.
func severityColor(s finding.Severity) string {
	switch s {
	case finding.Error:
		return ansiRed
	case finding.Warning:
		return ansiYellow
	case finding.Info:
		return ansiBlue
	}
	return ""
}

// paint wraps s in an ANSI colour when colours are on.
func (t *textWriter) paint(code, s string) string {
	if !t.opts.Color || s == "" || code == "" {
		return s
	}
	return code + s + ansiReset
}

// clean makes s safe to print on a terminal: tabs become spaces, and
// control characters (escape sequences, carriage returns) and bidirectional
// overrides become U+FFFD.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if unsafeRune(r) || r == '\t' {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case unsafeRune(r):
			return '\uFFFD'
		}
		return r
	}, s)
}

// unsafeRune reports whether r could disturb a terminal or reorder text.
func unsafeRune(r rune) bool {
	switch {
	case unicode.IsControl(r):
		return true
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069',
		r == '\u200E', r == '\u200F', r == '\u061C':
		return true
	}
	return false
}
