package classify

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/textnorm"
)

func TestFeatures(t *testing.T) {
	tests := []struct {
		name string
		post post.Post
		want []string // must all be present
		not  []string // must all be absent
	}{
		{
			name: "words, pairs and beginnings of the folded text",
			post: post.Post{Text: "Don’t tell ANYONE yet"},
			want: []string{"don't", "tell", "anyone", "yet", "don't tell", "tell anyone", "anyone yet", "p:anyon", "__acct_personal"},
			not:  []string{"Don’t", "p:tell"},
		},
		{
			name: "digit runs count by length",
			post: post.Post{Text: "code is 4472 on ward 7", Account: "corporate"},
			want: []string{"#d4", "is #d4", "#d4 on", "ward #d1", "__acct_corporate"},
			not:  []string{"4472", "__acct_personal"},
		},
		{
			name: "reply, media and consent are features of their own",
			post: post.Post{
				Text:    "thanks",
				ReplyTo: &post.Reply{Text: "awful wait", Action: "like"},
				Media:   []post.Media{{File: "IMG_ward-selfie.jpg", AltText: "Nurses", Consent: true}},
			},
			want: []string{"__reply_like", "r:awful", "r:wait", "__media", "__consent", "a:nurses", "a:ward", "a:selfie", "a:jpg"},
			not:  []string{"awful", "ward"},
		},
		{
			name: "mentions are no features",
			post: post.Post{Text: "@jo_reporter_devon @Sam.Smith hi there"},
			want: []string{"hi", "hi there"},
			not:  []string{"jo", "reporter", "devon", "sam", "smith", "p:repor", "smith hi", "@"},
		},
		{
			name: "empty post",
			post: post.Post{},
			want: []string{"__acct_personal"},
			not:  []string{"__media", "__reply_reply"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Features(&tt.post)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("feature %q missing from %q", w, got)
				}
			}
			for _, w := range tt.not {
				if slices.Contains(got, w) {
					t.Errorf("feature %q present in %q", w, got)
				}
			}
		})
	}
}

func toyExamples() []Example {
	pos := []string{
		"the key safe code is 1234", "door code 5521 for the side entrance", "keypad code changed to 9090",
		"code for the back door is 2468 btw", "the code is 1111 then star", "staff room code 3030",
	}
	neg := []string{
		"lovely sunny day on the ward", "cake in the staff room", "great teamwork on nights",
		"dress code is smart casual", "our code of conduct training", "thanks to the porters",
		"bake sale friday", "welcome to our new starters",
	}
	var ex []Example
	for _, s := range pos {
		ex = append(ex, Example{Post: &post.Post{Text: s}, Positive: true})
	}
	for _, s := range neg {
		ex = append(ex, Example{Post: &post.Post{Text: s}})
	}
	return ex
}

