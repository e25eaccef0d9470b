package detect

import (
	"fmt"
	"strings"

	"github.com/postlint/postlint/internal/classify"
	"github.com/postlint/postlint/internal/textnorm"
)

// classifierOptions are the options of the classifier kind.
type classifierOptions struct {
	Kind string `yaml:"kind"`
	// Model is the rule pack's file of the trained models
	// ("models/implied.weights").
	Model string `yaml:"model"`
	// Output is the category of the pack's models to read.
	Output string `yaml:"output"`
	// Threshold is the probability at or above which the post is reported.
	Threshold float64 `yaml:"threshold"`
}

// classifierDetector reports a post that its model rates at or above the
// threshold: a post that reads like the category's breaches although no
// single cue names one. The span is the sentence whose words weigh most
// towards the category; the confidence grows from 0.5 at the threshold.
type classifierDetector struct {
	pack      *classify.Pack
	output    int
	threshold float64
}

func buildClassifier(o Options, env *Env) (any, error) {
	var opts classifierOptions
	if err := o.Decode(&opts); err != nil {
		return nil, err
	}
	if opts.Model == "" {
		return nil, fmt.Errorf("classifier: model: a model file of the rule pack is required")
	}
	if opts.Threshold <= 0 || opts.Threshold >= 1 {
		return nil, fmt.Errorf("classifier: threshold %v is not between 0 and 1", opts.Threshold)
	}
	if env == nil || env.ReadFile == nil {
		return nil, fmt.Errorf("classifier: model %q: no rule pack to read it from", opts.Model)
	}
	name := strings.TrimPrefix(opts.Model, "@")
	pack, err := cachedBuild(env, &env.packs, name, func() (*classify.Pack, error) {
		pack, err := readPack(env, name)
		if err != nil {
			return nil, fmt.Errorf("classifier: %w", err)
		}
		return pack, nil
	})
	if err != nil {
		return nil, err
	}
	out, ok := pack.Output(opts.Output)
	if !ok {
		return nil, fmt.Errorf("classifier: output: %s has no model for %q (it has %s)", name, opts.Output, strings.Join(pack.Categories, ", "))
	}
	return &classifierDetector{pack: pack, output: out, threshold: opts.Threshold}, nil
}

// readPack reads a pack of models from the rule pack: a piece at a time
// when it can open the file (a cold command then holds no copy of it).
// Its errors name the file.
func readPack(env *Env, name string) (*classify.Pack, error) {
	var pack *classify.Pack
	if env.Open == nil {
		data, err := env.ReadFile(name)
		if err != nil {
			return nil, err
		}
		pack, err = classify.ParsePack(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return pack, nil
	}
	f, err := env.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err == nil {
		pack, err = classify.ReadPack(f, st.Size())
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return pack, nil
}

// classifierScores is the Input.Memo key of a post's scores by one pack,
// computed once and shared by every rule reading that pack. The pack hashes
// the post's features as it scores them: the default rules read one pack,
// and a second would hash them again rather than every post keeping a list
// of them.
type classifierScores struct{ pack *classify.Pack }

// DetectPost scores the post as a whole.
func (d *classifierDetector) DetectPost(in *Input, emit func(Match)) {
	text := in.Text()
	scores := in.Memo(classifierScores{d.pack}, func() any {
		return d.pack.ScoreView(in.Post, text, classify.OtherFields(in.Post))
	}).(*classify.PackScores)
	p := scores.P(d.output)
	if p < d.threshold {
		return
	}
	conf := 0.5 + 0.45*(p-d.threshold)/(1-d.threshold)
	note := fmt.Sprintf("model score %.2f", p)
	first, last, ok := heaviestSentence(text, scores.TokenWeights(d.output, len(text.Tokens)))
	if !ok {
		emit(Match{Field: FieldPost, Confidence: conf, Note: note})
		return
	}
	start, end := text.OrigRange(text.Tokens[first].Start, text.Tokens[last].End)
	emit(Match{Field: FieldText, Start: start, End: end, Confidence: conf, Note: note})
}

// heaviestSentence returns the first and last token of the sentence whose
// tokens weigh most towards the category; ok is false when no token weighs
// anything towards it.
func heaviestSentence(v *textnorm.View, weight []float64) (first, last int, ok bool) {
	best := 0.0
	start, sum := 0, 0.0
	for i := range v.Tokens {
		if i > 0 && sentenceBreak(v.Fold[v.Tokens[i-1].End:v.Tokens[i].Start]) {
			start, sum = i, 0
		}
		sum += weight[i]
		if sum > best {
			best, first, last, ok = sum, start, i, true
		}
	}
	if !ok {
		return 0, 0, false
	}
	// Extend to the end of the sentence, so that the span reads whole.
	for last+1 < len(v.Tokens) && !sentenceBreak(v.Fold[v.Tokens[last].End:v.Tokens[last+1].Start]) {
		last++
	}
	return first, last, true
}

// sentenceBreak reports whether the text between two words ends a sentence.
func sentenceBreak(gap string) bool {
	return strings.ContainsAny(gap, ".!?\n;")
}

// Detect runs DetectPost: the model reads the post as a whole.
func (d *classifierDetector) Detect(in *Input, _ string, _ *textnorm.View, emit func(Match)) {
	d.DetectPost(in, emit)
}
