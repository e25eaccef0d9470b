package detect

import (
	"fmt"
	"regexp"
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
	// Place: names that are both the organisation and a place ("Torbay",
	// "Brixham"): they count as target unless the comment also names an
	// off-target subject ("the roads in Brixham are shocking").
	Place []string `yaml:"place"`
	// Negative: complaint cues that make a comment negative whatever the
	// sentiment model says.
	Negative []string `yaml:"negative"`
	// Positive: praise cues; a comment with praise and no complaint cue is
	// not negative ("terrified before surgery but the team were incredible").
	Positive []string `yaml:"positive"`
	// Neutral: requests and announcements (a journalist's request, "does
	// anyone know"); without a complaint cue the comment is not negative.
	Neutral []string `yaml:"neutral"`
	// Sarcasm: markers of irony in the comment (🙃, 🙄, "yeah right");
	// entries without letters are matched as written. A comment with one is
	// read as negative at least to 0.6, and its praise words do not hold
	// the score down ("Love how Torbay sends letters after the appointment
	// 🙃").
	Sarcasm []string `yaml:"sarcasm"`
	// Agree: words of the draft itself that side with a complaint; entries
	// without letters (emoji such as 💯) are matched as written.
	Agree []string `yaml:"agree"`
	// Addressed: words of the draft itself that answer the comment as the
	// one it was addressed to, the organisation or its team ("thank you for
	// sharing this with us", "we're sorry to hear", "please DM us"): the
	// comment is then about the organisation, whatever else it names.
	Addressed []string `yaml:"addressed"`
	// Sympathy: words of the draft that comfort a friend ("thinking of
	// you", "sending love"): a draft with one speaks for no organisation,
	// and Addressed does not count.
	Sympathy []string `yaml:"sympathy"`
	// Threshold on the combined negativity (default 0.5).
	Threshold float64 `yaml:"threshold"`
	// CueEvidence: the summed weight of the sentiment model's complaint cues
	// that counts like a negative cue against the praise, neutral-less
	// question hold-downs (default 1.2: any one complaint cue of the model's
	// list; sarcasm such as "Oh great, another 5 hour wait" and rhetorical
	// questions such as "Still no call back, is this normal?" are then
	// scored by the model rather than held down by "great" or the "?").
	CueEvidence float64 `yaml:"cue_evidence"`
	// Sentiment names the folder of the pack holding the sentiment model's
	// lists (vader_lexicon.txt, emoji_valence.txt, complaint_cues.txt),
	// loaded once, on first use.
	Sentiment string `yaml:"sentiment"`
}

type replyDetector struct {
	actions                                        []string
	target, weak, off, place, neg, pos, neu, agree *phrase.Set
	addressed, sympathy                            *phrase.Set
	sarcasm                                        *phrase.Set
	agreeRaw, sarcasmRaw                           []string
	threshold, cueEvidence                         float64
	model                                          *lazyAnalyzer
}

func buildReply(o Options, env *Env) (any, error) {
	var opts replyOptions
	if err := o.Decode(&opts); err != nil {
		return nil, err
	}
	d := &replyDetector{actions: opts.Actions, threshold: opts.Threshold, cueEvidence: opts.CueEvidence}
	if d.cueEvidence == 0 {
		d.cueEvidence = 1.2
	}
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
	if d.cueEvidence < 0 {
		return nil, fmt.Errorf("reply: cue_evidence %v is negative", d.cueEvidence)
	}
	if d.threshold < 0 || d.threshold > 1 {
		return nil, fmt.Errorf("reply: threshold %v is not between 0 and 1", d.threshold)
	}
	var err error
	for _, t := range []struct {
		dst  **phrase.Set
		list []string
	}{{&d.target, opts.Target}, {&d.weak, opts.WeakTarget}, {&d.off, opts.OffTarget}, {&d.place, opts.Place},
		{&d.neg, opts.Negative}, {&d.pos, opts.Positive}, {&d.neu, opts.Neutral}, {&d.addressed, opts.Addressed}, {&d.sympathy, opts.Sympathy}} {
		if *t.dst, err = Terms(t.list, env); err != nil {
			return nil, err
		}
	}
	if d.agree, d.agreeRaw, err = wordsAndRaw(opts.Agree, env); err != nil {
		return nil, err
	}
	if d.sarcasm, d.sarcasmRaw, err = wordsAndRaw(opts.Sarcasm, env); err != nil {
		return nil, err
	}
	if d.target.Len() == 0 && d.weak.Len() == 0 && d.place.Len() == 0 {
		return nil, fmt.Errorf("reply: give target, place or weak_target words")
	}
	if opts.Sentiment != "" {
		m, err := env.Sentiment(opts.Sentiment)
		if err != nil {
			return nil, fmt.Errorf("reply: %w", err)
		}
		d.model = m.la
	}
	return d, nil
}

