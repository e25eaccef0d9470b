package engine

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/postlint/postlint/internal/corpus"
	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/internal/textnorm"
	"github.com/postlint/postlint/rules"
)

// corpusLinter returns a linter of the default pack, its prefilter built
// and warmed on the labelled corpus, and the corpus's posts; it skips
// without the corpus.
func corpusLinter(b *testing.B) (*Linter, []post.Post) {
	b.Helper()
	ls, err := corpus.Load(filepath.Join("..", "..", "..", "shared", "corpus", "posts.jsonl"))
	if err != nil {
		b.Skip("no corpus:", err)
	}
	res := &detect.Resources{}
	pack, err := rulepack.Load(res, rulepack.Layer{FS: rules.FS(), Name: "rules"})
	if err != nil {
		b.Fatal(err)
	}
	l, err := New(pack, res, Options{})
	if err != nil {
		b.Fatal(err)
	}
	l.waitPrefilter()
	posts := make([]post.Post, len(ls))
	for i := range ls {
		posts[i] = ls[i].Post
		l.Lint(&posts[i], nil)
	}
	return l, posts
}

// cpuTime returns the CPU time the process has used (every thread: the
// garbage collector's too).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCorpusLint lints the corpus post by post on one goroutine. Next
// to the time per post it reports the CPU time per post, collector
// included, which other work on a shared machine disturbs less.
func BenchmarkCorpusLint(b *testing.B) {
	l, posts := corpusLinter(b)
	b.ReportAllocs()
	cpu0 := cpuTime()
	i := 0
	for b.Loop() {
		l.Lint(&posts[i%len(posts)], nil)
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(i), "ns/post")
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(i), "cpu-ns/post")
}

// BenchmarkCorpusStream lints the corpus through Stream on GOMAXPROCS
// workers (-cpu), as the command does, and reports posts per second and
// the CPU time per post.
func BenchmarkCorpusStream(b *testing.B) {
	l, posts := corpusLinter(b)
	n := 0
	cpu0 := cpuTime()
	for b.Loop() {
		i := 0
		err := l.Stream(context.Background(), 0, func() (Item, bool) {
			if i == len(posts) {
				return Item{}, false
			}
			i++
			return Item{Post: posts[i-1]}, true
		}, func(*finding.Result) error { n++; return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "posts/s")
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(n), "cpu-ns/post")
}

// BenchmarkPostIndex times what the prefilter does once per post and
// field, over the corpus's texts: marking the words of the text, finding
// the literals in the folded and the original text.
func BenchmarkPostIndex(b *testing.B) {
	l, posts := corpusLinter(b)
	p := l.pre.Load()
	views := make([]*textnorm.View, len(posts))
	for i := range posts {
		views[i] = textnorm.New(posts[i].Text)
	}
	var buf bits
	b.Run("mark", func(b *testing.B) {
		i := 0
		for b.Loop() {
			v := views[i%len(views)]
			buf = p.mark(buf, v.Tokens, detect.HashtagWords(v.Orig))
			i++
		}
	})
	b.Run("literals-fold", func(b *testing.B) {
		i := 0
		for b.Loop() {
			buf = p.lits[0].scan(buf, views[i%len(views)].Fold)
			i++
		}
	})
	b.Run("literals-orig", func(b *testing.B) {
		i := 0
		for b.Loop() {
			buf = p.lits[1].scan(buf, detect.LowerLiterals(views[i%len(views)].Orig))
			i++
		}
	})
}
