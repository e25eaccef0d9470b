package phrase

import (
	"slices"
	"strings"

	"github.com/postlint/postlint/internal/textnorm"
)

// A Sieve holds the words of a text, to tell whether a phrase of a list
// may match there without compiling the list into a Set (MayMatch). A
// text checked once, as a pasted draft is, then needs only the lists it
// may match compiled: most lists of a rule pack name words it does not
// have, and compiling them costs far more than looking at their phrases
// once.
type Sieve struct {
	toks   []textnorm.Token
	hashes []uint64 // the tokens' hashes, sorted
}

// NewSieve makes the sieve of a text's tokens.
func NewSieve(toks []textnorm.Token) *Sieve {
	s := &Sieve{toks: toks, hashes: make([]uint64, len(toks))}
	for i := range toks {
		s.hashes[i] = tokHash(&toks[i])
	}
	slices.Sort(s.hashes)
	return s
}

// MayMatch reports whether the phrase p, as Compile reads it, may match
// somewhere in the tokens: false only when it cannot, because one of its
// words written in lower-case letters and digits (as a token is) is none
// of the tokens, or no token starts with such a prefix ("word*"). Words
// that Compile normalises are not looked at; an entry Compile ignores (an
// empty line or a comment) matches nothing.
func (s *Sieve) MayMatch(p string) bool {
	p = strings.TrimSpace(p)
	if p == "" || strings.HasPrefix(p, "#") {
		return false
	}
	for f := range strings.FieldsSeq(p) {
		switch {
		case f == "*":
		case strings.HasSuffix(f, "*") && len(f) > 1:
			stem := f[:len(f)-1]
			if !plainWord(stem) {
				// Normalised, the stem may be no word at all, and Compile
				// then makes the word before it the prefix.
				return true
			}
			if !s.hasPrefix(stem) {
				return false
			}
		case plainWord(f):
			if _, ok := slices.BinarySearch(s.hashes, textnorm.HashWord(f)); !ok {
				return false
			}
		}
	}
	return true
}

// hasPrefix reports whether a token starts with prefix.
func (s *Sieve) hasPrefix(prefix string) bool {
	for i := range s.toks {
		if strings.HasPrefix(s.toks[i].Text, prefix) {
			return true
		}
	}
	return false
}
