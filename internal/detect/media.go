package detect

import (
	"fmt"
	"strconv"

	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/textnorm"
)

// mediaOptions configure the "media" kind, which looks at a post's
// attachments: their alt text and file names, whether consent is recorded,
// and what the post's text says about them.
type mediaOptions struct {
	Kind string `yaml:"kind"`
	// Consent selects media: "any" (default), "without" (no model release
	// form recorded) or "with".
	Consent string `yaml:"consent"`
	// Cues are words and phrases looked for in alt text and file names.
	Cues []string `yaml:"cues"`
	// TextCues are looked for in the post's text; they count only when the
	// post has media attached.
	TextCues []string `yaml:"text_cues"`
	// Unless, found in the alt text, the file name or the text, clears the
	// media item ("my dog", "beach").
	Unless []string `yaml:"unless"`
	// Any flags every selected media item, with or without cues.
	Any bool `yaml:"any"`
}

type mediaDetector struct {
	consent          string
	cues, text, skip *phrase.Set
	any              bool
}

func buildMedia(o Options, env *Env) (any, error) {
	var opts mediaOptions
	if err := o.Decode(&opts); err != nil {
		return nil, err
	}
	d := &mediaDetector{consent: opts.Consent, any: opts.Any}
	switch d.consent {
	case "", "any", "with", "without":
	default:
		return nil, fmt.Errorf("media: consent: %q is not any, with or without", d.consent)
	}
	var err error
	if d.cues, err = Terms(opts.Cues, env); err != nil {
		return nil, err
	}
	if d.text, err = Terms(opts.TextCues, env); err != nil {
		return nil, err
	}
	if d.skip, err = Terms(opts.Unless, env); err != nil {
		return nil, err
	}
	if d.cues.Len() == 0 && d.text.Len() == 0 && !d.any {
		return nil, fmt.Errorf("media: give cues, text_cues or any: true")
	}
	return d, nil
}

func has(set *phrase.Set, v *textnorm.View) (phrase.Match, bool) {
	return set.FindIn(v.Tokens, 0, len(v.Tokens))
}

func (d *mediaDetector) DetectPost(in *Input, emit func(Match)) {
	p := in.Post
	if len(p.Media) == 0 {
		return
	}
	text := in.Text()
	if _, ok := has(d.skip, text); ok {
		return
	}
	selected := 0
	for i, m := range p.Media {
		if (d.consent == "without" && m.Consent) || (d.consent == "with" && !m.Consent) {
			continue
		}
		selected++
		idx := "media[" + strconv.Itoa(i) + "]"
		alt, file := in.View(idx+".alt_text"), in.View(idx+".file")
		if _, ok := has(d.skip, alt); ok {
			continue
		}
		if _, ok := has(d.skip, file); ok {
			continue
		}
		found := false
		for _, f := range []struct {
			name string
			v    *textnorm.View
		}{{idx + ".alt_text", alt}, {idx + ".file", file}} {
			if m, ok := has(d.cues, f.v); ok {
				a, b := f.v.OrigRange(f.v.Tokens[m.First].Start, f.v.Tokens[m.Last].End)
				emit(Match{Field: f.name, Start: a, End: b})
				found = true
				break
			}
		}
		if !found && d.any {
			emit(Match{Field: idx + ".file", Start: 0, End: len(m.File)})
		}
	}
	if selected == 0 {
		return
	}
	if m, ok := has(d.text, text); ok {
		a, b := text.OrigRange(text.Tokens[m.First].Start, text.Tokens[m.Last].End)
		emit(Match{Field: FieldText, Start: a, End: b})
	}
}

// Detect makes mediaDetector a Detector too; the engine prefers DetectPost.
func (d *mediaDetector) Detect(in *Input, _ string, _ *textnorm.View, emit func(Match)) {
	d.DetectPost(in, emit)
}
