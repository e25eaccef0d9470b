package detect

import (
	"fmt"
	"strings"

	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/textnorm"
)

// replyOptions configure the "reply" kind: the post replies to, likes or
// shares a comment, and the comment is negative about the organisation, its
// services or its staff.
type replyOptions struct {
	Kind string `yaml:"kind"`
	// Actions that count (default reply, like, share).
	Actions []string `yaml:"actions"`
	// Target: words that put a comment about the organisation or its work.
	Target []string `yaml:"target"`
	// OffTarget: subjects that are not the organisation (weather, football);
	// a comment about them and not the target is not counted.
	OffTarget []string `yaml:"off_target"`
	// Negative: complaint cues that make a comment negative whatever the
	// sentiment model says.
	Negative []string `yaml:"negative"`
	// Agree: words of the draft itself that side with a complaint.
	Agree []string `yaml:"agree"`
	// Threshold on the sentiment model's negativity (default 0.5).
	Threshold float64 `yaml:"threshold"`
}

type replyDetector struct {
	actions                 []string
	target, off, neg, agree *phrase.Set
	threshold               float64
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
	var err error
	for _, t := range []struct {
		dst  **phrase.Set
		list []string
	}{{&d.target, opts.Target}, {&d.off, opts.OffTarget}, {&d.neg, opts.Negative}, {&d.agree, opts.Agree}} {
		if *t.dst, err = Terms(t.list, env); err != nil {
			return nil, err
		}
	}
	return d, nil
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
	c := in.View(FieldReply)
	negativity := 0.0
	var why []string
	if in.Resources != nil && in.Resources.Sentiment != nil {
		negativity, why = in.Resources.Sentiment(r.Text)
	}
	if m, found := has(d.neg, c); found {
		negativity = max(negativity, 0.75)
		why = append(why, m.Phrase)
	}
	_, onTarget := has(d.target, c)
	_, offTarget := has(d.off, c)
	_, agrees := has(d.agree, in.Text())
	if agrees {
		negativity += 0.15
	}
	if negativity < d.threshold {
		return
	}
	if !onTarget && (offTarget || !agrees) {
		return
	}
	conf := min(0.5+negativity/2, 0.99)
	note := "the comment is negative"
	if len(why) > 0 {
		note += " (" + strings.Join(why[:min(len(why), 3)], ", ") + ")"
	}
	emit(Match{Field: FieldReply, Start: 0, End: len(r.Text), Confidence: conf, Note: note})
}

// Detect makes replyDetector a Detector too; the engine prefers DetectPost.
func (d *replyDetector) Detect(in *Input, _ string, _ *textnorm.View, emit func(Match)) {
	d.DetectPost(in, emit)
}
