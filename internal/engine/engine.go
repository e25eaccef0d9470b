// Package engine runs a compiled rule pack over posts: each post is
// normalised once, every applicable rule's detector runs over the fields it
// names, matches are weighed against their context and allow-lists, and the
// surviving findings are scored.
package engine

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/internal/textnorm"
)

// Options adjust a linter built from a pack.
type Options struct {
	// Disable lists rule ids (or category ids) that do not run.
	Disable []string
	// Severity overrides a rule's (or a category's) severity.
	Severity map[string]finding.Severity
	// Allow adds allow-list entries to rules, keyed by rule id or category
	// id: an organisation's published phone numbers, its email domains,
	// the names of people who consented. See allow.go for the forms an
	// entry takes.
	Allow map[string][]string
}

// A Linter checks posts against a pack. It is safe for concurrent use.
type Linter struct {
	pack  *rulepack.Pack
	rules []*rulepack.Rule
	sev   map[string]finding.Severity
	res   *detect.Resources
	allow map[string]*allowList // extra allow-lists by rule id
	// directiveOff turns off the findings about faulty suppressions.
	directiveOff bool
	// pre skips rules that cannot match a field (prefilter.go). It is
	// built in the background once a second post is checked (posts,
	// preStarted): until it is ready (and with noPre, as in the tests that
	// compare both), every rule runs everywhere, with the same results.
	// preDone is closed when it is ready.
	pre        atomic.Pointer[prefilter]
	preStarted atomic.Bool
	preDone    chan struct{}
	posts      atomic.Int64
	noPre      bool
	// noNear turns off Input.Near (for those tests too).
	noNear bool
	// sieveAll sifts the rules of every post, not only of the first, built
	// or not (ruleRun.sieves), and runs the rules that read posts whole
	// last (runFirst), for the test that compares with running every rule
	// in order.
	sieveAll bool
	// sels are the distinct field selections of the rules, selOf the
	// selection of each rule (by index in rules): a post's fields are
	// worked out once per selection.
	sels  [][]string
	selOf []int
	// tmpl holds the messages and suggestions put together without
	// executing their template (render.go).
	tmpl map[*template.Template]*fastTmpl
	// runs keeps the state of posts' checks (*ruleRun) for the next ones.
	runs sync.Pool
}

// New builds a linter. Unknown ids in opts are errors.
func New(pack *rulepack.Pack, res *detect.Resources, opts Options) (*Linter, error) {
	known := map[string]bool{}
	for _, c := range rulepack.Categories() {
		known[c] = true
	}
	known[DirectiveRule] = true
	for _, r := range pack.Rules {
		known[r.ID] = true
		known[r.Category] = true
	}
	for _, id := range opts.Disable {
		if !known[id] {
			return nil, fmt.Errorf("disable: no rule or category %q", id)
		}
	}
	for id := range opts.Severity {
		if !known[id] {
			return nil, fmt.Errorf("severity: no rule or category %q", id)
		}
	}
	for id := range opts.Allow {
		if !known[id] {
			return nil, fmt.Errorf("allow: no rule or category %q", id)
		}
	}
	l := &Linter{pack: pack, res: res, sev: map[string]finding.Severity{}}
	l.allow = buildAllow(pack.Rules, opts.Allow)
	if s, ok := opts.Severity[DirectiveRule]; ok {
		l.sev[DirectiveRule] = s
	}
	l.directiveOff = slices.Contains(opts.Disable, DirectiveRule)
	for _, r := range pack.Rules {
		if slices.Contains(opts.Disable, r.ID) || slices.Contains(opts.Disable, r.Category) {
			continue
		}
		if s, ok := opts.Severity[r.Category]; ok {
			l.sev[r.ID] = s
		}
		if s, ok := opts.Severity[r.ID]; ok {
			l.sev[r.ID] = s
		}
		l.rules = append(l.rules, r)
	}
	l.tmpl = compileTemplates(pack.Rules)
	for _, r := range l.rules {
		k := slices.IndexFunc(l.sels, func(s []string) bool { return slices.Equal(s, r.Fields) })
		if k < 0 {
			k = len(l.sels)
			l.sels = append(l.sels, r.Fields)
		}
		l.selOf = append(l.selOf, k)
	}
	l.preDone = make(chan struct{})
	return l, nil
}

