package phrase

import (
	"slices"

	"github.com/postlint/postlint/internal/textnorm"
)

// keyIndex finds the phrases of a set by their key words (the word of each
// phrase least likely to be common, as KeyWords chooses) rather than their
// first words. Lists of context cues often start many phrases with the
// same common word ("the", "my", "in"); looked up by first word, every one
// of them is a candidate wherever that word occurs, while looked up by key
// word a phrase is tried only where its rarest word is.
type keyIndex struct {
	exact firstTable // key words → phrases keyed by them
	// cands holds, in the order of exact.ids, the phrases keyed by each
	// word, with what rules most of them out at a token (keyCand).
	cands  []keyCand
	prefix map[uint32][]keyCand // prefix keys, by prefixKey of the prefix
	// quick rejects most tokens with two array look-ups (see quickFilter).
	quick       [256]uint64
	prefixFirst [256]bool
	// prefix2 has, by a prefix key word's first byte, bit (second byte &
	// 63) set for each of them; prefix1 marks the key words of one byte.
	// Most tokens then need no look-up in prefix.
	prefix2 [256]uint64
	prefix1 [256]bool
	// rank is, per phrase, where matchAt tries it among the phrases
	// starting at one token: 0 by whole first word, 1 by a prefix's first
	// two bytes, 2 by its one byte, 3 starting with '*'. FindAll reports
	// the matches at a token in the order (rank, index) for that reason.
	rank []uint8
}

// keyCand is a phrase keyed by a word, with what rules it out where its
// key word stands without reading the phrase: its length, and the hashes
// of the whole words next to its key word (0: none, or not a whole word).
// Most phrases tried at a key word fail on a neighbour ("night" keys
// "night shift", "night staff", "on nights"...); the tokens' hashes, at
// hand, tell so without a look at the phrase's words.
type keyCand struct {
	id         int32
	off, n     int32 // the key word's index in the phrase; its words
	prev, next uint64
}

// start returns where the phrase would start with its key word at token
// j, and whether it may match there (starting no earlier than token lo,
// ending within toks): false only when matchFrom would fail.
func (c *keyCand) start(toks []textnorm.Token, lo, j int) (int, bool) {
	start := j - int(c.off)
	if start < lo || start+int(c.n) > len(toks) {
		return 0, false
	}
	// As word.matches: a token with a hash, not the word's, is not it.
	if c.prev != 0 {
		if h := toks[j-1].Hash; h != 0 && h != c.prev {
			return 0, false
		}
	}
	if c.next != 0 {
		if h := toks[j+1].Hash; h != 0 && h != c.next {
			return 0, false
		}
	}
	return start, true
}

// candOf returns phrase id's candidate, keyed by its word best.
func candOf(id int32, ws []word, best int) keyCand {
	c := keyCand{id: id, off: int32(best), n: int32(len(ws))}
	if best > 0 {
		c.prev = ws[best-1].hash // 0 for a prefix or '*'
	}
	if best+1 < len(ws) {
		c.next = ws[best+1].hash
	}
	return c
}

// keyIndex returns the set's key index, building it at the first call; nil
// when a phrase has no key (only '*' words): Has then uses FindIn.
func (s *Set) keyIndex() *keyIndex {
	s.keysOnce.Do(s.buildKeys)
	return s.keys
}

// buildKeys indexes the phrases by their key words; it leaves s.keys nil
// when a phrase has no key.
func (s *Set) buildKeys() {
	k := &keyIndex{rank: make([]uint8, len(s.phrases))}
	var exact []firstEntry
	var cands []keyCand // by phrase, for the exact keys
	for id := range s.phrases {
		ws := s.phrases[id].words
		best := keyWordOf(ws)
		if best < 0 {
			return
		}
		c := candOf(int32(id), ws, best)
		switch first := ws[0]; {
		case first.any:
			k.rank[id] = 3
		case first.prefix && len(first.text) == 1:
			k.rank[id] = 2
		case first.prefix:
			k.rank[id] = 1
		}
		w := ws[best]
		if w.prefix {
			if k.prefix == nil {
				k.prefix = map[uint32][]keyCand{}
			}
			pk := prefixKey(w.text)
			k.prefix[pk] = append(k.prefix[pk], c)
			k.prefixFirst[w.text[0]] = true
			if len(w.text) == 1 {
				k.prefix1[w.text[0]] = true
			} else {
				k.prefix2[w.text[0]] |= 1 << (w.text[1] & 63)
			}
			continue
		}
		exact = append(exact, firstEntry{w.hash, int32(len(cands))})
		cands = append(cands, c)
		k.quick[w.text[0]] |= quickBit(w.text)
	}
	// exact.ids index cands (in phrase order, as the ids were); cands is
	// then put in the order of exact.ids.
	k.exact = newFirstTable(exact, nil)
	k.cands = make([]keyCand, len(k.exact.ids))
	for i, ci := range k.exact.ids {
		k.cands[i] = cands[ci]
	}
	s.keys = k
}

// keyWordOf returns the index of the key word of a phrase's words, the one
// least likely to be common (not a short function word, and long), or -1
// when every word is '*'. KeyWords and the key index both use it, so that
// the engine's prefilter and the list searches agree on it.
func keyWordOf(ws []word) int {
	best, score := -1, 0
	for i, w := range ws {
		if w.any || w.text == "" {
			continue
		}
		sc := len(w.text) * 4
		if w.prefix {
			sc -= 6
		}
		if commonWords[w.text] {
			sc -= 100
		}
		if best < 0 || sc > score {
			best, score = i, sc
		}
	}
	return best
}

