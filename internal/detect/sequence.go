package detect

import (
	"fmt"
	"strconv"
	"strings"

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
//	(a|b c|d*)       one of the phrases a, "b c", d*
//
// and each may be followed by ? (optional) or {m,n} / {n} (repeated). The
// longest match from each word is reported. With disguised: true, classes and
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
	any         bool
	plain, deob *phrase.Set
	min, max    int
}

type seqPattern struct {
	src   string
	elems []seqElem
}

type sequenceDetector struct {
	patterns  []seqPattern
	disguised bool
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
	type pair struct{ plain, deob *phrase.Set }
	classes := map[string]pair{}
	for name, terms := range opts.Classes {
		all, err := ExpandTerms(terms, env)
		if err != nil {
			return nil, fmt.Errorf("sequence: class %s: %w", name, err)
		}
		if len(all) == 0 {
			return nil, fmt.Errorf("sequence: class %s is empty", name)
		}
		classes[name] = pair{phrase.Compile(all), phrase.Compile(deobfTerms(all))}
	}
	used := map[string]bool{}
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
				c, ok := classes[e.class]
				if !ok {
					return nil, fmt.Errorf("sequence: pattern %q: no class %q", src, e.class)
				}
				used[e.class] = true
				el.plain, el.deob = c.plain, c.deob
			case len(e.alts) == 1 && e.alts[0] == "*":
				el.any = true
			default:
				el.plain, el.deob = phrase.Compile(e.alts), phrase.Compile(deobfTerms(e.alts))
			}
			p.elems = append(p.elems, el)
		}
		if p.elems[0].min == 0 {
			return nil, fmt.Errorf("sequence: pattern %q: the first element must not be optional", src)
		}
		d.patterns = append(d.patterns, p)
	}
	for name := range classes {
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
		if strings.HasPrefix(strings.TrimSpace(t), "#") {
			continue
		}
		var words []string
		for _, w := range strings.Fields(t) {
			if w == "*" {
				words = append(words, w)
				continue
			}
			prefix := strings.HasSuffix(w, "*")
			w = strings.TrimSuffix(w, "*")
			d := textnorm.New(w).Deobfuscated().Text
			if d == "" {
				continue
			}
			if prefix {
				d += "*"
			}
			words = append(words, d)
		}
		if len(words) > 0 {
			out = append(out, strings.Join(words, " "))
		}
	}
	return out
}

func (d *sequenceDetector) Detect(_ *Input, field string, v *textnorm.View, emit func(Match)) {
	if d.disguised {
		dv := v.Deobfuscated()
		d.scan(dv.Tokens, true, func(first, last int) {
			a, b := v.DeobfOrigRange(dv.Tokens[first].Start, dv.Tokens[last].End)
			emit(Match{Field: field, Start: a, End: b})
		})
	}
	d.scan(v.Tokens, false, func(first, last int) {
		a, b := v.OrigRange(v.Tokens[first].Start, v.Tokens[last].End)
		emit(Match{Field: field, Start: a, End: b})
	})
}

// scan reports the longest match of any pattern from each token, skipping
// past a match once reported.
func (d *sequenceDetector) scan(toks []textnorm.Token, deob bool, fn func(first, last int)) {
	for i := 0; i < len(toks); i++ {
		best := -1
		for k := range d.patterns {
			if end := d.patterns[k].longest(toks, 0, i, deob && d.disguised); end > best {
				best = end
			}
		}
		if best > i {
			fn(i, best-1)
			i = best - 1
		}
	}
}

// longest returns the end (exclusive token index) of the longest match of
// elements e… from token i, or -1.
func (p *seqPattern) longest(toks []textnorm.Token, e, i int, deob bool) int {
	if e == len(p.elems) {
		return i
	}
	el := &p.elems[e]
	best := -1
	var rep func(k, pos int)
	rep = func(k, pos int) {
		if k >= el.min {
			if end := p.longest(toks, e+1, pos, deob); end > best {
				best = end
			}
		}
		if k >= el.max || pos >= len(toks) {
			return
		}
		if el.any {
			rep(k+1, pos+1)
			return
		}
		set := el.plain
		if deob {
			set = el.deob
		}
		seen := -1
		set.MatchAt(toks, pos, deob, func(m phrase.Match) {
			if m.Last != seen {
				seen = m.Last
				rep(k+1, m.Last+1)
			}
		})
	}
	rep(0, i)
	return best
}
