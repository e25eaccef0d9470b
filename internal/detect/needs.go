package detect

import (
	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/textnorm"
)

// A Need says what a detector needs in a field before it can match there:
// any one of the alternatives it lists. The engine checks needs against one
// index of each field's words, built once per post, and skips the detectors
// (and the rules) that cannot match, without running them.
type Need struct {
	// Plain: every set of one of these groups has a key word (phrase.Set
	// KeyWords) among the words of the field, or of its camel-case
	// hashtags (#LyingLiberals).
	Plain [][]*phrase.Set
	// Deob: every set of one of these groups has a key word among the words
	// of the field's deobfuscated view, or that view has a masked or
	// stretched word (which may match any of them disguised).
	Deob [][]*phrase.Set
	// Literals: for one of these alternatives (one per expression), the
	// field, lowered by LowerLiterals, contains a string of each of its sets
	// (RequiredLiterals): its folded text, or its original text with OnOrig.
	Literals [][][]string
	OnOrig   bool
}

// A Needer is a detector that can say what it needs. ok is false when it
// may match anything (it must always run).
type Needer interface {
	Needs() (n Need, ok bool)
}

// An ExprNeed is what one expression of a detector needs in a field before
// it can match: a string of each of its literal sets (RequiredLiterals, in
// the field lowered by LowerLiterals: its folded text, or its original
// text for a detector on it) and at least Digits ASCII digits there.
type ExprNeed struct {
	Literals [][]string
	Digits   int
}

// An ExprGated detector runs several expressions and can skip, one by one,
// those whose needs a field lacks.
type ExprGated interface {
	// ExprNeeds returns each expression's needs, and whether they are
	// looked for in the original text rather than the folded one.
	ExprNeeds() (needs []ExprNeed, onOrig bool)
	// DetectSome is Detect running only the expressions for which may
	// returns true (every one when may is nil).
	DetectSome(in *Input, field string, v *textnorm.View, may func(expr int) bool, emit func(Match))
}

// ExprNeeds of the pattern kind: each expression's literals and digits.
func (d *patternDetector) ExprNeeds() ([]ExprNeed, bool) {
	out := make([]ExprNeed, len(d.parsed))
	for k, parsed := range d.parsed {
		out[k] = ExprNeed{Literals: RequiredLiterals(parsed), Digits: RequiredDigits(parsed)}
	}
	return out, d.orig
}

// Needs of the lexicon kind: its terms' key words; disguised, also in the
// deobfuscated view.
func (d *lexiconDetector) Needs() (Need, bool) {
	n := Need{Plain: [][]*phrase.Set{{d.set}}}
	if d.disguised {
		n.Deob = [][]*phrase.Set{{d.set}}
	}
	return n, true
}

// Needs of the pattern kind: the literals its expressions require.
func (d *patternDetector) Needs() (Need, bool) {
	n := Need{OnOrig: d.orig}
	for _, parsed := range d.parsed {
		lits := RequiredLiterals(parsed)
		if lits == nil {
			return Need{}, false
		}
		n.Literals = append(n.Literals, lits)
	}
	return n, true
}

// Needs of the sequence kind: for each pattern, the key words of every
// element a match of it must hold.
func (d *sequenceDetector) Needs() (Need, bool) {
	var n Need
	for _, p := range d.patterns {
		var plain, deob []*phrase.Set
		for _, el := range p.elems {
			if el.min == 0 || el.any || el.anchor != 0 {
				continue
			}
			if d.sets[el.set].plain.KeyWords().Any || d.sets[el.set].deob.KeyWords().Any {
				continue
			}
			plain = append(plain, d.sets[el.set].plain)
			deob = append(deob, d.sets[el.set].deob)
		}
		if len(plain) == 0 {
			return Need{}, false
		}
		n.Plain = append(n.Plain, plain)
		if d.disguised {
			n.Deob = append(n.Deob, deob)
		}
	}
	return n, true
}

// Needs of the entity kind: its gate words, when it has any.
func (d *entityDetector) Needs() (Need, bool) {
	if d.gate.Len() == 0 {
		return Need{}, false
	}
	return Need{Plain: [][]*phrase.Set{{d.gate}}}, true
}

// HashtagWords returns the words of the camel-case hashtags of a text
// ("#LyingLiberals": lying, liberals), which the sequence kind matches too.
func HashtagWords(orig string) []textnorm.Token {
	var out []textnorm.Token
	for start, end := range hashtags(orig) {
		words, ok := splitCamel(orig[start+1 : end])
		if !ok {
			continue
		}
		out = append(out, textnorm.New(words).Tokens...)
	}
	return out
}

// lowerLetters reports whether w is one or more of the letters a to z.
func lowerLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}
