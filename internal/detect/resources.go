package detect

import (
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
)

// Resources are the expensive shared parts of a linter: loaded at most once,
// and only when a rule needs them. Safe for concurrent use.
type Resources struct {
	proseOnce  sync.Once
	proseModel *prose.Model
	proseMu    sync.Mutex
	// ProseLoads counts model loads, for tests.
	proseLoads int

	// Sentiment scores how negative a comment is, in [0,1]; nil when the
	// pack has no sentiment lexicon.
	Sentiment func(text string) (negativity float64, cues []string)

	// analyzers are the sentiment models named by rules, loaded on first
	// use (see sentiment.go).
	sentMu    sync.Mutex
	analyzers map[string]*lazyAnalyzer
}

// An Entity is a named entity found by prose in the post's text.
type Entity struct {
	Text, Label string
	Start, End  int // byte offsets into the post text
}

func (r *Resources) model() *prose.Model {
	r.proseOnce.Do(func() {
		// prose has no exported way to build its default model other than
		// through a first document; take the model from it and reuse it.
		doc, err := prose.NewDocument("", prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(true))
		if err == nil {
			r.proseModel = doc.Model
		}
		r.proseLoads++
	})
	return r.proseModel
}

// ModelLoads reports how many times the entity model was loaded (0 or 1).
func (r *Resources) ModelLoads() int {
	r.proseMu.Lock()
	defer r.proseMu.Unlock()
	return r.proseLoads
}

// Entities returns prose's named entities of the post text, computed once per
// post. It loads the model on first use.
func (in *Input) Entities() []Entity {
	if in.entDone {
		return in.entities
	}
	in.entDone = true
	if in.Resources == nil {
		return nil
	}
	m := in.Resources.model()
	if m == nil {
		return nil
	}
	text := in.Post.Text
	in.Resources.proseMu.Lock()
	doc, err := prose.NewDocument(text, prose.UsingModel(m), prose.WithSegmentation(false))
	in.Resources.proseMu.Unlock()
	if err != nil {
		return nil
	}
	from := 0
	for _, e := range doc.Entities() {
		i := strings.Index(text[from:], e.Text)
		if i < 0 {
			i = strings.Index(text, e.Text)
			if i < 0 {
				continue
			}
		} else {
			i += from
		}
		in.entities = append(in.entities, Entity{Text: e.Text, Label: e.Label, Start: i, End: i + len(e.Text)})
		from = i + len(e.Text)
	}
	return in.entities
}
