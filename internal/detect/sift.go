package detect

import (
	"regexp/syntax"
	"slices"
	"strings"

	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/textnorm"
)

// Sifting tells, from a detector's options as written, without building
// the detector, that it would find nothing in a field of a post: a
// linter's first post then builds only the detectors that may find
// something there (building the rest costs a cold command more than
// checking the draft). A sifter looks for what every match needs (a
// phrase of a lexicon, an element of each pattern of a sequence, the
// literals of each expression of a pattern, the digits of a phone number)
// as the prefilter's needs do, and says "nothing" only when it is certain.

// Sieves are the phrase sieves of the token lists of a post's views, made
// at first use, for one goroutine.
type Sieves struct {
	m map[any]*phrase.Sieve
}

// Of returns the sieve of toks, the tokens of a view named by key.
func (s *Sieves) Of(key any, toks []textnorm.Token) *phrase.Sieve {
	if s.m == nil {
		s.m = map[any]*phrase.Sieve{}
	}
	sv := s.m[key]
	if sv == nil {
		sv = phrase.NewSieve(toks)
		s.m[key] = sv
	}
	return sv
}

// FindsNothing reports whether a detector of the kind, built from the
// options o, would find nothing in the field of in. False when it cannot
// tell: a kind without a sifter, options it cannot read (building the
// detector reports them), or a field where a match may be.
func FindsNothing(kind string, o Options, env *Env, in *Input, field string, sv *Sieves) bool {
	switch kind {
	case "lexicon":
		return lexiconFindsNothing(o, env, in, field, sv)
	case "sequence":
		return sequenceFindsNothing(o, env, in, field, sv)
	case "pattern":
		return patternFindsNothing(o, in, field)
	case "phone":
		return phoneFindsNothing(o, in, field)
	}
	return false
}

// phoneFindsNothing: the field has too few digits (or look-alikes) for a
// phone number, as the detector's Detect first checks.
func phoneFindsNothing(o Options, in *Input, field string) bool {
	var opts phoneOptions
	if o.Decode(&opts) != nil {
		return false
	}
	s, _ := digitLookalikes(in.View(field).Fold)
	return countASCIIDigits(s, phoneMinDigits) < phoneMinDigits
}

// anyMatches reports whether a phrase of the term list matches in the
// tokens of sieve s; deob reads each term as deobfTerms writes it. It is
// true when a list cannot be read.
func anyMatches(terms []string, env *Env, s *phrase.Sieve, deob bool) bool {
	found := false
	err := EachTerm(terms, env, func(t string) bool {
		if deob && !plainTerm(t) {
			d, ok := deobfTerm(t)
			found = ok && s.Matches(d)
		} else {
			found = s.Matches(t)
		}
		return !found
	})
	return found || err != nil
}

// plainTerm reports whether a term is its own deobfuscated form (deobfTerm)
// as far as matching goes: words of the letters a to z, each maybe with a
// '*' after it, or lone '*'.
func plainTerm(t string) bool {
	for w := range strings.FieldsSeq(t) {
		if w != "*" && !lowerLetters(strings.TrimSuffix(w, "*")) {
			return false
		}
	}
	return !strings.HasPrefix(strings.TrimSpace(t), "#")
}

// wild reports whether a token of a deobfuscated view may match a disguised
// word (phrase.Wild): a masked or stretched one.
func wild(toks []textnorm.Token) bool {
	for i := range toks {
		if phrase.Wild(toks[i].Text) {
			return true
		}
	}
	return false
}

// lexiconFindsNothing: no term matches in the field's tokens, nor,
// disguised, in its deobfuscated tokens, which hold no masked or
// stretched word.
func lexiconFindsNothing(o Options, env *Env, in *Input, field string, sv *Sieves) bool {
	var opts lexiconOptions
	if o.Decode(&opts) != nil {
		return false
	}
	v := in.View(field)
	if anyMatches(opts.Terms, env, sv.Of(v, v.Tokens), false) {
		return false
	}
	if !opts.Disguised {
		return true
	}
	dv := v.Deobfuscated()
	// The set is matched against the deobfuscated words as written.
	return !wild(dv.Tokens) && !anyMatches(opts.Terms, env, sv.Of(dv, dv.Tokens), false)
}

// sequenceFindsNothing: in none of the token lists the detector scans (the
// field's words, its camel-case hashtags' words and, disguised, its
// deobfuscated words) does every element a pattern cannot do without
// match somewhere.
func sequenceFindsNothing(o Options, env *Env, in *Input, field string, sv *Sieves) bool {
	var opts sequenceOptions
	if o.Decode(&opts) != nil {
		return false
	}
	var patterns [][]seqSyntax
	for _, src := range opts.Patterns {
		elems, err := parseSequence(src)
		if err != nil {
			return false
		}
		patterns = append(patterns, elems)
	}
	v := in.View(field)
	type list struct {
		s    *phrase.Sieve
		deob bool
	}
	lists := []list{{sv.Of(v, v.Tokens), false}}
	for start, end := range hashtags(v.Orig) {
		if words, ok := splitCamel(v.Orig[start+1 : end]); ok {
			lists = append(lists, list{phrase.NewSieve(textnorm.New(words).Tokens), false})
		}
	}
	if opts.Disguised {
		dv := v.Deobfuscated()
		if wild(dv.Tokens) {
			return false
		}
		lists = append(lists, list{sv.Of(dv, dv.Tokens), true})
	}
	for _, l := range lists {
		if l.s.Len() == 0 {
			continue
		}
		met := map[string]bool{} // by element: it matches in l
		matches := func(e seqSyntax) bool {
			key := "(" + strings.Join(e.alts, "|")
			if e.class != "" {
				key = "<" + e.class
			}
			m, ok := met[key]
			if ok {
				return m
			}
			if e.class == "" {
				m = anyMatches(e.alts, nil, l.s, l.deob)
			} else {
				for _, name := range strings.Split(e.class, "|") {
					list, ok := opts.Classes[strings.TrimSpace(name)]
					if !ok || anyMatches(list, env, l.s, l.deob) {
						m = true // an unknown class fails the build
						break
					}
				}
			}
			met[key] = m
			return m
		}
		for _, elems := range patterns {
			all := true
			for _, e := range elems {
				required := e.min > 0 && (e.class != "" || len(e.alts) != 1 || e.alts[0] != "*" && e.alts[0] != "^" && e.alts[0] != "$")
				if required && !matches(e) {
					all = false
					break
				}
			}
			if all {
				return false
			}
		}
	}
	return true
}

// patternFindsNothing: for every expression, the field (lowered by
// LowerLiterals) lacks all the strings of one of its sets of required
// literals, or has fewer digits than it requires.
func patternFindsNothing(o Options, in *Input, field string) bool {
	var opts patternOptions
	if o.Decode(&opts) != nil {
		return false
	}
	v := in.View(field)
	s := v.Fold
	switch opts.On {
	case "", "fold":
	case "orig":
		s = v.Orig
	default:
		return false
	}
	low := LowerLiterals(s)
	digits := CountDigits(low)
	for _, p := range opts.Patterns {
		parsed, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			return false
		}
		if digits < RequiredDigits(parsed) {
			continue
		}
		lits := RequiredLiterals(parsed)
		if lits == nil || holdsOneOfEach(low, lits) {
			return false
		}
	}
	return true
}

// holdsOneOfEach reports whether s contains a string of every set.
func holdsOneOfEach(s string, sets [][]string) bool {
	for _, set := range sets {
		if !slices.ContainsFunc(set, func(lit string) bool { return strings.Contains(s, lit) }) {
			return false
		}
	}
	return true
}
