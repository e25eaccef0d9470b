package engine

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/internal/textnorm"
)

// The prefilter skips, for each field of a post, the rules that cannot
// match there, without running them. When the linter is built, every rule
// gets its requirements: each of its context's require groups (a word of
// the group must occur in the field) and what its detector needs (the first
// words of its terms, the literals its regular expressions hold, see
// detect.Needer). All the pack's first words are put in one index; per post
// and field, one pass over the words looks each up once and marks the
// requirements they meet. A rule then costs a few bit tests unless its
// words are there.
//
// The prefilter only ever skips work whose result would be dropped: a
// require group absent from the whole field fails every window, and a
// detector whose needs are absent finds nothing. TestPrefilterSame checks
// that it changes no result.

// maxFindingsPerRule caps the findings one rule reports in one post, so
// that a pathological post (a megabyte of one insult) stays cheap to
// report.
const maxFindingsPerRule = 100

// A req is one requirement: a phrase set, met where one of its phrases can
// start.
type reqID = int32

type prefilter struct {
	exact, prefix map[string]int32 // first words and prefixes -> key
	// exactIdx and prefixIdx are the same, looked up by the words' hashes
	// (textnorm.Token.Hash; for prefixes, the running hash of the token).
	exactIdx, prefixIdx wordIndex
	// prefixOne marks the bytes that are one-byte prefixes; prefixLens2,
	// by the first two bytes of a word (pair2), the lengths of the longer
	// prefixes starting with them (bit min(length, 63)): a word is looked
	// up only at the lengths some prefix has.
	prefixOne   [256]bool
	prefixLens2 [1024]uint64
	prefixLens  []int     // lengths (bytes) of the prefixes, ascending
	postings    [][]reqID // key -> requirements it meets
	always      []reqID   // requirements met anywhere (a phrase starting with *)
	// alwaysBits has the bits of always: their phrases are found anywhere,
	// not only at their key words (fieldIndex.keys).
	alwaysBits bits
	ids        map[*phrase.Set]reqID
	// byContent gives sets of the same phrases (one list used by several
	// rules) one requirement, so that it is looked up once per post.
	byContent map[string]reqID
	// single marks the requirements whose phrases are all one word (whole
	// or prefix): their key words are the phrases, so a key word among the
	// field's tokens is a match (fieldIndex.tokens).
	single bits
	nreq   int
	gates  map[*rulepack.Rule]*ruleGate
	order  []*ruleGate // the gates of the linter's rules, in their order
	nre    int         // distinct require patterns (groupGate.re)
	// lits finds the literals of pattern rules: [0] in folded text, [1] in
	// lowered original text.
	lits [2]*litMatcher
	// both (nil: none) finds the literal sets of both lits in one pass, those of
	// lits[0] first and those of lits[1] from set bothAt (a multiple of
	// 64, so that each's bits are whole words): most texts fold to their
	// lowered form, and a field checked by both needs one pass, not two.
	both   *litMatcher
	bothAt int
}

// ruleGate is what one rule needs in a field.
type ruleGate struct {
	// det is the rule's detector and costly whether it is NearGated,
	// asserted once rather than at every post.
	det    detect.Detector
	costly bool
	// keySet is the one phrase set the detector needs (a lexicon's
	// terms), requirement keyID; nil for other detectors (see
	// ruleRun.keySpan).
	keySet *phrase.Set
	keyID  reqID

	require  []groupGate // every one must be met
	postVeto reqID       // -1: none; else the post_veto words, whose absence makes the look-up needless
	need     *needGate
	// exprs, for a detector of several expressions (detect.ExprGated),
	// is what each one needs: those whose needs are absent do not run.
	exprs    []exprGate
	exprOrig bool
	gated    detect.ExprGated
	// The requirements of the context's other lists: a list none of whose
	// key words is in the field matches in no window of it.
	veto, boost, lower, nearVeto reqID
	some                         []reqID
	// vetoRe, boostRe and lowerRe are, per "re:" pattern of those lists,
	// the literal sets (lits[1]) it needs: a pattern whose literals are
	// absent from the field matches in no window of it.
	vetoRe, boostRe, lowerRe [][]int32
}

