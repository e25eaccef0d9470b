// Package phrase matches lists of words and phrases against the tokens of a
// normalised text: whole tokens only, case- and accent-insensitive (the
// tokens are already folded), with a trailing '*' for a prefix ("insult*")
// and a lone '*' for any one word ("you * idiot").
package phrase

import (
	"strings"

	"github.com/postlint/postlint/internal/textnorm"
)

// A Set is a compiled list of phrases. It is immutable and safe for
// concurrent use.
type Set struct {
	exact  map[string][]int // first word -> phrase indexes
	prefix map[string][]int // first two letters of a prefix first word -> phrase indexes
	any    []int            // phrases starting with a lone '*'
	// collapsed maps single-word phrases with their letter runs collapsed
	// ("fuck" -> "fuck", "stupid" -> "stupid", "ass" -> "as") for stretched
	// spellings; used only by MatchDisguised.
	collapsed map[string][]int
	phrases   []compiled
	// quick rejects, without a map look-up, most tokens at which no phrase
	// starts (see keys.go).
	quick *quickFilter
}

type word struct {
	text   string
	prefix bool
	any    bool
}

type compiled struct {
	source string
	words  []word
}

// A Match is a phrase found in a token slice: tokens [First, Last] inclusive.
type Match struct {
	Phrase      string
	First, Last int
}

// Compile builds a Set. Empty entries and lines starting with '#' are ignored.
func Compile(phrases []string) *Set {
	s := &Set{exact: map[string][]int{}, prefix: map[string][]int{}, collapsed: map[string][]int{}}
	for _, p := range phrases {
		p = strings.TrimSpace(p)
		if p == "" || strings.HasPrefix(p, "#") {
			continue
		}
		c := compiled{source: p}
		for _, f := range strings.Fields(p) {
			switch {
			case f == "*":
				c.words = append(c.words, word{any: true})
			case strings.HasSuffix(f, "*") && len(f) > 1:
				for _, t := range textnorm.New(strings.TrimSuffix(f, "*")).Tokens {
					c.words = append(c.words, word{text: t.Text})
				}
				if n := len(c.words); n > 0 && !c.words[n-1].any {
					c.words[n-1].prefix = true
				}
			case plainWord(f):
				// Already a folded token: no need to normalise it.
				c.words = append(c.words, word{text: f})
			default:
				for _, t := range textnorm.New(f).Tokens {
					c.words = append(c.words, word{text: t.Text})
				}
			}
		}
		if len(c.words) == 0 {
			continue
		}
		idx := len(s.phrases)
		s.phrases = append(s.phrases, c)
		w := c.words[0]
		switch {
		case w.any:
			s.any = append(s.any, idx)
		case w.prefix:
			k := prefixKey(w.text)
			s.prefix[k] = append(s.prefix[k], idx)
		default:
			s.exact[w.text] = append(s.exact[w.text], idx)
		}
		if len(c.words) == 1 && !w.any && !w.prefix {
			k := collapse(w.text)
			s.collapsed[k] = append(s.collapsed[k], idx)
		}
	}
	s.buildQuick()
	return s
}

// Len returns the number of phrases.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.phrases)
}

func prefixKey(w string) string {
	if len(w) > 2 {
		return w[:2]
	}
	return w
}

func (w word) matches(tok string) bool {
	switch {
	case w.any:
		return true
	case w.prefix:
		return strings.HasPrefix(tok, w.text)
	}
	return tok == w.text
}

// FindAll calls fn for every phrase match in toks, in token order. Matches may
// overlap; for each start token the longest match is reported first.
func (s *Set) FindAll(toks []textnorm.Token, fn func(Match)) {
	if s == nil || len(s.phrases) == 0 {
		return
	}
	for i := range toks {
		s.matchAt(toks, i, fn)
	}
}

// FindIn reports whether any phrase matches within toks[lo:hi].
func (s *Set) FindIn(toks []textnorm.Token, lo, hi int) (Match, bool) {
	if s == nil {
		return Match{}, false
	}
	if lo < 0 {
		lo = 0
	}
	if hi > len(toks) {
		hi = len(toks)
	}
	var found Match
	ok := false
	sub := toks[:hi]
	for i := lo; i < hi && !ok; i++ {
		s.matchAt(sub, i, func(m Match) {
			if !ok {
				found, ok = m, true
			}
		})
	}
	return found, ok
}

func (s *Set) matchAt(toks []textnorm.Token, i int, fn func(Match)) {
	t := toks[i].Text
	if !s.mayStart(t) {
		return
	}
	try := func(ids []int) {
		for _, id := range ids {
			if last, ok := s.phrases[id].matchFrom(toks, i); ok {
				fn(Match{Phrase: s.phrases[id].source, First: i, Last: last})
			}
		}
	}
	try(s.exact[t])
	if len(s.prefix) > 0 {
		try(s.prefix[prefixKey(t)])
		if len(t) >= 1 {
			try(s.prefix[t[:1]])
		}
	}
	try(s.any)
}

func (c *compiled) matchFrom(toks []textnorm.Token, i int) (int, bool) {
	if i+len(c.words) > len(toks) {
		return 0, false
	}
	for k, w := range c.words {
		if !w.matches(toks[i+k].Text) {
			return 0, false
		}
	}
	return i + len(c.words) - 1, true
}

