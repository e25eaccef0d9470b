package detect

import (
	"slices"
	"strings"
	"unicode"

	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/textnorm"
)

// entityOptions configure the "entity" kind: named entities from prose's
// model (labels PERSON, GPE, ORGANIZATION ...). The model is expensive, so it
// runs only on posts where one of the gate terms occurs.
type entityOptions struct {
	Kind   string   `yaml:"kind"`
	Labels []string `yaml:"labels"`
	Gate   []string `yaml:"gate"`
	// NameShape keeps only entities written like a name: one to three
	// words, each a capital followed by lower-case letters ("Reg Cole",
	// not "NHS Jobs" or "AGAIN").
	NameShape bool `yaml:"name_shape"`
	// Exclude drops entities that are one of these terms (place and ward
	// names the model mistakes for people).
	Exclude []string `yaml:"exclude"`
}

type entityDetector struct {
	labels    []string
	gate      *phrase.Set
	nameShape bool
	exclude   *phrase.Set
}

func buildEntity(o Options, env *Env) (any, error) {
	var opts entityOptions
	if err := o.Decode(&opts); err != nil {
		return nil, err
	}
	if len(opts.Labels) == 0 {
		opts.Labels = []string{"PERSON"}
	}
	gate, err := Terms(opts.Gate, env)
	if err != nil {
		return nil, err
	}
	exclude, err := Terms(opts.Exclude, env)
	if err != nil {
		return nil, err
	}
	return &entityDetector{labels: opts.Labels, gate: gate, nameShape: opts.NameShape, exclude: exclude}, nil
}

func (d *entityDetector) Detect(in *Input, field string, v *textnorm.View, emit func(Match)) {
	if field != FieldText {
		return
	}
	if d.gate.Len() > 0 {
		if _, ok := d.gate.FindIn(v.Tokens, 0, len(v.Tokens)); !ok {
			return
		}
	}
	if d.nameShape && !d.nameCandidate(v) {
		return
	}
	for _, e := range in.Entities() {
		if !slices.Contains(d.labels, e.Label) {
			continue
		}
		if d.nameShape && !nameShaped(e.Text) {
			continue
		}
		if d.exclude.Len() > 0 {
			ev := textnorm.New(e.Text)
			if m, ok := d.exclude.FindIn(ev.Tokens, 0, len(ev.Tokens)); ok && m.First == 0 && m.Last == len(ev.Tokens)-1 {
				continue
			}
		}
		emit(Match{Field: field, Start: e.Start, End: e.End})
	}
}

// nameShaped reports whether s is one to three words, each an upper-case
// letter followed by lower-case letters (apostrophes and hyphens allowed).
func nameShaped(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for _, w := range words {
		rs := []rune(w)
		if len(rs) < 2 || !unicode.IsUpper(rs[0]) {
			return false
		}
		for _, r := range rs[1:] {
			if !unicode.IsLower(r) && r != '\'' && r != '’' && r != '-' {
				return false
			}
		}
	}
	return true
}

// nameCandidate reports whether the text has a word written like a name
// (a capital then lower-case letters) that does not start a sentence and is
// not an excluded term: without one, the model can find no name worth
// reporting and need not run.
func (d *entityDetector) nameCandidate(v *textnorm.View) bool {
	for i, t := range v.Tokens {
		a, b := v.OrigRange(t.Start, t.End)
		if !nameShaped(v.Orig[a:b]) || sentenceStart(v.Orig, a) {
			continue
		}
		if d.exclude.Len() > 0 {
			if m, ok := d.exclude.FindIn(v.Tokens, i, i+1); ok && m.First == i {
				continue
			}
		}
		return true
	}
	return false
}

// sentenceStart reports whether the byte offset a begins a sentence: only
// spaces, quotes or brackets lie between it and the start of the text or a
// full stop, question or exclamation mark, or a line break.
func sentenceStart(s string, a int) bool {
	for i := a - 1; i >= 0; i-- {
		switch s[i] {
		case ' ', '\t', '"', '\'', '(', '[':
			continue
		case '.', '!', '?', '\n', ':':
			return true
		}
		return false
	}
	return true
}
