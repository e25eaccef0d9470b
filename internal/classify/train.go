package classify

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"

	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/textnorm"
)

// An Example is a labelled post for training.
type Example struct {
	Post     *post.Post
	Positive bool
}

// TrainOptions tune training. The zero value gives the defaults.
type TrainOptions struct {
	Epochs int     // passes over the data (default 30)
	Rate   float64 // learning rate (default 0.2)
	L2     float64 // weight decay, per pass over the data (default 3)
	// MinWeight drops features whose final weight is smaller in magnitude,
	// to keep the model file small (default 0.01).
	MinWeight float64
	Seed      uint64 // shuffling seed (default 1)
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Epochs <= 0 {
		o.Epochs = 30
	}
	if o.Rate <= 0 {
		o.Rate = 0.2
	}
	if o.L2 <= 0 {
		o.L2 = 3
	}
	if o.MinWeight <= 0 {
		o.MinWeight = 0.01
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}

// Features returns the distinct features of a post, as the model sees them.
func Features(p *post.Post) []string {
	seen := map[string]bool{}
	var out []string
	var buf []byte
	EachFeature(p, textnorm.New(p.Text), OtherFields(p), &buf, func(_ int, f []byte) {
		if !seen[string(f)] {
			seen[string(f)] = true
			out = append(out, string(f))
		}
	})
	return out
}

// Train fits a logistic regression for category by stochastic gradient
// descent with L2 decay. It is deterministic: the same examples in the same
// order and options give the same model.
func Train(ctx context.Context, category string, examples []Example, opts TrainOptions) (*Model, error) {
	if len(examples) == 0 {
		return nil, fmt.Errorf("train %s: no examples", category)
	}
	opts = opts.withDefaults()
	// Features are interned to dense ids so that training is arrays, not maps.
	ids := map[string]int{}
	var names []string
	xs := make([][]int, len(examples))
	ys := make([]float64, len(examples))
	pos := 0
	for i, ex := range examples {
		for _, f := range Features(ex.Post) {
			id, ok := ids[f]
			if !ok {
				id = len(names)
				ids[f] = id
				names = append(names, f)
			}
			xs[i] = append(xs[i], id)
		}
		if ex.Positive {
			ys[i] = 1
			pos++
		}
	}
	if pos == 0 {
		return nil, fmt.Errorf("train %s: no positive examples", category)
	}
	w := make([]float64, len(names))
	bias := 0.0
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x706f73746c696e74))
	decay := opts.L2 / float64(len(examples))
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("train %s: %w", category, err)
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			z := bias
			for _, f := range xs[i] {
				z += w[f]
			}
			g := sigmoid(z) - ys[i]
			for _, f := range xs[i] {
				w[f] -= opts.Rate * (g + decay*w[f])
			}
			bias -= opts.Rate * g
		}
	}
	m := &Model{
		Category: category,
		Bias:     round(bias),
		Weights:  map[string]float64{},
		Trained: map[string]string{
			"examples":  strconv.Itoa(len(examples)),
			"positives": strconv.Itoa(pos),
			"epochs":    strconv.Itoa(opts.Epochs),
			"rate":      strconv.FormatFloat(opts.Rate, 'g', -1, 64),
			"l2":        strconv.FormatFloat(opts.L2, 'g', -1, 64),
		},
	}
	for id, v := range w {
		if math.Abs(v) >= opts.MinWeight {
			m.Weights[names[id]] = round(v)
		}
	}
	m.index()
	return m, nil
}

func round(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// Threshold picks the lowest probability at which the scores reach the
// wanted precision (the share of posts at or above it that are positive),
// searching from low to high; it returns 1 when none does.
func Threshold(scores []float64, positive []bool, precision float64, minCount int) float64 {
	type sp struct {
		s   float64
		pos bool
	}
	all := make([]sp, len(scores))
	for i := range scores {
		all[i] = sp{scores[i], positive[i]}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].s > all[j].s })
	best := 1.0
	tp, n := 0, 0
	for i, x := range all {
		n++
		if x.pos {
			tp++
		}
		if i+1 < len(all) && all[i+1].s == x.s {
			continue
		}
		if n >= minCount && float64(tp)/float64(n) >= precision {
			best = x.s
		}
	}
	return best
}
