package rulepack

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/postlint/postlint/internal/detect"
)

// RePrefix marks a context entry that is a regular expression rather than a
// word or phrase: "re:@\w+" (an @handle), "re:\bDr\.? [A-Z]" (a title and a
// capitalised name). The expression (RE2) is matched against the original
// text of the window, case as written: use (?i) to ignore case.
const RePrefix = "re:"

// Patterns are compiled "re:" entries of a context list.
type Patterns []*regexp.Regexp

// Match reports whether any pattern matches s.
func (p Patterns) Match(s string) bool {
	for _, re := range p {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// HasPatterns reports whether the context has any "re:" entry of its
// require, veto, boost or lower lists, or of post_veto.
func (c *Context) HasPatterns() bool {
	if len(c.VetoRe)+len(c.BoostRe)+len(c.LowerRe)+len(c.PostVetoRe) > 0 {
		return true
	}
	for _, g := range c.RequireRe {
		if len(g) > 0 {
			return true
		}
	}
	return false
}

// splitPatterns expands "@list" includes in a context list and takes its
// "re:" entries out, compiled.
func splitPatterns(entries []string, env *detect.Env) ([]string, Patterns, error) {
	all, err := detect.ExpandTerms(entries, env)
	if err != nil {
		return nil, nil, err
	}
	words := all[:0:0]
	var res Patterns
	for _, e := range all {
		src, ok := strings.CutPrefix(strings.TrimSpace(e), RePrefix)
		if !ok {
			words = append(words, e)
			continue
		}
		re, err := env.Regexp(src)
		if err != nil {
			return nil, nil, fmt.Errorf("pattern %q: %w", src, err)
		}
		res = append(res, re)
	}
	return words, res, nil
}
