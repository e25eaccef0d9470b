package sentiment

// The complaint layer scores texts with VADER's rules plus the corrections
// here, for blind spots of the lexicon in social-media comments. Polarity
// never applies them.

// likeSubjects are the words after which "like" is the verb (or "would
// like"); elsewhere "like" is a preposition or a filler and carries no
// sentiment.
var likeSubjects = setOf("i", "we", "you", "they", "u", "ya", "people", "ppl", "who",
	"would", "i'd", "we'd", "you'd", "really", "also", "just", "still", "totally",
	"actually", "definitely", "do", "does", "did", "don't", "dont", "doesn't", "didn't",
	"to", "will", "gonna", "should", "might", "may")

// ambiguousIntensifiers are words with a lexicon valence of their own that
// commonly serve as intensifiers ("pretty bad", "damn good", "dead good"); in
// front of another lexicon word they boost it instead of scoring.
var ambiguousIntensifiers = setOf("pretty", "damn", "damned", "dang", "crazy", "insanely",
	"freaking", "freakin", "bloody", "wicked", "sick", "mad", "stupid", "hell", "dead", "real")

// nameConnectors may join the capitalised words of a name ("Star of the Sea").
var nameConnectors = setOf("of", "the", "and", "&", "de", "la", "to", "in", "a", "on", "for")

// An adjustment carries what the complaint layer knows beyond the tokens.
type adjustment struct {
	// spans are the byte ranges of complaint cues of positive weight found in
	// the text; the positive words inside them score nothing ("a joke",
	// "thanks for nothing").
	spans [][2]int
}

// adjust marks the corrections on toks:
//
//   - neutral words (from the cue list: in comments to a hospital they name
//     the topic, such as an illness, rather than judge the Trust) score
//     nothing, nor do words inside adj.spans that would score positive;
//   - a run of two or more capitalised words ("Great Ormond Street", "The
//     Walking Dead") is a name or a title: its words score nothing;
//   - "like" scores only as a verb;
//   - "no" on its own scores nothing (VADER still lets it negate the words
//     after it; the cue list weighs negation as such);
//   - ambiguous intensifiers before a lexicon word boost it;
//   - an elongated word ("sooo baaad") is looked up with its repeated letters
//     cut to two, then to one.
func (a *Analyzer) adjust(toks []vtoken, adj *adjustment) {
	for i := range toks {
		t := &toks[i]
		if !t.inLex && !t.isBooster && !t.negation {
			if low, ok := a.unelongate(t.low); ok {
				t.low = low
				a.lookUp(t)
			}
		}
	}
	for i := 0; i < len(toks); {
		if !toks[i].title {
			i++
			continue
		}
		j, names := i+1, 1
		for j < len(toks) {
			if toks[j].title {
				names++
			} else if !(toks[j].connector && j+1 < len(toks) && toks[j+1].title) {
				break
			}
			j++
		}
		if names >= 2 {
			for k := i; k < j; k++ {
				toks[k].mute = true
			}
		}
		i = j
	}
	for i := range toks {
		t := &toks[i]
		if t.neutral {
			t.mute = true
			continue
		}
		for _, sp := range adj.spans {
			if t.start < sp[1] && sp[0] < t.end {
				t.inCue = true
			}
		}
		switch {
		case t.low == "like":
			if i == 0 || !toks[i-1].likeSubject {
				t.mute = true
			}
		case t.low == "no":
			t.mute = true
		case t.intensifier && i+1 < len(toks) && toks[i+1].inLex && toks[i+1].val != 0:
			t.mute = true
			toks[i+1].boosted = true
		}
	}
}

// unelongate returns w with runs of three or more equal letters cut to two,
// or failing that to one, when that makes a known word.
func (a *Analyzer) unelongate(w string) (string, bool) {
	run, longest := 1, 1
	for k := 1; k < len(w); k++ {
		if w[k] == w[k-1] {
			run++
			longest = max(longest, run)
		} else {
			run = 1
		}
	}
	if longest < 3 {
		return "", false
	}
	for _, keep := range [...]int{2, 1} {
		var buf [64]byte
		b := buf[:0]
		run := 0
		for k := 0; k < len(w); k++ {
			if k > 0 && w[k] == w[k-1] {
				run++
			} else {
				run = 1
			}
			if run <= keep {
				b = append(b, w[k])
			}
		}
		if wi, ok := a.words[string(b)]; ok && (wi.inLex || wi.isBooster || wi.negation) {
			return string(b), true
		}
	}
	return "", false
}
