package textnorm

import (
	"path/filepath"
	"testing"

	"github.com/postlint/postlint/internal/corpus"
)

func corpusTexts(b *testing.B) []string {
	ls, err := corpus.Load(filepath.Join("..", "..", "..", "shared", "corpus", "posts.jsonl"))
	if err != nil {
		b.Skip("no corpus:", err)
	}
	var out []string
	for _, l := range ls {
		out = append(out, l.Post.Text)
	}
	return out
}

// BenchmarkNew builds the view of each of the corpus's texts.
func BenchmarkNew(b *testing.B) {
	texts := corpusTexts(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		New(texts[i%len(texts)])
		i++
	}
}

// BenchmarkDeobfuscated builds the deobfuscated view of each of the
// corpus's texts.
func BenchmarkDeobfuscated(b *testing.B) {
	texts := corpusTexts(b)
	views := make([]*View, len(texts))
	for i, s := range texts {
		views[i] = New(s)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		var d Deobfuscated
		deobfuscate(views[i%len(views)].Fold, &d)
		i++
	}
}