// ctxIndex tells the context checks of one match which lists of its
// rule's context occur in its field at all; the zero value knows nothing.
type ctxIndex struct {
	p  *prefilter
	fi *fieldIndex
	rg *ruleGate
}

// findIn is set.FindIn(v.Tokens, lo, hi), skipped when set (requirement
// id) has none of its key words in the field.
func (x ctxIndex) findIn(set *phrase.Set, id reqID, v *textnorm.View, lo, hi int) bool {
	if x.absent(id) {
		return false
	}
	ok := set.Has(v.Tokens, lo, hi)
	return ok
}

// ctxOf returns what the prefilter knows of a rule's lists (rg) in a field
// (nothing without a prefilter).
func (g *postGate) ctxOf(rg *ruleGate, field string, v *textnorm.View) ctxIndex {
	if g == nil || rg == nil {
		return ctxIndex{}
	}
	return ctxIndex{p: g.p, fi: g.field(field, v), rg: rg}
}

// matchRe reports whether one of the patterns matches win, a window of
// the field v, as ps.Match does, not running those whose literals (lits,
// per pattern) the field lacks.
func (x ctxIndex) matchRe(ps rulepack.Patterns, lits [][]int32, win string, v *textnorm.View) bool {
	for i, re := range ps {
		if x.fi != nil && i < len(lits) && len(lits[i]) > 0 && !x.fi.literals(x.p, true, v).hasAll(lits[i]) {
			continue
		}
		if re.MatchString(win) {
			return true
		}
	}
	return false
}

// Literal sets of the patterns of the rule's lists (nil: unknown).
func (x ctxIndex) requireLits(i int) [][]int32 {
	if x.rg == nil || i >= len(x.rg.require) {
		return nil
	}
	return x.rg.require[i].lits
}

func (x ctxIndex) vetoLits() [][]int32 {
	if x.rg == nil {
		return nil
	}
	return x.rg.vetoRe
}

// absent reports whether the list of requirement id surely has no phrase
// in the field.
func (x ctxIndex) absent(id reqID) bool {
	return x.fi != nil && id >= 0 && !x.fi.plain.has(id)
}

// Requirement ids of the lists (-1: unknown).
func (x ctxIndex) nearVetoID() reqID {
	if x.rg == nil {
		return -1
	}
	return x.rg.nearVeto
}

func (x ctxIndex) vetoID() reqID {
	if x.rg == nil {
		return -1
	}
	return x.rg.veto
}

func (x ctxIndex) requireID(i int) reqID {
	if x.rg == nil || i >= len(x.rg.require) {
		return -1
	}
	return x.rg.require[i].word
}

func (x ctxIndex) someID(i int) reqID {
	if x.rg == nil || i >= len(x.rg.some) {
		return -1
	}
	return x.rg.some[i]
}

// exprGate is what one expression needs: a literal of each of the sets
// lits (ids into lits[exprOrig]) and digits digits.
type exprGate struct {
	lits   []int32
	digits int
}

// groupGate is a require group: one of its words, or what one of its "re:"
// patterns needs (lits, per pattern the literal sets it needs in the lowered
// original text: all of them; none for a pattern that may match anything).
type groupGate struct {
	word reqID
	lits [][]int32
	// re identifies each of the group's patterns by its source: the same
	// pattern in several rules is matched once per field.
	re []int32
}

// needGate is what the rule's detector needs: any one of these (each
// group of requirements met in full).
type needGate struct {
	plain, deob [][]reqID
	lits        [][]int32 // per expression, the literal sets (lits[onOrig]) it needs
	onOrig      bool
}

