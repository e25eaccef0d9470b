package detect

import (
	"fmt"
	"iter"
	mathbits "math/bits"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/textnorm"
)

// sequenceOptions configure the "sequence" kind: short patterns over words,
// where an element is a word, a named class of words and phrases, or a
// choice of phrases, optionally repeated. It says what a word list cannot:
// "you are (such) a (complete) <insult>", "<person> is a <insult>",
// "I'll <violent verb> your <body part>", each class a list the rule names.
//
//	classes:
//	  you: [you, "you're", ur, u]
//	  noun: ["@lists/insult-nouns.txt"]
//	patterns:
//	  - "<you> (are|re|r)? (a|an|such a|so){0,2} <noun>"
//
// Elements, separated by spaces:
//
//	word, word*, *   a word, a prefix, any one word (as in term lists)
//	<name>           one phrase of the class name
//	<a|b>            one phrase of class a or class b
//	(a|b c|d*)       one of the phrases a, "b c", d*
//	^ and $          the start and the end of a sentence (of the text, or
//	                 next to . ! ? ; : a line break or an emoji; @mentions
//	                 before a sentence are skipped): "^ <insult> $" is an
//	                 insult said as a sentence of its own ("Coward.")
//
// and each may be followed by ? (optional) or {m,n} / {n} (repeated). The
// longest match from each word is reported. Camel-case hashtags are read as
// their words too (#LyingLiberals), a match in one reporting the hashtag. With disguised: true, classes and
// words also match disguised spellings (leetspeak, masks, stretched and
// spaced letters), as the lexicon kind does.
type sequenceOptions struct {
	Kind      string              `yaml:"kind"`
	Classes   map[string][]string `yaml:"classes"`
	Patterns  []string            `yaml:"patterns"`
	Disguised bool                `yaml:"disguised"`
}

// maxRepeat bounds {m,n} so that matching stays linear in practice.
const maxRepeat = 8

type seqElem struct {
	any      bool
	anchor   byte // '^' or '$': a sentence boundary, matching no word
	set      int  // index of the element's word sets in sequenceDetector.sets
	min, max int
}

type seqPattern struct {
	src   string
	elems []seqElem
	// starts is the mask of the sets one of which a match must start
	// with (its first elements up to the first required one), unless
	// startAny (one of them is any word).
	starts   []uint64
	startAny bool
}

type sequenceDetector struct {
	patterns  []seqPattern
	disguised bool
	// sets are the word sets of the elements, shared between elements that
	// name the same class or choice: plain for the folded view, deob for
	// the deobfuscated one.
	sets []seqSets
	// all holds every phrase of every set once ([0] plain, [1] deob), and
	// member the sets each of its phrases belongs to: one look-up per token
	// finds the matches of every set there.
	all    [2]*phrase.Set
	member [2][][]int32
	// width is the number of words of a mask of sets.
	width int
	// startsBy lists, per set, the patterns that may start with a match of
	// it, and anyStart those that may start anywhere: a position is tried
	// only against the patterns its matches can start.
	startsBy [][]int32
	anyStart []int32
	// scratch reuses the state of a scan (*seqState) between posts.
	scratch sync.Pool
}

type seqSets struct{ plain, deob *phrase.Set }

// seqUnion compiles the phrases of sets into one set, each phrase once,
// with the indexes of the sets each phrase is in.
func seqUnion(sets []*phrase.Set) (*phrase.Set, [][]int32) {
	index := map[string]int{}
	var all []string
	var member [][]int32
	for k, set := range sets {
		for _, src := range set.Sources() {
			i, ok := index[src]
			if !ok {
				i = len(all)
				index[src] = i
				all = append(all, src)
				member = append(member, nil)
			}
			if m := member[i]; len(m) == 0 || m[len(m)-1] != int32(k) {
				member[i] = append(m, int32(k))
			}
		}
	}
	return phrase.Compile(all), member
}