// startPrefilter builds the prefilter in the background, once.
func (l *Linter) startPrefilter() {
	if !l.preStarted.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer close(l.preDone)
		l.pre.Store(newPrefilter(l.pack.Rules, l.rules))
	}()
}

// countPost counts a post about to be checked and returns its number. It
// starts the prefilter at the linter's second post: building it costs more
// than checking one draft without it (and, for a lazily compiled pack,
// compiles every rule), so a cold command that checks one draft never
// builds it, while a queue or a server has it after a few posts.
func (l *Linter) countPost() int64 {
	n := l.posts.Add(1)
	if n == 2 {
		l.startPrefilter()
	}
	return n
}

// warmUp compiles on another goroutine, from the last rule backwards
// (those that read the whole post first), the parts of rules that checking
// post p compiles anyway, while Lint runs the rules from the first, of the
// rules that apply to p and may find something in it (sieves): their
// gates, and the detectors of those that run whatever p says (rules that
// read the whole post, or its text with no require group and no post_veto
// words). A lazily loaded pack is then compiled on two cores for the
// first post, as a pack compiled at Load is. Calling the returned func
// stops it.
func (l *Linter) warmUp(p *post.Post, v *verdicts) (stop func()) {
	var done atomic.Bool
	go func() {
		// Its own views of the post: an Input is not shared.
		in := detect.NewInput(p, l.res)
		sv := &sieves{verdicts: v}
		// The detectors that read the whole post run whatever it says,
		// and build the costliest parts (the classifiers' weights):
		// they come first, while Lint works through the rules before
		// them.
		for pass := range 2 {
			for i := len(l.rules) - 1; i >= 0 && !done.Load(); i-- {
				r := l.rules[i]
				if detect.PostKind(r.Kind) != (pass == 0) || !r.When.Applies(p) || sv.skip(in, r, i, in.Fields(r.Fields)) {
					continue
				}
				g := r.Gate()
				if g.PostVeto.Len() > 0 {
					continue
				}
				readsText := len(r.Fields) == 0 || slices.Contains(r.Fields, "text")
				if detect.PostKind(r.Kind) || readsText && len(g.Require) == 0 {
					r.Detector()
				}
			}
		}
	}()
	return func() { done.Store(true) }
}

// Pack returns the linter's rule pack.
func (l *Linter) Pack() *rulepack.Pack { return l.pack }

// Rules returns the rules that run.
func (l *Linter) Rules() []*rulepack.Rule { return l.rules }

// Severity returns a rule's effective severity.
func (l *Linter) Severity(r *rulepack.Rule) finding.Severity {
	if s, ok := l.sev[r.ID]; ok {
		return s
	}
	return r.Severity
}

// Lint checks one post.
func (l *Linter) Lint(p *post.Post, src *post.Source) finding.Result {
	first := l.countPost() == 1 && l.prefilter() == nil
	rr := l.newPostRun(p)
	rr.in.MediaDir = mediaDir(src)
	if first || l.sieveAll {
		v := newVerdicts(len(l.rules))
		rr.sieves = &sieves{always: l.sieveAll, verdicts: v}
		if first {
			defer l.warmUp(p, v)()
		}
		rr.runFirst(l.rules, l.sieveAll)
	} else {
		for k, r := range l.rules {
			rr.run(r, k)
		}
	}
	fs := dedupe(rr.out)
	l.done(rr)
	applyDirective(p, fs)
	fs = l.checkDirective(p, fs)
	res := finding.Result{Post: *p, ID: p.ID, Source: src, Findings: fs}
	if res.Findings == nil {
		res.Findings = []finding.Finding{}
	}
	res.Score, res.Verdict = Rescore(fs)
	return res
}