// newPrefilter builds the prefilter of the rules of a pack, of which the
// linter runs active.
func newPrefilter(rules, active []*rulepack.Rule) *prefilter {
	p := &prefilter{exact: map[string]int32{}, prefix: map[string]int32{}, ids: map[*phrase.Set]reqID{}, byContent: map[string]reqID{}, gates: map[*rulepack.Rule]*ruleGate{}}
	var litSets [2][][]string
	// litID returns the id of a literal set in litSets[k], each set once.
	litIDs := [2]map[string]int32{{}, {}}
	litID := func(k int, set []string) int32 {
		key := strings.Join(set, "\x00")
		id, ok := litIDs[k][key]
		if !ok {
			id = int32(len(litSets[k]))
			litIDs[k][key] = id
			litSets[k] = append(litSets[k], set)
		}
		return id
	}
	// reLits returns, per pattern, the ids of the literal sets (of folded
	// text) it needs.
	reLits := func(ps rulepack.Patterns) [][]int32 {
		out := make([][]int32, len(ps))
		for i, re := range ps {
			for _, set := range patternLiterals(re) {
				out[i] = append(out[i], litID(1, set))
			}
		}
		return out
	}
	reIDs := map[string]int32{}
	for _, r := range rules {
		g := &ruleGate{postVeto: -1}
		g.det = r.Detector().(detect.Detector)
		_, g.costly = g.det.(detect.NearGated)
		c := r.Context()
		g.veto, g.boost, g.lower, g.nearVeto = p.req(c.Veto), p.req(c.Boost), p.req(c.Lower), p.req(c.NearVeto)
		for _, set := range c.SomeGroups {
			g.some = append(g.some, p.req(set))
		}
		for i, set := range c.Require {
			gg := groupGate{word: p.req(set)}
			if i < len(c.RequireRe) {
				for _, re := range c.RequireRe[i] {
					id, ok := reIDs[re.String()]
					if !ok {
						id = int32(len(reIDs))
						reIDs[re.String()] = id
					}
					gg.re = append(gg.re, id)
				}
				gg.lits = reLits(c.RequireRe[i])
			}
			g.require = append(g.require, gg)
		}
		if c.PostVeto.Len() > 0 {
			g.postVeto = p.req(c.PostVeto)
		}
		g.vetoRe, g.boostRe, g.lowerRe = reLits(c.VetoRe), reLits(c.BoostRe), reLits(c.LowerRe)
		if nd, ok := r.Detector().(detect.Needer); ok {
			if n, ok := nd.Needs(); ok {
				ng := &needGate{onOrig: n.OnOrig}
				k := b2i(n.OnOrig)
				for _, alt := range n.Literals {
					var ids []int32
					for _, set := range alt {
						ids = append(ids, litID(k, set))
					}
					ng.lits = append(ng.lits, ids)
				}
				ng.plain = p.reqs(n.Plain)
				if len(n.Plain) == 1 && len(n.Plain[0]) == 1 {
					g.keySet, g.keyID = n.Plain[0][0], ng.plain[0][0]
				}
				ng.deob = p.reqs(n.Deob)
				g.need = ng
			}
		}
		if eg, ok := r.Detector().(detect.ExprGated); ok {
			needs, orig := eg.ExprNeeds()
			k := b2i(orig)
			useful := false
			for _, n := range needs {
				var e exprGate
				for _, set := range n.Literals {
					e.lits = append(e.lits, litID(k, set))
				}
				e.digits = n.Digits
				useful = useful || len(e.lits) > 0 || e.digits > 0
				g.exprs = append(g.exprs, e)
			}
			if useful {
				g.gated, g.exprOrig = eg, orig
			} else {
				g.exprs = nil
			}
		}
		p.gates[r] = g
	}
	p.nre = len(reIDs)
	for _, r := range active {
		p.order = append(p.order, p.gates[r])
	}
	for k := range litSets {
		p.lits[k] = newLitMatcher(litSets[k])
	}
	p.bothAt = (len(litSets[0]) + 63) / 64 * 64
	union := slices.Grow(slices.Clip(litSets[0]), p.bothAt+len(litSets[1]))
	union = append(union, make([][]string, p.bothAt-len(litSets[0]))...) // empty sets, never found
	p.both = newLitMatcher(append(union, litSets[1]...))
	lens := map[int]bool{}
	for k := range p.prefix {
		lens[len(k)] = true
		if len(k) == 1 {
			p.prefixOne[k[0]] = true
		} else {
			p.prefixLens2[pair2(k)] |= 1 << min(len(k), 63)
		}
	}
	p.exactIdx = newWordIndex(p.exact)
	p.prefixIdx = newWordIndex(p.prefix)
	for n := range lens {
		p.prefixLens = append(p.prefixLens, n)
	}
	slices.Sort(p.prefixLens)
	return p
}