// wordsAndRaw splits a term list into a phrase set of its entries with
// letters or digits and the entries without (emoji), matched as written.
func wordsAndRaw(list []string, env *Env) (*phrase.Set, []string, error) {
	terms, err := ExpandTerms(list, env)
	if err != nil {
		return nil, nil, err
	}
	var words, raw []string
	for _, a := range terms {
		if hasWordRune(a) {
			words = append(words, a)
		} else if a = strings.TrimSpace(a); a != "" {
			raw = append(raw, a)
		}
	}
	return phrase.Compile(words), raw, nil
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// askingQuestion finds a question that asks (a yes-no question, a request
// to anyone, a greeting before one: "Is parking free…?", "Does anyone
// know…?", "Hi, can any staff…?"), which a question mark alone does not tell
// from a rhetorical one ("Why is it always this bad?"), a complaint.
var askingQuestion = regexp.MustCompile(`(?i)(?:^|[.!?\n]\s*|@\w+\s+)(?:are|is|can|could|would|will|do|does|did|has|have|had|were|was|any|anyone|anybody|heard|hi|hello|hey)\b[^.!?]*\?`)

// A replyVerdict is the detector's reading of one comment.
type replyVerdict struct {
	negativity           float64
	why                  []string
	strong, weak, off    bool
	place                bool
	negCue, pos, neutral bool
	agrees               bool
	// addressed: the draft answers the comment for the organisation.
	addressed bool
}

func (d *replyDetector) judge(in *Input, comment string) replyVerdict {
	var v replyVerdict
	c := in.View(FieldReply)
	evidence := 0.0
	if d.model != nil || (in.Resources != nil && in.Resources.Sentiment != nil) {
		v.negativity, v.why, evidence = d.model.negativity(in.Resources, comment)
	}
	if m, found := has(d.neg, c); found {
		v.negCue = true
		v.negativity = max(v.negativity, 0.8)
		v.why = append([]string{m.Phrase}, v.why...)
	}
	_, v.pos = has(d.pos, c)
	_, v.neutral = has(d.neu, c)
	m, sarcastic := has(d.sarcasm, c)
	for _, a := range d.sarcasmRaw {
		if !sarcastic && strings.Contains(comment, a) {
			sarcastic, m.Phrase = true, a
		}
	}
	if sarcastic && !v.neutral {
		if v.negativity < 0.6 {
			v.negativity = 0.6
			v.why = append(v.why, m.Phrase)
		}
		v.pos = false
	}
	if !v.negCue {
		// The model's own complaint cues, when they weigh enough, keep
		// praise words (sarcasm) and a question mark (a rhetorical
		// question) from holding the score down; a neutral cue (a request,
		// an announcement) still does.
		modelCue := evidence >= d.cueEvidence || sarcastic
		if v.neutral || (v.pos && !modelCue) {
			v.negativity = min(v.negativity, 0.3)
		}
		if !modelCue && strings.Contains(comment, "?") && askingQuestion.MatchString(comment) {
			// Asked, not rhetorical: a request or a question for
			// information reads a little negative to the model.
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
	_, v.addressed = has(d.addressed, text)
	if _, sympathy := has(d.sympathy, text); sympathy {
		v.addressed = false
	}
	_, v.strong = has(d.target, c)
	_, v.weak = has(d.weak, c)
	_, v.off = has(d.off, c)
	_, v.place = has(d.place, c)
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
	case v.addressed && !v.off:
	case v.place && !v.off:
	case v.weak && !v.off && (v.negCue || v.negativity >= 0.9):
	default:
		return
	}
	conf := min(0.55+v.negativity*0.4, 0.97)
	note := "the comment is negative"
	if len(v.why) > 0 {
		note += " (" + strings.Join(dedupeStrings(v.why)[:min(len(dedupeStrings(v.why)), 3)], ", ") + ")"
	}
	if v.addressed && !v.strong {
		note += " and the draft answers it for the Trust"
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