// runFirst runs the rules over a linter's first post. Those that read the
// post whole run after the others unless their detectors are built: the
// warm-up goroutine builds them first (the classifiers' weights, the
// costliest part of a first post) while Lint gets on with the rest. Their
// findings are put where they would have been in rule order, so that the
// result is the same. With always, they run after the others, built or
// not (for the test that compares with running them in order).
func (rr *ruleRun) runFirst(rules []*rulepack.Rule, always bool) {
	type waiting struct{ k, at int }
	var later []waiting
	for k, r := range rules {
		if detect.PostKind(r.Kind) && (always || !r.DetectorBuilt()) {
			later = append(later, waiting{k, len(rr.out)})
			continue
		}
		rr.run(r, k)
	}
	moved := 0
	for _, w := range later {
		n := len(rr.out)
		rr.run(rules[w.k], w.k)
		found := slices.Clone(rr.out[n:])
		rr.out = slices.Insert(rr.out[:n], w.at+moved, found...)
		moved += len(found)
	}
}

// LintRule runs one rule over a post, as the example runner does.
func (l *Linter) LintRule(r *rulepack.Rule, p *post.Post) []finding.Finding {
	rr := l.newRun(detect.NewInput(p, l.res))
	rr.run(r, -1)
	return dedupe(rr.out)
}

// A ruleRun is the state of one post's check, shared by its rules so that
// running a rule allocates nothing of its own.
type ruleRun struct {
	l    *Linter
	in   *detect.Input
	g    *postGate
	r    *rulepack.Rule
	n    int // findings of r so far
	out  []finding.Finding
	emit func(detect.Match)
	near func(v *textnorm.View, first, last int) bool
	// keySpan is the method value rr.keys, made once.
	keySpan func(set *phrase.Set, field string) (from, to int, ok bool)
	// may tells an ExprGated detector which of its expressions may match
	// in the field being checked (rg, fi, v).
	may func(expr int) bool
	rg  *ruleGate
	fi  *fieldIndex
	v   *textnorm.View
	// fields caches the post's fields per selection (Linter.sels).
	fields [][]string
	// pending: whether the rule's require groups are met in the field
	// being checked rests on patterns, matched only once the detector
	// finds something (see add); pendField is that field.
	pending   int
	pendField string
	// postVeto: whether the rule's post_veto patterns match the post
	// (vetoClear, vetoUnknown, vetoed).
	postVeto int
	// gate holds g, kept from post to post with its sets.
	gate postGate
	// sieves, on the linter's first post, skip before they are compiled
	// the rules that would find nothing in it.
	sieves *sieves
	// own is the Input of Lint's posts, reset from post to post so that a
	// post's text view reuses the memory of the one before
	// (detect.Input.Reset): Lint's result holds nothing of it.
	own detect.Input
}

// sieves sift the rules of one post, for one goroutine: with the sieves
// of its fields' words (made at first use), they tell the rules that
// would find nothing there before they are compiled.
type sieves struct {
	detect.Sieves
	// verdicts are shared with the other goroutine sifting the post.
	verdicts *verdicts
	// always sifts rules whose detector is built too (which it is cheaper
	// to run), for the test that compares sifting with running.
	always bool
}

// verdicts keep, per rule of the linter (by index), what sifting a post
// told, so that the goroutines that check it and warm it up sift each rule
// once.
type verdicts struct {
	unmet, nothing []siftVerdict
}

func newVerdicts(rules int) *verdicts {
	return &verdicts{unmet: make([]siftVerdict, rules), nothing: make([]siftVerdict, rules)}
}

// A siftVerdict is unknown (0), true (1) or false (2).
type siftVerdict struct{ atomic.Int32 }

// of returns the verdict, working it out with f the first time.
func (v *siftVerdict) of(f func() bool) bool {
	switch v.Load() {
	case 1:
		return true
	case 2:
		return false
	}
	b := f()
	v.Store(int32(2 - b2i(b)))
	return b
}