func (p *prefilter) reqs(groups [][]*phrase.Set) [][]reqID {
	var out [][]reqID
	for _, g := range groups {
		ids := make([]reqID, len(g))
		for i, s := range g {
			ids[i] = p.req(s)
		}
		out = append(out, ids)
	}
	return out
}

// req returns the requirement of a phrase set, adding its keys to the index
// (-1 for a nil set).
func (p *prefilter) req(s *phrase.Set) reqID {
	if s == nil {
		return -1
	}
	if id, ok := p.ids[s]; ok {
		return id
	}
	content := strings.Join(s.Sources(), "\x00")
	if id, ok := p.byContent[content]; ok {
		p.ids[s] = id
		return id
	}
	id := reqID(p.nreq)
	p.nreq++
	p.ids[s] = id
	p.byContent[content] = id
	if s.SingleWords() {
		p.single = resizeKeep(p.single, p.nreq)
		p.single.set(id)
	}
	k := s.KeyWords()
	if k.Any {
		p.always = append(p.always, id)
		p.alwaysBits = resizeKeep(p.alwaysBits, p.nreq)
		p.alwaysBits.set(id)
	}
	add := func(m map[string]int32, w string) {
		key, ok := m[w]
		if !ok {
			key = int32(len(p.postings))
			m[w] = key
			p.postings = append(p.postings, nil)
		}
		if l := p.postings[key]; len(l) == 0 || l[len(l)-1] != id {
			p.postings[key] = append(l, id)
		}
	}
	for _, w := range k.Exact {
		add(p.exact, w)
	}
	for _, w := range k.Prefix {
		add(p.prefix, w)
	}
	return id
}

// bits is a set of requirements.
type bits []uint64

// resizeKeep returns b grown to hold n bits, keeping its bits.
func resizeKeep(b bits, n int) bits {
	for len(b) < (n+63)/64 {
		b = append(b, 0)
	}
	return b
}

// resizeBits returns an empty set of n bits, in b when it is large enough.
func resizeBits(b bits, n int) bits {
	w := (n + 63) / 64
	if cap(b) < w {
		return make(bits, w)
	}
	b = b[:w]
	clear(b)
	return b
}

func (b bits) has(id reqID) bool { return b[id>>6]&(1<<(uint(id)&63)) != 0 }
func (b bits) set(id reqID)      { b[id>>6] |= 1 << (uint(id) & 63) }

// fieldIndex is what a field of one post meets. Its sets are kept from
// post to post (reset by init).
type fieldIndex struct {
	lits     [2]bits // literal sets found (see prefilter.lits), once asked
	litsDone [2]bool
	// both holds lits[0] and lits[1] when one pass found them
	// (prefilter.both); lowered is the field's lowered original text,
	// once worked out.
	both       bits
	lowered    string
	loweredSet bool
	plain      bits
	// tokens is plain without the words of hashtags: the requirements
	// whose key words are among the field's tokens.
	tokens   bits
	deob     bits // once a disguised detector asks
	wild     bool // the deobfuscated view has a word WildWord may match (phrase.Wild)
	deobDone bool
	// keys holds, for the requirements in tokens (but not
	// prefilter.always), the first and the last of the field's tokens
	// that is one of their key words: their phrases can lie only with the
	// key word there, so findAll tries them nowhere else. Only the text
	// field, kept from post to post, has them (nil for others).
	keys []keySpan
	// found holds, for the requirements in known, whether a phrase of
	// their set occurs in the field's tokens; reHit, for the require
	// patterns in reKnown, whether the pattern matches the field.
	found, known  bits
	reHit, reDone bits
	// digits counts the ASCII digits of the folded ([0]) and original
	// ([1]) text, -1 until asked.
	digits [2]int
}

