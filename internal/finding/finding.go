// Package finding defines what postlint reports: findings, severities and
// per-post results.
package finding

import (
	"fmt"

	"github.com/postlint/postlint/internal/post"
)

// Severity orders how serious a finding is.
type Severity int

// Severities, least to most serious.
const (
	Info Severity = iota + 1
	Warning
	Error
)

// ParseSeverity reads "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "info":
		return Info, nil
	case "warning":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "none"
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Span locates a match. Start and End are byte offsets into the field's text;
// Line is 1-based and Column counts grapheme clusters from 1.
type Span struct {
	Start  int `json:"start"`
	End    int `json:"end"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

// A Finding is one breach (or possible breach) of a policy clause.
type Finding struct {
	Post       string   `json:"post"`
	Rule       string   `json:"rule"`
	Category   string   `json:"category"`
	Severity   Severity `json:"severity"`
	Confidence float64  `json:"confidence"`
	Clause     string   `json:"clause"`
	ClauseText string   `json:"clause_text"`
	Message    string   `json:"message"`
	Suggestion string   `json:"suggestion,omitempty"`
	// Field names the part of the post the span is in: "text" (the default),
	// "reply_to.text", "media[0].alt_text", "media[0].file" or "post" when the
	// finding is about the post as a whole.
	Field string `json:"field,omitempty"`
	Span  Span   `json:"span"`
	Match string `json:"match"`
	// Sensitive marks matches that identify people; they are masked in
	// machine-readable output unless the user asks otherwise.
	Sensitive  bool         `json:"-"`
	Source     *post.Source `json:"source,omitempty"`
	Suppressed *Suppression `json:"suppressed,omitempty"`
}

// A Suppression records why a finding was not counted.
type Suppression struct {
	Kind   string `json:"kind"` // "inline" or "baseline"
	Reason string `json:"reason,omitempty"`
}

// Verdict is the decision for one post.
type Verdict string

// Verdicts.
const (
	OK     Verdict = "ok"
	Review Verdict = "review"
	Block  Verdict = "block"
)

// A Result is what postlint says about one post.
type Result struct {
	Post     post.Post    `json:"-"`
	ID       string       `json:"id"`
	Source   *post.Source `json:"source,omitempty"`
	Score    int          `json:"score"`
	Verdict  Verdict      `json:"verdict"`
	Findings []Finding    `json:"findings"`
	// Err is set when the post could not be read; it has no findings then.
	Err error `json:"-"`
}

// Worst returns the highest severity among unsuppressed findings, or 0.
func (r *Result) Worst() Severity {
	var w Severity
	for _, f := range r.Findings {
		if f.Suppressed == nil && f.Severity > w {
			w = f.Severity
		}
	}
	return w
}
