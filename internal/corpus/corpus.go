// Package corpus scores postlint against a labelled corpus of posts
// (../shared/corpus/posts.jsonl): precision, recall and F1 per category and
// the share of clean posts flagged.
package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/postlint/postlint/internal/post"
)

// A Labelled post carries the categories it breaches.
type Labelled struct {
	Post   post.Post
	Expect []string
}

// Load reads a labelled JSONL corpus.
func Load(path string) ([]Labelled, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Labelled
	r := bufio.NewReader(f)
	for line := 1; ; line++ {
		b, err := r.ReadBytes('\n')
		if len(strings.TrimSpace(string(b))) > 0 {
			var raw struct {
				post.Post
				Expect []string `json:"expect"`
			}
			if jerr := json.Unmarshal(b, &raw); jerr != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, line, jerr)
			}
			out = append(out, Labelled{Post: raw.Post, Expect: raw.Expect})
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
}

// Counts are one category's tallies.
type Counts struct{ TP, FP, FN int }

// Precision is TP/(TP+FP), 0 when nothing was found.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN).
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// A Miss is a post scored wrongly for a category.
type Miss struct {
	Kind     string // "FP" or "FN"
	Category string
	Post     post.Post
}

// Score tallies per category. got maps each post index to the categories
// found.
type Score struct {
	ByCategory   map[string]*Counts
	Clean        int
	CleanFlagged int
	Misses       []Miss
}

// Tally compares found categories with the labels.
func Tally(posts []Labelled, found func(i int) map[string]bool) *Score {
	s := &Score{ByCategory: map[string]*Counts{}}
	for i, p := range posts {
		got := found(i)
		exp := map[string]bool{}
		for _, c := range p.Expect {
			exp[c] = true
		}
		if len(exp) == 0 {
			s.Clean++
			if len(got) > 0 {
				s.CleanFlagged++
			}
		}
		for c := range union(exp, got) {
			cnt := s.ByCategory[c]
			if cnt == nil {
				cnt = &Counts{}
				s.ByCategory[c] = cnt
			}
			switch {
			case exp[c] && got[c]:
				cnt.TP++
			case got[c]:
				cnt.FP++
				s.Misses = append(s.Misses, Miss{"FP", c, p.Post})
			default:
				cnt.FN++
				s.Misses = append(s.Misses, Miss{"FN", c, p.Post})
			}
		}
	}
	return s
}

func union(a, b map[string]bool) map[string]bool {
	u := map[string]bool{}
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

// MacroF1 averages F1 over the given categories.
func (s *Score) MacroF1(cats []string) float64 {
	if len(cats) == 0 {
		return 0
	}
	sum := 0.0
	for _, c := range cats {
		if cnt := s.ByCategory[c]; cnt != nil {
			sum += cnt.F1()
		}
	}
	return sum / float64(len(cats))
}

// Table formats the per-category figures.
func (s *Score) Table(cats []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-22s %4s %4s %4s %6s %6s %6s\n", "category", "tp", "fp", "fn", "prec", "rec", "f1")
	sorted := append([]string(nil), cats...)
	sort.Strings(sorted)
	for _, c := range sorted {
		cnt := s.ByCategory[c]
		if cnt == nil {
			cnt = &Counts{}
		}
		fmt.Fprintf(&b, "%-22s %4d %4d %4d %6.2f %6.2f %6.2f\n", c, cnt.TP, cnt.FP, cnt.FN, cnt.Precision(), cnt.Recall(), cnt.F1())
	}
	fmt.Fprintf(&b, "macro-F1 %.3f, clean posts flagged %d/%d (%.1f%%)\n", s.MacroF1(cats), s.CleanFlagged, s.Clean, 100*ratio(s.CleanFlagged, s.Clean))
	return b.String()
}
