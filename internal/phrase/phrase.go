// Package phrase matches lists of words and phrases against the tokens of a
// normalised text: whole tokens only, case- and accent-insensitive (the
// tokens are already folded), with a trailing '*' for a prefix ("insult*")
// and a lone '*' for any one word ("you * idiot").
package phrase

import (
	"slices"
	"strings"
	"sync"

	"github.com/postlint/postlint/internal/textnorm"
)

// A Set is a compiled list of phrases. It is immutable and safe for
// concurrent use.
type Set struct {
	// first indexes the phrases by their first word when it is a whole
	// word: an open-addressing table of the words' hashes (Token.Hash), so
	// that looking a token up costs no hashing and no string comparison
	// unless it is one of the words.
	first firstTable
	// prefix indexes phrases whose first word is a prefix ("insult*") by
	// the prefix's first two bytes (or its one byte), see prefixKey.
	prefix map[uint32][]int32
	any    []int32 // phrases starting with a lone '*'
	// single are the single-word phrases of whole words, in order: the
	// candidates for a masked token ("f*ck").
	single []int32
	// collapsed maps single-word phrases with their letter runs collapsed
	// ("fuck" -> "fuck", "stupid" -> "stupid", "ass" -> "as") for stretched
	// spellings; used only by MatchDisguised.
	// Built at first use (collapsedOnce), by the disguised searches only.
	collapsed     map[string][]int
	collapsedOnce sync.Once
	phrases       []compiled
	// quick rejects, without a table look-up, most tokens at which no
	// phrase starts (see keys.go).
	quick *quickFilter
	// keys finds phrases by their key words, for Has and FindAll
	// (keyindex.go); built at first use (keysOnce), since a command that
	// checks one draft uses few of the pack's sets.
	keys     *keyIndex
	keysOnce sync.Once
	// exact holds the whole first words until first and quick are built
	// (firstOnce), at the first search by first words.
	exact     []firstEntry
	firstOnce sync.Once
}

// collapsedWords returns the single-word phrases by their collapsed
// spelling ("fuck" -> "fuck", "stupid" -> "stupid", "ass" -> "as"), built
// at the first call.
func (s *Set) collapsedWords() map[string][]int {
	s.collapsedOnce.Do(func() {
		s.collapsed = map[string][]int{}
		for _, id := range s.single {
			k := collapse(s.phrases[id].words[0].text)
			s.collapsed[k] = append(s.collapsed[k], int(id))
		}
	})
	return s.collapsed
}

// ready builds the first-word table and its quick filter at first use.
func (s *Set) ready() {
	s.firstOnce.Do(func() {
		s.first = newFirstTable(s.exact, s.phrases)
		s.buildQuick()
		s.exact = nil
	})
}

type word struct {
	text   string
	hash   uint64 // textnorm.HashWord(text) for a whole word
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
	// Index is the phrase's index among the set's phrases (Sources).
	Index int
}

// Compile builds a Set. Empty entries and lines starting with '#' are ignored.
func Compile(phrases []string) *Set {
	s := &Set{phrases: make([]compiled, 0, len(phrases))}
	// The words of all the phrases lie in one array, each phrase's words
	// a piece of it: a search reads the words of neighbouring phrases
	// from neighbouring memory, and the collector has one object to mark
	// where it had one per phrase.
	var all []word
	var ends []int
	for _, p := range phrases {
		p = strings.TrimSpace(p)
		if p == "" || strings.HasPrefix(p, "#") {
			continue
		}
		n := len(all)
		if all = appendWords(all, p); len(all) == n {
			continue
		}
		s.phrases = append(s.phrases, compiled{source: p})
		ends = append(ends, len(all))
	}
	all = slices.Clone(all) // without the room append left
	for k := range all {
		if w := &all[k]; !w.any && !w.prefix {
			w.hash = textnorm.HashWord(w.text)
		}
	}
	var exact []firstEntry
	start := 0
	for idx := range s.phrases {
		c := &s.phrases[idx]
		c.words = all[start:ends[idx]:ends[idx]]
		start = ends[idx]
		w := c.words[0]
		switch {
		case w.any:
			s.any = append(s.any, int32(idx))
		case w.prefix:
			if s.prefix == nil {
				s.prefix = map[uint32][]int32{}
			}
			k := prefixKey(w.text)
			s.prefix[k] = append(s.prefix[k], int32(idx))
		default:
			exact = append(exact, firstEntry{w.hash, int32(idx)})
		}
		if len(c.words) == 1 && !w.any && !w.prefix {
			s.single = append(s.single, int32(idx))
		}
	}
	s.exact = exact
	return s
}