// skip reports whether rule r, the kth, finds nothing in the fields: they
// do not meet its require groups, or its detector would find nothing in
// them. Neither needs the rule compiled.
func (sv *sieves) skip(in *detect.Input, r *rulepack.Rule, k int, fields []string) bool {
	return sv.unmet(in, r, k, fields) || sv.findsNothing(in, r, k, fields)
}

// unmet reports whether none of the fields meets the require groups of
// rule r, the kth (rulepack.Rule.RequireUnmet), so that the rule finds
// nothing there. A rule that reads the post as a whole weighs its require
// groups only against what it finds.
func (sv *sieves) unmet(in *detect.Input, r *rulepack.Rule, k int, fields []string) bool {
	if detect.PostKind(r.Kind) {
		return false
	}
	return sv.verdicts.unmet[k].of(func() bool {
		for _, f := range fields {
			v := in.View(f)
			if !r.RequireUnmet(sv.Of(v, v.Tokens), v.Orig) {
				return false
			}
		}
		return true
	})
}

// findsNothing reports whether the detector of rule r, the kth, would find
// nothing in any of the fields (rulepack.Rule.FindsNothing), unless it is
// built.
func (sv *sieves) findsNothing(in *detect.Input, r *rulepack.Rule, k int, fields []string) bool {
	if !sv.always && r.DetectorBuilt() {
		return false
	}
	return sv.verdicts.nothing[k].of(func() bool {
		for _, f := range fields {
			if !r.FindsNothing(in, f, &sv.Sieves) {
				return false
			}
		}
		return true
	})
}

// fieldsOf returns the fields rule k of the linter looks at.
func (rr *ruleRun) fieldsOf(k int) []string {
	s := rr.l.selOf[k]
	if rr.fields[s] == nil {
		rr.fields[s] = rr.in.Fields(rr.l.sels[s])
		if rr.fields[s] == nil {
			rr.fields[s] = []string{}
		}
	}
	return rr.fields[s]
}

// newPostRun returns the state of the check of post p, read through the
// state's own Input (see ruleRun.own).
func (l *Linter) newPostRun(p *post.Post) *ruleRun {
	rr := l.pooledRun()
	rr.own.Reset(p, l.res)
	rr.start(&rr.own)
	return rr
}

// newRun returns the state of a post's check, read through in.
func (l *Linter) newRun(in *detect.Input) *ruleRun {
	rr := l.pooledRun()
	rr.start(in)
	return rr
}

// pooledRun returns a post's check state: one used before, when the linter
// has one (Lint gives it back with done), with its sets.
func (l *Linter) pooledRun() *ruleRun {
	rr, _ := l.runs.Get().(*ruleRun)
	if rr == nil {
		rr = &ruleRun{l: l, fields: make([][]string, len(l.sels))}
		rr.emit = rr.add
		rr.keySpan = rr.keys
		rr.near = func(v *textnorm.View, first, last int) bool {
			return nearContext(rr.in, rr.r.Context(), v, first, last)
		}
		rr.may = func(k int) bool { return rr.fi.mayRun(rr.g.p, &rr.rg.exprs[k], rr.rg.exprOrig, rr.v) }
	}
	return rr
}

// start makes rr the check of the post read through in.
func (rr *ruleRun) start(in *detect.Input) {
	l := rr.l
	rr.in = in
	in.KeySpan = rr.keySpan
	rr.g = nil
	if p := l.prefilter(); p != nil {
		if rr.gate.p != p {
			rr.gate = postGate{p: p}
		}
		rr.gate.reset()
		rr.g = &rr.gate
	}
}

// done gives back the state of a post's check, once its findings are
// taken, for the next post.
func (l *Linter) done(rr *ruleRun) {
	rr.in, rr.r, rr.n, rr.out = nil, nil, 0, nil
	rr.rg, rr.fi, rr.v = nil, nil, nil
	rr.sieves = nil
	clear(rr.fields)
	rr.gate.reset()
	l.runs.Put(rr)
}