// A keySpan is the first and the last token holding a requirement's key
// words, side by side: noting them costs one cache line.
type keySpan struct{ first, last int32 }

// init indexes the field v of a new post; with keys, where the key words
// of its requirements are too (fieldIndex.keys).
func (fi *fieldIndex) init(p *prefilter, v *textnorm.View, keys bool) {
	if keys && len(fi.keys) < p.nreq {
		fi.keys = make([]keySpan, p.nreq)
	}
	fi.tokens = p.mark(fi.tokens)
	p.markMore(fi.tokens, v.Tokens, fi.keys)
	fi.plain = append(fi.plain[:0], fi.tokens...)
	if tags := detect.HashtagWords(v.Orig); len(tags) > 0 {
		p.markMore(fi.plain, tags, nil)
	}
	fi.litsDone = [2]bool{}
	fi.lowered, fi.loweredSet = "", false
	fi.deobDone, fi.wild = false, false
	clear(fi.known)
	clear(fi.found)
	clear(fi.reDone)
	clear(fi.reHit)
	fi.digits = [2]int{-1, -1}
}

// mayRun reports whether expression e may match in the field.
func (fi *fieldIndex) mayRun(p *prefilter, e *exprGate, orig bool, v *textnorm.View) bool {
	if e.digits > 0 {
		k := b2i(orig)
		if fi.digits[k] < 0 {
			s := v.Fold
			if orig {
				s = v.Orig
			}
			fi.digits[k] = detect.CountDigits(s)
		}
		if fi.digits[k] < e.digits {
			return false
		}
	}
	return len(e.lits) == 0 || fi.literals(p, orig, v).hasAll(e.lits)
}

// findAll reports whether a phrase of set (requirement id) occurs in the
// field's tokens, looking once per post.
func (fi *fieldIndex) findAll(p *prefilter, id reqID, set *phrase.Set, v *textnorm.View) bool {
	if !fi.plain.has(id) {
		return false // none of its key words: no phrase of it can match
	}
	if fi.known == nil {
		fi.known = make(bits, (p.nreq+63)/64)
		fi.found = make(bits, (p.nreq+63)/64)
	}
	if int(id>>6) < len(p.single) && p.single.has(id) {
		return fi.tokens.has(id)
	}
	if !fi.known.has(id) {
		fi.known.set(id)
		var ok bool
		switch {
		case fi.keys == nil || int(id>>6) < len(p.alwaysBits) && p.alwaysBits.has(id):
			ok = set.Has(v.Tokens, 0, len(v.Tokens))
		case fi.tokens.has(id):
			ok = set.HasKeyedAt(v.Tokens, int(fi.keys[id].first), int(fi.keys[id].last)+1)
		}
		if ok {
			fi.found.set(id)
		}
	}
	return fi.found.has(id)
}

// matchRe reports whether a require pattern (id) matches the field's
// original text, matching once per post.
func (fi *fieldIndex) matchRe(p *prefilter, id int32, re *regexp.Regexp, v *textnorm.View) bool {
	if fi.reDone == nil {
		fi.reDone = make(bits, (p.nre+63)/64)
		fi.reHit = make(bits, (p.nre+63)/64)
	}
	if !fi.reDone.has(id) {
		fi.reDone.set(id)
		if re.MatchString(v.Orig) {
			fi.reHit.set(id)
		}
	}
	return fi.reHit.has(id)
}

// postGate is the prefilter's state for one post.
type postGate struct {
	p      *prefilter
	text   *fieldIndex // the post's text, the field most rules look at
	fields map[string]*fieldIndex
	// textBuf holds text, kept from post to post.
	textBuf fieldIndex
}

