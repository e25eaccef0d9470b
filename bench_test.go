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

// typicalPosts are drafts of about 280 characters, the length of a full
// tweet, as staff write them: clean ones and ones with a breach.
var typicalPosts = []string{
	"Long night on the ward but the team were brilliant, thanks all 💙 Big shout out to the HCAs who kept everyone going with tea and toast at 4am. Off for a sleep now, back on tomorrow night for my last one before annual leave. Roll on Friday! #nightshift #NHS #proudtobeanurse",
	"Honestly whoever did the rota this month hasn't got a clue. Third weekend in a row for some of us and the same people get every bank holiday off. Raised it twice and nothing changes. Not naming names but you know who you are 🙄 #nhs #nursing #rotafail #fedup #exhausted",
	"Lovely old gent in bay 4 on Ainslie today, 91 and still doing the crossword every morning, told me all about his time in the navy. His daughter rang and asked us to pass on her love, her number is 07700 900456 if the night team need it. Made my shift ❤️ #dementiacare",
	"Reminder: flu jab clinics are running every Tuesday and Thursday in the staff room, 8am to 4pm, no appointment needed. Protect yourself, your family and our patients this winter. Any questions, ask occupational health on the intranet or pop in and see us. #flufighter",
}

// BenchmarkTypicalPost lints drafts of about 280 characters with the whole
// default pack on one goroutine, warm: the cost of one staff member's
// draft (issue 6 asks for under 100 µs).
func BenchmarkTypicalPost(b *testing.B) {
	l, err := postlint.New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, text := range typicalPosts {
		if _, err := l.Lint(ctx, postlint.Post{Text: text}); err != nil {
			b.Fatal(err)
		}
	}
	time.Sleep(2 * time.Second) // the prefilter is built in the background
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := l.Lint(ctx, postlint.Post{Text: typicalPosts[i%len(typicalPosts)]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(i), "ns/post")
}
