package detect

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Required literals of a regular expression: a set of strings such that
// every match contains at least one of them. A prefilter looks for them with
// strings.Contains before running the expression; a text that holds none
// cannot match. The analysis is conservative: when it cannot prove that a
// literal is needed it says nothing is (and the expression always runs).

const (
	// maxExact bounds the set of exact strings tracked for a node
	// ("(a|b)(c|d)" is {ac, ad, bc, bd}).
	maxExact = 64
	// maxClass is the largest character class expanded into exact strings
	// (the digits, "(?i)[a-d]").
	maxClass = 10
)

// litInfo describes what a node matches: exactly one of exact (when
// isExact), or something that holds, for each set of reqs, one of its
// strings (no requirement known when reqs is empty).
type litInfo struct {
	exact   []string
	isExact bool
	reqs    [][]string
}

// maxReqs bounds the sets of literals kept for one expression: the ones
// least likely to occur.
const maxReqs = 3

// RequiredLiterals returns sets of strings, in lower case, such that every
// match of re holds one string of each set: a text whose LowerLiterals form
// lacks all the strings of one set cannot match. It returns nil when no
// such set is known.
func RequiredLiterals(re *syntax.Regexp) [][]string {
	var out [][]string
	for _, req := range literals(re.Simplify()).asReqs() {
		if slices.Contains(req, "") {
			continue
		}
		// A literal that holds another is redundant: the shorter one is
		// found wherever the longer one is.
		slices.SortFunc(req, func(a, b string) int { return len(a) - len(b) })
		var set []string
		for _, s := range req {
			if !slices.ContainsFunc(set, func(o string) bool { return strings.Contains(s, o) }) {
				set = append(set, s)
			}
		}
		if !slices.ContainsFunc(out, func(o []string) bool { return slices.Equal(o, set) }) {
			out = append(out, set)
		}
	}
	slices.SortStableFunc(out, func(a, b []string) int {
		switch {
		case better(a, b):
			return -1
		case better(b, a):
			return 1
		}
		return 0
	})
	if len(out) > maxReqs {
		out = out[:maxReqs]
	}
	return out
}

// LowerLiterals lowers ASCII capitals, and the Kelvin sign and long s that
// case-insensitive expressions read as k and s: the form of a text that
// RequiredLiterals are looked for in. Lowering keeps every substring a
// substring, so a literal lowered the same way is found in the lowered
// text wherever the expression matches the original. Folded text (already
// lower case) is its own lowered form.
func LowerLiterals(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.Map(lowerLitRune, s)
		}
	}
	return s
}

func lowerLitRune(r rune) rune {
	switch {
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	case r == '\u212a':
		return 'k'
	case r == '\u017f':
		return 's'
	}
	return r
}

func exactInfo(ss ...string) litInfo { return litInfo{exact: ss, isExact: true} }

// asReqs turns an exact set into a requirement; an empty string in it means
// the node may match nothing at all, so nothing is required.
func (l litInfo) asReqs() [][]string {
	if !l.isExact {
		return l.reqs
	}
	if slices.Contains(l.exact, "") {
		return nil
	}
	return [][]string{l.exact}
}

// best returns the requirement least likely to be met by chance.
func (l litInfo) best() []string {
	var b []string
	for _, r := range l.asReqs() {
		if better(r, b) {
			b = r
		}
	}
	return b
}