// reset prepares the gate for a new post.
func (g *postGate) reset() {
	g.text, g.fields = nil, nil
}

func (g *postGate) field(name string, v *textnorm.View) *fieldIndex {
	if name == detect.FieldText && g.text != nil {
		return g.text
	}
	if fi, ok := g.fields[name]; ok {
		return fi
	}
	if name == detect.FieldText {
		g.text = &g.textBuf
		g.text.init(g.p, v, true)
		return g.text
	}
	fi := &fieldIndex{}
	fi.init(g.p, v, false)
	if g.fields == nil {
		g.fields = make(map[string]*fieldIndex, 2)
	}
	g.fields[name] = fi
	return fi
}

// mark returns the requirements met by some of the tokens, in dst when it
// is large enough.
func (p *prefilter) mark(dst bits, lists ...[]textnorm.Token) bits {
	b := resizeBits(dst, p.nreq)
	for _, id := range p.always {
		b.set(id)
	}
	for _, toks := range lists {
		p.markMore(b, toks, nil)
	}
	return b
}

// markMore marks in b the requirements met by the words of toks. With
// keys (of p.nreq), it notes for each requirement it marks the first and
// the last token of toks that meets it (the first only when b did not
// have it).
func (p *prefilter) markMore(b bits, toks []textnorm.Token, keys []keySpan) {
	for i := range toks {
		t := &toks[i]
		w := t.Text
		h := t.Hash
		if h == 0 {
			h = textnorm.HashWord(w)
		}
		if k, ok := p.exactIdx.get(h, w); ok {
			p.markKey(b, k, i, keys)
		}
		if w == "" {
			continue
		}
		var lens uint64
		if len(w) >= 2 {
			lens = p.prefixLens2[pair2(w)]
		}
		if p.prefixOne[w[0]] {
			lens |= 1 << 1
		}
		if lens == 0 {
			continue
		}
		rh, n := textnorm.HashStart(), 0
		for _, l := range p.prefixLens {
			if l > len(w) {
				break
			}
			if lens&(1<<min(l, 63)) == 0 {
				continue
			}
			for ; n < l; n++ {
				rh = textnorm.HashByte(rh, w[n])
			}
			if k, ok := p.prefixIdx.get(textnorm.HashDone(rh), w[:l]); ok {
				p.markKey(b, k, i, keys)
			}
		}
	}
}

// markKey marks in b the requirements of key k, met at token i (see
// markMore).
func (p *prefilter) markKey(b bits, k int32, i int, keys []keySpan) {
	if keys == nil {
		for _, id := range p.postings[k] {
			b.set(id)
		}
		return
	}
	for _, id := range p.postings[k] {
		ks := &keys[id]
		if !b.has(id) {
			b.set(id)
			ks.first = int32(i)
		}
		ks.last = int32(i)
	}
}

// pair2 is the index in prefilter.prefixLens2 of a word of two bytes or
// more.
func pair2(w string) int { return (int(w[0])*31 + int(w[1])) & 1023 }

// wordIndex maps words to keys by their hashes (textnorm.HashWord): open
// addressing, at most half full.
type wordIndex struct {
	slots []wordSlot
	shift uint8
}

type wordSlot struct {
	hash uint64 // 0: empty
	word string
	key  int32
}

func newWordIndex(m map[string]int32) wordIndex {
	var x wordIndex
	if len(m) == 0 {
		return x
	}
	size, bits := 2, uint8(1)
	for size < 2*len(m) {
		size, bits = size*2, bits+1
	}
	x.slots = make([]wordSlot, size)
	x.shift = 64 - bits
	for w, key := range m {
		h := textnorm.HashWord(w)
		k := h >> x.shift
		for x.slots[k].hash != 0 {
			k = (k + 1) & uint64(size-1)
		}
		x.slots[k] = wordSlot{hash: h, word: w, key: key}
	}
	return x
}