func TestTrainLearnsAndIsDeterministic(t *testing.T) {
	ex := toyExamples()
	m1, err := Train(context.Background(), "security-arrangements", ex, TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m2, err := Train(context.Background(), "security-arrangements", ex, TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b1, _ := NewPack([]*Model{m1}).Marshal()
	b2, _ := NewPack([]*Model{m2}).Marshal()
	if !bytes.Equal(b1, b2) {
		t.Error("training twice on the same data gave different models")
	}
	for _, tt := range []struct {
		text string
		high bool
	}{
		{"the door code is 7777", true},
		{"new code on the key safe: 4321", true},
		{"sunny day, cake on the ward", false},
		{"dress code reminder for the gala", false},
	} {
		p := m1.ScorePost(&post.Post{Text: tt.text}).P
		if (p >= 0.5) != tt.high {
			t.Errorf("%q: P = %.2f, want high=%v", tt.text, p, tt.high)
		}
	}
	pack, err := ParsePack(b1)
	if err != nil {
		t.Fatal(err)
	}
	out, ok := pack.Output("security-arrangements")
	if !ok {
		t.Fatal("the pack has no security-arrangements output")
	}
	text := textnorm.New(ex[0].Post.Text)
	if got, want := pack.Score(Hash(ex[0].Post, text, nil)).P(out), m1.ScorePost(ex[0].Post).P; got-want > 1e-4 || want-got > 1e-4 {
		t.Errorf("parsed pack scores %v, trained model %v", got, want)
	}
	top := m1.Top(3)
	if len(top) != 3 || !slices.ContainsFunc(top, func(f string) bool { return strings.Contains(f, "code") }) {
		t.Errorf("Top(3) = %q, want three features, one of them about a code", top)
	}
}

func TestTrainErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := Train(ctx, "x", nil, TrainOptions{}); err == nil {
		t.Error("no examples: no error")
	}
	if _, err := Train(ctx, "x", []Example{{Post: &post.Post{Text: "a"}}}, TrainOptions{}); err == nil {
		t.Error("no positives: no error")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Train(cancelled, "x", toyExamples(), TrainOptions{}); err == nil {
		t.Error("cancelled context: no error")
	}
}

func TestRepeatsCountOnce(t *testing.T) {
	m := &Model{Category: "a", Bias: -2, Weights: map[string]float64{"user": 1}}
	p := NewPack([]*Model{m})
	score := func(text string) float64 {
		v := textnorm.New(text)
		return p.Score(Hash(&post.Post{Text: text}, v, nil)).P(0)
	}
	if once, many := score("user"), score("user user user user user"); once != many {
		t.Errorf("P(user) = %v but P(user ×5) = %v: a feature must count once, as in training", once, many)
	}
}

func TestParsePackErrors(t *testing.T) {
	const head = "postlint-classifier 1\ncategories a b\nbias 0 0\nweights\n"
	tests := []struct {
		name, data, want string
	}{
		{"empty", "", ":1: not a classifier pack"},
		{"JSON", `{"version":1}`, ":1: not a classifier pack"},
		{"old features", "postlint-classifier 0\n", "feature version \"0\""},
		{"no weights", "postlint-classifier 1\ncategories a\nbias 0\n", "no weights line"},
		{"unknown line", "postlint-classifier 1\ncolours a\n", ":2: unknown line \"colours\""},
		{"category twice", "postlint-classifier 1\ncategories a a\n", ":2: category \"a\" twice"},
		{"no categories", "postlint-classifier 1\nweights\n", "no categories"},
		{"biases missing", "postlint-classifier 1\ncategories a b\nbias 0\nweights\n", "1 biases for 2"},
		{"huge bias", "postlint-classifier 1\ncategories a\nbias 1e308\nweights\n", ":3: bias: weight \"1e308\""},
		{"no tab", head + "code 0:1\n", ":5: feature line without a tab"},
		{"bad pair", head + "code\t0=1\n", ":5: weight \"0=1\""},
		{"output out of range", head + "code\t2:1\n", ":5: output \"2\" is not one of 0..1"},
		{"huge weight", head + "code\t1:-1e9\n", ":5: weight \"-1e9\""},
		{"weight not a number", head + "code\t0:x\n", ":5: weight \"x\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePack([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParsePack(%q) error = %v, want it to mention %q", tt.data, err, tt.want)
			}
		})
	}
}

func TestPackRoundTrip(t *testing.T) {
	m1 := &Model{Category: "a", Bias: -1, Weights: map[string]float64{"code": 2, "door code": 0.5}, Trained: map[string]string{"examples": "3"}}
	m2 := &Model{Category: "b", Bias: 0.25, Weights: map[string]float64{"code": -1, "cake": 3}}
	pack := NewPack([]*Model{m1, m2})
	for _, form := range []struct {
		name    string
		marshal func() ([]byte, error)
	}{{"text", pack.Marshal}, {"binary", pack.MarshalBinary}} {
		t.Run(form.name, func(t *testing.T) {
			data, err := form.marshal()
			if err != nil {
				t.Fatal(err)
			}
			p, err := ParsePack(data)
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			checkRoundTrip(t, p, m1, m2)
		})
	}
}

