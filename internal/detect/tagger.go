package detect

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mingrammer/commonregex"
)

// proseTagger tags parts of speech as prose's perceptron tagger does
// (tag.go: perceptronTagger.tag and averagedPerceptron.predict), from the
// same weights, without prose's cost: prose builds a map of feature strings
// per token, each joined from its parts, and adds the weights up in a map of
// labels; here each feature's key is written into one reused buffer and
// looked up in a map, made once when the model loads, that gives the
// weights of every class at once, added up in an array.
//
// The sums are the same numbers up to the order of the additions: prose
// ranges over its maps (a random order, so the last bits of a sum can differ
// from one run of prose to the next), this adds the features in the order
// prose's featurize lists them. Where two classes tie, prose picks one at
// random and this picks the first in the model's order of classes.
//
// The code below follows prose's tag.go (MIT License, Copyright (c) 2013
// Matthew Honnibal, Copyright (c) 2017-2018 Joseph Kato).
type proseTagger struct {
	classes []string
	tagMap  map[string]string
	// feats maps a feature key ("i suffix ing") to its weights, in the
	// order of classes.
	feats *weightTable
}

// newProseTagger converts prose's tagger model: weights by feature and
// class, the tags of unambiguous words, and the classes.
func newProseTagger(weights map[string]map[string]float64, tagMap map[string]string, classes []string) (*proseTagger, error) {
	t := &proseTagger{classes: slices.Clone(classes), tagMap: tagMap}
	index := make(map[string]int, len(t.classes))
	for i, c := range t.classes {
		index[c] = i
	}
	// A class that weighs but is not listed is added, in a fixed order.
	var extra []string
	keyBytes, entries := 0, 0
	for feat, ws := range weights {
		keyBytes += len(feat)
		entries += len(ws)
		for c := range ws {
			if _, ok := index[c]; !ok {
				index[c] = -1
				extra = append(extra, c)
			}
		}
	}
	slices.Sort(extra)
	for _, c := range extra {
		index[c] = len(t.classes)
		t.classes = append(t.classes, c)
	}
	if len(t.classes) == 0 || len(t.classes) > 255 {
		return nil, fmt.Errorf("the tagger has %d classes", len(t.classes))
	}
	type entry struct {
		class  uint8
		weight float64
	}
	var (
		es []entry
		cs []uint8
		ws []float64
	)
	t.feats = newWeightTable(len(weights), keyBytes, entries)
	for feat, byClass := range weights {
		es = es[:0]
		for c, w := range byClass {
			es = append(es, entry{uint8(index[c]), w})
		}
		slices.SortFunc(es, func(a, b entry) int { return int(a.class) - int(b.class) })
		cs, ws = cs[:0], ws[:0]
		for _, e := range es {
			cs, ws = append(cs, e.class), append(ws, e.weight)
		}
		if err := t.feats.add(feat, cs, ws); err != nil {
			return nil, err
		}
	}
	return t, nil
}

