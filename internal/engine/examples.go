package engine

import (
	"fmt"

	"github.com/postlint/postlint/internal/rulepack"
)

// An ExampleFailure is a rule example that did not behave.
type ExampleFailure struct {
	Rule *rulepack.Rule
	Line int
	Flag bool // true: a flag example that did not fire; false: a pass example that did
	Text string
}

func (e ExampleFailure) Error() string {
	if e.Flag {
		return fmt.Sprintf("%s:%d: rule %s: flag example did not fire: %q", e.Rule.File, e.Line, e.Rule.ID, e.Text)
	}
	return fmt.Sprintf("%s:%d: rule %s: pass example fired: %q", e.Rule.File, e.Line, e.Rule.ID, e.Text)
}

// CheckExamples runs every rule's own flag and pass examples through that
// rule and returns those that misbehave.
func (l *Linter) CheckExamples() []ExampleFailure {
	var fails []ExampleFailure
	for _, r := range l.pack.Rules {
		for _, ex := range r.Examples.Flag {
			p := ex.Post
			if len(l.LintRule(r, &p)) == 0 {
				fails = append(fails, ExampleFailure{Rule: r, Line: ex.Line, Flag: true, Text: p.Text})
			}
		}
		for _, ex := range r.Examples.Pass {
			p := ex.Post
			if len(l.LintRule(r, &p)) > 0 {
				fails = append(fails, ExampleFailure{Rule: r, Line: ex.Line, Text: p.Text})
			}
		}
	}
	return fails
}
