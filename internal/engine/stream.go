package engine

import (
	"context"
	"runtime"

	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
)

// An Item is one post to check, or a post that could not be read (Err set).
type Item struct {
	Post   post.Post
	Source *post.Source
	Err    error
}

// Stream checks posts from next on several goroutines and yields their
// results in input order. next returns false when there are no more posts.
// Memory stays bounded: at most a few posts per worker are in flight.
// Stream stops early when ctx is done or yield returns an error.
func (l *Linter) Stream(ctx context.Context, workers int, next func() (Item, bool), yield func(*finding.Result) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		item Item
		out  chan finding.Result
	}
	jobs := make(chan job, workers*4)
	order := make(chan chan finding.Result, workers*16)
	for range workers {
		go func() {
			for j := range jobs {
				j.out <- l.check(j.item)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for {
			item, ok := next()
			if !ok {
				return
			}
			out := make(chan finding.Result, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{item, out}:
			case <-ctx.Done():
				return
			}
		}
	}()
	for out := range order {
		var r finding.Result
		select {
		case r = <-out:
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := yield(&r); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (l *Linter) check(it Item) finding.Result {
	if it.Err != nil {
		return finding.Result{Post: it.Post, ID: it.Post.ID, Source: it.Source, Err: it.Err, Findings: []finding.Finding{}, Verdict: "error"}
	}
	return l.Lint(&it.Post, it.Source)
}
