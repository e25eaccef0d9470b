package detect

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// fastExtractor finds named entities as prose's model does (NewDocument
// without segmentation, then Entities), from the same words, tags and
// weights, without prose's cost. Prose's tokenizer, tagger and entity
// classifier are each followed here (tagger_tokenize.go, tagger.go and
// classify below): prose joins a string and looks it up in a map for every
// feature, label and token, adds up scores in maps, and compiles two regular
// expressions per token; here each feature's key is written into a reused
// buffer and looked up once in a weightTable (tagger_table.go), giving the
// weights of every label at once, and the keys of a token are looked up
// together.
// For the entity labels the arithmetic is prose's, in the same order, so the
// scores are the same numbers; where two labels tie exactly, prose picks one
// at random (it ranges over a map) and this picks the first in the model's
// order. (For the tagger's own ties see proseTagger.)
//
// The weights are prose's own, read from the model files prose embeds
// (prose.Asset), not from a prose.Model: building one costs more than the
// files themselves, and the fast path never needs one.
//
// The code below follows prose's extract.go (MIT License, Copyright (c)
// 2017-2018 Joseph Kato): extract, shape, classify, chunk, coalesce and
// parseEntities.
type fastExtractor struct {
	tagger *proseTagger
	labels []string
	// keys maps "feature-value" to the weights of its joint features,
	// in the model's order of labels.
	keys  *weightTable
	basic map[string]bool
	// scratch holds *extractScratch for reuse between texts.
	scratch sync.Pool
}

// featureOrder is prose's order of features (extract.go).
var featureOrder = [17]string{
	"bias", "en-wordlist", "nextpos", "nextword", "pos", "pos+prevtag",
	"prefix3", "prevpos", "prevtag", "prevword", "shape", "shape+prevtag",
	"suffix3", "word", "word+nextpos", "word.lower", "wordlen"}

// loadFastExtractor reads prose's built-in models: its tagger's and its
// entity classifier's. The two are decoded at once, each on its own
// goroutine.
func loadFastExtractor() (*fastExtractor, error) {
	var (
		tagger *proseTagger
		tagErr error
		wg     sync.WaitGroup
	)
	wg.Go(func() {
		var weights map[string]map[string]float64
		var tags map[string]string
		var classes []string
		if tagErr = decodeAsset("AveragedPerceptron/weights.gob", &weights); tagErr != nil {
			return
		}
		if tagErr = decodeAsset("AveragedPerceptron/tags.gob", &tags); tagErr != nil {
			return
		}
		if tagErr = decodeAsset("AveragedPerceptron/classes.gob", &classes); tagErr != nil {
			return
		}
		tagger, tagErr = newProseTagger(weights, tags, classes)
		if tagErr != nil {
			tagErr = fmt.Errorf("prose's tagger: %w", tagErr)
		}
	})
	var mapping map[string]int
	var weights []float64
	var labels []string
	err := decodeAsset("Maxent/mapping.gob", &mapping)
	if err == nil {
		err = decodeAsset("Maxent/weights.gob", &weights)
	}
	if err == nil {
		err = decodeAsset("Maxent/labels.gob", &labels)
	}
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if tagErr != nil {
		return nil, tagErr
	}
	fe, err := newFastExtractor(labels, mapping, weights)
	if err != nil {
		return nil, fmt.Errorf("prose's entity model: %w", err)
	}
	fe.tagger = tagger
	return fe, nil
}

// decodeAsset decodes one of prose's embedded model files into v.
func decodeAsset(name string, v any) error {
	b, err := prose.Asset("model/" + name)
	if err != nil {
		return fmt.Errorf("reading prose's model file %s: %w", name, err)
	}
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
		return fmt.Errorf("decoding prose's model file %s: %w", name, err)
	}
	return nil
}

