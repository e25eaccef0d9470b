package detect

import (
	"fmt"
	"regexp"
	"regexp/syntax"

	"github.com/postlint/postlint/internal/textnorm"
)

// patternOptions configure the "pattern" kind: RE2 regular expressions run
// over the folded text (lower case, accents and look-alikes folded) unless
// on: orig. A sub-match named "m" narrows the reported span.
type patternOptions struct {
	Kind     string   `yaml:"kind"`
	Patterns []string `yaml:"patterns"`
	On       string   `yaml:"on"`
	// Exclude drops matches whose text (folded unless on: orig) matches
	// any of these expressions; RE2 has no look-ahead, so this is how a
	// rule says "this format, but not these prefixes".
	Exclude []string `yaml:"exclude"`
}

type patternDetector struct {
	res     []*regexp.Regexp
	parsed  []*syntax.Regexp // the expressions' syntax, for their needs (needs.go)
	plans   []*segPlan       // where each expression can match (segments.go)
	starts  []*startPlan     // where each expression's matches start (starts.go)
	sub     []int            // index of the sub-match "m" of each expression, or -1
	exclude []*regexp.Regexp
	orig    bool
}

func buildPattern(o Options, _ *Env) (any, error) {
	var opts patternOptions
	if err := o.Decode(&opts); err != nil {
		return nil, err
	}
	if len(opts.Patterns) == 0 {
		return nil, fmt.Errorf("pattern: no patterns")
	}
	d := &patternDetector{}
	switch opts.On {
	case "", "fold":
	case "orig":
		d.orig = true
	default:
		return nil, fmt.Errorf("pattern: on: %q is neither fold nor orig", opts.On)
	}
	for _, p := range opts.Patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", p, err)
		}
		d.res = append(d.res, re)
		d.sub = append(d.sub, re.SubexpIndex("m"))
		parsed, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", p, err)
		}
		d.parsed = append(d.parsed, parsed)
		d.plans = append(d.plans, planSegments(parsed))
		d.starts = append(d.starts, planStarts(p, parsed))
	}
	for _, p := range opts.Exclude {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("pattern exclude %q: %w", p, err)
		}
		d.exclude = append(d.exclude, re)
	}
	return d, nil
}

func (d *patternDetector) Detect(in *Input, field string, v *textnorm.View, emit func(Match)) {
	d.DetectSome(in, field, v, nil, emit)
}

// DetectSome runs the expressions that may match (all with may nil).
func (d *patternDetector) DetectSome(in *Input, field string, v *textnorm.View, may func(expr int) bool, emit func(Match)) {
	s := v.Fold
	if d.orig {
		s = v.Orig
	}
	var buf [8][2]int // most texts have a few stretches: no allocation
	segs := buf[:0]
	whole := [][2]int{{0, len(s)}}
	// The stretches are found in the text's lowered form (folded text is
	// its own); original text whose lowering moves offsets runs whole.
	low, lowOK, lowDone := s, true, !d.orig
	for k, re := range d.res {
		if may != nil && !may(k) {
			continue
		}
		spans := whole
		if p := d.plans[k]; p != nil {
			if !lowDone {
				low, lowOK = in.lowered(s)
				lowDone = true
			}
			if lowOK {
				segs = p.segments(low, segs)
				spans = segs
			}
		}
		for _, g := range spans {
			d.detectIn(s, g[0], g[1], k, re, field, v, emit)
		}
	}
}

// detectIn emits the matches of expression k in s[from:to].
func (d *patternDetector) detectIn(s string, from, to, k int, re *regexp.Regexp, field string, v *textnorm.View, emit func(Match)) {
	if k < len(d.starts) {
		if p := d.starts[k]; p != nil {
			p.findAll(s, from, to, func(loc []int) { d.found(s, k, loc, field, v, emit) })
			return
		}
	}
	for _, loc := range re.FindAllStringSubmatchIndex(s[from:to], -1) {
		shift(loc, from)
		d.found(s, k, loc, field, v, emit)
	}
}

// found emits a match of expression k in s (loc, as FindStringSubmatchIndex
// gives it) unless an exclude pattern drops it.
func (d *patternDetector) found(s string, k int, loc []int, field string, v *textnorm.View, emit func(Match)) {
	a, b := loc[0], loc[1]
	if sub := d.sub[k]; sub > 0 && loc[2*sub] >= 0 {
		a, b = loc[2*sub], loc[2*sub+1]
	}
	if d.excluded(s[a:b]) {
		return
	}
	if !d.orig {
		a, b = v.OrigRange(a, b)
	}
	emit(Match{Field: field, Start: a, End: b})
}

func (d *patternDetector) excluded(m string) bool {
	for _, re := range d.exclude {
		if re.MatchString(m) {
			return true
		}
	}
	return false
}
