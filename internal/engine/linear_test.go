package engine

import (
	"strings"
	"testing"
	"time"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/internal/textnorm"
	"github.com/postlint/postlint/rules"
)

// TestLinearTime checks that one long post costs time linear in its length
// (four times the text, about four times the time; quadratic work would
// make it sixteen), with the findings of each rule capped.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("long texts")
	}
	l, _, _ := defaultLinters(t)
	para := "Shift went well on the ward today, thanks to the whole team for the cake. Whoever did this rota is an idiot. Ring me on 07700 900417. My grandad Reg Cole is in ICU.\n"
	oneLine := strings.ReplaceAll(para, "\n", " ")
	for _, tt := range []struct{ name, unit string }{{"lines", para}, {"one line", oneLine}} {
		t.Run(tt.name, func(t *testing.T) {
			cost := func(n int) time.Duration {
				p := post.Post{Text: strings.Repeat(tt.unit, n)}
				start := time.Now()
				res := l.Lint(&p, nil)
				d := time.Since(start)
				perRule := map[string]int{}
				for _, f := range res.Findings {
					if perRule[f.Rule]++; perRule[f.Rule] > maxFindingsPerRule {
						t.Fatalf("%s: more than %d findings", f.Rule, maxFindingsPerRule)
					}
				}
				return d
			}
			// The best of five runs of each, interleaved, so that a busy
			// machine slows both sizes alike: only the ratio is checked.
			small, large := time.Duration(1<<62), time.Duration(1<<62)
			for range 5 {
				small, large = min(small, cost(100)), min(large, cost(400))
			}
			t.Logf("%d KB: %v; %d KB: %v", 100*len(tt.unit)>>10, small, 400*len(tt.unit)>>10, large)
			if large > 10*small {
				t.Errorf("four times the text took %.1f times as long", float64(large)/float64(small))
			}
		})
	}
}

func TestLinesPosition(t *testing.T) {
	for _, s := range []string{"", "one line", "a\nb\r\nc", "héllo 🙂\nwörld\n\nend", strings.Repeat("x\n", 50)} {
		l := textnorm.NewLines(s)
		for off := 0; off <= len(s); off++ {
			gl, gc := l.Position(off)
			wl, wc := textnorm.Position(s, off)
			if gl != wl || gc != wc {
				t.Errorf("%q at %d: %d:%d, want %d:%d", s, off, gl, gc, wl, wc)
			}
		}
	}
}

// TestModelOnlyWhenNeeded checks that the entity model is not loaded for
// drafts where no rule needs it (no name-shaped word near words of care),
// and is for one that does.
func TestModelOnlyWhenNeeded(t *testing.T) {
	res := &detect.Resources{}
	pack, err := rulepack.Load(res, rulepack.Layer{FS: rules.FS(), Name: "rules"})
	if err != nil {
		t.Fatal(err)
	}
	l, err := New(pack, res, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"Lovely morning on the ward, thanks team for the cake!",
		"Whoever did this rota is an absolute idiot.",
		"Her son wants a call back on 07700 900417, NHS no 943 476 5919",
		"Dementia Awareness Week starts Monday on every ward",
		"Huge thanks to Sarah Jones on Midgley ward for her award",
	} {
		p := post.Post{Text: text}
		l.Lint(&p, nil)
		if n := res.ModelLoads(); n != 0 {
			t.Fatalf("%q loaded the entity model", text)
		}
	}
	p := post.Post{Text: "my neighbour's husband Dave Skinner is in ICU after the crash"}
	if res := l.Lint(&p, nil); len(res.Findings) == 0 {
		t.Errorf("no finding for a named patient")
	}
	if n := res.ModelLoads(); n != 1 {
		t.Errorf("model loaded %d times, want once", n)
	}
}
