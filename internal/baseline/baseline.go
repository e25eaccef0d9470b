// Package baseline records the findings a team has accepted for now, so that
// a check reports only new ones.
//
// A baseline file is JSON:
//
//	{
//	  "version": 1,
//	  "tool": "postlint",
//	  "about": "…",
//	  "findings": [
//	    {"fingerprint": "6f1c…", "rule": "nhs-number", "post": "q-17", "count": 1}
//	  ]
//	}
//
// Each entry is a finding's fingerprint with how many findings share it.
// The fingerprint hashes the rule, the field of the post, the post and the
// masked match in lower case. The post is its own id when the input gives one, else its
// normalised text (and the text it replies to) with every digit and every
// sensitive match masked, so that a fingerprint survives reordering the
// queue, moving the file and adding or removing other posts, and cannot be
// used to confirm a guessed identifier. "post" is written only for posts
// with their own id; the file never holds post text or unmasked matches.
package baseline

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/engine"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
)

// Version is the version of the file format.
const Version = 1

const about = "Findings accepted for now, by fingerprint (rule, post id or masked text, masked match). " +
	"Written by postlint check --write-baseline; read by --baseline. No post text or unmasked identifiers are stored."

// An Entry is one fingerprint of the file.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	// Post is the post's own id, when it has one.
	Post string `json:"post,omitempty"`
	// Count is how many findings have this fingerprint (at least 1).
	Count int `json:"count"`
}

type fileJSON struct {
	Version  int     `json:"version"`
	Tool     string  `json:"tool"`
	About    string  `json:"about,omitempty"`
	Findings []Entry `json:"findings"`
}

// A Baseline is a baseline file being applied. It is not safe for
// concurrent use: apply it to results in order.
type Baseline struct {
	name      string
	remaining map[string]int
	total     int
}

// Load reads the baseline file at path.
func Load(path string) (*Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	defer f.Close()
	return Read(f, path)
}

// Read reads a baseline file from r; name is used in errors.
func Read(r io.Reader, name string) (*Baseline, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var fj fileJSON
	if err := dec.Decode(&fj); err != nil {
		return nil, fmt.Errorf("%s: %w", where(name, data, err), err)
	}
	if fj.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d, want %d (write it again with --write-baseline)", name, fj.Version, Version)
	}
	b := &Baseline{name: name, remaining: map[string]int{}}
	for i, e := range fj.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("%s: finding %d has no fingerprint", name, i+1)
		}
		n := max(e.Count, 1)
		b.remaining[e.Fingerprint] += n
		b.total += n
	}
	return b, nil
}

// where returns "name:line" for a JSON decoding error that has an offset.
func where(name string, data []byte, err error) string {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return name
	}
	return name + ":" + strconv.Itoa(1+bytes.Count(data[:off], []byte("\n")))
}

// Apply marks r's unsuppressed findings that the baseline records as
// suppressed (kind "baseline"), each entry covering as many findings as its
// count, and recomputes r's score and verdict. ownID says whether the post's
// id was given in the input (see OwnID). It returns how many findings it
// marked.
func (b *Baseline) Apply(r *finding.Result, ownID bool) int {
	if b == nil || r.Err != nil || len(r.Findings) == 0 {
		return 0
	}
	fps := Fingerprints(r, ownID)
	n := 0
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppressed != nil || b.remaining[fps[i]] == 0 {
			continue
		}
		b.remaining[fps[i]]--
		f.Suppressed = &finding.Suppression{Kind: "baseline", Reason: "recorded in " + filepath.Base(b.name)}
		n++
	}
	if n > 0 {
		rescore(r)
	}
	return n
}

// Unused returns how many recorded findings no result has matched so far:
// after the last result, the findings that have been fixed.
func (b *Baseline) Unused() int {
	n := 0
	for _, c := range b.remaining {
		n += c
	}
	return n
}

// A Recorder collects findings for a new baseline file.
type Recorder struct {
	entries map[string]*Entry
}

// NewRecorder returns an empty recorder.
func NewRecorder() *Recorder { return &Recorder{entries: map[string]*Entry{}} }

