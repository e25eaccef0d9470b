package sentiment

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestDevPort(t *testing.T) {
	f, err := os.Open("../../rules/lists/sentiment/vader_lexicon.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	ref := map[string][]float64{}
	rf, _ := os.ReadFile(os.Getenv("REF"))
	for _, l := range strings.Split(strings.TrimSpace(string(rf)), "\n") {
		p := strings.Split(l, "\t")
		var v []float64
		for _, x := range p[1:] {
			y, _ := strconv.ParseFloat(x, 64)
			v = append(v, y)
		}
		ref[p[0]] = v
	}
	vf, _ := os.Open(os.Getenv("IN"))
	sc := bufio.NewScanner(vf)
	bad, n, emo := 0, 0, 0
	for sc.Scan() {
		var o struct{ ID, Text string }
		json.Unmarshal(sc.Bytes(), &o)
		s := a.Polarity(o.Text)
		r := ref[o.ID]
		n++
		if math.Abs(s.Compound-r[3]) > 1e-4 || math.Abs(s.Neg-r[0]) > 1e-3 || math.Abs(s.Pos-r[2]) > 1e-3 {
			hasEmo := false
			for _, c := range o.Text {
				if isPictograph(c) || isEmojiModifier(c) {
					hasEmo = true
				}
			}
			if hasEmo {
				emo++
				continue
			}
			bad++
			if bad < 10 {
				t.Logf("%s go=%v py=%v", o.ID, s, r)
			}
		}
	}
	t.Logf("n=%d mismatches=%d (emoji-related %d)", n, bad, emo)
}