// appendWords appends the words of phrase p (trimmed, not a comment) to
// dst, as Compile reads them.
func appendWords(dst []word, p string) []word {
	base := len(dst)
	for f := range strings.FieldsSeq(p) {
		switch {
		case f == "*":
			dst = append(dst, word{any: true})
		case strings.HasSuffix(f, "*") && len(f) > 1:
			for _, t := range textnorm.New(strings.TrimSuffix(f, "*")).Tokens {
				dst = append(dst, word{text: t.Text})
			}
			if n := len(dst); n > base && !dst[n-1].any {
				dst[n-1].prefix = true
			}
		case plainWord(f):
			// Already a folded token: no need to normalise it.
			dst = append(dst, word{text: f})
		default:
			for _, t := range textnorm.New(f).Tokens {
				dst = append(dst, word{text: t.Text})
			}
		}
	}
	return dst
}

// SingleWords reports whether every phrase of s is one word, whole or a
// prefix ("word", "word*"), not a lone '*'.
func (s *Set) SingleWords() bool {
	if s == nil {
		return false
	}
	for i := range s.phrases {
		if ws := s.phrases[i].words; len(ws) != 1 || ws[0].any {
			return false
		}
	}
	return true
}

// Sources returns the set's phrases as written (trimmed), in the order of
// their indexes (Match.Index).
func (s *Set) Sources() []string {
	if s == nil {
		return nil
	}
	out := make([]string, len(s.phrases))
	for i := range s.phrases {
		out[i] = s.phrases[i].source
	}
	return out
}

// Len returns the number of phrases.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.phrases)
}

// prefixKey returns the key of a prefix first word, or of a token: its
// first two bytes, or its one byte.
func prefixKey(w string) uint32 {
	switch len(w) {
	case 0:
		return 0
	case 1:
		return 1<<16 | uint32(w[0])
	}
	return 2<<16 | uint32(w[0])<<8 | uint32(w[1])
}

// matches reports whether the word matches a token.
func (w *word) matches(t *textnorm.Token) bool {
	switch {
	case w.any:
		return true
	case w.prefix:
		return strings.HasPrefix(t.Text, w.text)
	}
	if t.Hash != 0 && t.Hash != w.hash {
		return false
	}
	return t.Text == w.text
}

// tokHash returns a token's hash, computing it when the token was made
// without one.
func tokHash(t *textnorm.Token) uint64 {
	if t.Hash != 0 {
		return t.Hash
	}
	return textnorm.HashWord(t.Text)
}

// FindAll calls fn for every phrase match in toks, in token order. Matches may
// overlap; for each start token the longest match is reported first.
func (s *Set) FindAll(toks []textnorm.Token, fn func(Match)) {
	if s == nil || len(s.phrases) == 0 {
		return
	}
	if k := s.keyIndex(); k != nil {
		s.findAllKeyed(k, toks, 0, len(toks), fn)
		return
	}
	s.findAllByFirst(toks, fn)
}

// findAllByFirst is FindAll trying, at every token, the phrases that start
// with it.
func (s *Set) findAllByFirst(toks []textnorm.Token, fn func(Match)) {
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
	if lo >= hi {
		return Match{}, false
	}
	sub := toks[:hi]
	for i := lo; i < hi; i++ {
		if m, ok := s.firstAt(sub, i); ok {
			return m, true
		}
	}
	return Match{}, false
}

// The phrases that may start at token i are tried in this order: those
// whose first word is the token (in index order), those whose first word
// is a prefix keyed as the token, those keyed by its first byte, those
// starting with any word.

// nextID takes the lower first index of two ascending lists.
func nextID(a, b *[]int32) int32 {
	x, y := *a, *b
	if len(y) == 0 || len(x) > 0 && x[0] < y[0] {
		*a = x[1:]
		return x[0]
	}
	*b = y[1:]
	return y[0]
}

func (s *Set) matchAt(toks []textnorm.Token, i int, fn func(Match)) {
	s.startsAt(toks, i, func(id int32) bool {
		if m, ok := s.try(toks, i, id); ok {
			fn(m)
		}
		return false
	})
}

// firstAt returns the first match matchAt would report at token i.
func (s *Set) firstAt(toks []textnorm.Token, i int) (m Match, found bool) {
	s.startsAt(toks, i, func(id int32) bool {
		m, found = s.try(toks, i, id)
		return found
	})
	return m, found
}

