package phrase

import (
	"slices"
	"strings"

	"github.com/postlint/postlint/internal/textnorm"
)

// A Sieve holds the words of a text, to tell whether a phrase of a list
// matches there without compiling the list into a Set (Matches). A text
// checked once, as a pasted draft is, then needs only the lists it may
// match compiled: most lists of a rule pack name words it does not have,
// and compiling them costs far more than looking at their phrases once.
type Sieve struct {
	toks   []textnorm.Token
	hashes []uint64 // the tokens' hashes, sorted
	words  []word   // scratch for Matches
}

// NewSieve makes the sieve of a text's tokens. A Sieve is not safe for
// concurrent use.
func NewSieve(toks []textnorm.Token) *Sieve {
	s := &Sieve{toks: toks, hashes: make([]uint64, len(toks))}
	for i := range toks {
		s.hashes[i] = tokHash(&toks[i])
	}
	slices.Sort(s.hashes)
	return s
}

// Matches reports whether the phrase p, as Compile reads it, matches
// somewhere in the tokens: whether Compile([]string{p}).Has(toks, 0,
// len(toks)) would. An entry Compile ignores (an empty line or a comment)
// matches nothing.
func (s *Sieve) Matches(p string) bool {
	p = strings.TrimSpace(p)
	if p == "" || strings.HasPrefix(p, "#") || !s.mayMatch(p) {
		return false
	}
	s.words = appendWords(s.words[:0], p)
	if len(s.words) == 0 {
		return false // Compile leaves it out
	}
	for k := range s.words {
		if w := &s.words[k]; !w.any && !w.prefix {
			w.hash = textnorm.HashWord(w.text)
		}
	}
	c := compiled{words: s.words}
	for i := range s.toks {
		if _, ok := c.matchFrom(s.toks, i); ok {
			return true
		}
	}
	return false
}

// mayMatch reports whether p may match: false when one of its words
// written as a token is (lower-case letters and digits, with or without a
// '*' after it) is none of the tokens, or no token starts with it, which
// is how most phrases fail, without normalising any word. A phrase with a
// prefix of other characters may match: normalised to no word, it makes
// the word before it a prefix ("nurse -*").
func (s *Sieve) mayMatch(p string) bool {
	if strings.IndexByte(p, '*') >= 0 {
		for f := range strings.FieldsSeq(p) {
			if len(f) > 1 && strings.HasSuffix(f, "*") && !plainWord(f[:len(f)-1]) {
				return true
			}
		}
	}
	for f := range strings.FieldsSeq(p) {
		switch {
		case plainWord(f):
			if !s.has(f) {
				return false
			}
		case len(f) > 1 && strings.HasSuffix(f, "*") && plainWord(f[:len(f)-1]):
			if !s.hasPrefix(f[:len(f)-1]) {
				return false
			}
		}
	}
	return true
}

// has reports whether a token is w (or has its hash).
func (s *Sieve) has(w string) bool {
	_, ok := slices.BinarySearch(s.hashes, textnorm.HashWord(w))
	return ok
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

// Len returns the number of tokens.
func (s *Sieve) Len() int { return len(s.toks) }