var (
	noneTag = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	keepTag = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

// taggerScratch holds what tagging one text needs, reused between tokens.
type taggerScratch struct {
	ctx     []string
	key     []byte
	ends    []int
	offs    [maxBatch]int32
	scores  []float64
	present []bool
	// margin is the least lead of the best class over the next of any word
	// predicted by tag (+Inf for none): where it is next to nothing, prose
	// may pick the other class, as it adds up in another order.
	margin float64
}

// tag sets tags[i] to the tag of words[i], as prose's tagger would.
func (t *proseTagger) tag(words, tags []string, s *taggerScratch) {
	n := len(words)
	s.ctx = append(s.ctx[:0], "-START-", "-START2-")
	for _, w := range words {
		s.ctx = append(s.ctx, normalizeWord(w))
	}
	s.ctx = append(s.ctx, "-END-", "-END2-")
	if len(s.scores) < len(t.classes) {
		s.scores = make([]float64, len(t.classes))
		s.present = make([]bool, len(t.classes))
	}
	s.margin = math.Inf(1)
	p1, p2 := "-START-", "-START2-"
	for i := range n {
		word := words[i]
		var tag string
		switch {
		case word == "-":
			tag = "-"
		case isEmoticon(word):
			tag = "SYM"
		case strings.HasPrefix(word, "@") || isLinkOrEmail(word):
			tag = "NN"
		case (word == "0" || word != "" && word[0] == '*') && noneTag.MatchString(word):
			tag = "-NONE-"
		case len(word) == 5 && word[0] == '-' && keepTag.MatchString(word):
			tag = word
		default:
			var ok bool
			if tag, ok = t.tagMap[word]; !ok {
				tag = t.predict(i, s.ctx, word, p1, p2, s)
			}
		}
		tags[i] = tag
		p2, p1 = p1, tag
	}
}

// isLinkOrEmail reports whether prose's link or e-mail expressions match
// word: each needs a full stop or an at sign, so they run only on words
// with one.
func isLinkOrEmail(word string) bool {
	if !strings.ContainsAny(word, ".@") {
		return false
	}
	return commonregex.LinkRegex.MatchString(word) || commonregex.EmailRegex.MatchString(word)
}

// predict scores the features of word i (prose's featurize and predict).
func (t *proseTagger) predict(i int, ctx []string, w, p1, p2 string, s *taggerScratch) string {
	scores, present := s.scores[:len(t.classes)], s.present[:len(t.classes)]
	clear(scores)
	clear(present)
	i += 2
	// The features of prose's featurize, in its order.
	k, ends := s.key[:0], s.ends[:0]
	k = append(k, "bias"...)
	ends = append(ends, len(k))
	k = append(append(k, "i suffix "...), w[len(w)-min(len(w), 3):]...)
	ends = append(ends, len(k))
	// prose converts the first byte, not the first character, to a string.
	k = utf8.AppendRune(append(k, "i pref1 "...), rune(w[0]))
	ends = append(ends, len(k))
	k = append(append(k, "i-1 tag "...), p1...)
	ends = append(ends, len(k))
	k = append(append(k, "i-2 tag "...), p2...)
	ends = append(ends, len(k))
	k = append(append(append(append(k, "i tag+i-2 tag "...), p1...), ' '), p2...)
	ends = append(ends, len(k))
	k = append(append(k, "i word "...), ctx[i]...)
	ends = append(ends, len(k))
	k = append(append(append(append(k, "i-1 tag+i word "...), p1...), ' '), ctx[i]...)
	ends = append(ends, len(k))
	k = append(append(k, "i-1 word "...), ctx[i-1]...)
	ends = append(ends, len(k))
	k = append(append(k, "i-1 suffix "...), suffix3(ctx[i-1])...)
	ends = append(ends, len(k))
	k = append(append(k, "i-2 word "...), ctx[i-2]...)
	ends = append(ends, len(k))
	k = append(append(k, "i+1 word "...), ctx[i+1]...)
	ends = append(ends, len(k))
	k = append(append(k, "i+1 suffix "...), suffix3(ctx[i+1])...)
	ends = append(ends, len(k))
	k = append(append(k, "i+2 word "...), ctx[i+2]...)
	ends = append(ends, len(k))
	s.key, s.ends = k, ends
	offs := s.offs[:len(ends)]
	t.feats.findAll(k, ends, offs)
	for _, off := range offs {
		if off < 0 {
			continue
		}
		cs, ws := t.feats.record(off)
		for j, c := range cs {
			scores[c] += weight(ws, j)
			present[c] = true
		}
	}
	best, next, class := math.Inf(-1), math.Inf(-1), -1
	for c, ok := range present {
		switch {
		case !ok:
		case class < 0 || scores[c] > best:
			best, next, class = scores[c], best, c
		case scores[c] > next:
			next = scores[c]
		}
	}
	if class < 0 {
		return ""
	}
	s.margin = min(s.margin, best-next)
	return t.classes[class]
}

func suffix3(s string) string { return s[len(s)-min(len(s), 3):] }

// normalizeWord is prose's normalize.
func normalizeWord(word string) string {
	switch {
	case word == "":
		return word
	case word[0] != '-' && strings.IndexByte(word, '-') >= 0:
		return "!HYPHEN"
	case len(word) == 4 && atoiOK(word):
		return "!YEAR"
	case '0' <= word[0] && word[0] <= '9':
		return "!DIGITS"
	}
	return strings.ToLower(word)
}

// atoiOK reports whether strconv.Atoi accepts s, for s of at most 18 bytes
// (no overflow): an optional sign and at least one digit.
func atoiOK(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