// newFastExtractor converts prose's entity model (its binaryMaxentClassifier:
// labels, "feature-value-label" to an index of weights, and weights).
func newFastExtractor(labels []string, mapping map[string]int, weights []float64) (*fastExtractor, error) {
	fe := &fastExtractor{labels: labels, basic: map[string]bool{}}
	if len(fe.labels) == 0 || len(fe.labels) > 255 {
		return nil, fmt.Errorf("%d labels", len(fe.labels))
	}
	// An entry must name one label only.
	for _, a := range fe.labels {
		for _, b := range fe.labels {
			if a != b && strings.HasSuffix("-"+b, "-"+a) {
				return nil, fmt.Errorf("label %q ends label %q", a, b)
			}
		}
	}
	type joint struct {
		key    string
		label  uint8
		weight float64
	}
	joints := make([]joint, 0, len(mapping))
	for entry, idx := range mapping {
		if idx < 0 || idx >= len(weights) {
			return nil, fmt.Errorf("entry %q has weight %d of %d", entry, idx, len(weights))
		}
		// entry is "feature-value-label"; labels hold '-' too (B-PERSON).
		for li, label := range fe.labels {
			if len(entry) > len(label) && entry[len(entry)-len(label)-1] == '-' && strings.HasSuffix(entry, label) {
				joints = append(joints, joint{entry[:len(entry)-len(label)-1], uint8(li), weights[idx]})
			}
		}
	}
	// By key, and in the model's order of labels, as prose adds them up.
	slices.SortFunc(joints, func(a, b joint) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return int(a.label) - int(b.label)
	})
	keys, keyBytes := 0, 0
	for i := range joints {
		if i == 0 || joints[i].key != joints[i-1].key {
			keys, keyBytes = keys+1, keyBytes+len(joints[i].key)
		}
	}
	fe.keys = newWeightTable(keys, keyBytes, len(joints))
	var (
		ls []uint8
		ws []float64
	)
	for i := 0; i < len(joints); {
		ls, ws = ls[:0], ws[:0]
		j := i
		for ; j < len(joints) && joints[j].key == joints[i].key; j++ {
			ls, ws = append(ls, joints[j].label), append(ws, joints[j].weight)
		}
		if err := fe.keys.add(joints[i].key, ls, ws); err != nil {
			return nil, err
		}
		i = j
	}
	for _, w := range strings.Fields(proseWords) {
		fe.basic[w] = true
	}
	return fe, nil
}

// extractScratch holds what one text needs, reused between texts.
type extractScratch struct {
	tok    tokenizerScratch
	tag    taggerScratch
	tags   []string
	lower  []string // lower-case words
	shapes []string
	ltags  []string // lower-case tags
	hist   []string
	totals []float64
	key    []byte
	ends   []int
	offs   [len(featureOrder)]int32
}

// entities returns the named entities of text, as prose's Document.Entities
// would (with prose.WithSegmentation(false)). It fails with errTokenizer
// where prose would panic.
func (fe *fastExtractor) entities(text string) ([]prose.Entity, error) {
	s, _ := fe.scratch.Get().(*extractScratch)
	if s == nil {
		s = &extractScratch{}
	}
	defer fe.scratch.Put(s)
	words, same, err := proseWordsOf(text, &s.tok)
	if err != nil {
		return nil, err
	}
	s.tags = slices.Grow(s.tags[:0], len(words))[:len(words)]
	tags := s.tags
	fe.tagger.tag(words, tags, &s.tag)
	// Prose writes each tag to the token, and a token shared by several
	// words keeps the tag of the last: that is what the classifier reads.
	for i, j := range same {
		tags[i] = tags[j]
	}
	toks := make([]prose.Token, len(words))
	for i := range toks {
		toks[i] = prose.Token{Text: words[i], Tag: tags[i]}
	}
	fe.classify(toks, s)
	// Likewise the label written last is the one every occurrence has
	// when prose groups tokens into entities.
	for i, j := range same {
		toks[i].Label = toks[j].Label
	}
	return chunkEntities(toks), nil
}

// classify labels the tokens (prose's entityExtracter.classify).
func (fe *fastExtractor) classify(toks []prose.Token, s *extractScratch) {
	n := len(toks)
	s.lower, s.shapes, s.ltags = s.lower[:0], s.shapes[:0], s.ltags[:0]
	for _, t := range toks {
		s.lower = append(s.lower, strings.ToLower(t.Text))
		s.shapes = append(s.shapes, shape(t.Text))
		s.ltags = append(s.ltags, strings.ToLower(t.Tag))
	}
	if len(s.totals) < len(fe.labels) {
		s.totals = make([]float64, len(fe.labels))
	}
	totals := s.totals[:len(fe.labels)]
	history := s.hist[:0]
	key := s.key
	for i := range toks {
		clear(totals)
		word, pos := toks[i].Text, toks[i].Tag
		prevShape, prevtag, prevword, prevpos := "None", "None", "None", "None"
		if i > 0 {
			prevword, prevpos, prevtag = s.lower[i-1], toks[i-1].Tag, history[i-1]
			if i > 1 {
				prevShape = s.shapes[i-1]
			}
		}
		nextword, nextpos := "None", "None"
		if i < n-1 {
			nextword, nextpos = s.lower[i+1], s.ltags[i+1]
		}
		ends := s.ends[:0]
		key = key[:0]
		for f, name := range featureOrder {
			key = append(append(key, name...), '-')
			switch f {
			case 0: // bias
				key = append(key, "True"...)
			case 1: // en-wordlist
				if fe.basic[word] {
					key = append(key, "True"...)
				} else {
					key = append(key, "False"...)
				}
			case 2:
				key = append(key, nextpos...)
			case 3:
				key = append(key, nextword...)
			case 4:
				key = append(key, pos...)
			case 5: // pos+prevtag
				key = append(append(append(key, pos...), '+'), prevtag...)
			case 6: // prefix3
				key = appendLower(key, word[:min(len(word), 3)])
			case 7:
				key = append(key, prevpos...)
			case 8:
				key = append(key, prevtag...)
			case 9:
				key = append(key, prevword...)
			case 10:
				key = append(key, s.shapes[i]...)
			case 11: // shape+prevtag
				key = append(append(append(key, prevShape...), '+'), prevtag...)
			case 12: // suffix3
				key = appendLower(key, word[len(word)-min(len(word), 3):])
			case 13:
				key = append(key, word...)
			case 14: // word+nextpos
				key = append(append(append(key, s.lower[i]...), '+'), nextpos...)
			case 15: // word.lower
				key = append(key, s.lower[i]...)
			case 16: // wordlen
				key = strconv.AppendInt(key, int64(len(word)), 10)
			}
			ends = append(ends, len(key))
		}
		s.ends = ends
		offs := s.offs[:len(ends)]
		fe.keys.findAll(key, ends, offs)
		// Added up in featureOrder, as prose does.
		for _, off := range offs {
			if off < 0 {
				continue
			}
			ls, ws := fe.keys.record(off)
			for j, l := range ls {
				totals[l] += weight(ws, j)
			}
		}
		label, best := "", math.Inf(-1)
		for k, t := range totals {
			if t > best {
				label, best = fe.labels[k], t
			}
		}
		toks[i].Label = label
		history = append(history, simplePOS(label))
	}
	s.hist, s.key = history, key
}