// MatchDisguised finds single-word phrases in tokens of a deobfuscated text,
// where '*' stands for a masked letter ("f*ck", "f***") and letters may be
// stretched ("fuuuck"). Multi-word phrases are matched as by FindAll.
func (s *Set) MatchDisguised(toks []textnorm.Token, fn func(Match)) {
	if s == nil {
		return
	}
	for i, tok := range toks {
		hit := false
		s.matchAt(toks, i, func(m Match) { hit = true; fn(m) })
		if hit {
			continue
		}
		t := tok.Text
		if strings.IndexByte(t, '*') >= 0 {
			if id, ok := s.maskedWord(t); ok {
				fn(Match{Phrase: s.phrases[id].source, First: i, Last: i})
			}
			continue
		}
		if hasRun(t, 3) {
			if ids := s.collapsed[collapse(t)]; len(ids) > 0 {
				fn(Match{Phrase: s.phrases[ids[0]].source, First: i, Last: i})
			}
		}
	}
}

// maskedWord matches a token holding '*' masks ("f*ck", "sh**", "f---").
// When the masks only trail a word ("omfg..." and "crap..." read as
// "omfg***"), the ellipsis was punctuation, not a mask: the word itself
// matches.
func (s *Set) maskedWord(t string) (int, bool) {
	body := strings.TrimRight(t, "*")
	// Masks trailing four or more letters are an ellipsis or a dash
	// ("brain...", "idiot--"), not a disguise: only the word itself counts.
	if len(body) < 4 || strings.IndexByte(body, '*') >= 0 {
		if id, ok := s.masked(t); ok {
			return id, true
		}
	}
	if len(body) < 2 || strings.IndexByte(body, '*') >= 0 {
		return 0, false
	}
	one := []textnorm.Token{{Text: body, End: len(body)}}
	found, id := false, 0
	s.matchAt(one, 0, func(m Match) {
		if !found {
			for k, p := range s.phrases {
				if p.source == m.Phrase {
					found, id = true, k
					break
				}
			}
		}
	})
	if found {
		return id, true
	}
	if hasRun(body, 3) {
		if ids := s.collapsed[collapse(body)]; len(ids) > 0 {
			return ids[0], true
		}
	}
	return 0, false
}

// masked matches a token with '*' masks against single-word phrases: each
// '*' stands for one letter, and a run of '*' at the end for one or more.
func (s *Set) masked(t string) (int, bool) {
	if t[0] == '*' || strings.Trim(t, "*") == "" {
		return 0, false
	}
	letters := len(t) - strings.Count(t, "*")
	if letters < 1 || len(t) < 3 {
		return 0, false
	}
	for _, ids := range s.exact {
		for _, id := range ids {
			c := &s.phrases[id]
			if len(c.words) != 1 || c.words[0].prefix {
				continue
			}
			if maskMatch(t, c.words[0].text) {
				return id, true
			}
		}
	}
	return 0, false
}

func maskMatch(masked, w string) bool {
	trail := len(masked) - len(strings.TrimRight(masked, "*"))
	body := masked[:len(masked)-trail]
	if trail > 0 {
		if len(w) < len(body)+1 || len(w) > len(body)+trail+1 {
			return false
		}
	} else if len(w) != len(body) {
		return false
	}
	for i := 0; i < len(body); i++ {
		if body[i] != '*' && body[i] != w[i] {
			return false
		}
	}
	// The word must have at least two letters shown or be masked inside.
	return len(body) >= 1 && len(w) >= 3
}

func hasRun(t string, n int) bool {
	run := 1
	for i := 1; i < len(t); i++ {
		if t[i] == t[i-1] {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 1
		}
	}
	return false
}

func collapse(t string) string {
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if i > 0 && t[i] == t[i-1] {
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

// MatchAt calls fn for every phrase of s that matches toks starting at token
// i. With disguised, a single-word phrase also matches a masked ("f*ck") or
// stretched ("fuuuck") token when no phrase matches it as written, as in
// MatchDisguised. Detectors that combine several sets into longer patterns
// use it to test one position at a time.
func (s *Set) MatchAt(toks []textnorm.Token, i int, disguised bool, fn func(Match)) {
	if s == nil || len(s.phrases) == 0 || i < 0 || i >= len(toks) {
		return
	}
	hit := false
	s.matchAt(toks, i, func(m Match) { hit = true; fn(m) })
	if hit || !disguised {
		return
	}
	t := toks[i].Text
	if strings.IndexByte(t, '*') >= 0 {
		if id, ok := s.maskedWord(t); ok {
			fn(Match{Phrase: s.phrases[id].source, First: i, Last: i})
		}
		return
	}
	if hasRun(t, 3) {
		if ids := s.collapsed[collapse(t)]; len(ids) > 0 {
			fn(Match{Phrase: s.phrases[ids[0]].source, First: i, Last: i})
		}
	}
}

// CanStart reports whether some phrase of s could start at a token written
// t: its first word is t, a prefix of t or any word; with disguised, also
// when t is masked ("f*ck") or stretched ("fuuuck"). Detectors use it to
// skip, with one look-up, positions where no phrase of many sets can match.
func (s *Set) CanStart(t string, disguised bool) bool {
	if s == nil || len(s.phrases) == 0 {
		return false
	}
	if len(s.any) > 0 || len(s.exact[t]) > 0 {
		return true
	}
	if disguised && (strings.IndexByte(t, '*') >= 0 || hasRun(t, 3)) {
		return true
	}
	for _, key := range []string{prefixKey(t), t[:min(1, len(t))]} {
		for _, id := range s.prefix[key] {
			if w := s.phrases[id].words[0]; strings.HasPrefix(t, w.text) {
				return true
			}
		}
	}
	return false
}
