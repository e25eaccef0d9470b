package detect

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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
		if !d.gate.Has(v.Tokens, 0, len(v.Tokens)) {
			return
		}
	}
	if d.nameShape && !d.nameCandidate(v) {
		return
	}
	if d.nameShape && in.Near != nil && !nearCandidate(in, v) {
		return
	}
	for _, e := range in.Entities() {
		if !slices.Contains(d.labels, e.Label) {
			continue
		}
		if d.nameShape && !nameShaped(e.Text) {
			continue
		}
		if d.excluded(e.Text) {
			continue
		}
		emit(Match{Field: field, Start: e.Start, End: e.End})
	}
}

// excluded reports whether an exclude term covers the whole entity text.
// Every match is considered, so a shorter term ("Google") does not hide a
// longer one that spans the entity ("Google Images").
func (d *entityDetector) excluded(text string) bool {
	if d.exclude.Len() == 0 {
		return false
	}
	ev := textnorm.New(text)
	whole := false
	d.exclude.FindAll(ev.Tokens, func(m phrase.Match) {
		whole = whole || m.First == 0 && m.Last == len(ev.Tokens)-1
	})
	return whole
}

// nameShaped reports whether s is one to three words, each an upper-case
// letter followed by lower-case letters (apostrophes and hyphens allowed).
func nameShaped(s string) bool {
	n := 0
	for w := range strings.FieldsSeq(s) {
		if n++; n > 3 {
			return false
		}
		first, size := utf8.DecodeRuneInString(w)
		if size == len(w) || !unicode.IsUpper(first) {
			return false // one rune, or no capital first
		}
		for _, r := range w[size:] {
			if !unicode.IsLower(r) && r != '\'' && r != '’' && r != '-' {
				return false
			}
		}
	}
	return n > 0
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
//
// In posts an emoji ends a sentence as often as a full stop does ("thanks
// all 💙 Big shout out to…"): a word after one starts a sentence too.
func sentenceStart(s string, a int) bool {
	for i := a - 1; i >= 0; i-- {
		switch s[i] {
		case ' ', '\t', '"', '\'', '(', '[':
			continue
		case '.', '!', '?', '\n', ':':
			return true
		}
		if s[i] >= utf8.RuneSelf {
			r, _ := utf8.DecodeLastRuneInString(s[:i+1])
			return unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) ||
				r == '\u200d' || r >= '\ufe00' && r <= '\ufe0f'
		}
		return false
	}
	return true
}

// NearGated marks the entity kind as consulting Input.Near.
func (d *entityDetector) NearGated() {}

// nearCandidate reports whether some place where an entity could be found
// has the rule's required context around it (Input.Near): without one,
// every entity the model finds would be dropped, and it need not run.
//
// An entity reported with name_shape is one to three words, each a capital
// followed by lower-case letters (or an apostrophe or a hyphen), so its
// first token holds such a capital. Its tokens lie within three "word
// groups" from there: runs of tokens with no white space between them,
// as the words of a name are separated by white space only. So checking,
// for every token with a capital, the span up to the end of the third group
// from it covers every entity whose first letter is a capital.
func nearCandidate(in *Input, v *textnorm.View) bool {
	n := len(v.Tokens)
	// groupEnd[k] is the last token of the group holding token k.
	groupEnd := make([]int, n)
	for k := n - 1; k >= 0; k-- {
		groupEnd[k] = k
		if k+1 < n && !spaceBetween(v, k) {
			groupEnd[k] = groupEnd[k+1]
		}
	}
	for k, t := range v.Tokens {
		a, b := v.OrigRange(t.Start, t.End)
		if !nameStart(v.Orig, a, b) {
			continue
		}
		last := groupEnd[k]
		for g := 1; g < 3 && last+1 < n; g++ {
			last = groupEnd[last+1]
		}
		if in.Near(v, k, last) {
			return true
		}
	}
	return false
}

// spaceBetween reports white space in the original text between tokens k
// and k+1.
func spaceBetween(v *textnorm.View, k int) bool {
	_, a := v.OrigRange(v.Tokens[k].Start, v.Tokens[k].End)
	b, _ := v.OrigRange(v.Tokens[k+1].Start, v.Tokens[k+1].End)
	if a >= b {
		return false
	}
	return strings.IndexFunc(v.Orig[a:b], unicode.IsSpace) >= 0
}

// nameStart reports whether a name-shaped word could start in s[a:b]: a
// capital followed by a lower-case letter, an apostrophe or a hyphen (the
// next character may lie past b).
func nameStart(s string, a, b int) bool {
	for i, r := range s[a:b] {
		if !unicode.IsUpper(r) {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[a+i+utf8.RuneLen(r):])
		if unicode.IsLower(next) || next == '\'' || next == '’' || next == '-' {
			return true
		}
	}
	return false
}