func checkRoundTrip(t *testing.T, p *Pack, m1, m2 *Model) {
	t.Helper()
	if !slices.Equal(p.Categories, []string{"a", "b"}) || p.Trained["a"]["examples"] != "3" {
		t.Errorf("categories %q, trained %v", p.Categories, p.Trained)
	}
	po := &post.Post{Text: "the door code"}
	text := textnorm.New(po.Text)
	s := p.Score(Hash(po, text, nil))
	for i, m := range []*Model{m1, m2} {
		if got, want := s.P(i), m.ScorePost(po).P; got-want > 1e-6 || want-got > 1e-6 {
			t.Errorf("output %d: pack %v, model %v", i, got, want)
		}
	}
	if w := s.TokenWeights(0, len(text.Tokens)); w[1] != 0.5 || w[2] != 2 {
		t.Errorf("token weights %v, want door 0.5 (door code) and code 2", w)
	}
}

func TestThreshold(t *testing.T) {
	tests := []struct {
		name      string
		scores    []float64
		positive  []bool
		precision float64
		want      float64
	}{
		{"separable", []float64{0.9, 0.8, 0.3, 0.2}, []bool{true, true, false, false}, 0.9, 0.8},
		{"one negative on top", []float64{0.9, 0.8, 0.7, 0.1}, []bool{false, true, true, false}, 0.6, 0.7},
		{"never precise enough", []float64{0.9, 0.1}, []bool{false, true}, 0.9, 1},
		{"ties are one cut", []float64{0.5, 0.5, 0.5}, []bool{true, false, true}, 0.9, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Threshold(tt.scores, tt.positive, tt.precision, 1); got != tt.want {
				t.Errorf("Threshold = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestBinarySameTable checks that the binary form of a pack reads back to
// the very table its text form does, and writes back to the same bytes.
func TestBinarySameTable(t *testing.T) {
	ex := toyExamples()
	var models []*Model
	for _, cat := range []string{"security-arrangements", "other"} {
		for i := range ex {
			ex[i].Positive = strings.Contains(ex[i].Post.Text, "code") == (cat == "security-arrangements")
		}
		m, err := Train(context.Background(), cat, ex, TrainOptions{})
		if err != nil {
			t.Fatal(err)
		}
		models = append(models, m)
	}
	pack := NewPack(models)
	text, err := pack.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	bin, err := pack.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	fromText, err := ParsePack(text)
	if err != nil {
		t.Fatal(err)
	}
	fromBin, err := ParsePack(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*Pack{pack, fromBin} {
		if !maps.Equal(p.rowOf, fromText.rowOf) || !slices.Equal(p.rows, fromText.rows) || !slices.Equal(p.known, fromText.known) ||
			!slices.Equal(p.Bias, fromText.Bias) || !slices.Equal(p.Categories, fromText.Categories) {
			t.Fatal("the tables differ")
		}
	}
	if !maps.EqualFunc(fromBin.Trained, fromText.Trained, maps.Equal) {
		t.Errorf("trained %v, want %v", fromBin.Trained, fromText.Trained)
	}
	again, err := fromBin.MarshalBinary()
	if err != nil || !bytes.Equal(again, bin) {
		t.Errorf("a binary pack read and written again differs (%v)", err)
	}
	if _, err := fromBin.Marshal(); err == nil {
		t.Error("a pack read from a file wrote itself as text without its features")
	}
}

func TestParseBinaryErrors(t *testing.T) {
	const head = "postlint-classifier 1\ncategories a b\nbias 0 0\n"
	row := func(h uint64, mask byte, ws ...float32) string {
		b := binary.LittleEndian.AppendUint64(nil, h)
		b = append(b, mask)
		for _, w := range ws {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(w))
		}
		return string(b)
	}
	tests := []struct {
		name, data, want string
	}{
		{"no count", head + "binary-weights\n", ":4: binary-weights: want the number of rows"},
		{"too many rows", head + "binary-weights 2\n" + row(1, 1, 0.5), ":4: binary-weights: \"2\" rows do not fit"},
		{"negative rows", head + "binary-weights -1\n", "rows do not fit"},
		{"cut short", head + "binary-weights 1\n" + row(1, 3, 0.5)[:10], "row 0 is cut short"},
		{"weight cut short", head + "binary-weights 1\n" + row(1, 3, 0.5), "row 0 is cut short"},
		{"output out of range", head + "binary-weights 1\n" + row(1, 4, 0.5), "row 0: output 2 is not one of 0..1"},
		{"hash twice", head + "binary-weights 2\n" + row(7, 1, 0.5) + row(7, 2, 0.5), "row 1: hash 0x7 twice"},
		{"huge weight", head + "binary-weights 1\n" + row(1, 1, 1e9), "row 0: weight 1e+09 is not between"},
		{"not a number", head + "binary-weights 1\n" + row(1, 1, float32(math.NaN())), "row 0: weight NaN"},
		{"trailing bytes", head + "binary-weights 1\n" + row(1, 1, 0.5) + "\n", "bytes after the last row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePack([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParsePack(%q) error = %v, want it to mention %q", tt.data, err, tt.want)
			}
		})
	}
}

// TestReadPack checks that a pack read from a stream, in pieces of any
// size, is the pack ParsePack reads, in both forms, and that a cut or
// padded binary form is refused.
func TestReadPack(t *testing.T) {
	bin, err := NewPack([]*Model{
		{Category: "a", Bias: -1, Weights: map[string]float64{"code": 2, "door code": 0.5, "cake": -0.25}},
		{Category: "b", Bias: 0.5, Weights: map[string]float64{"code": -1, "x": 3}},
	}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	packs := map[string][]byte{"binary": bin}
	if data, err := os.ReadFile("../../rules/models/implied.weights"); err == nil {
		packs["default"] = data
	}
	if text, err := NewPack([]*Model{{Category: "a", Bias: 1, Weights: map[string]float64{"code": 2}}}).Marshal(); err == nil {
		packs["text"] = text
	}
	for name, data := range packs {
		want, err := ParsePack(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []io.Reader{bytes.NewReader(data), iotest.HalfReader(bytes.NewReader(data)), iotest.OneByteReader(bytes.NewReader(data))} {
			got, err := ReadPack(r, int64(len(data)))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !maps.Equal(got.rowOf, want.rowOf) || !slices.Equal(got.rows, want.rows) || !slices.Equal(got.Bias, want.Bias) || !slices.Equal(got.Categories, want.Categories) {
				t.Errorf("%s: ReadPack read another table than ParsePack", name)
			}
		}
	}
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"cut", bin[:len(bin)-3], "cut short"},
		{"padded", append(slices.Clip(bin), 0), "bytes after the last row"},
		{"rows missing", bin[:bytes.Index(bin, []byte("\nbinary-weights "))+len("\nbinary-weights 4\n")], "rows do not fit"},
	} {
		if _, err := ReadPack(bytes.NewReader(tt.data), int64(len(tt.data))); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ReadPack error %v, want it to mention %q", tt.name, err, tt.want)
		}
	}
}

func FuzzParsePack(f *testing.F) {
	f.Add([]byte("postlint-classifier 1\ncategories x y\nbias -2 1\ntrained x examples=3\nweights\ncode\t0:1.5\n#d4\t0:0.5 1:-1\n"))
	f.Add([]byte("postlint-classifier 1\ncategories x\nbias 1000\nweights\ncode\t0:1000 0:1000\nis\t0:1000\n"))
	if bin, err := NewPack([]*Model{{Category: "x", Bias: -2, Weights: map[string]float64{"code": 1.5, "#d4": -1}}}).MarshalBinary(); err == nil {
		f.Add(bin)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePack(data)
		q, qerr := ReadPack(bytes.NewReader(data), int64(len(data)))
		if (err == nil) != (qerr == nil) {
			t.Fatalf("ParsePack: %v, ReadPack: %v", err, qerr)
		}
		if err != nil {
			return
		}
		if !maps.Equal(p.rowOf, q.rowOf) || !slices.Equal(p.rows, q.rows) {
			t.Fatal("ReadPack read another table than ParsePack")
		}
		po := &post.Post{Text: "the code is 1234", ReplyTo: &post.Reply{Text: "x"}}
		text := textnorm.New(po.Text)
		s := p.Score(Hash(po, text, OtherFields(po)))
		for i := range p.Categories {
			if pr := s.P(i); pr < 0 || pr > 1 || pr != pr {
				t.Fatalf("probability %v out of range", pr)
			}
			if w := s.TokenWeights(i, len(text.Tokens)); len(w) != len(text.Tokens) {
				t.Fatalf("%d token weights for %d tokens", len(w), len(text.Tokens))
			}
		}
	})
}

