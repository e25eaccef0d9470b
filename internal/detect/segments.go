package detect

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/textnorm"
)

// Segments of a text an expression can match in. Most of the pack's
// expressions can never match some punctuation ("bed 4", "aged 91" hold no
// comma or full stop), so each of their matches lies inside one stretch of
// text between two such characters; and each match holds one of the
// expression's required literals (RequiredLiterals). Running the expression
// only over the stretches that hold a required literal finds exactly the
// matches a run over the whole text finds, at a fraction of the cost on a
// long post.
//
// The separators are ASCII characters that are neither word characters nor
// matchable by the expression: at a stretch's edge, \b and \B then see what
// they see at the text's edge (a non-word character), and an expression
// with ^, $, \A or \z is never cut.
//
// Two more cuts keep the same matches. A match holds one literal of each
// of the expression's sets of required literals (up to three), so a
// stretch that lacks every literal of one set is skipped. And when no match
// of the expression is longer than maxLen bytes ("[a-z]{1,2}\d ?\d[a-z]{2}",
// a postcode, is at most 8), every match lies within maxLen bytes of one of
// its literals: the expression runs over windows around the literals found,
// widened to the nearest edges of words (where, as at a separator, \b and \B
// see a non-word character on the far side) and merged where they overlap.
// Each leftmost match then lies inside one window with every alternative
// the expression could try from its start, so a run over the window picks
// it as a run over the whole text does.

// A segPlan says where an expression can match: inside a stretch between
// two separators that holds one of lits and one string of each set of
// more, within maxLen bytes of a string of lits when maxLen > 0. A nil
// plan: anywhere.
type segPlan struct {
	sep    [128]bool
	lits   []string
	more   [][]string
	maxLen int
}

// planSegments returns the plan of an expression, or nil when it cannot be
// cut: it has anchors, may match an empty string or without a known
// literal, or no ASCII punctuation stops it.
func planSegments(re *syntax.Regexp) *segPlan {
	re = re.Simplify()
	if hasAnchor(re) {
		return nil
	}
	reqs := RequiredLiterals(re)
	if len(reqs) == 0 {
		return nil
	}
	var can [128]bool
	matchable(re, &can)
	p := &segPlan{lits: reqs[0], maxLen: max(maxBytes(re), 0)}
	cut := p.maxLen > 0
	for c := range 128 {
		if !can[c] && !syntax.IsWordChar(rune(c)) {
			p.sep[c] = true
			cut = true
		}
	}
	if !cut {
		return nil
	}
	bad := func(l string) bool {
		return l == "" || strings.ContainsFunc(l, func(r rune) bool { return r < 128 && p.sep[r] })
	}
	if slices.ContainsFunc(p.lits, bad) {
		return nil // never for a real literal; stay exact if it happens
	}
	for _, set := range reqs[1:] {
		if !slices.ContainsFunc(set, bad) {
			p.more = append(p.more, set)
		}
	}
	return p
}

// maxBytes returns the most bytes a match of re can span, or -1 when it has
// no bound (a star, a plus, an open repeat).
func maxBytes(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpNoMatch, syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			w := runeBytes(r)
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					w = max(w, runeBytes(f))
				}
			}
			n += w
		}
		return n
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0
		}
		return runeBytes(re.Rune[len(re.Rune)-1]) // the class's largest rune
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return maxBytes(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return -1
	case syntax.OpRepeat:
		n := maxBytes(re.Sub[0])
		if re.Max < 0 || n < 0 {
			return -1
		}
		return re.Max * n
	case syntax.OpConcat, syntax.OpAlternate:
		n := 0
		for _, sub := range re.Sub {
			m := maxBytes(sub)
			if m < 0 {
				return -1
			}
			if re.Op == syntax.OpConcat {
				n += m
			} else {
				n = max(n, m)
			}
		}
		return n
	}
	return -1
}

// runeBytes is the length of r in UTF-8; an invalid rune (which an
// expression matches as the replacement character) counts as the longest.
func runeBytes(r rune) int {
	if n := utf8.RuneLen(r); n > 0 {
		return n
	}
	return utf8.UTFMax
}

// hasAnchor reports whether re asserts the beginning or end of a line or
// of the text.
func hasAnchor(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	}
	return slices.ContainsFunc(re.Sub, hasAnchor)
}