// keys tells the detector of the rule being run where the key words of
// set, the one set it needs (ruleGate.keySet), lie in the text: the
// prefilter noted the first and the last token holding them
// (fieldIndex.keys). ok is false for another set or field, or when the
// prefilter does not know. It is Input.KeySpan.
func (rr *ruleRun) keys(set *phrase.Set, field string) (from, to int, ok bool) {
	g, rg := rr.g, rr.rg
	if g == nil || rg == nil || set == nil || set != rg.keySet || field != detect.FieldText {
		return 0, 0, false
	}
	fi, id := g.text, rg.keyID
	if fi == nil || fi.keys == nil || int(id>>6) < len(g.p.alwaysBits) && g.p.alwaysBits.has(id) {
		return 0, 0, false
	}
	if !fi.tokens.has(id) {
		return 0, 0, true // none of its key words
	}
	return int(fi.keys[id].first), int(fi.keys[id].last) + 1, true
}

// States of ruleRun.pending.
const (
	pendNone = iota // nothing pending
	pendWait        // to be decided at the first match
	pendDrop        // the require groups are not met: drop the matches
)

// add weighs a match of the current rule and keeps it as a finding.
func (rr *ruleRun) add(m detect.Match) {
	if rr.pending != pendNone {
		if rr.pending == pendWait {
			rr.pending = pendDrop
			if rr.g.requireMet(rr.rg, rr.r, rr.pendField, rr.in.View(rr.pendField)) {
				rr.pending = pendNone
			}
		}
		if rr.pending == pendDrop {
			return
		}
	}
	if rr.n >= maxFindingsPerRule || rr.postVetoed() {
		return
	}
	if f, ok := rr.l.weigh(rr.in, rr.g, rr.rg, rr.r, m); ok {
		rr.out = append(rr.out, f)
		rr.n++
	}
}

// States of ruleRun.postVeto.
const (
	vetoClear   = iota // no post_veto pattern matches the post
	vetoUnknown        // not matched yet
	vetoed             // a post_veto pattern matches: drop every match
)

// postVetoed reports whether a post_veto pattern of the rule being run
// matches the post's text, matching them at the first call.
func (rr *ruleRun) postVetoed() bool {
	if rr.postVeto == vetoUnknown {
		rr.postVeto = vetoClear
		if rr.r.Gate().PostVetoRe.Match(rr.in.Post.Text) {
			rr.postVeto = vetoed
		}
	}
	return rr.postVeto == vetoed
}

// prefilter returns the prefilter, nil until it is built (and always with
// noPre).
func (l *Linter) prefilter() *prefilter {
	if l.noPre {
		return nil
	}
	return l.pre.Load()
}

