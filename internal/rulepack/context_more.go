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
//	    sentiment: lists/sentiment   # the pack folder of the sentiment model
//	    min_negativity: 0.3          # the field reads at least this negative
//	    max_negativity: 0.8          # and at most this
//	    unless: [hospital]           # the condition holds when one of these is there
//
// Every require group must have a word somewhere in the field (in any media
// item for alt_text and file) and no veto word may occur there. A field the
// post does not have satisfies no require group and no veto, and reads 0
// negative. A field holding an unless word satisfies the whole condition:
// "the comment reads negative, unless it is about the hospital anyway".
type alsoSpec struct {
	Field         string     `yaml:"field"`
	Require       [][]string `yaml:"require"`
	Veto          []string   `yaml:"veto"`
	Sentiment     string     `yaml:"sentiment"`
	MinNegativity *float64   `yaml:"min_negativity"`
	MaxNegativity *float64   `yaml:"max_negativity"`
	Unless        []string   `yaml:"unless"`
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
	// Sentiment, when set, reads the field's negativity, which must lie in
	// [MinNegativity, MaxNegativity] (the most negative value of the
	// field's values counts).
	Sentiment                    *detect.Sentiment
	MinNegativity, MaxNegativity float64
	// Unless: words whose presence in the field satisfies the condition.
	Unless *phrase.Set
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
		if out.Unless, err = detect.Terms(a.Unless, env); err != nil {
			return err
		}
		if a.Sentiment != "" {
			if out.Sentiment, err = env.Sentiment(a.Sentiment); err != nil {
				return err
			}
			out.MinNegativity, out.MaxNegativity = 0, 1
			if a.MinNegativity != nil {
				out.MinNegativity = *a.MinNegativity
			}
			if a.MaxNegativity != nil {
				out.MaxNegativity = *a.MaxNegativity
			}
		}
		c.Also = append(c.Also, out)
	}
	return nil
}
