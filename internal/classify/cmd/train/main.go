// Command train fits the classifier models of postlint's rule pack from
// labelled posts (the fields of ../shared/corpus/posts.jsonl: a post and its
// "expect" categories), and reports how well they do by cross-validation.
//
//	go run ./internal/classify/cmd/train -out rules/models/implied.weights \
//	    -categories confidential-info,security-arrangements \
//	    ../shared/corpus/posts.jsonl testdata/holdout/posts.jsonl
//
// The pack is written in its binary form, which a cold command reads in a
// millisecond or two; -text writes the text form instead, one feature a
// line, to read or compare (postlint reads both).
//
// With -scores FILE it writes, for each post of FILE, every model's
// probability (JSON Lines), for comparing with the rules' findings.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"sort"
	"strings"

	"github.com/postlint/postlint/internal/classify"
	"github.com/postlint/postlint/internal/post"
)

type labelled struct {
	post.Post
	Expect []string `json:"expect"`
}

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	out := fs.String("out", "", "file to write the models to, one pack of every category (empty: do not write)")
	asText := fs.Bool("text", false, "write the pack in its text form, one feature a line, rather than in binary")
	cats := fs.String("categories", "", "comma-separated categories to train (default: every category labelled)")
	folds := fs.Int("folds", 5, "cross-validation folds for the reported figures and thresholds")
	precision := fs.Float64("precision", 0.9, "precision the suggested threshold must reach in cross-validation")
	scoresOf := fs.String("scores", "", "write every model's probability for each post of this file to standard output")
	epochs := fs.Int("epochs", 0, "training passes (default 30)")
	minWeight := fs.Float64("min-weight", 0, "drop features whose weight is smaller in magnitude (default 0.01)")
	l2 := fs.Float64("l2", 0, "weight decay (default 3)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("usage: train [-out DIR] [-scores FILE] LABELLED.jsonl [...]")
	}
	var data []labelled
	for _, path := range fs.Args() {
		posts, err := readLabelled(path)
		if err != nil {
			return err
		}
		data = append(data, posts...)
	}
	categories := splitList(*cats)
	if len(categories) == 0 {
		seen := map[string]bool{}
		for _, d := range data {
			for _, c := range d.Expect {
				if !seen[c] {
					seen[c] = true
					categories = append(categories, c)
				}
			}
		}
		sort.Strings(categories)
	}
	opts := classify.TrainOptions{Epochs: *epochs, L2: *l2, MinWeight: *minWeight}
	var scorePosts []labelled
	if *scoresOf != "" {
		var err error
		if scorePosts, err = readLabelled(*scoresOf); err != nil {
			return err
		}
	}
	scores := make([]map[string]float64, len(scorePosts))
	for i := range scores {
		scores[i] = map[string]float64{}
	}
	var models []*classify.Model
	for _, cat := range categories {
		examples := make([]classify.Example, len(data))
		for i := range data {
			examples[i] = classify.Example{Post: &data[i].Post, Positive: has(data[i].Expect, cat)}
		}
		if *folds > 1 && *scoresOf == "" {
			if err := crossValidate(ctx, stdout, cat, examples, opts, *folds, *precision); err != nil {
				return err
			}
		}
		m, err := classify.Train(ctx, cat, examples, opts)
		if err != nil {
			return err
		}
		for i := range scorePosts {
			p := &scorePosts[i].Post
			scores[i][cat] = m.ScorePost(p).P
		}
		models = append(models, m)
	}
	if *out != "" {
		pack := classify.NewPack(models)
		marshal := pack.MarshalBinary
		if *asText {
			marshal = pack.Marshal
		}
		b, err := marshal()
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, b, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", *out, err)
		}
	}
	if *scoresOf != "" {
		enc := json.NewEncoder(stdout)
		for i, p := range scorePosts {
			if err := enc.Encode(map[string]any{"id": p.ID, "p": scores[i]}); err != nil {
				return err
			}
		}
	}
	return nil
}

// crossValidate reports, for one category, the threshold at which the
// held-out folds reach the wanted precision and the recall there.
func crossValidate(ctx context.Context, w io.Writer, cat string, examples []classify.Example, opts classify.TrainOptions, k int, precision float64) error {
	order := rand.New(rand.NewPCG(2, 2)).Perm(len(examples))
	cv := make([]float64, len(examples))
	positive := make([]bool, len(examples))
	for f := 0; f < k; f++ {
		var train []classify.Example
		var held []int
		for j, i := range order {
			if j%k == f {
				held = append(held, i)
			} else {
				train = append(train, examples[i])
			}
		}
		m, err := classify.Train(ctx, cat, train, opts)
		if err != nil {
			return err
		}
		for _, i := range held {
			cv[i] = m.ScorePost(examples[i].Post).P
		}
	}
	pos := 0
	for i, ex := range examples {
		positive[i] = ex.Positive
		if ex.Positive {
			pos++
		}
	}
	th := classify.Threshold(cv, positive, precision, 5)
	tp, fp := 0, 0
	for i := range cv {
		if cv[i] >= th {
			if positive[i] {
				tp++
			} else {
				fp++
			}
		}
	}
	fmt.Fprintf(w, "%-24s positives %3d  threshold %.3f  cv precision %.2f recall %.2f\n",
		cat, pos, th, ratio(tp, tp+fp), ratio(tp, pos))
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func readLabelled(path string) ([]labelled, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l labelled
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
