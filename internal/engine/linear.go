package engine

import (
	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/internal/textnorm"
)

// Work per match that would grow with the length of the field (a sentence
// found by walking its words, a window of the whole field, the line and
// column of a span, a condition on another field) is done once per post
// and kept in the Input's memo, so that one huge post costs time linear in
// its length, however many candidate matches it holds.

// bigWindow is the window size (in words) from which the context's verdict
// is kept for the other matches with the same window.
const bigWindow = 64

// windowVerdict is what a rule's context words say about one window.
type windowVerdict struct {
	ok, boost, lower bool
}

type windowKey struct {
	c      *rulepack.Context
	v      *textnorm.View
	lo, hi int
}

// windowContext applies the require, veto, boost and lower words (and their
// patterns) of c to the window [lo, hi) of v.
// x tells which of the lists occur in v at all.
func windowContext(in *detect.Input, c *rulepack.Context, x ctxIndex, v *textnorm.View, lo, hi int) windowVerdict {
	if hi-lo < bigWindow {
		return evalWindow(c, x, v, lo, hi)
	}
	lo, hi = max(lo, 0), min(hi, len(v.Tokens))
	return in.Memo(windowKey{c, v, lo, hi}, func() any { return evalWindow(c, x, v, lo, hi) }).(windowVerdict)
}

func evalWindow(c *rulepack.Context, x ctxIndex, v *textnorm.View, lo, hi int) windowVerdict {
	win := ""
	if c.HasPatterns() {
		win = windowText(v, lo, hi)
	}
	for i, g := range c.Require {
		if !x.findIn(g, x.requireID(i), v, lo, hi) && !(i < len(c.RequireRe) && x.matchRe(c.RequireRe[i], x.requireLits(i), win, v)) {
			return windowVerdict{}
		}
	}
	if x.findIn(c.Veto, x.vetoID(), v, lo, hi) || x.matchRe(c.VetoRe, x.vetoLits(), win, v) {
		return windowVerdict{}
	}
	var wv windowVerdict
	wv.ok = true
	if x.rg != nil {
		wv.boost = x.findIn(c.Boost, x.rg.boost, v, lo, hi) || x.matchRe(c.BoostRe, x.rg.boostRe, win, v)
		wv.lower = x.findIn(c.Lower, x.rg.lower, v, lo, hi) || x.matchRe(c.LowerRe, x.rg.lowerRe, win, v)
		return wv
	}
	if c.Boost.Has(v.Tokens, lo, hi) || c.BoostRe.Match(win) {
		wv.boost = true
	}
	if c.Lower.Has(v.Tokens, lo, hi) || c.LowerRe.Match(win) {
		wv.lower = true
	}
	return wv
}

// sentenceIndex gives, for each token of a view, the first and last token
// of its sentence.
type sentenceIndex struct{ start, end []int32 }

type sentenceKey struct{ v *textnorm.View }

func sentences(in *detect.Input, v *textnorm.View) *sentenceIndex {
	build := func() any {
		n := len(v.Tokens)
		si := &sentenceIndex{start: make([]int32, n), end: make([]int32, n)}
		s := 0
		for i := 0; i < n; i++ {
			si.start[i] = int32(s)
			if sentenceBreak(v, i) {
				for k := s; k <= i; k++ {
					si.end[k] = int32(i)
				}
				s = i + 1
			}
		}
		return si
	}
	if in == nil {
		return build().(*sentenceIndex)
	}
	return in.Memo(sentenceKey{v}, build).(*sentenceIndex)
}

type alsoKey struct{ a *rulepack.Also }

// alsoHoldsOnce is alsoHolds, computed once per post: it does not depend
// on the match.
func alsoHoldsOnce(in *detect.Input, a *rulepack.Also) bool {
	return in.Memo(alsoKey{a}, func() any { return alsoHolds(in, a) }).(bool)
}

type linesKey struct{ field string }

// position returns the line and column of a byte offset of a field.
func position(in *detect.Input, field, text string, off int) (int, int) {
	if len(text) < 4096 {
		return textnorm.Position(text, off)
	}
	lines := in.Memo(linesKey{field}, func() any { return textnorm.NewLines(text) }).(*textnorm.Lines)
	return lines.Position(off)
}