// run runs rule r, the kth of the linter's rules (-1: another).
func (rr *ruleRun) run(r *rulepack.Rule, k int) {
	in, l := rr.in, rr.l
	if !r.When.Applies(in.Post) {
		return
	}
	rg := rr.g.gateAt(r, k)
	rr.rg = rg
	if rr.sieves != nil && k >= 0 && rr.sieves.skip(in, r, k, rr.fieldsOf(k)) {
		return
	}
	gate := r.Gate()
	if gate.PostVeto.Len() > 0 && rr.g.postVetoed(rg, gate.PostVeto, in.Text()) {
		return
	}
	rr.r, rr.n = r, 0
	// The post_veto patterns run over the whole post: they are matched at
	// the rule's first match (add), since most rules find nothing, but
	// before a costly detector.
	rr.postVeto = vetoClear
	if len(gate.PostVetoRe) > 0 {
		rr.postVeto = vetoUnknown
	}
	if detect.PostKind(r.Kind) {
		r.Detector().(detect.PostDetector).DetectPost(in, rr.emit)
		return
	}
	var fields []string
	if k >= 0 {
		fields = rr.fieldsOf(k)
	} else {
		fields = in.Fields(r.Fields)
	}
	// Without the prefilter, the detector runs only on the fields that
	// meet the rule's require groups, from the first one that does: when
	// none does, it is not even built (a lazily loaded rule stays
	// uncompiled).
	first := 0
	if rg == nil {
		for first < len(fields) && !requireMet(in.View(fields[first]), gate) {
			first++
		}
		if first == len(fields) {
			return
		}
	}
	var d detect.Detector
	var costly bool
	if rg != nil {
		d, costly = rg.det, rg.costly
	} else {
		d = r.Detector().(detect.Detector)
		_, costly = d.(detect.NearGated)
	}
	if costly && rr.postVetoed() {
		return
	}
	if costly && r.Context().Window > 0 && !l.noNear {
		in.Near = rr.near
		defer func() { in.Near = nil }()
	}
	for i, field := range fields[first:] {
		v := in.View(field)
		if rg != nil {
			if !rr.g.pass(rg, field, v) {
				continue
			}
			// The patterns of require groups are matched before running
			// a costly detector (the entity model), else only once the
			// detector finds something: most find nothing.
			switch rr.g.requireSoon(rg, r, field, v) {
			case requireUnmet:
				continue
			case requirePending:
				if costly {
					if !rr.g.requireMet(rg, r, field, v) {
						continue
					}
				} else {
					rr.pending, rr.pendField = pendWait, field
				}
			}
			if rg.gated != nil {
				rr.fi, rr.v = rr.g.field(field, v), v
				rg.gated.DetectSome(in, field, v, rr.may, rr.emit)
				rr.pending = pendNone
				continue
			}
		} else if i > 0 && !requireMet(v, gate) {
			continue
		}
		d.Detect(in, field, v, rr.emit)
		rr.pending = pendNone
	}
}

// requireMet reports whether every required context group occurs somewhere
// in the field. When one does not, no match in the field can survive
// weigh, so the detector (which may be expensive, like the entity model)
// need not run at all.
func requireMet(v *textnorm.View, c *rulepack.Gate) bool {
	for i, g := range c.Require {
		if g.Has(v.Tokens, 0, len(v.Tokens)) {
			continue
		}
		if i < len(c.RequireRe) && c.RequireRe[i].Match(v.Orig) {
			continue
		}
		return false
	}
	return true
}

// weigh applies a rule's allow-list and context to a match and builds the
// finding.
func (l *Linter) weigh(in *detect.Input, g *postGate, rg *ruleGate, r *rulepack.Rule, m detect.Match) (finding.Finding, bool) {
	text := detect.FieldValue(in.Post, m.Field)
	if m.Start < 0 || m.End > len(text) || m.Start > m.End {
		m.Start, m.End = 0, 0
	}
	match := text[m.Start:m.End]
	if len(r.Allow) > 0 && r.Allow[rulepack.NormaliseAllow(match)] {
		return finding.Finding{}, false
	}
	if l.allow[r.ID].allows(match) {
		return finding.Finding{}, false
	}
	conf := r.Confidence
	if m.Confidence > 0 {
		conf = m.Confidence
	}
	c := r.Context()
	if m.Field != detect.FieldPost && (len(c.Require) > 0 || c.Veto.Len()+c.Boost.Len()+c.Lower.Len() > 0 || c.HasPatterns()) {
		v := in.View(m.Field)
		lo, hi := contextWindow(in, c, v, m)
		x := g.ctxOf(rg, m.Field, v)
		wv := windowContext(in, c, x, v, lo, hi)
		if !wv.ok {
			return finding.Finding{}, false
		}
		if wv.boost {
			conf += c.BoostBy
		}
		if wv.lower {
			conf -= c.LowerBy
		}
	}
	var x ctxIndex
	if c.NearVeto.Len() > 0 && m.Field != detect.FieldPost && m.End > m.Start || c.SomeMin > 0 && m.Field != detect.FieldPost {
		x = g.ctxOf(rg, m.Field, in.View(m.Field))
	}
	if !moreContext(in, c, x, m) {
		return finding.Finding{}, false
	}
	conf = math.Round(min(max(conf, 0), 0.99)*100) / 100
	if conf < r.MinConfidence {
		return finding.Finding{}, false
	}
	shown := match
	if r.Sensitive {
		shown = finding.Mask(match)
	}
	data := tmplData{shown, m.Note, m.Field}
	f := finding.Finding{
		Post: in.Post.ID, Rule: r.ID, Category: r.Category, Severity: l.Severity(r),
		Confidence: conf, Clause: r.Clause.ID, ClauseText: r.Clause.Text,
		Message: l.render(r.Message, &data), Suggestion: l.render(r.Suggestion, &data),
		Field: m.Field, Match: match, Sensitive: r.Sensitive,
		Span: finding.Span{Start: m.Start, End: m.End},
	}
	if m.Field != detect.FieldPost {
		f.Span.Line, f.Span.Column = position(in, m.Field, text, m.Start)
	}
	return f, true
}