// get returns the key of word w, whose hash is h.
func (x *wordIndex) get(h uint64, w string) (int32, bool) {
	if len(x.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(x.slots) - 1)
	for k := h >> x.shift; ; k = (k + 1) & mask {
		sl := &x.slots[k]
		if sl.hash == 0 {
			return 0, false
		}
		if sl.hash == h && sl.word == w {
			return sl.key, true
		}
	}
}

// gateAt returns the requirements of rule r, the kth of the linter's rules
// (-1: another rule of the pack); nil without a prefilter.
func (g *postGate) gateAt(r *rulepack.Rule, k int) *ruleGate {
	if g == nil {
		return nil
	}
	if k >= 0 && k < len(g.p.order) {
		return g.p.order[k]
	}
	return g.p.gates[r]
}

// pass reports whether rule r may match in the field: its require groups
// are met and its detector's needs too.
func (g *postGate) pass(rg *ruleGate, field string, v *textnorm.View) bool {
	fi := g.field(field, v)
	for i := range rg.require {
		if gg := &rg.require[i]; !fi.plain.has(gg.word) && !g.anyPattern(gg, fi, v) {
			return false
		}
	}
	n := rg.need
	if n == nil {
		return true
	}
	if fi.plain.all(n.plain) {
		return true
	}
	if len(n.lits) > 0 && fi.literals(g.p, n.onOrig, v).all(n.lits) {
		return true
	}
	if len(n.deob) > 0 {
		if !fi.deobDone {
			fi.deobDone = true
			dv := v.Deobfuscated()
			fi.deob = g.p.mark(fi.deob, dv.Tokens)
			for _, t := range dv.Tokens {
				if phrase.Wild(t.Text) {
					fi.wild = true
					break
				}
			}
		}
		if fi.wild || fi.deob.all(n.deob) {
			return true
		}
	}
	return false
}

// literals returns the literal sets found in the field: in its folded
// text, or its lowered original text with orig.
func (fi *fieldIndex) literals(p *prefilter, orig bool, v *textnorm.View) bits {
	k := b2i(orig)
	if !fi.litsDone[k] {
		fi.litsDone[k] = true
		if !fi.loweredSet {
			fi.lowered, fi.loweredSet = detect.LowerLiterals(v.Orig), true
		}
		if p.both != nil && !fi.litsDone[1-k] && fi.lowered == v.Fold {
			// The same text for both: one pass finds both's sets.
			fi.litsDone[1-k] = true
			fi.both = p.both.scan(fi.both, v.Fold)
			w0 := p.bothAt / 64
			fi.lits[0] = fi.both[: (p.lits[0].nsets+63)/64 : w0]
			fi.lits[1] = fi.both[w0:]
			return fi.lits[k]
		}
		s := v.Fold
		if orig {
			s = fi.lowered
		}
		fi.lits[k] = p.lits[k].scan(fi.lits[k], s)
	}
	return fi.lits[k]
}

// patternLiterals returns the literal sets any match of the pattern holds a
// string of each of (none when it needs nothing).
func patternLiterals(re *regexp.Regexp) [][]string {
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	return detect.RequiredLiterals(parsed)
}

// anyPattern reports whether one of the group's patterns may match the
// field (its literals are there).
func (g *postGate) anyPattern(gg *groupGate, fi *fieldIndex, v *textnorm.View) bool {
	for _, ids := range gg.lits {
		if len(ids) == 0 || fi.literals(g.p, true, v).hasAll(ids) {
			return true
		}
	}
	return false
}

// What requireSoon knows of a rule's require groups in a field.
const (
	requireUnmet   = iota // a group is met nowhere in the field
	requireMetAll         // every group is met
	requirePending        // the rest rests on patterns not yet matched
)