// BenchmarkParsePack reads the default pack's models (binary), and a pack
// of as many features in the text form.
func BenchmarkParsePack(b *testing.B) {
	bin, err := os.ReadFile("../../rules/models/implied.weights")
	if err != nil {
		b.Skip(err)
	}
	def, err := ParsePack(bin)
	if err != nil {
		b.Fatal(err)
	}
	k := len(def.Categories)
	models := make([]*Model, k)
	for i := range models {
		models[i] = &Model{Category: def.Categories[i], Bias: def.Bias[i], Weights: map[string]float64{}}
	}
	for row := range len(def.rowOf) {
		for i, w := range def.rows[row*k : row*k+k] {
			if w != 0 {
				// Written as the trainer's weights are: a few digits.
				v, _ := strconv.ParseFloat(strconv.FormatFloat(float64(w), 'g', 4, 32), 64)
				models[i].Weights[fmt.Sprintf("feature %d", row)] = v
			}
		}
	}
	text, err := NewPack(models).Marshal()
	if err != nil {
		b.Fatal(err)
	}
	for _, form := range []struct {
		name string
		data []byte
	}{{"binary", bin}, {"text", text}} {
		b.Run(form.name, func(b *testing.B) {
			b.SetBytes(int64(len(form.data)))
			for b.Loop() {
				if _, err := ParsePack(form.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkScore(b *testing.B) {
	p := defaultPack(b)
	po := &post.Post{Text: "Heads up, the side door by the pharmacy store hasn't locked properly for weeks and estates keep saying they'll sort it. Anyone can walk in after 8pm when reception closes, it's a joke #nhs #nightshift"}
	for b.Loop() {
		text := textnorm.New(po.Text)
		s := p.Score(Hash(po, text, OtherFields(po)))
		_ = s.P(0)
	}
}

// TestFilterKeepsScores checks that the feature filter in front of the
// weight table changes no score: it may let an unknown feature through,
// never stop a known one.
func TestFilterKeepsScores(t *testing.T) {
	data, err := os.ReadFile("../../rules/models/implied.weights")
	if err != nil {
		t.Skip(err)
	}
	p, err := ParsePack(data)
	if err != nil {
		t.Fatal(err)
	}
	if p.known == nil {
		t.Fatal("a parsed pack should have its filter")
	}
	bare, err := ParsePack(data)
	if err != nil {
		t.Fatal(err)
	}
	bare.known = nil
	for _, text := range []string{
		"the key safe code is 4472 and the side door is propped open after 8pm",
		"heard in the managers meeting that maternity is moving site, not announced yet",
		"lovely sunny day for the bake sale 🍰",
		"",
	} {
		po := &post.Post{Text: text, Account: "personal"}
		v := textnorm.New(po.Text)
		f := Hash(po, v, OtherFields(po))
		got, want := p.Score(f), bare.Score(f)
		for i := range p.Categories {
			if got.P(i) != want.P(i) {
				t.Errorf("%q: %s: %v with the filter, %v without", text, p.Categories[i], got.P(i), want.P(i))
			}
		}
	}
}

// TestScoreCountsFirstOccurrence checks Score against a plain reading of
// its contract: every row once, its weight carried to the first text token
// that has it (features of the whole post last).
func TestScoreCountsFirstOccurrence(t *testing.T) {
	p := defaultPack(t)
	for _, text := range []string{
		"the code the code the code is 4472, the code is on the door",
		"heard in the meeting heard in the meeting that wards are closing",
		"",
	} {
		po := &post.Post{Text: text, ReplyTo: &post.Reply{Text: "the code is wrong", Action: "reply"}}
		v := textnorm.New(po.Text)
		f := Hash(po, v, OtherFields(po))
		got := p.Score(f)
		first := map[int32]int{}
		var rows []int32
		for _, h := range f {
			row, ok := p.rowOf[h.Hash]
			if !ok {
				continue
			}
			tok, seen := first[row]
			if !seen {
				rows = append(rows, row)
			}
			if !seen || order(h.Token) < order(tok) {
				first[row] = h.Token
			}
		}
		k := len(p.Categories)
		for i := range p.Categories {
			z := p.Bias[i]
			weights := make([]float64, len(v.Tokens))
			for _, row := range rows {
				w := float64(p.rows[int(row)*k+i])
				z += w
				if tok := first[row]; tok >= 0 && tok < len(weights) {
					weights[tok] += w
				}
			}
			if d := math.Abs(got.P(i) - sigmoid(z)); d > 1e-9 {
				t.Errorf("%q: %s: P %v, want %v", text, p.Categories[i], got.P(i), sigmoid(z))
			}
			for j, w := range got.TokenWeights(i, len(v.Tokens)) {
				if math.Abs(w-weights[j]) > 1e-9 {
					t.Errorf("%q: %s: token %d weighs %v, want %v", text, p.Categories[i], j, w, weights[j])
				}
			}
		}
	}
}

// defaultPack parses the default pack's models, or skips without them.
func defaultPack(tb testing.TB) *Pack {
	tb.Helper()
	data, err := os.ReadFile("../../rules/models/implied.weights")
	if err != nil {
		tb.Skip(err)
	}
	p, err := ParsePack(data)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestScoreViewSameAsScore checks that scoring while hashing gives what
// scoring the list of hashed features does, to the bit: the same rows in
// the same order, so the same sums.
func TestScoreViewSameAsScore(t *testing.T) {
	p := defaultPack(t)
	posts := []*post.Post{
		{Text: "the code the code the code is 4472, the code is on the door"},
		{Text: "heard in the managers meeting that maternity is moving site, not announced yet @jo_reporter"},
		{Text: "", Account: "corporate"},
		{
			Text:    "thanks team 💙 #nhs",
			ReplyTo: &post.Reply{Text: "the code is wrong", Action: "reply"},
			Media:   []post.Media{{File: "IMG_ward-selfie.jpg", AltText: "Nurses at the door", Consent: true}},
		},
	}
	// A post of many posts' words: more hits than Score holds on the stack.
	data, err := os.ReadFile("../../testdata/train/t1.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	posts = append(posts, &post.Post{Text: string(data)})
	for _, po := range posts {
		v := textnorm.New(po.Text)
		want := p.Score(Hash(po, v, OtherFields(po)))
		got := p.ScoreView(po, v, OtherFields(po))
		if !slices.Equal(got.z, want.z) || !slices.Equal(got.hits, want.hits) {
			t.Errorf("%.40q: ScoreView gives %v over %d hits, Score %v over %d", po.Text, got.z, len(got.hits), want.z, len(want.hits))
		}
		if po.Text == string(data) && len(got.hits) <= maxStackHits {
			t.Errorf("the long post has %d hits, no more than the stack holds (%d)", len(got.hits), maxStackHits)
		}
	}
}

// TestTableSameAsMap checks the look-up table against the map it is built
// from: every feature's row, and no row for hashes the pack has not.
func TestTableSameAsMap(t *testing.T) {
	p := defaultPack(t)
	p.known = nil // the table alone, without the filter in front
	for h, want := range p.rowOf {
		if got, ok := p.row(h); !ok || got != want {
			t.Fatalf("hash %x: row %d, %v; want %d", h, got, ok, want)
		}
	}
	for i := range uint64(100000) {
		h := i * 0x9E3779B97F4A7C15
		if _, in := p.rowOf[h]; in {
			continue
		}
		if row, ok := p.row(h); ok {
			t.Fatalf("hash %x not in the pack: row %d", h, row)
		}
	}
}
