package detect

import (
	"bytes"
	"errors"
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
