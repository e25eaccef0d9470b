package engine

import (
	"os"
	"sort"
	"testing"
	"time"

	"github.com/postlint/postlint/internal/corpus"
	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/rules"
)

func TestZZPerfProbe(t *testing.T) {
	if os.Getenv("PERFPROBE") == "" {
		t.Skip()
	}
	posts, err := corpus.Load("../../../shared/corpus/posts.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	res := &detect.Resources{}
	pack, err := rulepack.Load(res, rulepack.Layer{FS: rules.FS(), Name: "rules"})
	if err != nil {
		t.Fatal(err)
	}
	l, _ := New(pack, res, Options{})
	times := map[string]time.Duration{}
	for rep := 0; rep < 5; rep++ {
		for i := range posts {
			in := detect.NewInput(&posts[i].Post, res)
			in.Text()
			for _, r := range l.rules {
				t0 := time.Now()
				l.runRule(in, r, nil)
				times[r.ID+" "+r.Kind] += time.Since(t0)
			}
		}
	}
	type kv struct {
		k string
		d time.Duration
	}
	var all []kv
	var tot time.Duration
	for k, d := range times {
		all = append(all, kv{k, d})
		tot += d
	}
	sort.Slice(all, func(i, j int) bool { return all[i].d > all[j].d })
	n := time.Duration(5 * len(posts))
	t.Logf("total per post %v", tot/n)
	for _, e := range all[:40] {
		t.Logf("%-50s %v", e.k, e.d/n)
	}
}
