// Package classify holds the small linear models behind postlint's
// classifier rules: logistic regression over the words of a post (single
// words, pairs of words, word beginnings) and a few facts about it (the
// account, a reply, media). A model says how much a post reads like a breach
// of one category when no single cue names it — an implied accusation, a
// leaked plan described in passing — and the words that made it say so.
//
// Models are data: JSON files in the rule pack, trained by
// `go run ./internal/classify/cmd/train` from labelled posts, readable
// (every weight is keyed by its feature) and deterministic to retrain.
package classify

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/textnorm"
)

// FeatureVersion names the feature set; a model trained on another version
// is refused.
const FeatureVersion = 1

// prefixLen is the length of the word beginnings used as features, which
// let "criticised", "criticising" and "criticism" share weight.
const prefixLen = 5

// maxWeight bounds the bias and every weight of a model file, so that no
// sum of them can overflow to an infinity.
const maxWeight = 1000

// A Model is a trained logistic regression for one category. Models are
// stored and used gathered in a Pack.
type Model struct {
	Category string
	Bias     float64
	Weights  map[string]float64
	// Trained records how the model was made (data, sizes, options), for
	// people reading it.
	Trained map[string]string

	hashed map[uint64]float32
}

// index builds the hashed weight table used when scoring.
func (m *Model) index() {
	m.hashed = make(map[uint64]float32, len(m.Weights))
	for k, w := range m.Weights {
		m.hashed[hash([]byte(k))] += float32(w)
	}
}

// A Scored post: its probability of breaching the model's category and the
// weight each token of its text contributed.
type Scored struct {
	P float64
	// TokenWeight[i] is the weight the features starting at token i of the
	// text view added (single word, word beginning, the pair it starts).
	TokenWeight []float64
}

// A Hashed feature: the text token it starts at (-1 for features of the
// post as a whole or of other fields) and the hash of its name.
type Hashed struct {
	Token int
	Hash  uint64
}

// Hash returns the features of a post, hashed, for scoring by any number of
// models (Pack.Score; Pack.ScoreView hashes them as it scores, without the
// list). text is the view of the post's text; other the views of its other
// parts (OtherFields).
// A feature occurring more than once is listed each time; scoring counts it
// once (see Pack.Score).
func Hash(p *post.Post, text *textnorm.View, other []Field) []Hashed {
	out := make([]Hashed, 0, 3*len(text.Tokens)+8)
	eachFeature(p, text, other, func(tok int, a, b, c string) {
		// The hash of a+b+c, without joining them.
		out = append(out, Hashed{Token: tok, Hash: hashString(hashString(hashString(hashOffset, a), b), c)})
	})
	return out
}

// hash is 64-bit FNV-1a: fixed, so that features hashed once per post serve
// every model.
func hash(b []byte) uint64 {
	h := uint64(hashOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= hashPrime
	}
	return h
}

// hashString carries on the FNV-1a hash h over the bytes of s: the hash of
// a feature is that of its parts one after the other.
func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= hashPrime
	}
	return h
}

// The parameters of FNV-1a, 64 bits.
const (
	hashOffset = 14695981039346656037
	hashPrime  = 1099511628211
)

// Score rates a post from its hashed features; tokens is the number of
// tokens of its text.
func (m *Model) Score(features []Hashed, tokens int) Scored {
	if m.hashed == nil {
		m.index()
	}
	s := Scored{TokenWeight: make([]float64, tokens)}
	z := m.Bias
	seen := map[uint64]bool{}
	for _, f := range features {
		w, ok := m.hashed[f.Hash]
		if !ok || seen[f.Hash] {
			continue
		}
		seen[f.Hash] = true
		z += float64(w)
		if f.Token >= 0 && f.Token < tokens {
			s.TokenWeight[f.Token] += float64(w)
		}
	}
	s.P = sigmoid(z)
	return s
}

func sigmoid(z float64) float64 {
	z = max(-30, min(30, z))
	return 1 / (1 + math.Exp(-z))
}

// A Field is another part of the post whose words are features, with the
// prefix that keeps them apart from the text's ("r:" for the reply).
type Field struct {
	Prefix string
	View   *textnorm.View
}

