package detect

import (
	"slices"

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
}

type entityDetector struct {
	labels []string
	gate   *phrase.Set
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
	return &entityDetector{labels: opts.Labels, gate: gate}, nil
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
	for _, e := range in.Entities() {
		if slices.Contains(d.labels, e.Label) {
			emit(Match{Field: field, Start: e.Start, End: e.End})
		}
	}
}
