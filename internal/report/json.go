package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
)

// VerdictError is the verdict the json format gives a post that could not
// be read; its "error" member says why.
const VerdictError = "error"

// jsonWriter streams {"posts":[...],"summary":{...}}, one post per line.
type jsonWriter struct {
	*base
	buf     bytes.Buffer
	enc     *json.Encoder
	started bool
}

func newJSONWriter(b *base) *jsonWriter {
	j := &jsonWriter{base: b}
	j.enc = json.NewEncoder(&j.buf)
	j.enc.SetEscapeHTML(false)
	return j
}

// jsonPost is one element of "posts".
type jsonPost struct {
	ID       string            `json:"id"`
	Source   *post.Source      `json:"source,omitempty"`
	Score    int               `json:"score"`
	Verdict  string            `json:"verdict"`
	Error    string            `json:"error,omitempty"`
	Findings []finding.Finding `json:"findings"`
}

// Post implements Writer.
func (j *jsonWriter) Post(r *finding.Result) error {
	if err := j.begin(r); err != nil {
		return err
	}
	p := jsonPost{ID: postID(r), Source: r.Source, Findings: []finding.Finding{}}
	if r.Err != nil {
		p.Verdict = VerdictError
		p.Error = errorText(r)
	} else {
		p.Score = r.Score
		p.Verdict = string(verdictOf(r))
		p.Findings = make([]finding.Finding, len(r.Findings))
		for i := range r.Findings {
			p.Findings[i] = exported(r, &r.Findings[i], j.opts.ShowMatches)
		}
	}
	s, err := j.marshal(p)
	if err != nil {
		return err
	}
	if j.started {
		j.write(",\n    ")
	} else {
		j.write("{\n  \"posts\": [\n    ")
		j.started = true
	}
	j.write(s)
	return j.err
}

// Close implements Writer.
func (j *jsonWriter) Close() error {
	if j.closed {
		return j.finish()
	}
	if j.started {
		j.write("\n  ],\n")
	} else {
		j.write("{\n  \"posts\": [],\n")
	}
	s, err := j.marshal(j.sum)
	if err != nil {
		return err
	}
	j.write("  \"summary\": " + s + "\n}\n")
	return j.finish()
}

// marshal encodes v on one line, without escaping HTML characters.
func (j *jsonWriter) marshal(v any) (string, error) {
	j.buf.Reset()
	if err := j.enc.Encode(v); err != nil {
		return "", fmt.Errorf("report: encoding json: %w", err)
	}
	return strings.TrimSuffix(j.buf.String(), "\n"), nil
}

// exported returns f as machine-readable formats show it: the post id and
// source filled in, and a sensitive match masked (in the message and
// suggestion too) unless show is set.
func exported(r *finding.Result, f *finding.Finding, show bool) finding.Finding {
	g := *f
	if g.Post == "" {
		g.Post = postID(r)
	}
	g.Source = sourceOf(r, f)
	g.Match = match(f, show)
	g.Message = scrub(f.Message, f, show)
	g.Suggestion = scrub(f.Suggestion, f, show)
	return g
}

// errorText describes an unreadable post as "file:line: reason".
func errorText(r *finding.Result) string {
	msg := r.Err.Error()
	loc := location(r.Source)
	if strings.HasPrefix(msg, loc) {
		return msg
	}
	return loc + ": " + msg
}