// requireSoon is requireMet without matching patterns: the groups met by
// their words, or by a pattern already matched in the field, and the
// groups that cannot be met (no word, and no pattern whose literals are
// there) are known; the others are pending.
func (g *postGate) requireSoon(rg *ruleGate, r *rulepack.Rule, field string, v *textnorm.View) int {
	fi := g.field(field, v)
	c := r.Gate()
	state := requireMetAll
	for i, set := range c.Require {
		gg := &rg.require[i]
		if fi.findAll(g.p, gg.word, set, v) {
			continue
		}
		met, pending := false, false
		if i < len(c.RequireRe) {
			for j := range c.RequireRe[i] {
				if ids := gg.lits[j]; len(ids) > 0 && !fi.literals(g.p, true, v).hasAll(ids) {
					continue
				}
				if id := gg.re[j]; fi.reDone != nil && fi.reDone.has(id) {
					if fi.reHit.has(id) {
						met = true
						break
					}
					continue
				}
				pending = true
			}
		}
		switch {
		case met:
		case pending:
			state = requirePending
		default:
			return requireUnmet
		}
	}
	return state
}

// requireMet is the engine's requireMet with the prefilter's knowledge: a
// pattern whose literals are absent is not run.
func (g *postGate) requireMet(rg *ruleGate, r *rulepack.Rule, field string, v *textnorm.View) bool {
	fi := g.field(field, v)
	c := r.Gate()
	for i, set := range c.Require {
		gg := &rg.require[i]
		if fi.findAll(g.p, gg.word, set, v) {
			continue
		}
		met := false
		if i < len(c.RequireRe) {
			for j, re := range c.RequireRe[i] {
				if ids := gg.lits[j]; len(ids) > 0 && !fi.literals(g.p, true, v).hasAll(ids) {
					continue
				}
				if fi.matchRe(g.p, gg.re[j], re, v) {
					met = true
					break
				}
			}
		}
		if !met {
			return false
		}
	}
	return true
}

// hasAll reports whether every one of the requirements is met.
func (b bits) hasAll(ids []reqID) bool {
	for _, id := range ids {
		if !b.has(id) {
			return false
		}
	}
	return true
}

// all reports whether every requirement of one of the groups is met.
func (b bits) all(groups [][]reqID) bool {
	for _, g := range groups {
		ok := true
		for _, id := range g {
			if !b.has(id) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// postVetoed reports whether the rule's post_veto words occur in the
// post's text (v), looking once per post for each list.
func (g *postGate) postVetoed(rg *ruleGate, set *phrase.Set, v *textnorm.View) bool {
	if rg == nil || rg.postVeto < 0 {
		ok := set.Has(v.Tokens, 0, len(v.Tokens))
		return ok
	}
	return g.field(detect.FieldText, v).findAll(g.p, rg.postVeto, set, v)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// nearContext reports whether a match whose first token is first and whose
// last token is at most lastMax could survive the rule's context: its
// require groups met in the widest window weigh could look at, and no veto
// word in the narrowest one (the window of the first token alone, inside
// its sentence). The entity detector asks it before running the model.
func nearContext(in *detect.Input, c *rulepack.Context, v *textnorm.View, first, lastMax int) bool {
	if c.Window == 0 {
		return true
	}
	lo, hi := first-c.Window, lastMax+1+c.Window
	hasRe := false
	for _, g := range c.RequireRe {
		hasRe = hasRe || len(g) > 0
	}
	win := ""
	if hasRe {
		win = windowText(v, lo, hi)
	}
	for i, g := range c.Require {
		if g.Has(v.Tokens, lo, hi) {
			continue
		}
		if i < len(c.RequireRe) && c.RequireRe[i].Match(win) {
			continue
		}
		return false
	}
	if c.Veto.Len() > 0 && first < len(v.Tokens) {
		lo, hi := first-c.Window, first+1+c.Window
		if c.Sentence {
			a, b := v.OrigRange(v.Tokens[first].Start, v.Tokens[first].End)
			lo, hi = sentenceClamp(in, v, detect.Match{Start: a, End: b}, lo, hi)
		}
		if c.Veto.Has(v.Tokens, lo, hi) {
			return false
		}
	}
	return true
}
