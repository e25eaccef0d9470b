package engine

import (
	"strings"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/internal/textnorm"
)

// moreContext applies the context options beyond the window: near_veto
// (words close to the match that drop it, such as a negation),
// quoted_veto (words anywhere in the field that drop a match inside
// quotation marks: abuse reported, not said), some (at
// least min of several groups of words in the window) and also (conditions
// on other fields of the post). It reports whether the match survives.
// x tells which of the lists occur in the match's field at all.
func moreContext(in *detect.Input, c *rulepack.Context, x ctxIndex, m detect.Match) bool {
	if c.NearVeto.Len() > 0 && m.Field != detect.FieldPost && m.End > m.Start && !x.absent(x.nearVetoID()) {
		v := in.View(m.Field)
		first, last := tokenRange(v, m.Start, m.End)
		lo, hi := first-c.Near, last+1+c.Near
		if c.Sentence {
			lo, hi = sentenceClamp(in, v, m, lo, hi)
		}
		if c.NearVeto.Has(v.Tokens, lo, hi) {
			return false
		}
	}
	if c.QuotedVeto.Len() > 0 && m.Field != detect.FieldPost && m.End > m.Start &&
		textnorm.InQuotes(detect.FieldValue(in.Post, m.Field), m.Start, m.End) {
		v := in.View(m.Field)
		if c.QuotedVeto.Has(v.Tokens, 0, len(v.Tokens)) {
			return false
		}
	}
	if c.SomeMin > 0 {
		if m.Field == detect.FieldPost {
			return false
		}
		v := in.View(m.Field)
		lo, hi := contextWindow(in, c, v, m)
		n, win, haveWin := 0, "", false
		for i, g := range c.SomeGroups {
			if x.findIn(g, x.someID(i), v, lo, hi) {
				n++
				continue
			}
			if i < len(c.SomeRe) && len(c.SomeRe[i]) > 0 {
				if !haveWin {
					win, haveWin = windowText(v, lo, hi), true
				}
				if c.SomeRe[i].Match(win) {
					n++
				}
			}
		}
		if n < c.SomeMin {
			return false
		}
	}
	for i := range c.Also {
		if !alsoHoldsOnce(in, &c.Also[i]) {
			return false
		}
	}
	return true
}

// contextWindow returns the tokens [lo, hi) of the match's window: Window
// words each side (the whole field for 0), inside the match's sentence
// with Sentence.
func contextWindow(in *detect.Input, c *rulepack.Context, v *textnorm.View, m detect.Match) (int, int) {
	lo, hi := 0, len(v.Tokens)
	if c.Window > 0 && m.End > m.Start {
		first, last := tokenRange(v, m.Start, m.End)
		lo, hi = first-c.Window, last+1+c.Window
	}
	if c.Sentence && m.End > m.Start {
		lo, hi = sentenceClamp(in, v, m, lo, hi)
	}
	return lo, hi
}

// alsoHolds checks one condition on another field: an unless word is in
// one of the field's values, or every require group is found in one of them,
// no veto word in any, and their negativity is within bounds.
func alsoHolds(in *detect.Input, a *rulepack.Also) bool {
	fields := in.Fields([]string{a.Field})
	if a.Unless.Len() > 0 {
		for _, f := range fields {
			v := in.View(f)
			if a.Unless.Has(v.Tokens, 0, len(v.Tokens)) {
				return true
			}
		}
	}
	for _, g := range a.Require {
		found := false
		for _, f := range fields {
			v := in.View(f)
			if g.Has(v.Tokens, 0, len(v.Tokens)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if a.Veto.Len() > 0 {
		for _, f := range fields {
			v := in.View(f)
			if a.Veto.Has(v.Tokens, 0, len(v.Tokens)) {
				return false
			}
		}
	}
	if a.Sentiment != nil {
		n := 0.0
		for _, f := range fields {
			n = max(n, a.Sentiment.Negativity(in, in.View(f).Orig))
		}
		if n < a.MinNegativity || n > a.MaxNegativity {
			return false
		}
	}
	return true
}

// sentenceClamp narrows the token window [lo, hi) to the sentence (or
// sentences) holding the match. A sentence ends at '.', '!' or '?' followed
// by a space or the end of the text, and at a line break; "nhs.net" and
// "3.5" do not end one.
func sentenceClamp(in *detect.Input, v *textnorm.View, m detect.Match, lo, hi int) (int, int) {
	if len(v.Tokens) == 0 {
		return lo, hi
	}
	first, last := tokenRange(v, m.Start, m.End)
	si := sentences(in, v)
	return max(lo, int(si.start[first])), min(hi, int(si.end[last])+1)
}

// sentenceBreak reports whether a sentence ends between token i and the
// next one.
func sentenceBreak(v *textnorm.View, i int) bool {
	if i+1 >= len(v.Tokens) {
		return true
	}
	gap := v.Fold[v.Tokens[i].End:v.Tokens[i+1].Start]
	if strings.ContainsAny(gap, "\n\r") {
		return true
	}
	for k := 0; k < len(gap); k++ {
		switch gap[k] {
		case '.', '!', '?':
			// Something (a space, an emoji, a bracket) must follow before
			// the next word: "nhs.net" and "3.5" are not sentence ends.
			if k+1 < len(gap) {
				return true
			}
		}
	}
	return false
}
