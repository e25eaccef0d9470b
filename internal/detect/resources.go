package detect

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// Resources are the expensive shared parts of a linter: loaded at most once,
// and only when a rule needs them. Safe for concurrent use.
type Resources struct {
	// fast finds entities from prose's weights without prose's cost
	// (prosefast.go), loaded on first use; nil if it could not be loaded
	// (fastErr says why), and then prose's own pipeline runs.
	fastOnce sync.Once
	fast     *fastExtractor
	fastErr  error
	// proseModel is prose's own model, loaded on first use, only for
	// slowEntities or when the fast extractor could not be loaded.
	proseOnce    sync.Once
	proseModel   *prose.Model
	slowEntities bool
	// proseLoads counts model loads, for tests.
	proseLoads atomic.Int32

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

// fastModel returns the fast extractor, loading it on first use; nil with
// slowEntities or if it could not be loaded.
func (r *Resources) fastModel() *fastExtractor {
	if r.slowEntities {
		return nil
	}
	r.fastOnce.Do(func() {
		r.fast, r.fastErr = loadFastExtractor()
		if r.fastErr != nil {
			r.fastErr = fmt.Errorf("loading the fast entity extractor: %w", r.fastErr)
		}
		r.proseLoads.Add(1)
	})
	return r.fast
}

// model returns prose's own model, loading it on first use.
func (r *Resources) model() *prose.Model {
	r.proseOnce.Do(func() {
		// prose has no exported way to build its default model other than
		// through a first document; take the model from it and reuse it.
		doc, err := prose.NewDocument("", prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(true))
		if err == nil {
			r.proseModel = doc.Model
		}
		r.proseLoads.Add(1)
	})
	return r.proseModel
}

// ModelLoads reports how many times an entity model was loaded: 0 or 1 (2
// only where the fast extractor could not be loaded and prose's model was
// loaded instead).
func (r *Resources) ModelLoads() int {
	return int(r.proseLoads.Load())
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
	fast := in.Resources.fastModel()
	var m *prose.Model
	if fast == nil {
		if m = in.Resources.model(); m == nil {
			return nil
		}
	}
	// The model is only read while tagging and extracting (its maps and
	// weights), so posts are tagged in parallel without a lock. A text
	// longer than any real post is read in pieces, so that time and memory
	// stay linear in its length.
	for _, c := range entityChunks(in.Post.Text, maxEntityText) {
		if c.off >= maxEntityInput {
			break
		}
		in.entities = appendEntities(in.entities, fast, m, c.text, c.off)
	}
	return in.entities
}

// maxEntityText is the longest text given to the model at once (a long
// Facebook post is 63,206 characters): longer ones are cut at line breaks.
const maxEntityText = 64 << 10

// maxEntityInput bounds the text of one post the model reads: names past
// the first MiB of a (pathological) post are not looked for.
const maxEntityInput = 1 << 20

type textChunk struct {
	text string
	off  int
}

// entityChunks cuts text into pieces of at most max bytes, at line breaks
// where it can, else at a space, else at a character boundary.
func entityChunks(text string, max int) []textChunk {
	if len(text) <= max {
		return []textChunk{{text, 0}}
	}
	var out []textChunk
	off := 0
	for len(text)-off > max {
		cut := strings.LastIndexByte(text[off:off+max], '\n') + 1
		if cut <= 0 {
			cut = strings.LastIndexByte(text[off:off+max], ' ') + 1
		}
		if cut <= 0 {
			cut = max
			for cut > 0 && !utf8.RuneStart(text[off+cut]) {
				cut--
			}
			if cut == 0 {
				cut = max
			}
		}
		out = append(out, textChunk{text[off : off+cut], off})
		off += cut
	}
	return append(out, textChunk{text[off:], off})
}

// appendEntities runs the fast extractor, or else prose's model m, on text,
// found at offset off of the post, and appends its entities with their
// offsets.
func appendEntities(dst []Entity, fast *fastExtractor, m *prose.Model, text string, off int) (out []Entity) {
	// prose's tokenizer can fail on some invalid UTF-8 (slicing past a
	// word's end): it reads the text with each invalid byte as a space (so
	// offsets stay), and a failure inside prose costs the names of this text,
	// not the check. The fast extractor fails where prose would, and the
	// text then has no names either.
	n := len(dst)
	defer func() {
		if recover() != nil {
			out = dst[:n]
		}
	}()
	text = spaceInvalidUTF8(text)
	var ents []prose.Entity
	if fast != nil {
		var err error
		if ents, err = fast.entities(text); err != nil {
			return dst
		}
	} else {
		doc, err := prose.NewDocument(text, prose.UsingModel(m), prose.WithSegmentation(false))
		if err != nil {
			return dst
		}
		ents = doc.Entities()
	}
	from := 0
	for _, e := range ents {
		i := strings.Index(text[from:], e.Text)
		if i < 0 {
			i = strings.Index(text, e.Text)
			if i < 0 {
				continue
			}
		} else {
			i += from
		}
		dst = append(dst, Entity{Text: e.Text, Label: e.Label, Start: off + i, End: off + i + len(e.Text)})
		from = i + len(e.Text)
	}
	return dst
}

// spaceInvalidUTF8 replaces each byte of s that is not part of valid UTF-8
// with a space, keeping every offset.
func spaceInvalidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			b[i] = ' '
		}
		i += size
	}
	return string(b)
}
