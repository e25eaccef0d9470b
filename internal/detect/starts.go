package detect

import (
	"regexp"
	"regexp/syntax"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Where a match can start. Over a stretch of text an expression is tried
// at every position, and most of the pack's expressions start with a
// capital, a digit or one of a few words ("\b[A-Z][a-z]{1,15} ...",
// "\b\d{1,4}[a-z]?,? ... road", "\b(?:lady|gent|...)"), which few
// positions hold. When every match begins with one of a few ASCII bytes,
// the expression is run anchored at each position holding one, in order,
// instead of over the whole stretch: the first anchored match is the
// leftmost match, as a run over the stretch finds it, and the search goes
// on from its end, as FindAll does. Over the corpus's posts that costs a
// fifth to a half of a run over the whole text for most of the pack's
// expressions; it costs more for those that may start with most lower-case
// letters, unless they start with \b (they are then run at the starts of
// words only, see startPlan.wordStart), and for those with a literal
// prefix, which regexp already finds with strings.Index: they get no plan.
//
// An anchored run over s[p:] sees the start of a text before p, which \b
// and \B read as a non-word character: where s[p-1] is an ASCII word
// character, the expression runs instead over s[p-1:] behind a word
// character of its own ("\A[0-9A-Za-z_](?:expr)"), so that it sees what a
// run over the stretch sees at p. (\b and \B look at ASCII word
// characters only; expressions with other anchors get no plan.)

// A startPlan lists the bytes every match of an expression begins with.
type startPlan struct {
	first [128]bool
	// wordStart: every match begins with \b, and every byte of first is a
	// word character, so that no match starts at a position whose byte
	// and the byte before it are both word characters (inside a word).
	// Most expressions starting with words or digits begin so; without
	// this, those starting with a few lower-case letters or with a digit
	// would be run at many positions inside words or numbers.
	wordStart bool
	src       string
	once      sync.Once
	// at is \A(?:src); atWord \A[0-9A-Za-z_](?:src), made at first use.
	at, atWord *regexp.Regexp
}

// planStarts returns the start plan of an expression, or nil when it may
// match the empty string, has anchors, may start with a byte beyond ASCII
// or, unless it starts at words only (wordStart), with many of the
// lower-case letters, or has a literal prefix.
func planStarts(src string, re *syntax.Regexp) *startPlan {
	if hasAnchor(re) {
		return nil
	}
	p := &startPlan{src: src}
	canEmpty, ok := firstBytes(re.Simplify(), &p.first)
	if canEmpty || !ok {
		return nil
	}
	if prefix, _ := literalPrefix(re); prefix != "" {
		return nil
	}
	p.wordStart = startsWithBoundary(re)
	for c, ok := range p.first {
		if ok && !syntax.IsWordChar(rune(c)) {
			p.wordStart = false
		}
	}
	lower := 0
	for c := 'a'; c <= 'z'; c++ {
		if p.first[c] {
			lower++
		}
	}
	// An expression that may start with most lower-case letters would be
	// run at most positions of a text; one that starts only at words
	// (wordStart) is run at most once a word, wherever it starts.
	if lower > maxLowerStarts && !p.wordStart {
		return nil
	}
	return p
}

// startsWithBoundary reports whether every match of re begins with \b.
func startsWithBoundary(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpWordBoundary:
		return true
	case syntax.OpCapture:
		return startsWithBoundary(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && startsWithBoundary(re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !startsWithBoundary(sub) {
				return false
			}
		}
		return true
	}
	return false
}

// maxLowerStarts is the most lower-case letters an expression's matches may
// start with for it to be run where they start, unless it starts at words
// only.
const maxLowerStarts = 16

// literalPrefix returns the literal every match starts with, as
// regexp.Regexp.LiteralPrefix does.
func literalPrefix(re *syntax.Regexp) (string, bool) {
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return "", false
	}
	return prog.Prefix()
}

// firstBytes adds to first the bytes a match of re may begin with, and
// reports whether re may match the empty string; ok is false when a match
// may begin with a rune beyond ASCII (or any character).
func firstBytes(re *syntax.Regexp, first *[128]bool) (canEmpty, ok bool) {
	switch re.Op {
	case syntax.OpNoMatch:
		return false, true
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true, true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true, true
		}
		r := re.Rune[0]
		if r >= utf8.RuneSelf {
			return false, false
		}
		first[r] = true
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				if f >= utf8.RuneSelf {
					return false, false // the Kelvin sign for k, the long s
				}
				first[f] = true
			}
		}
		return false, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1] >= utf8.RuneSelf {
				return false, false
			}
			for c := re.Rune[i]; c <= re.Rune[i+1]; c++ {
				first[c] = true
			}
		}
		return false, true
	case syntax.OpCapture:
		return firstBytes(re.Sub[0], first)
	case syntax.OpStar, syntax.OpQuest:
		_, ok := firstBytes(re.Sub[0], first)
		return true, ok
	case syntax.OpPlus:
		return firstBytes(re.Sub[0], first)
	case syntax.OpRepeat:
		if re.Max == 0 {
			return true, true
		}
		canEmpty, ok := firstBytes(re.Sub[0], first)
		return canEmpty || re.Min == 0, ok
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			canEmpty, ok := firstBytes(sub, first)
			if !ok {
				return false, false
			}
			if !canEmpty {
				return false, true
			}
		}
		return true, true
	case syntax.OpAlternate:
		any := false
		for _, sub := range re.Sub {
			canEmpty, ok := firstBytes(sub, first)
			if !ok {
				return false, false
			}
			any = any || canEmpty
		}
		return any, true
	}
	return false, false // any character, anchors
}

// compile makes the anchored expressions at first use.
func (p *startPlan) compile() {
	p.once.Do(func() {
		p.at = regexp.MustCompile(`\A(?:` + p.src + `)`)
		p.atWord = regexp.MustCompile(`\A[0-9A-Za-z_](?:` + p.src + `)`)
	})
}

// findAll calls fn with the matches FindAllStringSubmatchIndex finds in
// s[from:to] (offsets in s), running the expression anchored at each
// position where a match can start.
func (p *startPlan) findAll(s string, from, to int, fn func(loc []int)) {
	p.compile()
	for pos := from; pos < to; {
		q := pos
		for q < to && (s[q] >= utf8.RuneSelf || !p.first[s[q]]) {
			q++
		}
		if q == to {
			return
		}
		var loc []int
		if q > from && syntax.IsWordChar(rune(s[q-1])) {
			if p.wordStart {
				// \b between two word characters: no match starts here.
				pos = q + 1
				continue
			}
			if loc = p.atWord.FindStringSubmatchIndex(s[q-1 : to]); loc != nil {
				shift(loc, q-1)
				loc[0] = q
			}
		} else if loc = p.at.FindStringSubmatchIndex(s[q:to]); loc != nil {
			shift(loc, q)
		}
		if loc == nil {
			pos = q + 1
			continue
		}
		fn(loc)
		pos = loc[1] // past q: no match is empty
	}
}

// shift adds off to the offsets of loc (-1: no sub-match).
func shift(loc []int, off int) {
	for i := range loc {
		if loc[i] >= 0 {
			loc[i] += off
		}
	}
}
