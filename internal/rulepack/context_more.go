package rulepack

import (
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

// compileMore compiles the lists of the context options beyond the window:
// near_veto, quoted_veto, also and some (setScalars has checked them).
func (c *Context) compileMore(s *contextSpec, env *detect.Env) error {
	var err error
	if c.NearVeto, err = detect.Terms(s.NearVeto, env); err != nil {
		return err
	}
	if c.QuotedVeto, err = detect.Terms(s.QuotedVeto, env); err != nil {
		return err
	}
	if s.Some != nil {
		for _, g := range s.Some.Groups {
			set, res, err := compileList(g, env)
			if err != nil {
				return err
			}
			c.SomeGroups = append(c.SomeGroups, set)
			c.SomeRe = append(c.SomeRe, res)
		}
	}
	for _, a := range s.Also {
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