// matchable marks the ASCII characters some match of re may hold.
func matchable(re *syntax.Regexp, can *[128]bool) {
	mark := func(lo, hi rune) {
		for c := max(lo, 0); c <= min(hi, 127); c++ {
			can[c] = true
		}
	}
	switch re.Op {
	case syntax.OpLiteral:
		// A case-folded literal also matches its other cases, but those
		// are letters, word characters, which never separate.
		for _, r := range re.Rune {
			mark(r, r)
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			mark(re.Rune[i], re.Rune[i+1])
		}
	case syntax.OpAnyChar:
		mark(0, 127)
	case syntax.OpAnyCharNotNL:
		mark(0, '\n'-1)
		mark('\n'+1, 127)
	}
	for _, s := range re.Sub {
		matchable(s, can)
	}
}

// segments returns the stretches of s, in order, where the plan's
// expression can match: [start, end) pairs, disjoint.
func (p *segPlan) segments(s string, dst [][2]int) [][2]int {
	dst = dst[:0]
	for _, lit := range p.lits {
		for from := 0; ; {
			i := strings.Index(s[from:], lit)
			if i < 0 {
				break
			}
			i += from
			a, b := i, i+len(lit)
			lo, hi := 0, len(s)
			if p.maxLen > 0 {
				lo, hi = max(b-p.maxLen, 0), min(a+p.maxLen, len(s))
			}
			for a > lo && !p.isSep(s[a-1]) {
				a--
			}
			for b < hi && !p.isSep(s[b]) {
				b++
			}
			for !cleanStart(s, a) && !p.isSep(s[a-1]) {
				a--
			}
			for !cleanEnd(s, b) && !p.isSep(s[b]) {
				b++
			}
			dst = append(dst, [2]int{a, b})
			from = b
			if p.maxLen > 0 {
				from = i + 1 // the next one's window reaches further
			}
		}
	}
	if len(dst) > 1 {
		slices.SortFunc(dst, func(x, y [2]int) int { return x[0] - y[0] })
		out := dst[:1]
		for _, g := range dst[1:] {
			last := &out[len(out)-1]
			if g[0] < last[1] {
				last[1] = max(last[1], g[1])
				continue
			}
			out = append(out, g)
		}
		dst = out
	}
	if len(p.more) == 0 {
		return dst
	}
	// Keep the stretches that hold a string of every other set.
	out := dst[:0]
	for _, g := range dst {
		if p.holdsMore(s[g[0]:g[1]]) {
			out = append(out, g)
		}
	}
	return out
}

// holdsMore reports whether seg holds a string of each set of p.more.
func (p *segPlan) holdsMore(seg string) bool {
	for _, set := range p.more {
		if !slices.ContainsFunc(set, func(l string) bool { return strings.Contains(seg, l) }) {
			return false
		}
	}
	return true
}

// cleanStart reports whether a run of an expression over s[i:] sees at its
// start what a run over s sees at i: i is the text's start, or the rune
// before i is whole and no word character (\b and \B hold alike).
func cleanStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	if c := s[i-1]; c < utf8.RuneSelf {
		return !syntax.IsWordChar(rune(c))
	}
	return i == len(s) || !isContinuation(s[i])
}

// cleanEnd is cleanStart for a run over s[:i].
func cleanEnd(s string, i int) bool {
	if i == len(s) {
		return true
	}
	if c := s[i]; c < utf8.RuneSelf {
		return !syntax.IsWordChar(rune(c))
	}
	return !isContinuation(s[i])
}

// lowered is lowerKeepingOffsets(s), worked out once per post for the
// last text asked (the pattern rules that read the original text all read
// the same one); in may be nil.
func (in *Input) lowered(s string) (string, bool) {
	if in == nil {
		return lowerKeepingOffsets(s)
	}
	if c := &in.low; !c.done || c.s != s {
		c.s, c.done = s, true
		c.low, c.ok = lowerKeepingOffsets(s)
	}
	return in.low.low, in.low.ok
}

// loweredText is what Input.lowered worked out last.
type loweredText struct {
	s, low   string
	ok, done bool
}

func isContinuation(c byte) bool { return c&0xC0 == 0x80 }

func (p *segPlan) isSep(c byte) bool { return c < 128 && p.sep[c] }

// lowerKeepingOffsets returns LowerLiterals(s) and true when it has the
// offsets of s (ASCII capitals lowered, nothing else changed), and false
// when it would not: s holds the Kelvin sign or the long s (which lower to
// shorter letters) or invalid UTF-8 (which LowerLiterals replaces).
func lowerKeepingOffsets(s string) (string, bool) {
	if !utf8.ValidString(s) || strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f") {
		return "", false
	}
	return textnorm.ASCIILower(s), true
}
