package postlint_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/postlint/postlint"
	"github.com/postlint/postlint/internal/corpus"
	"github.com/postlint/postlint/internal/rulepack"
)

// corpusPath is the labelled corpus beside a clone in the project layout.
var corpusPath = filepath.Join("..", "shared", "corpus", "posts.jsonl")

// holdoutPath holds posts written independently of the rules, from the
// labelling guide alone: a check that the detectors generalise beyond the
// corpus they were developed on.
// The first set was later used to find gaps (rules were broadened by
// family after reading its misses); the second has never been tuned on.
// The third (two parts) was scored blind, then used as a development set
// and to train the classifier rules (rules/implied.yaml). The fourth was
// written blind and is never tuned on (see unreadPaths).
// Each set is a glob of JSON Lines files, scored together.
var holdoutPaths = []string{
	filepath.Join("testdata", "holdout", "posts.jsonl"),
	filepath.Join("testdata", "holdout2", "posts.jsonl"),
	filepath.Join("testdata", "holdout3", "*.jsonl"),
	filepath.Join("testdata", "holdout4", "posts.jsonl"),
	filepath.Join("testdata", "holdout5", "posts.jsonl"),
	filepath.Join("testdata", "holdout6", "posts.jsonl"),
	filepath.Join("testdata", "holdout7", "posts.jsonl"),
}

// unreadPaths are the sets kept honest: their misses are never listed, so
// that nobody tunes a rule on them. The fourth set was written blind from
// the labelling guide and the policy alone, and first scored on the rules
// of session 3's start (macro-F1 0.840, 8 of 136 clean posts flagged).
// The fifth, longer posts with the breach mid-way, was written at that
// session's end and scored once on its last rules (macro-F1 0.851, 16 of
// 145 clean posts flagged; 0.841 and 19 on the session's first rules): it is
// the next session's honest measure.
// The sixth, 400 posts in many staff voices, was written blind at the start
// of session 4 and scored on its first rules (macro-F1 0.871, 8 of 154
// clean posts flagged).
// The seventh, 400 drafts as people type on social media (threads,
// captions, short and rambling posts), was written blind at the start of
// session 5 and scored on its first rules (macro-F1 0.887, 5 of 151 clean
// posts flagged).
var unreadPaths = map[string]bool{
	filepath.Join("testdata", "holdout2", "posts.jsonl"): true,
	filepath.Join("testdata", "holdout4", "posts.jsonl"): true,
	filepath.Join("testdata", "holdout5", "posts.jsonl"): true,
	filepath.Join("testdata", "holdout6", "posts.jsonl"): true,
	filepath.Join("testdata", "holdout7", "posts.jsonl"): true,
}

// judgementCategories are the nine categories judged in context (issue 6):
// on the corpus each must reach F1 0.85, and together they may flag at most
// 3% of the clean posts.
var judgementCategories = []string{
	"colleague-criticism", "confidential-info", "security-arrangements", "legal-risk", "copyright",
	"insecure-messaging", "media-contact", "safeguarding", "official-capacity",
}

// TestHoldout prints the figures on the held-out posts. It asserts only a
// floor well below the corpus bar: its figures are for reading.
func TestHoldout(t *testing.T) {
	for _, path := range holdoutPaths {
		files, err := filepath.Glob(path)
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no files (%v)", path, err)
		}
		var posts []corpus.Labelled
		for _, f := range files {
			more, err := corpus.Load(f)
			if err != nil {
				t.Fatal(err)
			}
			posts = append(posts, more...)
		}
		s, _ := score(t, posts, !unreadPaths[path])
		cats := rulepack.Categories()
		t.Logf("postlint on %s (%d posts):\n%s", path, len(posts), s.Table(cats))
		if f1 := s.MacroF1(cats); f1 < 0.6 {
			t.Errorf("%s: macro-F1 %.3f < 0.6", path, f1)
		}
	}
}

// TestCorpus measures every category on the labelled corpus and holds v0's
// bar: macro-F1 >= 0.75 with no more than 8% of clean posts flagged. It skips
// when the corpus is not beside the clone.
func TestCorpus(t *testing.T) {
	posts, err := corpus.Load(corpusPath)
	if os.IsNotExist(err) {
		t.Skipf("no corpus at %s", corpusPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	s, found := score(t, posts, true)
	cats := rulepack.Categories()
	t.Logf("postlint on %s (%d posts):\n%s", corpusPath, len(posts), s.Table(cats))
	if f1 := s.MacroF1(cats); f1 < 0.75 {
		t.Errorf("macro-F1 %.3f < 0.75", f1)
	}
	if share := float64(s.CleanFlagged) / float64(s.Clean); share > 0.08 {
		t.Errorf("%.1f%% of clean posts flagged, want <= 8%%", 100*share)
	}
	for _, c := range judgementCategories {
		if f1 := s.ByCategory[c].F1(); f1 < 0.85 {
			t.Errorf("%s: F1 %.3f < 0.85", c, f1)
		}
	}
	nine := corpus.Tally(posts, func(i int) map[string]bool {
		only := map[string]bool{}
		for _, c := range judgementCategories {
			if found[i][c] {
				only[c] = true
			}
		}
		return only
	})
	share := float64(nine.CleanFlagged) / float64(nine.Clean)
	t.Logf("the nine judgement categories flag %d of %d clean posts (%.1f%%)", nine.CleanFlagged, nine.Clean, 100*share)
	if share > 0.03 {
		t.Errorf("the nine judgement categories flag %.1f%% of clean posts, want <= 3%%", 100*share)
	}
}

// score lints labelled posts and tallies the categories found; with -v and
// listMisses it logs every miss with the rules and matches behind it.
func score(t *testing.T, posts []corpus.Labelled, listMisses bool) (*corpus.Score, []map[string]bool) {
	t.Helper()
	l, err := postlint.New()
	if err != nil {
		t.Fatal(err)
	}
	found := make([]map[string]bool, len(posts))
	why := make([]map[string]string, len(posts))
	for i, p := range posts {
		r, err := l.Lint(context.Background(), p.Post)
		if err != nil {
			t.Fatal(err)
		}
		found[i] = map[string]bool{}
		why[i] = map[string]string{}
		for _, f := range r.Findings {
			if f.Suppressed == nil {
				found[i][f.Category] = true
				why[i][f.Category] += fmt.Sprintf(" %s[%q]", f.Rule, f.Match)
			}
		}
	}
	s := corpus.Tally(posts, func(i int) map[string]bool { return found[i] })
	if testing.Verbose() && listMisses {
		index := map[string]int{}
		for i, p := range posts {
			index[p.Post.ID] = i
		}
		for _, m := range s.Misses {
			t.Logf("%s %-22s %s: %.100q%s", m.Kind, m.Category, m.Post.ID, m.Post.Text, why[index[m.Post.ID]][m.Category])
		}
	}
	return s, found
}