func (l *Linter) render(t *template.Template, data *tmplData) string {
	if f := l.tmpl[t]; f != nil {
		return f.render(data)
	}
	return render(t, *data)
}

func render(t *template.Template, data any) string {
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return ""
	}
	return strings.TrimSpace(b.String())
}

// tokenRange returns the first and last token indexes overlapping the
// original byte range [start, end) of v.
func tokenRange(v *textnorm.View, start, end int) (int, int) {
	first := sort.Search(len(v.Tokens), func(i int) bool {
		_, e := v.OrigRange(v.Tokens[i].Start, v.Tokens[i].End)
		return e > start
	})
	last := sort.Search(len(v.Tokens), func(i int) bool {
		s, _ := v.OrigRange(v.Tokens[i].Start, v.Tokens[i].End)
		return s >= end
	}) - 1
	if last < first {
		last = first
	}
	return first, last
}

// dedupe keeps, among findings of one category whose spans overlap in the
// same field, the most severe and then the most certain.
func dedupe(fs []finding.Finding) []finding.Finding {
	if len(fs) < 2 {
		return fs
	}
	// A stable sort: its order is the comparison's, whichever sort does it
	// (slices' costs no reflection).
	slices.SortStableFunc(fs, func(a, b finding.Finding) int {
		if a.Field != b.Field {
			return strings.Compare(fieldOrder(a.Field), fieldOrder(b.Field))
		}
		if a.Span.Start != b.Span.Start {
			return cmp.Compare(a.Span.Start, b.Span.Start)
		}
		return cmp.Compare(b.Span.End, a.Span.End)
	})
	out := fs[:0]
	for _, f := range fs {
		dup := false
		for k := range out {
			g := &out[k]
			if g.Category != f.Category || g.Field != f.Field {
				continue
			}
			if f.Span.Start < g.Span.End && g.Span.Start < f.Span.End || f.Span == g.Span {
				if f.Severity > g.Severity || f.Severity == g.Severity && f.Confidence > g.Confidence {
					*g = f
				}
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, f)
		}
	}
	return out
}

func fieldOrder(f string) string {
	switch f {
	case detect.FieldText:
		return "0"
	case detect.FieldPost:
		return "9"
	}
	return "1" + f
}

// applyDirective marks findings that the post itself suppresses with a
// reason ("postlint: {ignore: [RULE], reason: ...}").
func applyDirective(p *post.Post, fs []finding.Finding) {
	d := p.Directive
	if d == nil || strings.TrimSpace(d.Reason) == "" {
		return
	}
	for i := range fs {
		if slices.Contains(d.Ignore, fs[i].Rule) || slices.Contains(d.Ignore, fs[i].Category) {
			fs[i].Suppressed = &finding.Suppression{Kind: "inline", Reason: d.Reason}
		}
	}
}

// mediaDir is the folder where a post's media files are looked up: that of
// the queue file it was read from; none for stdin or a post given in code.
func mediaDir(src *post.Source) string {
	if src == nil || src.File == "" || src.File == "-" || strings.HasPrefix(src.File, "<") {
		return ""
	}
	return filepath.Dir(src.File)
}
