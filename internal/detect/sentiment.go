package detect

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/postlint/postlint/internal/sentiment"
)

// lazyAnalyzer is a sentiment model of the rule pack, loaded at most once,
// on first use, and shared by every rule and post of a linter.
type lazyAnalyzer struct {
	once sync.Once
	dir  string
	read func(name string) ([]byte, error)
	a    *sentiment.Analyzer
	err  error
}

// sentimentFrom returns the shared lazily loaded analyzer for the sentiment
// lists in folder dir of the pack (e.g. "lists/sentiment").
func (r *Resources) sentimentFrom(dir string, read func(string) ([]byte, error)) *lazyAnalyzer {
	r.sentMu.Lock()
	defer r.sentMu.Unlock()
	if r.analyzers == nil {
		r.analyzers = map[string]*lazyAnalyzer{}
	}
	if la, ok := r.analyzers[dir]; ok {
		return la
	}
	la := &lazyAnalyzer{dir: dir, read: read}
	r.analyzers[dir] = la
	return la
}

// A Sentiment reads how negative a text is with the sentiment model of a
// folder of the rule pack, loaded on first use and shared by every rule of
// the linter that names the folder: the reply kind's and the context's.
type Sentiment struct{ la *lazyAnalyzer }

// Sentiment returns the model of the pack folder dir ("lists/sentiment").
func (env *Env) Sentiment(dir string) (*Sentiment, error) {
	if env == nil || env.ReadFile == nil || env.Resources == nil {
		return nil, fmt.Errorf("sentiment: no rule pack to read %s from", dir)
	}
	return &Sentiment{env.Resources.sentimentFrom(strings.TrimSuffix(dir, "/"), env.ReadFile)}, nil
}

// Negativity scores how negative text is, in [0,1]: Resources.Sentiment
// when the program set one, otherwise the pack's model (0 when it cannot
// be loaded).
func (s *Sentiment) Negativity(in *Input, text string) float64 {
	p, _, _ := s.la.negativity(in.Resources, text)
	return p
}

// get loads the model the first time it is asked for.
func (la *lazyAnalyzer) get() (*sentiment.Analyzer, error) {
	la.once.Do(func() {
		lex, err := la.read(path.Join(la.dir, sentiment.LexiconFile))
		if err != nil {
			la.err = err
			return
		}
		var opts sentiment.LoadOptions
		if b, err := la.read(path.Join(la.dir, sentiment.EmojiFile)); err == nil {
			opts.Emoji = bytes.NewReader(b)
		} else if !errors.Is(err, fs.ErrNotExist) {
			la.err = err
			return
		}
		if b, err := la.read(path.Join(la.dir, sentiment.CuesFile)); err == nil {
			opts.Cues = bytes.NewReader(b)
		} else if !errors.Is(err, fs.ErrNotExist) {
			la.err = err
			return
		}
		la.a, la.err = sentiment.LoadWithOptions(bytes.NewReader(lex), opts)
	})
	return la.a, la.err
}

// Negativity scores how negative a comment is, in [0,1], with the cues that
// counted and their summed weight (the model's complaint evidence, apart
// from its VADER score): Resources.Sentiment when set (evidence 0),
// otherwise the complaint model loaded from the pack.
func (la *lazyAnalyzer) negativity(res *Resources, text string) (float64, []string, float64) {
	if res != nil && res.Sentiment != nil {
		p, why := res.Sentiment(text)
		return p, why, 0
	}
	if la == nil {
		return 0, nil, 0
	}
	a, err := la.get()
	if err != nil || a == nil {
		return 0, nil, 0
	}
	c := a.Complaint(text)
	var cues []string
	evidence := 0.0
	for _, q := range c.Cues {
		if q.Weight > 0 {
			cues = append(cues, strings.TrimSpace(text[q.Start:q.End]))
			evidence += q.Weight
		}
	}
	return c.Probability, cues, evidence
}
