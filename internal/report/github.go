package report

import (
	"strconv"
	"strings"

	"github.com/postlint/postlint/internal/finding"
)

// githubWriter prints GitHub Actions workflow commands, one annotation per
// unsuppressed finding and per unreadable post, then a plain summary line.
// Build logs are shared, so matches are masked whatever ShowMatches says.
type githubWriter struct {
	*base
}

// Post implements Writer.
func (g *githubWriter) Post(r *finding.Result) error {
	if err := g.begin(r); err != nil {
		return err
	}
	if r.Err != nil {
		g.command("error", g.locationProps(r, nil, "postlint: unreadable post"), "Post could not be read: "+errorText(r))
		return g.err
	}
	id := postID(r)
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppressed != nil {
			continue
		}
		ri, _, _ := g.rule(f.Rule)
		clause := f.Clause
		if clause == "" {
			clause = ri.Clause
		}
		title := "postlint " + f.Rule
		if clause != "" {
			title += " (" + clause + ")"
		}
		msg := strings.TrimSpace(scrub(f.Message, f, false))
		if id != "" {
			msg = "Post " + id + ": " + msg
		}
		if field := fieldName(f); field != "text" && field != "post" {
			msg += " [in " + field + "]"
		}
		if m := match(f, false); m != "" {
			msg += " Match: " + strconv.Quote(m) + "."
		}
		if s := scrub(f.Suggestion, f, false); s != "" {
			msg += "\nSuggestion: " + s
		}
		g.command(githubLevel(f.Severity), g.locationProps(r, f, title), msg)
	}
	return g.err
}

// Close implements Writer.
func (g *githubWriter) Close() error {
	if g.closed {
		return g.finish()
	}
	g.write(g.opts.Tool + ": " + g.sum.String() + "\n")
	return g.finish()
}

// command writes "::level props::message".
func (g *githubWriter) command(level string, props [][2]string, msg string) {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(level)
	for i, p := range props {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(p[0])
		b.WriteByte('=')
		b.WriteString(escapeProperty(p[1]))
	}
	b.WriteString("::")
	b.WriteString(escapeData(msg))
	b.WriteByte('\n')
	g.write(b.String())
}

// locationProps returns the file, line, col and title properties of an
// annotation (no file for standard input).
func (g *githubWriter) locationProps(r *finding.Result, f *finding.Finding, title string) [][2]string {
	var props [][2]string
	src := sourceOf(r, f)
	if file := g.relPath(src); file != "stdin" {
		props = append(props, [2]string{"file", file})
		line, col := lineOf(src), 0
		if f != nil {
			line, col, _, _ = region(r, f)
		}
		props = append(props, [2]string{"line", strconv.Itoa(line)})
		if col > 0 {
			props = append(props, [2]string{"col", strconv.Itoa(col)})
		}
	}
	return append(props, [2]string{"title", title})
}

// githubLevel maps a severity to a workflow command.
func githubLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "notice"
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