func literals(re *syntax.Regexp) litInfo {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return exactInfo("")
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			// Other cases of an ASCII letter lower to it (the Kelvin sign
			// and long s too, see LowerLiterals); beyond ASCII, give up.
			for _, r := range re.Rune {
				if r >= utf8.RuneSelf {
					return litInfo{}
				}
			}
		}
		return exactInfo(strings.Map(lowerLitRune, string(re.Rune)))
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > maxClass {
				return litInfo{}
			}
		}
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, string(lowerLitRune(r)))
			}
		}
		return exactInfo(dedupe(out)...)
	case syntax.OpCapture:
		return literals(re.Sub[0])
	case syntax.OpQuest:
		sub := literals(re.Sub[0])
		if sub.isExact && len(sub.exact) < maxExact {
			return exactInfo(dedupe(append(slices.Clone(sub.exact), ""))...)
		}
		return litInfo{}
	case syntax.OpStar:
		return litInfo{}
	case syntax.OpPlus:
		return litInfo{reqs: literals(re.Sub[0]).asReqs()}
	case syntax.OpRepeat:
		if re.Min == 0 {
			return litInfo{}
		}
		return litInfo{reqs: literals(re.Sub[0]).asReqs()}
	case syntax.OpConcat:
		return concatInfo(re.Sub)
	case syntax.OpAlternate:
		infos := make([]litInfo, len(re.Sub))
		allExact, n := true, 0
		for i, sub := range re.Sub {
			infos[i] = literals(sub)
			allExact = allExact && infos[i].isExact
			n += len(infos[i].exact)
		}
		if allExact && n <= maxExact {
			var exact []string
			for _, info := range infos {
				exact = append(exact, info.exact...)
			}
			return exactInfo(dedupe(exact)...)
		}
		// Each branch gives its best requirement; the choice needs one.
		var req []string
		for _, info := range infos {
			r := info.best()
			if r == nil {
				return litInfo{}
			}
			req = append(req, r...)
		}
		return litInfo{reqs: [][]string{dedupe(req)}}
	}
	// Any character, any character but a newline, and whatever else.
	return litInfo{}
}

// concatInfo combines the parts of a concatenation: exact while the product
// of the parts stays small, else every requirement of its runs of exact
// parts and of its other parts (a match holds a match of each part).
func concatInfo(subs []*syntax.Regexp) litInfo {
	cur := []string{""}
	exact := true
	var reqs [][]string
	flush := func() {
		reqs = append(reqs, exactInfo(cur...).asReqs()...)
		cur = []string{""}
	}
	for _, sub := range subs {
		info := literals(sub)
		if !info.isExact {
			exact = false
			flush()
			reqs = append(reqs, info.reqs...)
			continue
		}
		if len(cur)*len(info.exact) > maxExact {
			exact = false
			flush()
			cur = slices.Clone(info.exact)
			continue
		}
		next := make([]string, 0, len(cur)*len(info.exact))
		for _, a := range cur {
			for _, b := range info.exact {
				next = append(next, a+b)
			}
		}
		cur = dedupe(next)
	}
	if exact {
		return exactInfo(cur...)
	}
	flush()
	return litInfo{reqs: reqs}
}

// better prefers requirements whose weakest string is stronger (fewer
// false hits), then fewer strings.
func better(a, b []string) bool {
	if b == nil {
		return true
	}
	ma, mb := weakest(a), weakest(b)
	if ma != mb {
		return ma > mb
	}
	return len(a) < len(b)
}

// weakest returns the strength of the weakest string: two per character,
// and one more for a character other than a letter or a space (digits and
// symbols are rarer in prose than any letter).
func weakest(ss []string) int {
	m := -1
	for _, s := range ss {
		n := 0
		other := 0
		for _, r := range s {
			n += 2
			if !unicode.IsLetter(r) && !unicode.IsSpace(r) {
				other = 1
			}
		}
		if n += other; m < 0 || n < m {
			m = n
		}
	}
	return m
}

func dedupe(ss []string) []string {
	slices.Sort(ss)
	return slices.Compact(ss)
}

// maxDigits bounds RequiredDigits.
const maxDigits = 64

// RequiredDigits returns the number of ASCII digits (0 to 9) every match of
// re holds: a text with fewer cannot match. It counts literal digits and
// classes of digits only (\d, [0-9], [2-5]); it is 0 when nothing is known.
func RequiredDigits(re *syntax.Regexp) int {
	return min(requiredDigits(re), maxDigits)
}

func requiredDigits(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			if r >= '0' && r <= '9' {
				n++
			}
		}
		return n
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] < '0' || re.Rune[i+1] > '9' {
				return 0
			}
		}
		return 1
	case syntax.OpCapture, syntax.OpPlus:
		return requiredDigits(re.Sub[0])
	case syntax.OpRepeat:
		return min(re.Min*requiredDigits(re.Sub[0]), maxDigits)
	case syntax.OpConcat:
		n := 0
		for _, sub := range re.Sub {
			n = min(n+requiredDigits(sub), maxDigits)
		}
		return n
	case syntax.OpAlternate:
		n := -1
		for _, sub := range re.Sub {
			if d := requiredDigits(sub); n < 0 || d < n {
				n = d
			}
		}
		return max(n, 0)
	}
	return 0
}

// CountDigits counts the ASCII digits of s, as RequiredDigits counts them.
func CountDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			n++
		}
	}
	return n
}
