package detect

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/textnorm"
)

// replyOptions configure the "reply" kind: the post replies to, likes or
// shares a comment, and the comment is negative about the organisation, its
// services or its staff.
//
// How negative the comment is comes from the sentiment model (when the rule
// names one, or Resources.Sentiment is set) and from the rule's own cue
// lists; what it is about comes from the target lists. The draft's own words
// count too: agreeing ("so true", "💯") pushes a borderline comment over.
type replyOptions struct {
	Kind string `yaml:"kind"`
	// Actions that count (default reply, like, share).
	Actions []string `yaml:"actions"`
	// Target: words that put a comment about the organisation itself (its
	// names, sites, wards, "the hospital", "you lot").
	Target []string `yaml:"target"`
	// WeakTarget: words about its staff or services that are not specific
	// to it ("nurses", "appointment", "parking"); a comment about them counts
	// only with a complaint cue or a very negative score, and not when it is
	// about an off-target subject.
	WeakTarget []string `yaml:"weak_target"`
	// OffTarget: subjects that are not the organisation (weather, football,
	// national pay); a comment about them and not the target is not counted.
	OffTarget []string `yaml:"off_target"`
	// Negative: complaint cues that make a comment negative whatever the
	// sentiment model says.
	Negative []string `yaml:"negative"`
	// Positive: praise cues; a comment with praise and no complaint cue is
	// not negative ("terrified before surgery but the team were incredible").
	Positive []string `yaml:"positive"`
	// Neutral: requests and announcements (a journalist's request, "does
	// anyone know"); without a complaint cue the comment is not negative.
	Neutral []string `yaml:"neutral"`
	// Agree: words of the draft itself that side with a complaint; entries
	// without letters (emoji such as 💯) are matched as written.
	Agree []string `yaml:"agree"`
	// Threshold on the combined negativity (default 0.5).
	Threshold float64 `yaml:"threshold"`
	// Sentiment names the folder of the pack holding the sentiment model's
	// lists (vader_lexicon.txt, emoji_valence.txt, complaint_cues.txt),
	// loaded once, on first use.
	Sentiment string `yaml:"sentiment"`
}

type replyDetector struct {
	actions                                 []string
	target, weak, off, neg, pos, neu, agree *phrase.Set
	agreeRaw                                []string
	threshold                               float64
	model                                   *lazyAnalyzer
}

func buildReply(o Options, env *Env) (any, error) {
	var opts replyOptions
	if err := o.Decode(&opts); err != nil {
		return nil, err
	}
	d := &replyDetector{actions: opts.Actions, threshold: opts.Threshold}
	if len(d.actions) == 0 {
		d.actions = []string{"reply", "like", "share"}
	}
	for _, a := range d.actions {
		if a != "reply" && a != "like" && a != "share" {
			return nil, fmt.Errorf("reply: action %q is not reply, like or share", a)
		}
	}
	if d.threshold == 0 {
		d.threshold = 0.5
	}
	if d.threshold < 0 || d.threshold > 1 {
		return nil, fmt.Errorf("reply: threshold %v is not between 0 and 1", d.threshold)
	}
	var err error
	for _, t := range []struct {
		dst  **phrase.Set
		list []string
	}{{&d.target, opts.Target}, {&d.weak, opts.WeakTarget}, {&d.off, opts.OffTarget},
		{&d.neg, opts.Negative}, {&d.pos, opts.Positive}, {&d.neu, opts.Neutral}} {
		if *t.dst, err = Terms(t.list, env); err != nil {
			return nil, err
		}
	}
	agree, err := ExpandTerms(opts.Agree, env)
	if err != nil {
		return nil, err
	}
	var words []string
	for _, a := range agree {
		if hasWordRune(a) {
			words = append(words, a)
		} else if a = strings.TrimSpace(a); a != "" {
			d.agreeRaw = append(d.agreeRaw, a)
		}
	}
	d.agree = phrase.Compile(words)
	if d.target.Len() == 0 && d.weak.Len() == 0 {
		return nil, fmt.Errorf("reply: give target or weak_target words")
	}
	if opts.Sentiment != "" {
		if env == nil || env.ReadFile == nil || env.Resources == nil {
			return nil, fmt.Errorf("reply: sentiment: no rule pack to read %s from", opts.Sentiment)
		}
		d.model = env.Resources.sentimentFrom(strings.TrimSuffix(opts.Sentiment, "/"), env.ReadFile)
	}
	return d, nil
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// A replyVerdict is the detector's reading of one comment.
type replyVerdict struct {
	negativity           float64
	why                  []string
	strong, weak, off    bool
	negCue, pos, neutral bool
	agrees               bool
}

func (d *replyDetector) judge(in *Input, comment string) replyVerdict {
	var v replyVerdict
	c := in.View(FieldReply)
	if d.model != nil || (in.Resources != nil && in.Resources.Sentiment != nil) {
		v.negativity, v.why = d.model.negativity(in.Resources, comment)
	}
	if m, found := has(d.neg, c); found {
		v.negCue = true
		v.negativity = max(v.negativity, 0.8)
		v.why = append([]string{m.Phrase}, v.why...)
	}
	_, v.pos = has(d.pos, c)
	_, v.neutral = has(d.neu, c)
	if !v.negCue {
		if v.pos || v.neutral {
			v.negativity = min(v.negativity, 0.3)
		}
		if strings.Contains(comment, "?") {
			v.negativity = min(v.negativity, 0.45)
		}
	}
	text := in.Text()
	_, v.agrees = has(d.agree, text)
	for _, a := range d.agreeRaw {
		v.agrees = v.agrees || strings.Contains(in.Post.Text, a)
	}
	if v.agrees {
		v.negativity += 0.15
	}
	_, v.strong = has(d.target, c)
	_, v.weak = has(d.weak, c)
	_, v.off = has(d.off, c)
	return v
}

func (d *replyDetector) DetectPost(in *Input, emit func(Match)) {
	r := in.Post.ReplyTo
	if r == nil || strings.TrimSpace(r.Text) == "" {
		return
	}
	action := r.EffectiveAction()
	ok := false
	for _, a := range d.actions {
		ok = ok || a == action
	}
	if !ok {
		return
	}
	v := d.judge(in, r.Text)
	if v.negativity < d.threshold {
		return
	}
	switch {
	case v.strong:
	case v.weak && !v.off && (v.negCue || v.negativity >= 0.9):
	default:
		return
	}
	conf := min(0.55+v.negativity*0.4, 0.97)
	note := "the comment is negative"
	if len(v.why) > 0 {
		note += " (" + strings.Join(dedupeStrings(v.why)[:min(len(dedupeStrings(v.why)), 3)], ", ") + ")"
	}
	emit(Match{Field: FieldReply, Start: 0, End: len(r.Text), Confidence: conf, Note: note})
}

func dedupeStrings(s []string) []string {
	seen := map[string]bool{}
	out := s[:0:0]
	for _, x := range s {
		k := strings.ToLower(x)
		if !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}

// Detect makes replyDetector a Detector too; the engine prefers DetectPost.
func (d *replyDetector) Detect(in *Input, _ string, _ *textnorm.View, emit func(Match)) {
	d.DetectPost(in, emit)
}
