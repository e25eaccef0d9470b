package detect

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
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

// A segPlan says where an expression can match: inside a stretch between
// two separators that holds one of lits. A nil plan: anywhere.
type segPlan struct {
	sep  [128]bool
	lits []string
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
	p := &segPlan{lits: reqs[0]}
	cut := false
	for c := range 128 {
		if !can[c] && !syntax.IsWordChar(rune(c)) {
			p.sep[c] = true
			cut = true
		}
	}
	if !cut {
		return nil
	}
	for _, l := range p.lits {
		if l == "" || strings.ContainsFunc(l, func(r rune) bool { return r < 128 && p.sep[r] }) {
			return nil // never for a real literal; stay exact if it happens
		}
	}
	return p
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
		for _, r := range re.Rune {
			mark(r, r)
			if re.Flags&syntax.FoldCase != 0 {
				for f := simpleFoldASCII(r); f != r; f = simpleFoldASCII(f) {
					mark(f, f)
				}
			}
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

// simpleFoldASCII is the next rune of r's case orbit among ASCII letters
// (the only ones a separator could be confused with: none, since letters
// are word characters; kept exact all the same).
func simpleFoldASCII(r rune) rune {
	switch {
	case r >= 'a' && r <= 'z':
		return r - 'a' + 'A'
	case r >= 'A' && r <= 'Z':
		return r - 'A' + 'a'
	}
	return r
}

// segments returns the stretches of s, in order, that hold one of the
// plan's literals: [start, end) pairs, disjoint.
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
			for a > 0 && !p.isSep(s[a-1]) {
				a--
			}
			for b < len(s) && !p.isSep(s[b]) {
				b++
			}
			dst = append(dst, [2]int{a, b})
			from = b
		}
	}
	if len(dst) < 2 {
		return dst
	}
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
	return out
}

func (p *segPlan) isSep(c byte) bool { return c < 128 && p.sep[c] }

// lowerKeepingOffsets returns LowerLiterals(s) when it has the offsets of
// s (ASCII capitals lowered, nothing else changed), or "" when it would not:
// s holds the Kelvin sign or the long s (which lower to shorter letters) or
// invalid UTF-8 (which LowerLiterals replaces).
func lowerKeepingOffsets(s string) string {
	if !utf8.ValidString(s) || strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f") {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
