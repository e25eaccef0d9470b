// Package detect holds postlint's detector kinds. A detector finds candidate
// breaches in one field of a post; the engine turns them into findings by
// applying the rule's context, allow-list, severity and message. Each kind is
// one file with its table tests beside it.
package detect

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"sync"

	"github.com/postlint/postlint/internal/classify"
	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/textnorm"
)

// A Match is a candidate found by a detector.
type Match struct {
	// Field is the part of the post the span is in (see Input.View); "post"
	// when the match is about the post as a whole and has no span.
	Field string
	// Start and End are byte offsets into the field's original text.
	Start, End int
	// Confidence in (0,1]; 0 means the rule's own confidence.
	Confidence float64
	// Note adds a detail to the message ({{.Note}}), such as "the checksum
	// does not match".
	Note string
}

// A Detector finds matches in one field of a post.
type Detector interface {
	Detect(in *Input, field string, v *textnorm.View, emit func(Match))
}

// A PostDetector looks at the post as a whole (its account, media, reply)
// rather than at one field. The engine calls it once per post.
type PostDetector interface {
	DetectPost(in *Input, emit func(Match))
}

// Options decodes a rule's detector options strictly into a struct: unknown
// keys are errors that name the file, line and column.
type Options interface {
	Decode(v any) error
}

// Env gives detectors what they need from the rule pack while being built.
// It is safe for concurrent use (given ReadList and ReadFile that are):
// the rules of a lazily loaded pack are built from any goroutine.
type Env struct {
	// ReadList returns the entries of a list file of the rule pack
	// (comments and blank lines removed).
	ReadList func(name string) ([]string, error)
	// ReadFile returns a file of the rule pack as it is (for data that is
	// not a list, such as a sentiment lexicon or sites.yaml); nil when the
	// pack cannot give files.
	ReadFile func(name string) ([]byte, error)
	// Open opens a file of the rule pack, for data read a piece at a time
	// rather than whole (a model's weights); nil when the pack cannot
	// give files, and ReadFile then reads it.
	Open func(name string) (fs.File, error)
	// Resources shared by all rules of a linter (models, lexicons).
	Resources *Resources

	// mu guards the maps of the caches below, whose entries are each built
	// once, by the first rule that needs them (others wait for it).
	mu sync.Mutex
	// lists caches the entries of list files: many rules name the same.
	lists map[string]*once[[]string]
	// terms caches compiled term lists: the same list is often named by
	// several rules, and a Set is immutable.
	terms map[string]*once[*phrase.Set]
	// packs caches classifier model packs by file name: one file serves
	// several rules.
	packs map[string]*once[*classify.Pack]
	// regexps caches the regular expressions of context lists ("re:"
	// entries) by source: lists that hold them serve several rules.
	regexps map[string]*once[*regexp.Regexp]
}

// Regexp compiles a regular expression of the rule pack, once per Env.
func (env *Env) Regexp(src string) (*regexp.Regexp, error) {
	if env == nil {
		return regexp.Compile(src)
	}
	return cachedBuild(env, &env.regexps, src, func() (*regexp.Regexp, error) { return regexp.Compile(src) })
}

// once is a value of a cache, built once.
type once[T any] struct {
	once sync.Once
	v    T
	err  error
}

// cachedBuild returns the value of key in the cache m, building it the
// first time. Without an env it just builds it.
func cachedBuild[T any](env *Env, m *map[string]*once[T], key string, build func() (T, error)) (T, error) {
	if env == nil {
		return build()
	}
	env.mu.Lock()
	if *m == nil {
		*m = map[string]*once[T]{}
	}
	e := (*m)[key]
	if e == nil {
		e = &once[T]{}
		(*m)[key] = e
	}
	env.mu.Unlock()
	e.once.Do(func() { e.v, e.err = build() })
	return e.v, e.err
}

// A Builder makes a detector of one kind from its options.
type Builder func(opts Options, env *Env) (any, error)

// Kinds returns the detector kinds by name. Adding a kind is adding a file
// with its builder and a line here.
func Kinds() map[string]Builder {
	return map[string]Builder{
		"pattern": buildPattern,
		"lexicon": buildLexicon,
		"entity":  buildEntity,
		"media":   buildMedia,
		"reply":   buildReply,

		"nhs-number": buildNHS,
		"sequence":   buildSequence,
		"phone":      buildPhone,
		"classifier": buildClassifier,
	}
}

// Terms compiles a term list. An entry "@lists/NAME.txt" includes the entries
// of that list file.
func Terms(entries []string, env *Env) (*phrase.Set, error) {
	if len(entries) == 0 {
		return emptySet, nil
	}
	var cache *map[string]*once[*phrase.Set]
	if env != nil {
		cache = &env.terms
	}
	return cachedBuild(env, cache, strings.Join(entries, "\n"), func() (*phrase.Set, error) {
		all, err := ExpandTerms(entries, env)
		if err != nil {
			return nil, err
		}
		return phrase.Compile(all), nil
	})
}

// emptySet is the set of an empty term list, shared (a Set is immutable).
var emptySet = phrase.Compile(nil)

// ExpandTerms resolves "@list" includes in a term list.
func ExpandTerms(entries []string, env *Env) ([]string, error) {
	var all []string
	for _, e := range entries {
		name, ok := strings.CutPrefix(e, "@")
		if !ok {
			all = append(all, e)
			continue
		}
		items, err := readTermList(name, env)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
	}
	return all, nil
}

// EachTerm calls yield with the entries of a term list, those of each
// "@list" include in its place, until yield returns false: ExpandTerms
// without copying the lists.
func EachTerm(entries []string, env *Env, yield func(string) bool) error {
	for _, e := range entries {
		name, ok := strings.CutPrefix(e, "@")
		if !ok {
			if !yield(e) {
				return nil
			}
			continue
		}
		items, err := readTermList(name, env)
		if err != nil {
			return err
		}
		for _, item := range items {
			if !yield(item) {
				return nil
			}
		}
	}
	return nil
}

// readTermList returns the entries of a list file of the pack, read once.
func readTermList(name string, env *Env) ([]string, error) {
	if env == nil || env.ReadList == nil {
		return nil, fmt.Errorf("list %q: no rule pack to read it from", name)
	}
	return cachedBuild(env, &env.lists, name, func() ([]string, error) { return env.ReadList(name) })
}

// PostKind reports whether the detectors of a kind look at the post as a
// whole (they are PostDetectors): the engine runs those once per post, and
// the others field by field once a field may hold a match, so it must know
// which before building one.
func PostKind(kind string) bool {
	switch kind {
	case "classifier", "media", "reply":
		return true
	}
	return false
}
