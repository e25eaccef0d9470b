package postlint_test

import (
	"context"
	"os"
	"testing"

	"github.com/postlint/postlint"
	"github.com/postlint/postlint/internal/corpus"
)

// BenchmarkCorpusPost lints the labelled corpus post by post on one
// goroutine: the warm cost of one typical post with the whole default pack.
func BenchmarkCorpusPost(b *testing.B) {
	posts, err := corpus.Load(corpusPath)
	if os.IsNotExist(err) {
		b.Skipf("no corpus at %s", corpusPath)
	}
	if err != nil {
		b.Fatal(err)
	}
	l, err := postlint.New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := l.Lint(ctx, posts[i%len(posts)].Post); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
