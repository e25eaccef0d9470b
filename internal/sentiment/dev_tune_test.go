package sentiment

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"testing"
)

type devEx struct {
	text string
	neg  bool
}

func devLoad(t *testing.T) (*Analyzer, []devEx) {
	a, err := LoadFS(os.DirFS("../.."), "rules/lists/sentiment")
	if err != nil {
		t.Fatal(err)
	}
	if c := os.Getenv("CUES"); c != "" {
		f, _ := os.Open(c)
		cs, err := readCues(f, &a.model)
		if err != nil {
			t.Fatal(err)
		}
		a.cues = cs
	}
	f, err := os.Open("/work/shared/external/sentiment-val.jsonl")
	if err != nil {
		t.Skip()
	}
	defer f.Close()
	var ex []devEx
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var o struct{ Label, Text string }
		json.Unmarshal(sc.Bytes(), &o)
		ex = append(ex, devEx{o.Text, o.Label == "negative"})
	}
	return a, ex
}

func prf(pred, gold []bool) (p, r, f float64) {
	tp, fp, fn := 0, 0, 0
	for i := range pred {
		switch {
		case pred[i] && gold[i]:
			tp++
		case pred[i]:
			fp++
		case gold[i]:
			fn++
		}
	}
	if tp == 0 {
		return 0, 0, 0
	}
	p = float64(tp) / float64(tp+fp)
	r = float64(tp) / float64(tp+fn)
	return p, r, 2 * p * r / (p + r)
}

func TestDevTune(t *testing.T) {
	a, ex := devLoad(t)
	gold := make([]bool, len(ex))
	for i := range ex {
		gold[i] = ex[i].neg
	}
	pred := make([]bool, len(ex))
	for i := range ex {
		pred[i] = a.Polarity(ex[i].text).Compound <= -0.05
	}
	p, r, f := prf(pred, gold)
	t.Logf("vader: P %.3f R %.3f F1 %.3f", p, r, f)
	for i := range ex {
		pred[i] = a.Complaint(ex[i].text).Negative
	}
	p, r, f = prf(pred, gold)
	t.Logf("complaint (file params %+v): P %.3f R %.3f F1 %.3f", a.model, p, r, f)
	// Per-cue firing stats (aggregate counts only).
	type st struct{ fire, neg int }
	stats := map[string]*st{}
	for i := range ex {
		as := a.Complaint(ex[i].text)
		seen := map[string]bool{}
		for _, c := range as.Cues {
			k := fmt.Sprintf("%.1f %s", c.Weight, a.cueLine(c.Pattern))
			if seen[k] {
				continue
			}
			seen[k] = true
			if stats[k] == nil {
				stats[k] = &st{}
			}
			stats[k].fire++
			if ex[i].neg {
				stats[k].neg++
			}
		}
	}
	var keys []string
	for k := range stats {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return stats[keys[i]].fire > stats[keys[j]].fire })
	if os.Getenv("CUESTATS") != "" {
		for _, k := range keys {
			t.Logf("%4d %4d %s", stats[k].fire, stats[k].neg, k)
		}
	}
	// Sweep.
	best := 0.0
	orig := a.model
	for _, k := range []float64{2, 3, 4, 5, 6, 8} {
		for b := -3.0; b <= 0.5; b += 0.25 {
			a.model.bias, a.model.compound = b, k
			for i := range ex {
				pred[i] = a.Complaint(ex[i].text).Negative
			}
			p, r, f := prf(pred, gold)
			if f > best-0.005 {
				t.Logf("k=%.1f b=%.2f P %.3f R %.3f F1 %.3f", k, b, p, r, f)
			}
			if f > best {
				best = f
			}
		}
	}
	a.model = orig
}

// cueLine names the cue whose phrase is pattern.
func (a *Analyzer) cueLine(phrase string) string {
	for _, c := range a.cues.cues {
		for _, p := range c.phrases {
			if p.text == phrase {
				if len(c.pattern) > 50 {
					return c.pattern[:50]
				}
				return c.pattern
			}
		}
	}
	return "?"
}
