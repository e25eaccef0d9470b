package detect

import (
	"errors"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/jdkato/prose/v2"
)

// fastExtractor finds named entities as prose's model does, from the same
// tokens, tags and weights, without prose's cost: prose joins a string and
// looks it up in a map for every feature, label and token, and compiles two
// regular expressions per token; here each feature value is looked up once
// and gives the weights of every label at once. Prose's own tokenizer and
// tagger still run (NewDocument without extraction). The arithmetic is
// prose's, in the same order, so the scores are the same numbers; where two
// labels tie exactly, prose picks one at random (it ranges over a map) and
// this picks the first in the model's order.
//
// The weights are read from prose's model with reflection: prose exports no
// way to reach them. If its model is not shaped as expected, newFastExtractor
// returns nil and prose's extraction runs as it is.
//
// The code below follows prose's extract.go (MIT License, Copyright (c)
// 2017-2018 Joseph Kato): extract, shape, classify, chunk, coalesce and
// parseEntities.
type fastExtractor struct {
	labels []string
	// keys maps "feature-value" to its joint features: label[i] and
	// weight[i] for i in [start, end).
	keys   map[string][2]int32
	label  []uint8
	weight []float64
	basic  map[string]bool
}

// featureOrder is prose's order of features (extract.go).
var featureOrder = []string{
	"bias", "en-wordlist", "nextpos", "nextword", "pos", "pos+prevtag",
	"prefix3", "prevpos", "prevtag", "prevword", "shape", "shape+prevtag",
	"suffix3", "word", "word+nextpos", "word.lower", "wordlen"}

func newFastExtractor(m *prose.Model) (fe *fastExtractor) {
	defer func() {
		if recover() != nil {
			fe = nil
		}
	}()
	if m == nil {
		return nil
	}
	ext := reflect.ValueOf(m).Elem().FieldByName("extracter")
	if !ext.IsValid() || ext.Kind() != reflect.Pointer || ext.IsNil() {
		return nil
	}
	model := ext.Elem().FieldByName("model")
	if !model.IsValid() || model.Kind() != reflect.Pointer || model.IsNil() {
		return nil
	}
	labelsV, mappingV, weightsV := model.Elem().FieldByName("labels"), model.Elem().FieldByName("mapping"), model.Elem().FieldByName("weights")
	if labelsV.Kind() != reflect.Slice || mappingV.Kind() != reflect.Map || weightsV.Kind() != reflect.Slice {
		return nil
	}
	fe = &fastExtractor{basic: map[string]bool{}}
	for i := 0; i < labelsV.Len(); i++ {
		fe.labels = append(fe.labels, labelsV.Index(i).String())
	}
	if len(fe.labels) == 0 || len(fe.labels) > 255 {
		return nil
	}
	// An entry must name one label only.
	for _, a := range fe.labels {
		for _, b := range fe.labels {
			if a != b && strings.HasSuffix("-"+b, "-"+a) {
				return nil
			}
		}
	}
	weights := make([]float64, weightsV.Len())
	for i := range weights {
		weights[i] = weightsV.Index(i).Float()
	}
	type joint struct {
		label  uint8
		weight float64
	}
	byKey := map[string][]joint{}
	iter := mappingV.MapRange()
	for iter.Next() {
		entry, idx := iter.Key().String(), int(iter.Value().Int())
		if idx < 0 || idx >= len(weights) {
			return nil
		}
		// entry is "feature-value-label"; labels hold '-' too (B-PERSON).
		for li, label := range fe.labels {
			if key, ok := strings.CutSuffix(entry, "-"+label); ok {
				byKey[key] = append(byKey[key], joint{uint8(li), weights[idx]})
			}
		}
	}
	fe.keys = make(map[string][2]int32, len(byKey))
	for key, js := range byKey {
		// In the model's order of labels, as prose adds them up.
		slices.SortFunc(js, func(a, b joint) int { return int(a.label) - int(b.label) })
		start := int32(len(fe.label))
		for _, j := range js {
			fe.label = append(fe.label, j.label)
			fe.weight = append(fe.weight, j.weight)
		}
		fe.keys[key] = [2]int32{start, int32(len(fe.label))}
	}
	for _, w := range strings.Fields(proseWords) {
		fe.basic[w] = true
	}
	return fe
}

// entities returns the named entities of text, as prose's Document.Entities
// would.
func (fe *fastExtractor) entities(m *prose.Model, text string) ([]prose.Entity, error) {
	doc, err := prose.NewDocument(text, prose.UsingModel(m), prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return nil, err
	}
	toks := doc.Tokens()
	same, ok := sharedTokens(doc)
	if !ok || len(same) != len(toks) {
		return nil, errNoFastPath
	}
	fe.classify(toks)
	// Prose's tokenizer hands out the same *Token for every occurrence of
	// a span of text, so the label it writes last is the one every
	// occurrence has when it groups tokens into entities.
	for i, j := range same {
		toks[i].Label = toks[j].Label
	}
	return chunkEntities(toks), nil
}