// Add records r's findings that are unsuppressed or suppressed by a
// baseline, and marks the unsuppressed ones as suppressed by the baseline
// being written (recomputing r's score and verdict): once the file is
// written, a check with it reports none of them. Findings a post suppresses
// itself are not recorded.
func (w *Recorder) Add(r *finding.Result, ownID bool, name string) {
	if r.Err != nil || len(r.Findings) == 0 {
		return
	}
	fps := Fingerprints(r, ownID)
	marked := false
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppressed != nil && f.Suppressed.Kind != "baseline" {
			continue
		}
		e := w.entries[fps[i]]
		if e == nil {
			e = &Entry{Fingerprint: fps[i], Rule: f.Rule}
			if ownID {
				e.Post = r.Post.ID
			}
			w.entries[fps[i]] = e
		}
		e.Count++
		if f.Suppressed == nil {
			f.Suppressed = &finding.Suppression{Kind: "baseline", Reason: "recorded in " + filepath.Base(name)}
			marked = true
		}
	}
	if marked {
		rescore(r)
	}
}

// Len returns the number of findings recorded.
func (w *Recorder) Len() int {
	n := 0
	for _, e := range w.entries {
		n += e.Count
	}
	return n
}

// Write writes the baseline file to out.
func (w *Recorder) Write(out io.Writer) error {
	entries := make([]Entry, 0, len(w.entries))
	for _, e := range w.entries {
		entries = append(entries, *e)
	}
	slices.SortFunc(entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.Post, b.Post), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
	data, err := json.MarshalIndent(fileJSON{Version: Version, Tool: "postlint", About: about, Findings: entries}, "", "  ")
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	_, err = out.Write(append(data, '\n'))
	return err
}

// WriteFile writes the baseline file to path, replacing it only once the
// new file is complete.
func (w *Recorder) WriteFile(path string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := w.Write(tmp); err != nil {
		return fmt.Errorf("baseline %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("baseline %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("baseline %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}

// rescore recomputes a result's score and verdict after suppressions.
func rescore(r *finding.Result) { r.Score, r.Verdict = engine.Rescore(r.Findings) }

// OwnID reports whether p's id was given in the input, rather than made up
// by the queue reader from the file's base name and the post's line
// ("queue.jsonl:3") or for standard input ("stdin"). Made-up ids change
// when the queue is reordered, so posts without their own id are known by
// their text instead.
func OwnID(p *post.Post, src *post.Source) bool {
	if p.ID == "" {
		return false
	}
	base := "stdin"
	line := 1
	if src != nil {
		if src.File != "" && src.File != "-" && src.File != "stdin" {
			base = filepath.Base(src.File)
		}
		line = src.Line
	}
	if base == "stdin" && p.ID == "stdin" {
		return false
	}
	return p.ID != base+":"+strconv.Itoa(line)
}

// Fingerprints returns the fingerprint of each of r's findings, in order.
func Fingerprints(r *finding.Result, ownID bool) []string {
	subject := "id:" + r.Post.ID
	if !ownID {
		subject = "text:" + maskedText(r, "text", r.Post.Text)
		if r.Post.ReplyTo != nil {
			subject += "\x00" + maskedText(r, "reply_to.text", r.Post.ReplyTo.Text)
		}
	}
	out := make([]string, len(r.Findings))
	for i := range r.Findings {
		f := &r.Findings[i]
		h := sha256.New()
		for _, part := range []string{"postlint-baseline/1", f.Rule, fieldOf(f), subject, strings.ToLower(finding.Mask(f.Match))} {
			h.Write([]byte(part))
			h.Write([]byte{0})
		}
		out[i] = hex.EncodeToString(h.Sum(nil)[:16])
	}
	return out
}

func fieldOf(f *finding.Finding) string {
	if f.Field == "" {
		return "text"
	}
	return f.Field
}

// maskedText returns text lower-cased with its white space collapsed, every
// digit replaced by '#' and the sensitive matches of field masked.
func maskedText(r *finding.Result, field, text string) string {
	var spans [][2]int
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Sensitive && fieldOf(f) == field && f.Span.Start >= 0 && f.Span.Start < f.Span.End && f.Span.End <= len(text) {
			spans = append(spans, [2]int{f.Span.Start, f.Span.End})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		if s[0] < pos {
			s[0] = pos
		}
		if s[0] >= s[1] {
			continue
		}
		b.WriteString(text[pos:s[0]])
		b.WriteString(maskAll(text[s[0]:s[1]]))
		pos = s[1]
	}
	b.WriteString(text[pos:])
	masked := strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return '#'
		}
		return r
	}, b.String())
	return strings.Join(strings.Fields(strings.ToLower(masked)), " ")
}

// maskAll replaces every letter and digit of s with '*' (invalid UTF-8
// counts as a letter).
func maskAll(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == utf8.RuneError {
			return '*'
		}
		return r
	}, s)
}
