// Package detect holds postlint's detector kinds. A detector finds candidate
// breaches in one field of a post; the engine turns them into findings by
// applying the rule's context, allow-list, severity and message. Each kind is
// one file with its table tests beside it.
package detect

import (
	"fmt"
	"strings"

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
type Env struct {
	// ReadList returns the entries of a list file of the rule pack
	// (comments and blank lines removed).
	ReadList func(name string) ([]string, error)
	// ReadFile returns a file of the rule pack as it is (for data that is
	// not a list, such as a sentiment lexicon or sites.yaml); nil when the
	// pack cannot give files.
	ReadFile func(name string) ([]byte, error)
	// Resources shared by all rules of a linter (models, lexicons).
	Resources *Resources

	// terms caches compiled term lists: the same list is often named by
	// several rules, and a Set is immutable.
	terms map[string]*phrase.Set
	// packs caches classifier model packs by file name: one file serves
	// several rules.
	packs map[string]*classify.Pack
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
	key := strings.Join(entries, "\n")
	if s, ok := env.cached(key); ok {
		return s, nil
	}
	all, err := ExpandTerms(entries, env)
	if err != nil {
		return nil, err
	}
	s := phrase.Compile(all)
	if env != nil {
		if env.terms == nil {
			env.terms = map[string]*phrase.Set{}
		}
		env.terms[key] = s
	}
	return s, nil
}

// emptySet is the set of an empty term list, shared (a Set is immutable).
var emptySet = phrase.Compile(nil)

func (env *Env) cached(key string) (*phrase.Set, bool) {
	if env == nil {
		return nil, false
	}
	s, ok := env.terms[key]
	return s, ok
}

// ExpandTerms resolves "@list" includes in a term list.
func ExpandTerms(entries []string, env *Env) ([]string, error) {
	var all []string
	for _, e := range entries {
		if name, ok := strings.CutPrefix(e, "@"); ok {
			if env == nil || env.ReadList == nil {
				return nil, fmt.Errorf("list %q: no rule pack to read it from", name)
			}
			items, err := env.ReadList(name)
			if err != nil {
				return nil, err
			}
			all = append(all, items...)
			continue
		}
		all = append(all, e)
	}
	return all, nil
}
