package detect

import (
	"errors"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/textnorm"
)

// toyModel weighs words of security gaps up and everyday words down.
const toyModel = "postlint-classifier 1\ncategories security-arrangements other\nbias -3 -3\nweights\n" +
	"door\t0:1.5\nunlocked\t0:2.5\ncode\t0:1.5\n#d4\t0:1.5\ncameras\t0:1.5\nbroken\t0:1.5\n" +
	"cake\t0:-2 1:5\nthanks\t0:-1 1:5\na:unlocked\t0:2\na:door\t0:2\n"

func classifierEnv(files map[string]string) *Env {
	return &Env{ReadFile: func(name string) ([]byte, error) {
		if s, ok := files[name]; ok {
			return []byte(s), nil
		}
		return nil, errors.New("open " + name + ": file does not exist")
	}}
}

func TestClassifier(t *testing.T) {
	det, err := buildClassifier(idTestOptions("kind: classifier\nmodel: models/toy.json\noutput: security-arrangements\nthreshold: 0.5\n"),
		classifierEnv(map[string]string{"models/toy.json": toyModel}))
	if err != nil {
		t.Fatal(err)
	}
	d := det.(PostDetector)
	tests := []struct {
		name string
		post post.Post
		want string // the span reported; "" for no finding, "<post>" for the post as a whole
	}{
		{"gap in its own sentence", post.Post{Text: "Lovely shift. The back door was left unlocked all night! Home now."}, "The back door was left unlocked all night"},
		{"code across a line break", post.Post{Text: "lunch in the staff room\nthe door code is 4471 btw"}, "the door code is 4471 btw"},
		{"everyday post", post.Post{Text: "thanks for the cake, door prize at 3"}, ""},
		{"empty text scores the post", post.Post{Text: "", Media: []post.Media{{AltText: "an unlocked door"}}}, "<post>"},
		{"no words at all", post.Post{Text: "!!! ???"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []Match
			d.DetectPost(NewInput(&tt.post, nil), func(m Match) { got = append(got, m) })
			switch {
			case tt.want == "" && len(got) > 0:
				t.Fatalf("reported %+v, want nothing", got)
			case tt.want == "":
				return
			case len(got) != 1:
				t.Fatalf("reported %d matches, want one (%q)", len(got), tt.want)
			}
			m := got[0]
			if m.Confidence < 0.5 || m.Confidence > 0.95 {
				t.Errorf("confidence %v outside [0.5, 0.95]", m.Confidence)
			}
			if !strings.Contains(m.Note, "model score") {
				t.Errorf("note %q does not give the model's score", m.Note)
			}
			if tt.want == "<post>" {
				if m.Field != FieldPost {
					t.Errorf("field %q, want the post as a whole", m.Field)
				}
				return
			}
			if span := tt.post.Text[m.Start:m.End]; m.Field != FieldText || span != tt.want {
				t.Errorf("span %s %q, want text %q", m.Field, span, tt.want)
			}
		})
	}
}

func TestClassifierOptions(t *testing.T) {
	files := map[string]string{"models/toy.json": toyModel, "models/old.json": "postlint-classifier 0\n"}
	tests := []struct{ opts, want string }{
		{"model: models/toy.json\noutput: other\nthreshold: 0", "threshold"},
		{"model: models/toy.json\noutput: other\nthreshold: 1.5", "threshold"},
		{"output: other\nthreshold: 0.5", "model"},
		{"model: models/none.json\noutput: other\nthreshold: 0.5", "does not exist"},
		{"model: models/old.json\noutput: x\nthreshold: 0.5", "feature version"},
		{"model: models/toy.json\noutput: insult\nthreshold: 0.5", "no model for \"insult\""},
		{"model: models/toy.json\noutput: other\nthreshold: 0.5\nextra: 1", "extra"},
	}
	for _, tt := range tests {
		_, err := buildClassifier(idTestOptions("kind: classifier\n"+tt.opts), classifierEnv(files))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("options %q: error %v, want it to mention %q", tt.opts, err, tt.want)
		}
	}
}

func TestHeaviestSentence(t *testing.T) {
	tests := []struct {
		text        string
		weights     []float64
		first, last int
		ok          bool
	}{
		{"a b. c d. e", []float64{0, 0, 1, 1, 0}, 2, 3, true},
		{"a b c", []float64{-1, 2, -1}, 0, 2, true},
		{"a b; c", []float64{1, 0, 3}, 2, 2, true},
		{"a b", []float64{-1, -1}, 0, 0, false},
		{"", nil, 0, 0, false},
	}
	for _, tt := range tests {
		v := textnorm.New(tt.text)
		first, last, ok := heaviestSentence(v, tt.weights)
		if first != tt.first || last != tt.last || ok != tt.ok {
			t.Errorf("heaviestSentence(%q, %v) = %d, %d, %v; want %d, %d, %v", tt.text, tt.weights, first, last, ok, tt.first, tt.last, tt.ok)
		}
	}
}
