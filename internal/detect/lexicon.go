package detect

import (
	"fmt"

	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/textnorm"
)

// lexiconOptions configure the "lexicon" kind: whole-word, case- and
// accent-insensitive words and phrases from inline terms or list files
// ("@lists/NAME.txt"). With disguised: true, words are also found when
// written in leetspeak, masked, stretched or spaced out.
type lexiconOptions struct {
	Kind      string   `yaml:"kind"`
	Terms     []string `yaml:"terms"`
	Disguised bool     `yaml:"disguised"`
}

type lexiconDetector struct {
	set       *phrase.Set
	disguised bool
}

func buildLexicon(o Options, env *Env) (any, error) {
	var opts lexiconOptions
	if err := o.Decode(&opts); err != nil {
		return nil, err
	}
	set, err := Terms(opts.Terms, env)
	if err != nil {
		return nil, err
	}
	if set.Len() == 0 {
		return nil, fmt.Errorf("lexicon: no terms")
	}
	return &lexiconDetector{set: set, disguised: opts.Disguised}, nil
}

func (d *lexiconDetector) Detect(in *Input, field string, v *textnorm.View, emit func(Match)) {
	// The set's key words lie in the field's tokens only from, to.
	from, to := 0, len(v.Tokens)
	if in != nil && in.KeySpan != nil {
		if f, t, ok := in.KeySpan(d.set, field); ok {
			from, to = f, t
		}
	}
	if !d.disguised {
		d.set.FindAllKeyedAt(v.Tokens, from, to, func(m phrase.Match) {
			a, b := v.OrigRange(v.Tokens[m.First].Start, v.Tokens[m.Last].End)
			emit(Match{Field: field, Start: a, End: b})
		})
		return
	}
	dv := v.Deobfuscated()
	seen := map[[2]int]bool{}
	d.set.MatchDisguised(dv.Tokens, func(m phrase.Match) {
		a, b := v.DeobfOrigRange(dv.Tokens[m.First].Start, dv.Tokens[m.Last].End)
		seen[[2]int{a, b}] = true
		emit(Match{Field: field, Start: a, End: b})
	})
	// Terms with apostrophes ("f'ing", "don't") keep them only in the plain
	// view: look there too.
	d.set.FindAllKeyedAt(v.Tokens, from, to, func(m phrase.Match) {
		a, b := v.OrigRange(v.Tokens[m.First].Start, v.Tokens[m.Last].End)
		if !seen[[2]int{a, b}] {
			emit(Match{Field: field, Start: a, End: b})
		}
	})
}
