package postlint_test

import (
	"context"
	"iter"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/postlint/postlint"
	"github.com/postlint/postlint/internal/corpus"
)

// benchLinter loads the corpus and a linter warmed on it (the entity model
// loaded, every lazily built part built), or skips without the corpus.
func benchLinter(b *testing.B) (*postlint.Linter, []corpus.Labelled) {
	b.Helper()
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
	for _, p := range posts {
		if _, err := l.Lint(context.Background(), p.Post); err != nil {
			b.Fatal(err)
		}
	}
	return l, posts
}

// BenchmarkCorpusPost lints the labelled corpus post by post on one
// goroutine: the warm cost of one typical post with the whole default pack.
func BenchmarkCorpusPost(b *testing.B) {
	l, posts := benchLinter(b)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := l.Lint(ctx, posts[i%len(posts)].Post); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(i), "ns/post")
}

// BenchmarkCorpusLatency times every post of the corpus once per round and
// reports the median and the 99th percentile of one post's latency.
func BenchmarkCorpusLatency(b *testing.B) {
	l, posts := benchLinter(b)
	ctx := context.Background()
	var times []time.Duration
	for b.Loop() {
		for _, p := range posts {
			t0 := time.Now()
			if _, err := l.Lint(ctx, p.Post); err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(t0))
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(times[len(times)*99/100].Nanoseconds()), "p99-ns")
	b.ReportMetric(float64(times[len(times)-1].Nanoseconds()), "max-ns")
}

// BenchmarkCorpusStream lints the corpus, replicated, through LintAll on
// every core (GOMAXPROCS, -cpu) and reports posts per second.
func BenchmarkCorpusStream(b *testing.B) {
	l, posts := benchLinter(b)
	ctx := context.Background()
	n := 0
	for b.Loop() {
		seq := iter.Seq[postlint.Post](func(yield func(postlint.Post) bool) {
			for _, p := range posts {
				if !yield(p.Post) {
					return
				}
			}
		})
		for _, err := range l.LintAll(ctx, seq) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "posts/s")
}
