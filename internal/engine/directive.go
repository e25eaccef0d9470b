package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/internal/verdict"
)

// DirectiveRule is the rule id of the findings about a post's own
// suppression ("postlint: {ignore: [...], reason: ...}") when it is faulty:
//
//   - a suppression without a reason suppresses nothing: the findings it
//     names stay and count, and a warning says the reason is missing;
//   - a suppression naming no known rule or category is a warning too, as
//     a misspelt id would otherwise silently suppress nothing.
//
// The warning does not add to the post's risk score, which is about what
// the post says, but it does count for the verdict (review at least) and for
// --fail-on.
//
// The warning's category is that of the first rule or category the
// suppression names (empty when it names none that exists). Options can
// change its severity (Severity["postlint-suppression"]) or turn it off
// (Disable).
const DirectiveRule = "postlint-suppression"

// checkDirective appends the findings about p's faulty suppression to fs.
func (l *Linter) checkDirective(p *post.Post, fs []finding.Finding) []finding.Finding {
	d := p.Directive
	if d == nil || l.directiveOff {
		return fs
	}
	category := ""
	var unknown []string
	for _, id := range d.Ignore {
		c, ok := l.categoryOf(id)
		if !ok {
			unknown = append(unknown, id)
			continue
		}
		if category == "" {
			category = c
		}
	}
	sev := finding.Warning
	if s, ok := l.sev[DirectiveRule]; ok {
		sev = s
	}
	add := func(msg, suggestion string) {
		fs = append(fs, finding.Finding{
			Post: p.ID, Rule: DirectiveRule, Category: category, Severity: sev,
			Confidence: 1, Message: msg, Suggestion: suggestion, Field: detect.FieldPost,
		})
	}
	ignore := strings.Join(d.Ignore, ", ")
	if len(d.Ignore) > 0 && strings.TrimSpace(d.Reason) == "" {
		add(fmt.Sprintf("suppression without a reason: \"ignore: [%s]\" is not applied", ignore),
			`Add reason: "…" beside ignore, saying why the post is acceptable, or remove the suppression.`)
	}
	if len(unknown) > 0 {
		add(fmt.Sprintf("suppression names no rule or category %s", quoteAll(unknown)),
			`Use the rule ids "postlint rules" lists, or a category id.`)
	}
	return fs
}

// categoryOf returns the category of a rule id, or id itself when it is a
// category.
func (l *Linter) categoryOf(id string) (string, bool) {
	if r := l.pack.Rule(id); r != nil {
		return r.Category, true
	}
	if slices.Contains(rulepack.Categories(), id) {
		return id, true
	}
	return "", false
}

func quoteAll(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return strings.Join(q, ", ")
}

// Rescore returns the score and verdict of a post's findings: the score of
// its unsuppressed findings about the post's content (not those of
// DirectiveRule), and the verdict of all its unsuppressed findings with
// that score. Call it again after marking findings suppressed.
func Rescore(fs []finding.Finding) (int, finding.Verdict) {
	content := fs
	if slices.ContainsFunc(fs, func(f finding.Finding) bool { return f.Rule == DirectiveRule }) {
		content = slices.DeleteFunc(slices.Clone(fs), func(f finding.Finding) bool { return f.Rule == DirectiveRule })
	}
	score := verdict.Score(content)
	return score, verdict.Decide(fs, score)
}
