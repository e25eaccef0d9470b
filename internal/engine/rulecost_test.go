package engine

import (
	"os"
	"sort"
	"testing"
	"time"

	"github.com/postlint/postlint/internal/corpus"
	"github.com/postlint/postlint/internal/detect"
)

// TestRuleCost prints what each rule of the default pack costs on the
// corpus, per post, most costly first (POSTLINT_RULECOST=1: it only
// reports, and takes a few seconds; POSTLINT_RULECOST=file.jsonl measures
// on the posts of that file instead).
func TestRuleCost(t *testing.T) {
	if os.Getenv("POSTLINT_RULECOST") == "" {
		t.Skip("POSTLINT_RULECOST=1 to report the cost of each rule")
	}
	fast, _, pack := defaultLinters(t)
	posts := prefilterPosts(t, pack)
	if f := os.Getenv("POSTLINT_RULECOST"); f != "1" {
		ls, err := corpus.Load(f)
		if err != nil {
			t.Fatal(err)
		}
		posts = posts[:0]
		for _, l := range ls {
			posts = append(posts, l.Post)
		}
	}
	for i := range posts {
		fast.Lint(&posts[i], nil) // warm
	}
	cost := make([]time.Duration, len(fast.rules))
	var shared time.Duration
	const rounds = 20
	for range rounds {
		for i := range posts {
			rr := fast.newRun(detect.NewInput(&posts[i], fast.res))
			// The work every post pays once, whichever rule asks first:
			// the text's views, its word pass and its literal scans.
			t0 := time.Now()
			v := rr.in.View(detect.FieldText)
			v.Deobfuscated()
			fi := rr.g.field(detect.FieldText, v)
			fi.literals(rr.g.p, false, v)
			fi.literals(rr.g.p, true, v)
			shared += time.Since(t0)
			for k, r := range fast.rules {
				t0 := time.Now()
				rr.run(r, k)
				cost[k] += time.Since(t0)
			}
		}
	}
	idx := make([]int, len(cost))
	var total time.Duration
	for i := range idx {
		idx[i] = i
		total += cost[i]
	}
	sort.Slice(idx, func(a, b int) bool { return cost[idx[a]] > cost[idx[b]] })
	n := time.Duration(rounds * len(posts))
	t.Logf("total %v per post over %d posts, of which %v shared (views, word pass, literal scans)", (total+shared)/n, len(posts), shared/n)
	for _, k := range idx[:min(40, len(idx))] {
		t.Logf("%8v %5.1f%%  %-10s %s", cost[k]/n, 100*float64(cost[k])/float64(total), fast.rules[k].Kind, fast.rules[k].ID)
	}
}