// EachFeature calls fn with every feature of a post, once per occurrence.
// tok is the index of the text token a feature starts at, or -1 for
// features of the post as a whole or of other fields. f is valid only during
// the call.
func EachFeature(p *post.Post, text *textnorm.View, other []Field, buf *[]byte, fn func(tok int, f []byte)) {
	b := (*buf)[:0]
	eachFeature(p, text, other, func(tok int, x, y, z string) {
		b = append(append(append(b[:0], x...), y...), z...)
		fn(tok, b)
	})
	*buf = b
}

// eachFeature calls fn with every feature of a post, once per occurrence,
// as EachFeature does, each in up to three parts to be read one after the
// other (the others empty), so that Hash hashes them where they lie.
func eachFeature(p *post.Post, text *textnorm.View, other []Field, fn func(tok int, a, b, c string)) {
	prev, prevTok := "", 0
	inMention := false
	for i, t := range text.Tokens {
		w := word(t.Text)
		// @mentions are no features at all: handles are people's, not
		// words of the post ("@jo_reporter_devon"), and whether a post
		// mentions someone says nothing of what it says about them.
		switch {
		case t.Start > 0 && text.Fold[t.Start-1] == '@':
			inMention = true
			continue
		case inMention && i > 0 && t.Start-text.Tokens[i-1].End == 1 && strings.IndexByte("_.-", text.Fold[t.Start-1]) >= 0:
			continue
		default:
			inMention = false
		}
		fn(i, w, "", "")
		if len(w) > prefixLen && w[0] != '#' {
			fn(i, "p:", w[:prefixLen], "")
		}
		if prev != "" {
			fn(prevTok, prev, " ", w)
		}
		prev, prevTok = w, i
	}
	account := p.Account
	if account == "" {
		account = "personal"
	}
	fn(-1, "__acct_", account, "")
	if p.ReplyTo != nil {
		fn(-1, "__reply_", p.ReplyTo.EffectiveAction(), "")
	}
	if len(p.Media) > 0 {
		fn(-1, "__media", "", "")
	}
	for _, m := range p.Media {
		if m.Consent {
			fn(-1, "__consent", "", "")
			break
		}
	}
	for _, o := range other {
		if o.View == nil {
			continue
		}
		for _, t := range o.View.Tokens {
			fn(-1, o.Prefix, word(t.Text), "")
		}
	}
}

// word is the feature of a token: digit runs become their length ("#d4"),
// so that a ward number or a code count as what they are, not which.
func word(t string) string {
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return t
		}
	}
	return digitWords[min(len(t), len(digitWords)-1)]
}

var digitWords = func() []string {
	w := make([]string, 8)
	for i := range w {
		w[i] = "#d" + strconv.Itoa(i)
	}
	return w
}()

// Top returns the n features of the model with the largest weights, for
// people reading a rule (postlint rules explain).
func (m *Model) Top(n int) []string {
	keys := make([]string, 0, len(m.Weights))
	for k, w := range m.Weights {
		if w > 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if m.Weights[keys[i]] != m.Weights[keys[j]] {
			return m.Weights[keys[i]] > m.Weights[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys[:min(n, len(keys))]
}

// OtherFields returns the views of the parts of a post besides its text whose
// words are features: the reply's text ("r:"), and the media's alt texts and
// file names ("a:").
func OtherFields(p *post.Post) []Field {
	var out []Field
	if p.ReplyTo != nil && p.ReplyTo.Text != "" {
		out = append(out, Field{Prefix: "r:", View: textnorm.New(p.ReplyTo.Text)})
	}
	for _, m := range p.Media {
		s := m.AltText + " " + fileWords(m.File)
		if strings.TrimSpace(s) != "" {
			out = append(out, Field{Prefix: "a:", View: textnorm.New(s)})
		}
	}
	return out
}

// fileWords splits a file name into its words: "IMG_2231-ward.selfie.jpg"
// gives "IMG 2231 ward selfie jpg".
func fileWords(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', '.', '/', '\\':
			return ' '
		}
		return r
	}, s)
}

// ScorePost rates a post, building its views itself.
func (m *Model) ScorePost(p *post.Post) Scored {
	text := textnorm.New(p.Text)
	return m.Score(Hash(p, text, OtherFields(p)), len(text.Tokens))
}
