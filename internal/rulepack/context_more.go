package rulepack

import (
	"fmt"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/phrase"
)

// alsoSpec is one condition on another field of the post:
//
//	also:
//	  - field: reply                 # text | reply | alt_text | file | author
//	    require: [[reporter, journalist]]
//	    veto: [press office]
//
// Every require group must have a word somewhere in the field (in any media
// item for alt_text and file) and no veto word may occur there. A field the
// post does not have satisfies no require group and no veto.
type alsoSpec struct {
	Field   string     `yaml:"field"`
	Require [][]string `yaml:"require"`
	Veto    []string   `yaml:"veto"`
}

// someSpec asks for at least Min of the groups to have a word in the window:
//
//	some:
//	  min: 2
//	  groups: [[secret, "don't tell"], [my number, dm me], [lift, my house]]
type someSpec struct {
	Min    int        `yaml:"min"`
	Groups [][]string `yaml:"groups"`
}

// Also is a compiled condition on another field of the post.
type Also struct {
	Field   string
	Require []*phrase.Set
	Veto    *phrase.Set
}

// compileMore compiles the context options beyond the window: near_veto,
// sentence, also and some.
func (c *Context) compileMore(s *contextSpec, env *detect.Env) error {
	c.Near = 3
	if s.Near != nil {
		c.Near = *s.Near
	}
	if c.Near < 0 {
		return fmt.Errorf("near %d is negative", c.Near)
	}
	var err error
	if c.NearVeto, err = detect.Terms(s.NearVeto, env); err != nil {
		return err
	}
	c.Sentence = s.Sentence
	if s.Some != nil {
		if s.Some.Min < 1 || s.Some.Min > len(s.Some.Groups) {
			return fmt.Errorf("some: min %d must be between 1 and the number of groups (%d)", s.Some.Min, len(s.Some.Groups))
		}
		c.SomeMin = s.Some.Min
		for _, g := range s.Some.Groups {
			words, res, err := splitPatterns(g, env)
			if err != nil {
				return err
			}
			set, err := detect.Terms(words, env)
			if err != nil {
				return err
			}
			c.SomeGroups = append(c.SomeGroups, set)
			c.SomeRe = append(c.SomeRe, res)
		}
	}
	for i, a := range s.Also {
		if !detect.ValidField(a.Field) {
			return fmt.Errorf("also[%d]: unknown field %q (text, reply, alt_text, file, author)", i, a.Field)
		}
		if len(a.Require) == 0 && len(a.Veto) == 0 {
			return fmt.Errorf("also[%d]: give require or veto", i)
		}
		out := Also{Field: a.Field}
		for _, g := range a.Require {
			set, err := detect.Terms(g, env)
			if err != nil {
				return err
			}
			out.Require = append(out.Require, set)
		}
		if out.Veto, err = detect.Terms(a.Veto, env); err != nil {
			return err
		}
		c.Also = append(c.Also, out)
	}
	return nil
}
