package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/postlint/postlint/internal/finding"
)

// defaultSpill is how many bytes of test cases the junit writer keeps in
// memory for the current suite before it moves them to a temporary file.
const defaultSpill = 4 << 20

// junitWriter writes JUnit XML: one <testsuite> per source file (posts of
// one file arrive together), one <testcase> per post, a <failure> per
// blocking finding, other findings in <system-out>, and an <error> for an
// unreadable post. A suite's counts go in its start tag, so its test cases
// are held until the next file starts: in memory up to a limit, then in a
// temporary file.
type junitWriter struct {
	*base
	spill   int
	started bool
	open    bool   // a suite is being collected
	suite   string // its name (the source file)
	cases   bytes.Buffer
	tmp     *os.File // test cases of the suite moved out of memory
	tests   int
	fails   int
	errors  int
}

func newJUnitWriter(b *base, spill int) *junitWriter {
	return &junitWriter{base: b, spill: spill}
}

// Post implements Writer.
func (j *junitWriter) Post(r *finding.Result) error {
	if err := j.begin(r); err != nil {
		return err
	}
	if !j.started {
		j.started = true
		j.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
		j.write("<testsuites name=" + xmlAttr(j.opts.Tool) + ">\n")
	}
	file := j.relPath(r.Source)
	if !j.open || file != j.suite {
		if err := j.endSuite(); err != nil {
			return err
		}
		j.open, j.suite = true, file
	}
	j.tests++
	j.testcase(r, file)
	if j.cases.Len() >= j.spill {
		if err := j.moveOut(); err != nil {
			return err
		}
	}
	return j.err
}

// Close implements Writer.
func (j *junitWriter) Close() error {
	if j.closed {
		return j.finish()
	}
	if !j.started {
		j.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
		j.write("<testsuites name=" + xmlAttr(j.opts.Tool) + ">\n")
	}
	if err := j.endSuite(); err != nil {
		return err
	}
	j.write("</testsuites>\n")
	return j.finish()
}

// testcase renders one post into the current suite's buffer.
func (j *junitWriter) testcase(r *finding.Result, file string) {
	name := postID(r)
	if name == "" {
		name = location(r.Source)
	}
	c := &j.cases
	c.WriteString("    <testcase name=" + xmlAttr(name) + " classname=" + xmlAttr(file))
	if file != "stdin" {
		c.WriteString(" file=" + xmlAttr(file) + " line=\"" + strconv.Itoa(lineOf(r.Source)) + "\"")
	}
	if r.Err != nil {
		j.errors++
		msg := errorText(r)
		c.WriteString(">\n      <error message=" + xmlAttr("post could not be read: "+msg) + " type=\"unreadable\">" + xmlText(msg) + "</error>\n    </testcase>\n")
		return
	}
	var failures, out []string
	for i := range r.Findings {
		f := &r.Findings[i]
		if j.blocking(f) {
			failures = append(failures, j.failure(r, f))
		} else {
			out = append(out, j.describe(r, f))
		}
	}
	if len(failures) == 0 && len(out) == 0 {
		c.WriteString("/>\n")
		return
	}
	c.WriteString(">\n")
	if len(failures) > 0 {
		j.fails++
	}
	for _, s := range failures {
		c.WriteString(s)
	}
	if len(out) > 0 {
		c.WriteString("      <system-out>" + xmlText(strings.Join(out, "\n\n")) + "</system-out>\n")
	}
	c.WriteString("    </testcase>\n")
}

// failure renders a blocking finding.
func (j *junitWriter) failure(r *finding.Result, f *finding.Finding) string {
	msg := strings.TrimSpace(scrub(f.Message, f, j.opts.ShowMatches))
	return "      <failure message=" + xmlAttr(f.Rule+": "+msg) + " type=" + xmlAttr(f.Rule) + ">" +
		xmlText(j.describe(r, f)) + "</failure>\n"
}

// describe spells a finding out on a few lines.
func (j *junitWriter) describe(r *finding.Result, f *finding.Finding) string {
	show := j.opts.ShowMatches
	ri, _, _ := j.rule(f.Rule)
	var b strings.Builder
	b.WriteString(f.Severity.String() + " " + f.Rule)
	clause := f.Clause
	if clause == "" {
		clause = ri.Clause
	}
	if clause != "" {
		b.WriteString(" · " + clause)
		if ri.ClauseTitle != "" {
			b.WriteString(" " + ri.ClauseTitle)
		}
	}
	if f.Suppressed != nil {
		b.WriteString(" (suppressed, " + f.Suppressed.Kind)
		if f.Suppressed.Reason != "" {
			b.WriteString(": " + f.Suppressed.Reason)
		}
		b.WriteString(")")
	}
	b.WriteString("\n" + strings.TrimSpace(scrub(f.Message, f, show)))
	field := fieldName(f)
	where := field
	if f.Span.Line > 0 && field != "post" {
		where += fmt.Sprintf(", line %d, column %d", f.Span.Line, f.Span.Column)
	}
	b.WriteString("\nwhere: " + where)
	if m := match(f, show); m != "" {
		b.WriteString("\nmatch: " + strconv.Quote(m))
	}
	if s := scrub(f.Suggestion, f, show); s != "" {
		b.WriteString("\nsuggestion: " + s)
	}
	return b.String()
}

// endSuite writes the suite being collected, if any.
func (j *junitWriter) endSuite() error {
	if !j.open {
		return j.err
	}
	j.open = false
	j.writef("  <testsuite name=%s tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\">\n",
		xmlAttr(j.suite), j.tests, j.fails, j.errors)
	if j.tmp != nil {
		err := j.copyBack()
		if err != nil && j.err == nil {
			j.err = err
		}
	}
	j.write(j.cases.String())
	j.write("  </testsuite>\n")
	j.cases.Reset()
	j.tests, j.fails, j.errors = 0, 0, 0
	return j.err
}

// moveOut appends the buffered test cases to the temporary file.
func (j *junitWriter) moveOut() error {
	if j.tmp == nil {
		f, err := os.CreateTemp("", "postlint-junit-*.xml")
		if err != nil {
			return fmt.Errorf("report: junit: %w", err)
		}
		j.tmp = f
	}
	if _, err := j.tmp.Write(j.cases.Bytes()); err != nil {
		return fmt.Errorf("report: junit: spilling test cases: %w", err)
	}
	j.cases.Reset()
	return nil
}

// copyBack writes the temporary file's test cases out, then removes it.
func (j *junitWriter) copyBack() error {
	f := j.tmp
	j.tmp = nil
	defer os.Remove(f.Name())
	defer f.Close()
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("report: junit: reading spilled test cases: %w", err)
	}
	if j.err != nil {
		return j.err
	}
	if _, err := io.Copy(j.out, f); err != nil {
		return fmt.Errorf("report: junit: copying spilled test cases: %w", err)
	}
	return nil
}

// xmlAttr returns s as a quoted XML attribute value.
func xmlAttr(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	_ = xml.EscapeText(&b, []byte(xmlClean(s)))
	b.WriteByte('"')
	return b.String()
}

// xmlText escapes s as element content, keeping line breaks readable.
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(xmlClean(s)))
	// Line breaks and quotes need no escaping in content; '&' itself is
	// always escaped, so these references come from the characters.
	return strings.NewReplacer("&#xA;", "\n", "&#34;", `"`, "&#39;", "'").Replace(b.String())
}

// xmlClean drops the characters XML 1.0 does not allow.
func xmlClean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t', r == '\n', r == '\r',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return -1
	}, s)
}