var errNoFastPath = errors.New("prose's document is not shaped as expected")

// sharedTokens returns, for each token of the document, the index of the
// last token that is the same *Token (itself when none later is).
func sharedTokens(doc *prose.Document) (same []int, ok bool) {
	defer func() {
		if recover() != nil {
			same, ok = nil, false
		}
	}()
	v := reflect.ValueOf(doc).Elem().FieldByName("tokens")
	if v.Kind() != reflect.Slice {
		return nil, false
	}
	last := map[uintptr]int{}
	ptrs := make([]uintptr, v.Len())
	for i := range ptrs {
		ptrs[i] = v.Index(i).Pointer()
		last[ptrs[i]] = i
	}
	same = make([]int, len(ptrs))
	for i, p := range ptrs {
		same[i] = last[p]
	}
	return same, true
}

// classify labels the tokens (prose's entityExtracter.classify).
func (fe *fastExtractor) classify(toks []prose.Token) {
	history := make([]string, 0, len(toks))
	totals := make([]float64, len(fe.labels))
	var feats [17]string
	key := make([]byte, 0, 64)
	for i := range toks {
		fe.extract(&feats, i, toks, history)
		for k := range totals {
			totals[k] = 0
		}
		for f, name := range featureOrder {
			key = append(append(append(key[:0], name...), '-'), feats[f]...)
			span, ok := fe.keys[string(key)]
			if !ok {
				continue
			}
			for j := span[0]; j < span[1]; j++ {
				totals[fe.label[j]] += fe.weight[j]
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
}

// extract fills the features of token i in featureOrder.
func (fe *fastExtractor) extract(f *[17]string, i int, ctx []prose.Token, history []string) {
	word := ctx[i].Text
	lower := strings.ToLower(word)
	prevShape := "None"
	var prevtag, prevword, prevpos, nextword, nextpos string
	switch {
	case i == 0:
		prevtag, prevword, prevpos = "None", "None", "None"
	case i == 1:
		prevword, prevpos, prevtag = strings.ToLower(ctx[i-1].Text), ctx[i-1].Tag, history[i-1]
	default:
		prevword, prevpos, prevtag = strings.ToLower(ctx[i-1].Text), ctx[i-1].Tag, history[i-1]
		prevShape = shape(ctx[i-1].Text)
	}
	if i == len(ctx)-1 {
		nextword, nextpos = "None", "None"
	} else {
		nextword, nextpos = strings.ToLower(ctx[i+1].Text), strings.ToLower(ctx[i+1].Tag)
	}
	basic := "False"
	if fe.basic[word] {
		basic = "True"
	}
	pos := ctx[i].Tag
	*f = [17]string{
		"True",                    // bias
		basic,                     // en-wordlist
		nextpos,                   // nextpos
		nextword,                  // nextword
		pos,                       // pos
		pos + "+" + prevtag,       // pos+prevtag
		nPrefix(word, 3),          // prefix3
		prevpos,                   // prevpos
		prevtag,                   // prevtag
		prevword,                  // prevword
		shape(word),               // shape
		prevShape + "+" + prevtag, // shape+prevtag
		nSuffix(word, 3),          // suffix3
		word,                      // word
		lower + "+" + nextpos,     // word+nextpos
		lower,                     // word.lower
		strconv.Itoa(len(word)),   // wordlen
	}
}

var (
	trailingNonWord = regexp.MustCompile(`\W+$`)
	trailingWord    = regexp.MustCompile(`\w+$`)
)

// shape is prose's shape, with its expressions compiled once.
func shape(word string) string {
	if _, err := strconv.ParseFloat(word, 64); err == nil {
		return "number"
	} else if trailingNonWord.MatchString(word) {
		return "punct"
	} else if trailingWord.MatchString(word) {
		//lint:ignore SA1019 prose's model was trained with this exact test, so keep it to give the same feature
		title := strings.Title(word)
		if strings.ToLower(word) == word {
			return "downcase"
		} else if title == word {
			return "upcase"
		}
		return "mixedcase"
	}
	return "other"
}

func nSuffix(word string, n int) string { return strings.ToLower(word[len(word)-min(len(word), n):]) }
func nPrefix(word string, n int) string { return strings.ToLower(word[:min(len(word), n)]) }

func simplePOS(pos string) string {
	if strings.HasPrefix(pos, "V") {
		return "v"
	}
	return strings.Split(pos, "-")[0]
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