// Has reports whether a phrase of s lies within toks[lo:hi], as FindIn
// does, trying each phrase only where its key word occurs.
func (s *Set) Has(toks []textnorm.Token, lo, hi int) bool {
	if s == nil || len(s.phrases) == 0 {
		return false
	}
	k := s.keyIndex()
	if k == nil {
		_, ok := s.FindIn(toks, lo, hi)
		return ok
	}
	lo, hi = max(lo, 0), min(hi, len(toks))
	if lo >= hi {
		return false
	}
	sub := toks[:hi]
	found := false
	k.keyed(sub, lo, lo, len(sub), func(id int32, start int) bool {
		_, found = s.phrases[id].matchFrom(sub, start)
		return found
	})
	return found
}

// HasKeyedAt reports whether a phrase of s lies within toks with its key
// word (see KeyWords) at one of toks[from:to]. It is Has(toks, 0,
// len(toks)) for a caller that knows that no other token is one of the
// set's key words, which tries the phrases only there.
func (s *Set) HasKeyedAt(toks []textnorm.Token, from, to int) bool {
	if s == nil || len(s.phrases) == 0 {
		return false
	}
	k := s.keyIndex()
	if k == nil {
		_, ok := s.FindIn(toks, 0, len(toks))
		return ok
	}
	from, to = max(from, 0), min(to, len(toks))
	found := false
	k.keyed(toks, 0, from, to, func(id int32, start int) bool {
		_, found = s.phrases[id].matchFrom(toks, start)
		return found
	})
	return found
}

// keyed calls visit with each phrase whose key word may be a token of
// toks[from:to] (from >= lo) and that may match there, starting at token
// start (lo or after), until visit returns true.
func (k *keyIndex) keyed(toks []textnorm.Token, lo, from, to int, visit func(id int32, start int) bool) {
	for j := from; j < to; j++ {
		t := toks[j].Text
		if t == "" {
			continue
		}
		if k.quick[t[0]]&quickBit(t) != 0 {
			if sl := k.exact.slot(tokHash(&toks[j])); sl != nil {
				for i := range k.cands[sl.lo:sl.hi] {
					c := &k.cands[int(sl.lo)+i]
					if start, ok := c.start(toks, lo, j); ok && visit(c.id, start) {
						return
					}
				}
			}
		}
		if !k.prefixFirst[t[0]] {
			continue
		}
		// The prefixes of two bytes or more starting as t does, then
		// those of one byte.
		if len(t) >= 2 && k.prefix2[t[0]]&(1<<(t[1]&63)) != 0 {
			if k.visitPrefixed(k.prefix[prefixKey(t)], toks, lo, j, visit) {
				return
			}
		}
		if k.prefix1[t[0]] {
			if k.visitPrefixed(k.prefix[prefixKey(t[:1])], toks, lo, j, visit) {
				return
			}
		}
	}
}

// visitPrefixed calls visit with the candidates cs keyed by a prefix of
// token j, as keyed does; it reports whether visit returned true.
func (k *keyIndex) visitPrefixed(cs []keyCand, toks []textnorm.Token, lo, j int, visit func(id int32, start int) bool) bool {
	for i := range cs {
		if start, ok := cs[i].start(toks, lo, j); ok && visit(cs[i].id, start) {
			return true
		}
	}
	return false
}

// FindAllKeyedAt is FindAll for a caller that knows that no token of toks
// but those of toks[from:to] is one of the set's key words (see KeyWords):
// it tries the phrases only there.
func (s *Set) FindAllKeyedAt(toks []textnorm.Token, from, to int, fn func(Match)) {
	if s == nil || len(s.phrases) == 0 {
		return
	}
	k := s.keyIndex()
	if k == nil {
		s.findAllByFirst(toks, fn)
		return
	}
	s.findAllKeyed(k, toks, max(from, 0), min(to, len(toks)), fn)
}

// keyedMatch is a match found through the key index, before sorting.
type keyedMatch struct {
	first, last int
	rank        uint8
	id          int32
}

// findAllKeyed is FindAll through the key index k: the phrases are tried
// only where their key words are, and the matches reported in FindAll's
// order (by first token, then as matchAt tries them).
func (s *Set) findAllKeyed(k *keyIndex, toks []textnorm.Token, from, to int, fn func(Match)) {
	var buf [16]keyedMatch
	found := buf[:0]
	k.keyed(toks, 0, from, to, func(id int32, start int) bool {
		if last, ok := s.phrases[id].matchFrom(toks, start); ok {
			found = append(found, keyedMatch{start, last, k.rank[id], id})
		}
		return false
	})
	if len(found) > 1 {
		slices.SortFunc(found, func(a, b keyedMatch) int {
			if a.first != b.first {
				return a.first - b.first
			}
			if a.rank != b.rank {
				return int(a.rank) - int(b.rank)
			}
			return int(a.id) - int(b.id)
		})
	}
	for _, m := range found {
		fn(Match{Phrase: s.phrases[m.id].source, First: m.first, Last: m.last, Index: int(m.id)})
	}
}
