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
	prefixLens    []int            // lengths (bytes) of the prefixes, ascending
	postings      [][]reqID        // key -> requirements it meets
	always        []reqID          // requirements met anywhere (a phrase starting with *)
	ids           map[*phrase.Set]reqID
	nreq          int
	gates         map[*rulepack.Rule]*ruleGate
	// lits finds the literals of pattern rules: [0] in folded text, [1] in
	// lowered original text.
	lits [2]*litMatcher
}

// ruleGate is what one rule needs in a field.
type ruleGate struct {
	require  []groupGate // every one must be met
	postVeto reqID       // -1: none; else the post_veto words, whose absence makes the look-up needless
	need     *needGate
}

// groupGate is a require group: one of its words, or what one of its "re:"
// patterns needs (lits, per pattern the literal sets it needs in the lowered
// original text: all of them; none for a pattern that may match anything).
type groupGate struct {
	word reqID
	lits [][]int32
}

// needGate is what the rule's detector needs: any one of these (each
// group of requirements met in full).
type needGate struct {
	plain, deob [][]reqID
	lits        [][]int32 // per expression, the literal sets (lits[onOrig]) it needs
	onOrig      bool
}

func newPrefilter(rules []*rulepack.Rule) *prefilter {
	p := &prefilter{exact: map[string]int32{}, prefix: map[string]int32{}, ids: map[*phrase.Set]reqID{}, gates: map[*rulepack.Rule]*ruleGate{}}
	var litSets [2][][]string
	for _, r := range rules {
		g := &ruleGate{postVeto: -1}
		for i, set := range r.Context.Require {
			gg := groupGate{word: p.req(set)}
			if i < len(r.Context.RequireRe) {
				for _, re := range r.Context.RequireRe[i] {
					var ids []int32
					for _, set := range patternLiterals(re) {
						ids = append(ids, int32(len(litSets[1])))
						litSets[1] = append(litSets[1], set)
					}
					gg.lits = append(gg.lits, ids)
				}
			}
			g.require = append(g.require, gg)
		}
		if r.Context.PostVeto.Len() > 0 {
			g.postVeto = p.req(r.Context.PostVeto)
		}
		if nd, ok := r.Detector.(detect.Needer); ok {
			if n, ok := nd.Needs(); ok {
				ng := &needGate{onOrig: n.OnOrig}
				k := b2i(n.OnOrig)
				for _, alt := range n.Literals {
					var ids []int32
					for _, set := range alt {
						ids = append(ids, int32(len(litSets[k])))
						litSets[k] = append(litSets[k], set)
					}
					ng.lits = append(ng.lits, ids)
				}
				ng.plain = p.reqs(n.Plain)
				ng.deob = p.reqs(n.Deob)
				g.need = ng
			}
		}
		p.gates[r] = g
	}
	for k := range litSets {
		p.lits[k] = newLitMatcher(litSets[k])
	}
	lens := map[int]bool{}
	for k := range p.prefix {
		lens[len(k)] = true
	}
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

// req returns the requirement of a phrase set, adding its keys to the index.
func (p *prefilter) req(s *phrase.Set) reqID {
	if id, ok := p.ids[s]; ok {
		return id
	}
	id := reqID(p.nreq)
	p.nreq++
	p.ids[s] = id
	k := s.KeyWords()
	if k.Any {
		p.always = append(p.always, id)
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

func (b bits) has(id reqID) bool { return b[id>>6]&(1<<(uint(id)&63)) != 0 }
func (b bits) set(id reqID)      { b[id>>6] |= 1 << (uint(id) & 63) }

// fieldIndex is what a field of one post meets.
type fieldIndex struct {
	lits     [2]bits // literal sets found (see prefilter.lits), once asked
	plain    bits
	deob     bits // nil until a disguised detector asks
	wild     bool // the deobfuscated view has a masked or stretched word
	deobDone bool
}

// postGate is the prefilter's state for one post.
type postGate struct {
	p      *prefilter
	text   *fieldIndex // the post's text, the field most rules look at
	fields map[string]*fieldIndex
}

func (p *prefilter) forPost() *postGate {
	return &postGate{p: p}
}

func (g *postGate) field(name string, v *textnorm.View) *fieldIndex {
	if name == detect.FieldText && g.text != nil {
		return g.text
	}
	if fi, ok := g.fields[name]; ok {
		return fi
	}
	fi := &fieldIndex{plain: g.p.mark(v.Tokens, detect.HashtagWords(v.Orig))}
	if name == detect.FieldText {
		g.text = fi
		return fi
	}
	if g.fields == nil {
		g.fields = make(map[string]*fieldIndex, 2)
	}
	g.fields[name] = fi
	return fi
}

// mark returns the requirements met by some of the tokens.
func (p *prefilter) mark(lists ...[]textnorm.Token) bits {
	b := make(bits, (p.nreq+63)/64)
	for _, id := range p.always {
		b.set(id)
	}
	for _, toks := range lists {
		for _, t := range toks {
			w := t.Text
			if k, ok := p.exact[w]; ok {
				for _, id := range p.postings[k] {
					b.set(id)
				}
			}
			for _, n := range p.prefixLens {
				if n > len(w) {
					break
				}
				if k, ok := p.prefix[w[:n]]; ok {
					for _, id := range p.postings[k] {
						b.set(id)
					}
				}
			}
		}
	}
	return b
}

// gateOf returns the requirements of rule r; nil without a prefilter.
func (g *postGate) gateOf(r *rulepack.Rule) *ruleGate {
	if g == nil {
		return nil
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
			fi.deob = g.p.mark(dv.Tokens)
			for _, t := range dv.Tokens {
				if strings.IndexByte(t.Text, '*') >= 0 || hasRun(t.Text, 3) {
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
	if fi.lits[k] == nil {
		s := v.Fold
		if orig {
			s = detect.LowerLiterals(v.Orig)
		}
		fi.lits[k] = p.lits[k].scan(s)
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
		if len(ids) == 0 || fi.literals(g.p, true, v).all([][]int32{ids}) {
			return true
		}
	}
	return false
}

// requireMet is the engine's requireMet with the prefilter's knowledge: a
// pattern whose literals are absent is not run.
func (g *postGate) requireMet(rg *ruleGate, r *rulepack.Rule, field string, v *textnorm.View) bool {
	fi := g.field(field, v)
	c := &r.Context
	for i, set := range c.Require {
		if _, ok := set.FindIn(v.Tokens, 0, len(v.Tokens)); ok {
			continue
		}
		met := false
		if i < len(c.RequireRe) {
			for j, re := range c.RequireRe[i] {
				if ids := rg.require[i].lits[j]; len(ids) > 0 && !fi.literals(g.p, true, v).all([][]int32{ids}) {
					continue
				}
				if re.MatchString(v.Orig) {
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

// postVetoAbsent reports whether the rule's post_veto words surely do not
// occur in the post's text, so that looking for them is needless.
func (g *postGate) postVetoAbsent(rg *ruleGate, v *textnorm.View) bool {
	if rg == nil || rg.postVeto < 0 {
		return false
	}
	return !g.field(detect.FieldText, v).plain.has(rg.postVeto)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// hasRun reports a run of n equal bytes, as the disguised matching reads a
// stretched word ("fuuuck").
func hasRun(t string, n int) bool {
	run := 1
	for i := 1; i < len(t); i++ {
		if t[i] == t[i-1] {
			if run++; run >= n {
				return true
			}
		} else {
			run = 1
		}
	}
	return false
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
		if _, ok := g.FindIn(v.Tokens, lo, hi); ok {
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
		if _, ok := c.Veto.FindIn(v.Tokens, lo, hi); ok {
			return false
		}
	}
	return true
}