func buildSequence(o Options, env *Env) (any, error) {
	var opts sequenceOptions
	if err := o.Decode(&opts); err != nil {
		return nil, err
	}
	if len(opts.Patterns) == 0 {
		return nil, fmt.Errorf("sequence: no patterns")
	}
	d := &sequenceDetector{disguised: opts.Disguised}
	used := map[string]bool{}
	terms := map[string][]string{}
	for name, list := range opts.Classes {
		if name == "" || strings.ContainsAny(name, "|<> ") {
			return nil, fmt.Errorf("sequence: class name %q: use letters, digits, - and _", name)
		}
		all, err := ExpandTerms(list, env)
		if err != nil {
			return nil, fmt.Errorf("sequence: class %s: %w", name, err)
		}
		if len(all) == 0 {
			return nil, fmt.Errorf("sequence: class %s is empty", name)
		}
		terms[name] = all
	}
	// classes holds the index of one compiled pair per class reference ("<a>"
	// or a union "<a|b>") or choice ("(x|y)").
	classes := map[string]int{}
	add := func(key string, c seqSets) int {
		classes[key] = len(d.sets)
		d.sets = append(d.sets, c)
		return len(d.sets) - 1
	}
	class := func(ref string) (int, error) {
		if c, ok := classes["<"+ref]; ok {
			return c, nil
		}
		var all []string
		for _, name := range strings.Split(ref, "|") {
			name = strings.TrimSpace(name)
			t, ok := terms[name]
			if !ok {
				return 0, fmt.Errorf("no class %q", name)
			}
			used[name] = true
			all = append(all, t...)
		}
		return add("<"+ref, seqSets{phrase.Compile(all), phrase.Compile(deobfTerms(all))}), nil
	}
	for _, src := range opts.Patterns {
		p := seqPattern{src: src}
		elems, err := parseSequence(src)
		if err != nil {
			return nil, fmt.Errorf("sequence: pattern %q: %w", src, err)
		}
		for _, e := range elems {
			el := seqElem{min: e.min, max: e.max}
			switch {
			case e.class != "":
				c, err := class(e.class)
				if err != nil {
					return nil, fmt.Errorf("sequence: pattern %q: %w", src, err)
				}
				el.set = c
			case len(e.alts) == 1 && e.alts[0] == "*":
				el.any = true
			case len(e.alts) == 1 && (e.alts[0] == "^" || e.alts[0] == "$"):
				if e.min != 1 || e.max != 1 {
					return nil, fmt.Errorf("sequence: pattern %q: %s cannot repeat", src, e.alts[0])
				}
				el.anchor = e.alts[0][0]
			default:
				key := "(" + strings.Join(e.alts, "|")
				if c, ok := classes[key]; ok {
					el.set = c
				} else {
					el.set = add(key, seqSets{phrase.Compile(e.alts), phrase.Compile(deobfTerms(e.alts))})
				}
			}
			p.elems = append(p.elems, el)
		}
		required := false
		for _, el := range p.elems {
			required = required || el.min > 0 && el.anchor == 0
		}
		if !required {
			return nil, fmt.Errorf("sequence: pattern %q: every element is optional", src)
		}
		d.patterns = append(d.patterns, p)
	}
	var plain, deob []*phrase.Set
	for _, c := range d.sets {
		plain, deob = append(plain, c.plain), append(deob, c.deob)
	}
	d.all[0], d.member[0] = seqUnion(plain)
	d.all[1], d.member[1] = seqUnion(deob)
	d.width = (len(d.sets) + 63) / 64
	for k := range d.patterns {
		p := &d.patterns[k]
		p.starts = make([]uint64, d.width)
		for _, el := range p.elems {
			if el.anchor != 0 {
				continue
			}
			if el.any {
				p.startAny = true
				break
			}
			p.starts[el.set>>6] |= 1 << (uint(el.set) & 63)
			if el.min > 0 {
				break
			}
		}
	}
	d.startsBy = make([][]int32, len(d.sets))
	for k := range d.patterns {
		p := &d.patterns[k]
		if p.startAny {
			d.anyStart = append(d.anyStart, int32(k))
			continue
		}
		for s := range d.sets {
			if p.starts[s>>6]&(1<<(uint(s)&63)) != 0 {
				d.startsBy[s] = append(d.startsBy[s], int32(k))
			}
		}
	}
	for name := range terms {
		if !used[name] {
			return nil, fmt.Errorf("sequence: class %s is not used by any pattern", name)
		}
	}
	return d, nil
}

type seqSyntax struct {
	class    string
	alts     []string
	min, max int
}