// appendLower appends strings.ToLower(s).
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(dst, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// shape is prose's shape, without its regular expressions: \W+$ matches
// where the last character is not a word character, \w+$ where it is.
func shape(word string) string {
	if mayParseFloat(word) {
		if _, err := strconv.ParseFloat(word, 64); err == nil {
			return "number"
		}
	}
	if word == "" {
		return "other"
	}
	if r, _ := utf8.DecodeLastRuneInString(word); !isWordChar(r) {
		return "punct"
	}
	if strings.ToLower(word) == word {
		return "downcase"
	}
	//lint:ignore SA1019 prose's model was trained with this exact test, so keep it to give the same feature
	if strings.Title(word) == word {
		return "upcase"
	}
	return "mixedcase"
}

// mayParseFloat reports whether strconv.ParseFloat could accept s: it
// starts with a sign, a digit, a point, or the i or n of inf or nan.
func mayParseFloat(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; {
	case '0' <= c && c <= '9':
		return true
	case c == '+' || c == '-' || c == '.' || c == 'i' || c == 'I' || c == 'n' || c == 'N':
		return true
	}
	return false
}

// isWordChar is regexp's \w: an ASCII letter, digit or underscore.
func isWordChar(r rune) bool {
	return '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == '_'
}

func simplePOS(pos string) string {
	if strings.HasPrefix(pos, "V") {
		return "v"
	}
	p, _, _ := strings.Cut(pos, "-")
	return p
}

// chunkEntities groups labelled tokens into entities (prose's chunk).
func chunkEntities(tokens []prose.Token) []prose.Entity {
	var entities []prose.Entity
	end := ""
	var parts []prose.Token
	for _, tok := range tokens {
		label := tok.Label
		n := len(parts)
		if (label != "O" && label != end) ||
			(n > 0 && tok.Tag == parts[n-1].Tag) ||
			(n > 0 && tok.Tag == "CD" && parts[n-1].Label != "O") {
			end = strings.Replace(label, "B", "I", 1)
			parts = append(parts, tok)
		} else if (label == "O" && end != "") || label == end {
			if label != "O" {
				parts = append(parts, tok)
			}
			if e, ok := coalesce(parts); ok {
				entities = append(entities, e)
			}
			end = ""
			parts = parts[:0]
		}
	}
	return entities
}

// coalesce makes one entity of its tokens; false where prose would fail (a
// first label without '-', on which prose panics).
func coalesce(parts []prose.Token) (prose.Entity, bool) {
	texts := make([]string, len(parts))
	labels := make([]string, len(parts))
	for i, t := range parts {
		texts[i], labels[i] = t.Text, t.Label
	}
	e := prose.Entity{Text: strings.Join(texts, " ")}
	switch _, kind, ok := strings.Cut(labels[0], "-"); {
	case len(labels) == 2 && (labels[0] == "B-PERSON" || labels[1] == "B-PERSON"):
		e.Label = "PERSON"
	case !ok:
		return e, false
	default:
		kind, _, _ = strings.Cut(kind, "-")
		e.Label = kind
	}
	return e, true
}

// SlowResources returns Resources that extract entities with prose's own
// pipeline, for tests that compare it with the fast one.
func SlowResources() *Resources { return &Resources{slowEntities: true} }
