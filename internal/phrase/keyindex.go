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
	exact  firstTable         // key words → phrases keyed by them
	prefix map[uint32][]int32 // prefix keys, by prefixKey of the prefix
	off    []int32            // per phrase: its key word's index in it
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

// keyIndex returns the set's key index, building it at the first call; nil
// when a phrase has no key (only '*' words): Has then uses FindIn.
func (s *Set) keyIndex() *keyIndex {
	s.keysOnce.Do(s.buildKeys)
	return s.keys
}

// buildKeys indexes the phrases by their key words; it leaves s.keys nil
// when a phrase has no key.
func (s *Set) buildKeys() {
	k := &keyIndex{off: make([]int32, len(s.phrases)), rank: make([]uint8, len(s.phrases))}
	var exact []firstEntry
	for id := range s.phrases {
		ws := s.phrases[id].words
		best := keyWordOf(ws)
		if best < 0 {
			return
		}
		k.off[id] = int32(best)
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
				k.prefix = map[uint32][]int32{}
			}
			pk := prefixKey(w.text)
			k.prefix[pk] = append(k.prefix[pk], int32(id))
			k.prefixFirst[w.text[0]] = true
			if len(w.text) == 1 {
				k.prefix1[w.text[0]] = true
			} else {
				k.prefix2[w.text[0]] |= 1 << (w.text[1] & 63)
			}
			continue
		}
		exact = append(exact, firstEntry{w.hash, int32(id)})
		k.quick[w.text[0]] |= quickBit(w.text)
	}
	k.exact = newFirstTable(exact, nil)
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
	k.keyed(sub, lo, func(id int32, j int) bool {
		start := j - int(k.off[id])
		if start < lo {
			return false
		}
		_, found = s.phrases[id].matchFrom(sub, start)
		return found
	})
	return found
}

// keyed calls visit with each phrase whose key word may be token j, for the
// tokens from lo on, until visit returns true.
func (k *keyIndex) keyed(toks []textnorm.Token, lo int, visit func(id int32, j int) bool) {
	for j := lo; j < len(toks); j++ {
		t := toks[j].Text
		if t == "" {
			continue
		}
		if k.quick[t[0]]&quickBit(t) != 0 {
			if sl := k.exact.slot(tokHash(&toks[j])); sl != nil {
				for _, id := range k.exact.ids[sl.lo:sl.hi] {
					if visit(id, j) {
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
			for _, id := range k.prefix[prefixKey(t)] {
				if visit(id, j) {
					return
				}
			}
		}
		if k.prefix1[t[0]] {
			for _, id := range k.prefix[prefixKey(t[:1])] {
				if visit(id, j) {
					return
				}
			}
		}
	}
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
func (s *Set) findAllKeyed(k *keyIndex, toks []textnorm.Token, fn func(Match)) {
	var buf [16]keyedMatch
	found := buf[:0]
	k.keyed(toks, 0, func(id int32, j int) bool {
		if start := j - int(k.off[id]); start >= 0 {
			if last, ok := s.phrases[id].matchFrom(toks, start); ok {
				found = append(found, keyedMatch{start, last, k.rank[id], id})
			}
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