// parseSequence splits a pattern into its elements.
func parseSequence(src string) ([]seqSyntax, error) {
	var out []seqSyntax
	s := strings.TrimSpace(src)
	for len(s) > 0 {
		var e seqSyntax
		switch s[0] {
		case '<':
			j := strings.IndexByte(s, '>')
			if j < 0 {
				return nil, fmt.Errorf("unclosed <")
			}
			e.class = strings.TrimSpace(s[1:j])
			if e.class == "" {
				return nil, fmt.Errorf("empty class name")
			}
			s = s[j+1:]
		case '(':
			j := strings.IndexByte(s, ')')
			if j < 0 {
				return nil, fmt.Errorf("unclosed (")
			}
			for _, a := range strings.Split(s[1:j], "|") {
				if a = strings.TrimSpace(a); a != "" {
					e.alts = append(e.alts, a)
				}
			}
			if len(e.alts) == 0 {
				return nil, fmt.Errorf("empty ( )")
			}
			s = s[j+1:]
		default:
			j := strings.IndexAny(s, " \t?{")
			if j < 0 {
				j = len(s)
			}
			e.alts = []string{s[:j]}
			s = s[j:]
		}
		e.min, e.max = 1, 1
		switch {
		case strings.HasPrefix(s, "?"):
			e.min, s = 0, s[1:]
		case strings.HasPrefix(s, "{"):
			j := strings.IndexByte(s, '}')
			if j < 0 {
				return nil, fmt.Errorf("unclosed {")
			}
			lo, hi, two := strings.Cut(s[1:j], ",")
			var err1, err2 error
			e.min, err1 = strconv.Atoi(strings.TrimSpace(lo))
			e.max = e.min
			if two {
				e.max, err2 = strconv.Atoi(strings.TrimSpace(hi))
			}
			if err1 != nil || err2 != nil || e.min < 0 || e.max < e.min || e.max == 0 || e.max > maxRepeat {
				return nil, fmt.Errorf("bad repeat %q (want {m,n} with 0 <= m <= n, 1 <= n <= %d)", s[:j+1], maxRepeat)
			}
			s = s[j+1:]
		}
		if len(s) > 0 && s[0] != ' ' && s[0] != '\t' {
			return nil, fmt.Errorf("unexpected %q", s)
		}
		out = append(out, e)
		s = strings.TrimLeft(s, " \t")
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	return out, nil
}

// deobfTerms rewrites terms into the form words take in the deobfuscated view
// (apostrophes and other punctuation split words, leetspeak read as letters),
// keeping prefix stars and lone stars.
func deobfTerms(terms []string) []string {
	out := make([]string, 0, len(terms))
	for _, t := range terms {
		if d, ok := deobfTerm(t); ok {
			out = append(out, d)
		}
	}
	return out
}

// deobfTerm is one term of deobfTerms; ok is false for a comment or a term
// left with no word.
func deobfTerm(t string) (string, bool) {
	if strings.HasPrefix(strings.TrimSpace(t), "#") {
		return "", false
	}
	var words []string
	for _, w := range strings.Fields(t) {
		if w == "*" {
			words = append(words, w)
			continue
		}
		prefix := strings.HasSuffix(w, "*")
		w = strings.TrimSuffix(w, "*")
		d := w
		if !lowerLetters(w) { // a word of a-z is its own deobfuscated form
			d = textnorm.New(w).Deobfuscated().Text
		}
		if d == "" {
			continue
		}
		if prefix {
			d += "*"
		}
		words = append(words, d)
	}
	return strings.Join(words, " "), len(words) > 0
}

func (d *sequenceDetector) Detect(in *Input, field string, v *textnorm.View, emit func(Match)) {
	st := d.state()
	defer d.scratch.Put(st)
	if d.disguised {
		dv := v.Deobfuscated()
		orig := func(k int) (int, int) { return v.DeobfOrigRange(dv.Tokens[k].Start, dv.Tokens[k].End) }
		d.scan(st, dv.Tokens, true, st.viewBounds(in, v, true, len(dv.Tokens), orig), func(first, last int) {
			a, _ := orig(first)
			_, b := orig(last)
			emit(Match{Field: field, Start: a, End: b})
		})
	}
	orig := func(k int) (int, int) { return v.OrigRange(v.Tokens[k].Start, v.Tokens[k].End) }
	d.scan(st, v.Tokens, false, st.viewBounds(in, v, false, len(v.Tokens), orig), func(first, last int) {
		a, _ := orig(first)
		_, b := orig(last)
		emit(Match{Field: field, Start: a, End: b})
	})
	// Hashtags hide their words: #LyingLiberals reads as "Lying Liberals".
	for start, end := range hashtags(v.Orig) {
		words, ok := splitCamel(v.Orig[start+1 : end])
		if !ok {
			continue
		}
		hv := textnorm.New(words)
		ho := func(k int) (int, int) { return hv.OrigRange(hv.Tokens[k].Start, hv.Tokens[k].End) }
		found := false
		d.scan(st, hv.Tokens, false, st.boundaries(hv.Orig, len(hv.Tokens), ho), func(int, int) { found = true })
		if found {
			emit(Match{Field: field, Start: start, End: end})
		}
	}
}

// hashtags yields the start and end of each hashtag of s, as the
// expression #([A-Za-z][A-Za-z0-9]*) finds them (FindAll): a '#', an ASCII
// letter, then ASCII letters and digits, as many as follow. It reads the
// bytes rather than running the expression, once per sequence rule, over
// every post.
func hashtags(s string) iter.Seq2[int, int] {
	return func(yield func(start, end int) bool) {
		for i := 0; i < len(s); {
			j := strings.IndexByte(s[i:], '#')
			if j < 0 {
				return
			}
			j += i
			k := j + 1
			if k == len(s) || !isASCIILetter(s[k]) {
				i = k
				continue
			}
			for k < len(s) && (isASCIILetter(s[k]) || '0' <= s[k] && s[k] <= '9') {
				k++
			}
			if !yield(j, k) {
				return
			}
			i = k
		}
	}
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// splitCamel splits a camel-case hashtag body into words ("LyingLiberals"
// -> "Lying Liberals"); ok is false when it has a single word.
func splitCamel(s string) (string, bool) {
	// Most hashtags are one word ("#nhs", "#nightshift"): find the first
	// break before building anything.
	k := 1
	for k < len(s) && !camelBreak(s[k-1], s[k]) {
		k++
	}
	if k >= len(s) {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s) + 4)
	b.WriteString(s[:k])
	for i := k; i < len(s); i++ {
		if camelBreak(s[i-1], s[i]) {
			b.WriteByte(' ')
		}
		b.WriteByte(s[i])
	}
	return b.String(), true
}

// camelBreak reports whether a hashtag's words break between bytes p and
// c: a lower-case letter then a capital, or a letter next to a digit.
func camelBreak(p, c byte) bool {
	lowerToUpper := p >= 'a' && p <= 'z' && c >= 'A' && c <= 'Z'
	letterDigit := (p >= '0' && p <= '9') != (c >= '0' && c <= '9')
	return lowerToUpper || letterDigit
}

// bounds says which tokens start and end a sentence.
type bounds struct{ start, end []bool }

// viewBounds returns the boundaries of the tokens of view v (its
// deobfuscated view's with deob), n of them, worked out once per post and
// shared by the sequence rules, which all ask (without in, the state's
// own, as boundaries).
func (st *seqState) viewBounds(in *Input, v *textnorm.View, deob bool, n int, orig func(k int) (int, int)) bounds {
	if in == nil {
		return st.boundaries(v.Orig, n, orig)
	}
	return *in.Memo(viewBoundsKey{v, deob}, func() any {
		b := boundariesIn(bounds{}, v.Orig, n, orig)
		return &b
	}).(*bounds)
}

// viewBoundsKey is the Input.Memo key of a view's boundaries.
type viewBoundsKey struct {
	v    *textnorm.View
	deob bool
}

// boundaries finds sentence starts and ends from the original text between
// tokens: the text's ends, . ! ? ; : … a line break, or a symbol such as an
// emoji. @mentions before a sentence are skipped over. The slices are the
// state's own, kept for the next scan.
func (st *seqState) boundaries(text string, n int, orig func(k int) (int, int)) bounds {
	st.bb = boundariesIn(st.bb, text, n, orig)
	return st.bb
}

// boundariesIn is boundaries reusing the slices of b when large enough.
func boundariesIn(b bounds, text string, n int, orig func(k int) (int, int)) bounds {
	b.start, b.end = resize(b.start, n), resize(b.end, n)
	clear(b.start)
	clear(b.end)
	prevEnd := 0
	mention := func(k int) bool {
		s, _ := orig(k)
		return s < len(text) && text[s] == '@' || s > 0 && text[s-1] == '@'
	}
	for k := 0; k < n; k++ {
		s, e := orig(k)
		if k == 0 || breaks(text[min(prevEnd, s):s]) {
			b.start[k] = true
			if k > 0 {
				b.end[k-1] = true
			}
		} else if k > 0 && b.start[k-1] && mention(k-1) {
			b.start[k] = true
		}
		prevEnd = e
	}
	if n > 0 {
		b.end[n-1] = true
	}
	return b
}

func breaks(gap string) bool {
	for _, r := range gap {
		switch {
		case r == '.' || r == '!' || r == '?' || r == ';' || r == ':' || r == '…' || r == '\n':
			return true
		case r >= 0x2190 && (unicode.IsSymbol(r) || unicode.Is(unicode.So, r)):
			return true
		}
	}
	return false
}

// seqState is one scan of a token list: the tokens, their sentence
// boundaries, and the word-set matches found at each position (every set
// at once, the first time a position is looked at).
type seqState struct {
	d    *sequenceDetector
	toks []textnorm.Token
	b    bounds
	deob bool
	// done[pos]: the matches at pos are known; they are hits[lo[pos]:hi[pos]].
	done   []bool
	lo, hi []int32
	hits   []seqHit
	ends   []int32  // last token indexes of matches
	masks  []uint64 // per position, width words: the sets with a match there
	hit    []bool   // per set, while a position is filled
	seen   []int32  // sets filled at the position
	found  []seqFound
	// tried[k] == gen: pattern k was tried at the position being scanned.
	tried []uint32
	gen   uint32
	bb    bounds // the slices of boundaries, kept from scan to scan
	// collect adds a match of d.all to found (a method value made once).
	collect func(phrase.Match)
	// pm holds every match of d.all in the tokens, found in one search at
	// reset and in token order; those starting at pos are
	// pm[byPos[pos]:byPos[pos+1]]. keep appends to pm (made once).
	pm    []phrase.Match
	byPos []int32
	keep  func(phrase.Match)
}

// seqFound is a match of a set at the position being filled.
type seqFound struct{ set, last int32 }

// seqHit is where the matches of one set at one position are kept:
// ends[lo:hi].
type seqHit struct {
	set    int32
	lo, hi int32
}

func (d *sequenceDetector) state() *seqState {
	if st, ok := d.scratch.Get().(*seqState); ok {
		return st
	}
	st := &seqState{d: d}
	st.keep = func(m phrase.Match) { st.pm = append(st.pm, m) }
	st.collect = func(m phrase.Match) {
		k := 0
		if st.deob {
			k = 1
		}
		for _, s := range d.member[k][m.Index] {
			st.found = append(st.found, seqFound{s, int32(m.Last)})
		}
	}
	return st
}

// reset prepares the state for a scan of toks.
func (st *seqState) reset(toks []textnorm.Token, deob bool, b bounds) {
	n := len(toks)
	st.toks, st.b, st.deob = toks, b, deob
	st.done = resize(st.done, n)
	clear(st.done)
	st.lo = resize(st.lo, n)
	st.hi = resize(st.hi, n)
	st.masks = resize(st.masks, n*st.d.width)
	st.hit = resize(st.hit, len(st.d.sets))
	st.hits, st.ends, st.seen = st.hits[:0], st.ends[:0], st.seen[:0]
	// Every position is filled: one search of the union over all the
	// tokens (by key words) costs less than one look-up per position.
	k := 0
	if st.deob {
		k = 1
	}
	st.pm = st.pm[:0]
	st.d.all[k].FindAll(toks, st.keep)
	st.byPos = resize(st.byPos, n+1)
	j := 0
	for pos := 0; pos <= n; pos++ {
		for j < len(st.pm) && st.pm[j].First < pos {
			j++
		}
		st.byPos[pos] = int32(j)
	}
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// scan reports the longest match of any pattern from each token, skipping
// past a match once reported.
func (d *sequenceDetector) scan(st *seqState, toks []textnorm.Token, deob bool, b bounds, fn func(first, last int)) {
	if len(toks) == 0 {
		return
	}
	st.reset(toks, deob && d.disguised, b)
	st.tried = resize(st.tried, len(d.patterns))
	for i := 0; i < len(toks); i++ {
		mask := st.fill(i)
		best := -1
		try := func(k int32) {
			if end := st.longest(&d.patterns[k], 0, i, i); end > best {
				best = end
			}
		}
		for _, k := range d.anyStart {
			try(k)
		}
		// The patterns of the sets with a match here, each once.
		if st.gen++; st.gen == 0 {
			clear(st.tried)
			st.gen = 1
		}
		for w, bits := range mask {
			for bits != 0 {
				s := w*64 + mathbits.TrailingZeros64(bits)
				bits &= bits - 1
				for _, k := range d.startsBy[s] {
					if st.tried[k] != st.gen {
						st.tried[k] = st.gen
						try(k)
					}
				}
			}
		}
		if best > i {
			fn(i, best-1)
			i = best - 1
		}
	}
}

// fill finds the matches of every set at token pos, once, and returns the
// mask of the sets with one.
func (st *seqState) fill(pos int) []uint64 {
	d := st.d
	mask := st.masks[pos*d.width : (pos+1)*d.width]
	if st.done[pos] {
		return mask
	}
	st.done[pos] = true
	clear(mask)
	// Collect the ends of each set's matches: grouped by set below.
	st.found = st.found[:0]
	for _, m := range st.pm[st.byPos[pos]:st.byPos[pos+1]] {
		st.collect(m)
	}
	fs := st.found
	st.lo[pos] = int32(len(st.hits))
	for i := range fs {
		s := fs[i].set
		if st.hit[s] {
			continue
		}
		st.hit[s] = true
		st.seen = append(st.seen, s)
		lo := int32(len(st.ends))
		for _, f := range fs[i:] {
			if f.set != s || slicesContains(st.ends[lo:], f.last) {
				continue
			}
			if len(st.ends)-int(lo) < 255 {
				st.ends = append(st.ends, f.last)
			}
		}
		st.hits = append(st.hits, seqHit{set: s, lo: lo, hi: int32(len(st.ends))})
		mask[s>>6] |= 1 << (uint(s) & 63)
	}
	// A masked or stretched word ("f*ck", "fuuuck") may match the sets that
	// none of their phrases matches as written.
	// No phrase of a set not hit matches as written (d.all holds them
	// all), so only its single words' masked and stretched forms are left.
	if t := st.toks[pos].Text; st.deob && phrase.Wild(t) {
		collapsed := phrase.Collapse(t)
		for s := range d.sets {
			if st.hit[s] {
				continue
			}
			if _, ok := d.sets[s].deob.WildWord(t, collapsed); ok {
				lo := int32(len(st.ends))
				st.ends = append(st.ends, int32(pos))
				st.hits = append(st.hits, seqHit{set: int32(s), lo: lo, hi: int32(len(st.ends))})
				mask[s>>6] |= 1 << (uint(s) & 63)
			}
		}
	}
	st.hi[pos] = int32(len(st.hits))
	for _, s := range st.seen {
		st.hit[s] = false
	}
	st.seen = st.seen[:0]
	return mask
}

func slicesContains(s []int32, v int32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// matchEnds returns the last token indexes of the phrases of set s that
// match from token pos.
func (st *seqState) matchEnds(s, pos int) []int32 {
	mask := st.fill(pos)
	if mask[s>>6]&(1<<(uint(s)&63)) == 0 {
		return nil
	}
	for _, h := range st.hits[st.lo[pos]:st.hi[pos]] {
		if int(h.set) == s {
			return st.ends[h.lo:h.hi]
		}
	}
	return nil
}

// longest returns the end (exclusive token index) of the longest match of
// elements e… of p from token i, or -1, for a match that started at token
// first. A match never runs on into the next sentence.
func (st *seqState) longest(p *seqPattern, e, i, first int) int {
	if e == len(p.elems) {
		return i
	}
	switch p.elems[e].anchor {
	case '^':
		if i < len(st.toks) && st.b.start[i] {
			return st.longest(p, e+1, i, first)
		}
		return -1
	case '$':
		if i > 0 && st.b.end[i-1] {
			return st.longest(p, e+1, i, first)
		}
		return -1
	}
	return st.repeat(p, e, 0, i, first)
}

// repeat matches element e of p for the k+1th time from token pos.
func (st *seqState) repeat(p *seqPattern, e, k, pos, first int) int {
	el := &p.elems[e]
	best := -1
	if k >= el.min {
		best = st.longest(p, e+1, pos, first)
	}
	if k >= el.max || pos >= len(st.toks) || pos > first && st.b.start[pos] {
		return best
	}
	if el.any {
		return max(best, st.repeat(p, e, k+1, pos+1, first))
	}
	for _, last := range st.matchEnds(el.set, pos) {
		best = max(best, st.repeat(p, e, k+1, int(last)+1, first))
	}
	return best
}