// startsAt calls visit with the phrases that may start at token i, in the
// order above, until visit returns true.
func (s *Set) startsAt(toks []textnorm.Token, i int, visit func(id int32) bool) {
	s.ready()
	tok := &toks[i]
	t := tok.Text
	if !s.mayStart(t) {
		return
	}
	a, b := s.first.lookup(toks, i, tokHash(tok))
	for len(a)+len(b) > 0 {
		if visit(nextID(&a, &b)) {
			return
		}
	}
	if s.prefix != nil && t != "" {
		for _, key := range [2]uint32{prefixKey(t), prefixKey(t[:1])} {
			for _, id := range s.prefix[key] {
				if visit(id) {
					return
				}
			}
		}
	}
	for _, id := range s.any {
		if visit(id) {
			return
		}
	}
}

// try matches phrase id at token i.
func (s *Set) try(toks []textnorm.Token, i int, id int32) (Match, bool) {
	if last, ok := s.phrases[id].matchFrom(toks, i); ok {
		return Match{Phrase: s.phrases[id].source, First: i, Last: last, Index: int(id)}, true
	}
	return Match{}, false
}

func (c *compiled) matchFrom(toks []textnorm.Token, i int) (int, bool) {
	if i+len(c.words) > len(toks) {
		return 0, false
	}
	for k := range c.words {
		if !c.words[k].matches(&toks[i+k]) {
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
		if id, ok := s.WildWord(tok.Text, ""); ok {
			fn(Match{Phrase: s.phrases[id].source, First: i, Last: i, Index: id})
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
	if m, ok := s.firstAt(one, 0); ok {
		for k, p := range s.phrases {
			if p.source == m.Phrase {
				return k, true
			}
		}
	}
	if hasRun(body, 3) {
		if ids := s.collapsedWords()[collapse(body)]; len(ids) > 0 {
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
	for _, id := range s.single {
		if maskMatch(t, s.phrases[id].words[0].text) {
			return int(id), true
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
	if id, ok := s.WildWord(toks[i].Text, ""); ok {
		fn(Match{Phrase: s.phrases[id].source, First: i, Last: i, Index: id})
	}
}

// WildWord matches a masked ("f*ck") or stretched ("fuuuck") token t
// against the single-word phrases of s, as MatchAt does with disguised
// when no phrase matches t as written; collapsed is Collapse(t), worked
// out once by callers that try many sets, or "" to work it out when needed.
// It returns the phrase's index.
func (s *Set) WildWord(t, collapsed string) (int, bool) {
	if s == nil || len(s.phrases) == 0 {
		return 0, false
	}
	if strings.IndexByte(t, '*') >= 0 {
		return s.maskedWord(t)
	}
	if hasRun(t, 3) {
		if collapsed == "" {
			collapsed = collapse(t)
		}
		if ids := s.collapsedWords()[collapsed]; len(ids) > 0 {
			return ids[0], true
		}
	}
	return 0, false
}

// Wild reports whether WildWord can match t in any set: t holds a mask
// ('*') but does not start with one (a masked word starts with a letter:
// "*nhs", a hashtag in the deobfuscated view, is none), or, without masks,
// a run of three equal bytes. Callers skip the sets' look-ups for the
// other tokens, which no set's WildWord matches.
func Wild(t string) bool {
	if strings.IndexByte(t, '*') >= 0 {
		return t[0] != '*'
	}
	return hasRun(t, 3)
}

// Collapse returns t with each run of a repeated byte written once
// ("fuuuck" -> "fuck"): the key of a stretched word.
func Collapse(t string) string { return collapse(t) }

// CanStart reports whether some phrase of s could start at a token written
// t: its first word is t, a prefix of t or any word; with disguised, also
// when t is masked ("f*ck") or stretched ("fuuuck"). Detectors use it to
// skip, with one look-up, positions where no phrase of many sets can match.
func (s *Set) CanStart(t string, disguised bool) bool {
	return s.CanStartToken(&textnorm.Token{Text: t, End: len(t)}, disguised)
}

// CanStartToken is CanStart for a token (using its hash when it has one).
func (s *Set) CanStartToken(tok *textnorm.Token, disguised bool) bool {
	if s == nil || len(s.phrases) == 0 {
		return false
	}
	s.ready()
	t := tok.Text
	if len(s.any) > 0 || s.mayStart(t) && s.first.has(tokHash(tok)) {
		return true
	}
	if disguised && (strings.IndexByte(t, '*') >= 0 || hasRun(t, 3)) {
		return true
	}
	if s.prefix == nil || t == "" {
		return false
	}
	for _, key := range [2]uint32{prefixKey(t), prefixKey(t[:1])} {
		for _, id := range s.prefix[key] {
			if w := s.phrases[id].words[0]; strings.HasPrefix(t, w.text) {
				return true
			}
		}
	}
	return false
}

// firstTable maps the hashes of first words to the phrases starting with
// them: open addressing, linear probing, at most half full. A word that
// starts many phrases ("is", "she's": a thousand each in some lists) has a
// second table, keyed by the phrases' second words.
type firstTable struct {
	slots []firstSlot
	ids   []int32 // phrase indexes; slot k holds ids[lo:hi]
	shift uint8   // index = hash >> shift
	// second[k-1] indexes the phrases of a slot with sub == k.
	second []secondIndex
}

type firstSlot struct {
	hash   uint64 // 0: empty
	lo, hi int32
	sub    int32 // 0: none; else 1 + index into second
}

// secondIndex splits the phrases starting with one word: rest are those
// without a whole second word (one word long, or a prefix or '*' next),
// next the others by their second word.
type secondIndex struct {
	rest []int32
	next *firstTable
}

// crowded is the number of phrases starting with one word from which
// they are indexed by their second word too.
const crowded = 8

type firstEntry struct {
	hash uint64
	id   int32
}

// newFirstTable indexes entries (ascending ids) by hash; phrases gives the
// phrases' words, for the second level (nil: one level only).
func newFirstTable(entries []firstEntry, phrases []compiled) firstTable {
	var t firstTable
	if len(entries) == 0 {
		return t
	}
	// Group the phrases of each word, keeping their order.
	byHash := map[uint64][]int32{}
	var order []uint64
	for _, e := range entries {
		if _, ok := byHash[e.hash]; !ok {
			order = append(order, e.hash)
		}
		byHash[e.hash] = append(byHash[e.hash], e.id)
	}
	size, bits := 2, uint8(1)
	for size < 2*len(order) {
		size, bits = size*2, bits+1
	}
	t.slots = make([]firstSlot, size)
	t.shift = 64 - bits
	t.ids = make([]int32, 0, len(entries))
	for _, h := range order {
		k := h >> t.shift
		for t.slots[k].hash != 0 {
			k = (k + 1) & uint64(size-1)
		}
		ids := byHash[h]
		lo := int32(len(t.ids))
		t.ids = append(t.ids, ids...)
		t.slots[k] = firstSlot{hash: h, lo: lo, hi: int32(len(t.ids))}
		if phrases != nil && len(ids) > crowded {
			var sec secondIndex
			var next []firstEntry
			for _, id := range ids {
				if ws := phrases[id].words; len(ws) > 1 && !ws[1].any && !ws[1].prefix {
					next = append(next, firstEntry{ws[1].hash, id})
				} else {
					sec.rest = append(sec.rest, id)
				}
			}
			nt := newFirstTable(next, nil)
			sec.next = &nt
			t.second = append(t.second, sec)
			t.slots[k].sub = int32(len(t.second))
		}
	}
	return t
}

// slot returns the slot of hash h, or nil.
func (t *firstTable) slot(h uint64) *firstSlot {
	if len(t.slots) == 0 {
		return nil
	}
	mask := uint64(len(t.slots) - 1)
	for k := h >> t.shift; ; k = (k + 1) & mask {
		sl := &t.slots[k]
		if sl.hash == h {
			return sl
		}
		if sl.hash == 0 {
			return nil
		}
	}
}

// has reports whether some phrase starts with a word of hash h.
func (t *firstTable) has(h uint64) bool { return t.slot(h) != nil }

// lookup returns, as two ascending lists, the phrases whose first word has
// hash h (the hash of token i; or a word with the same hash: matchFrom
// compares the words) and that may match at token i.
func (t *firstTable) lookup(toks []textnorm.Token, i int, h uint64) (a, b []int32) {
	sl := t.slot(h)
	if sl == nil {
		return nil, nil
	}
	if sl.sub == 0 {
		return t.ids[sl.lo:sl.hi], nil
	}
	sec := &t.second[sl.sub-1]
	if i+1 < len(toks) {
		if nsl := sec.next.slot(tokHash(&toks[i+1])); nsl != nil {
			return sec.rest, sec.next.ids[nsl.lo:nsl.hi]
		}
	}
	return sec.rest, nil
}
