package sentiment

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// VADER's empirically derived constants.
const (
	bIncr   = 0.293  // booster word
	bDecr   = -0.293 // dampener word
	cIncr   = 0.733  // ALL-CAPS emphasis
	nScalar = -0.74  // negation
	alpha   = 15     // normalisation: x / sqrt(x² + alpha)
)

// negateWords are VADER's negations; any word containing "n't" negates too.
var negateWords = setOf(
	"aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
	"ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
	"dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
	"don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
	"neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
	"oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
	"oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
	"without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite")

// boosterDict holds VADER's degree adverbs: boosters add bIncr to the
// magnitude of the following sentiment word, dampeners subtract it.
var boosterDict = func() map[string]float64 {
	m := map[string]float64{}
	for _, w := range strings.Fields(`absolutely amazingly awfully completely
		considerable considerably decidedly deeply effing enormous enormously
		entirely especially exceptional exceptionally extreme extremely
		fabulously flipping flippin frackin fracking fricking frickin frigging
		friggin fully fuckin fucking fuggin fugging greatly hella highly hugely
		incredible incredibly intensely major majorly more most particularly
		purely quite really remarkably so substantially thoroughly total totally
		tremendous tremendously uber unbelievably unusually utter utterly very`) {
		m[w] = bIncr
	}
	for _, w := range strings.Fields(`almost barely hardly kinda kindof kind-of
		less little marginal marginally occasional occasionally partly scarce
		scarcely slight slightly somewhat sorta sortof sort-of`) {
		m[w] = bDecr
	}
	m["just enough"] = bDecr
	m["kind of"] = bDecr
	m["sort of"] = bDecr
	return m
}()

// specialCases are VADER's idioms that contain lexicon words; the idiom's
// valence replaces the word's.
var specialCases = map[string]float64{
	"the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0.0,
	"yeah right": -2, "kiss of death": -1.5, "to die for": 3,
	"beating heart": 3.1, "broken heart": -2.9,
}

// idiomWords are the words of the multi-word keys of specialCases and
// boosterDict; a sequence with any other word is neither.
var idiomWords = func() map[string]bool {
	m := map[string]bool{}
	for k := range specialCases {
		for _, w := range strings.Fields(k) {
			m[w] = true
		}
	}
	for k := range boosterDict {
		if strings.Contains(k, " ") {
			for _, w := range strings.Fields(k) {
				m[w] = true
			}
		}
	}
	return m
}()

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// A vtoken is one of VADER's "words and emoticons", with its lexicon facts
// looked up once.
type vtoken struct {
	low   string // lower-cased form
	start int    // byte offset of the token in the text
	end   int    // byte offset after it
	wordInfo
	upper bool // Python's str.isupper of the token as written
	title bool // written with an initial capital and lower case after
	// Set by adjust for the complaint layer only:
	mute    bool // scores 0 (but is still a lexicon word for VADER's rules)
	inCue   bool // inside a complaint cue: scores 0 if it would score positive
	boosted bool // follows an ambiguous intensifier: magnitude + bIncr
}

// vaderResult is the outcome of VADER's scoring before rounding.
type vaderResult struct {
	scores      Scores  // rounded as VADER rounds them
	compound    float64 // unrounded
	negCompound float64 // compound of the negative valences alone
}

// Polarity returns VADER's polarity scores of text, rounded as VADER rounds
// them (Neg, Neu and Pos to 3 decimals, Compound to 4). It follows the
// reference vaderSentiment.py with two deliberate differences: the valences
// before and after "but" are reweighted by position (the reference finds
// them by value, which misplaces repeated values), and an emoji scores the
// valence of the emoji list (the reference substitutes the words of its
// Unicode description) and is a token of its own even when written against a
// word.
func (a *Analyzer) Polarity(text string) Scores {
	var tokBuf [96]vtoken
	var sentBuf [96]float64
	return a.vader(text, tokBuf[:0], sentBuf[:0], nil).scores
}

// vader scores text, using toks and sents as scratch space. With adj it
// applies the complaint layer's corrections (see adjust) to VADER's rules.
func (a *Analyzer) vader(text string, toks []vtoken, sents []float64, adj *adjustment) vaderResult {
	toks = a.tokenize(text, toks)
	if adj != nil {
		a.adjust(toks, adj)
	}
	capDiff := allCapDifferential(toks)
	for i := range toks {
		t := &toks[i]
		if t.isBooster || (t.low == "kind" && i+1 < len(toks) && toks[i+1].low == "of") || t.mute {
			sents = append(sents, 0)
			continue
		}
		v := a.sentimentValence(toks, i, capDiff)
		if t.boosted {
			if v > 0 {
				v += bIncr
			} else if v < 0 {
				v -= bIncr
			}
		}
		if t.inCue && v > 0 {
			v = 0
		}
		sents = append(sents, v)
	}
	butCheck(toks, sents)
	return scoreValence(sents, text)
}

// sentimentValence is VADER's sentiment_valence for token i.
func (a *Analyzer) sentimentValence(toks []vtoken, i int, capDiff bool) float64 {
	t := &toks[i]
	if !t.inLex {
		return 0
	}
	valence := t.val
	// "no" before another lexicon word negates it rather than scoring itself.
	if t.low == "no" && i != len(toks)-1 && toks[i+1].inLex {
		valence = 0
	}
	if (i > 0 && toks[i-1].low == "no") || (i > 1 && toks[i-2].low == "no") ||
		(i > 2 && toks[i-3].low == "no" && (toks[i-1].low == "or" || toks[i-1].low == "nor")) {
		valence = t.val * nScalar
	}
	if t.upper && capDiff {
		if valence > 0 {
			valence += cIncr
		} else {
			valence -= cIncr
		}
	}
	for startI := 0; startI < 3; startI++ {
		if i <= startI {
			break
		}
		prev := &toks[i-(startI+1)]
		if prev.inLex {
			continue
		}
		s := scalarIncDec(prev, valence, capDiff)
		if startI == 1 && s != 0 {
			s *= 0.95
		}
		if startI == 2 && s != 0 {
			s *= 0.9
		}
		valence += s
		valence = negationCheck(valence, toks, startI, i)
		if startI == 2 {
			valence = specialIdiomsCheck(valence, toks, i)
		}
	}
	return leastCheck(valence, toks, i)
}

// scalarIncDec is the booster or dampener effect of word w on valence.
func scalarIncDec(w *vtoken, valence float64, capDiff bool) float64 {
	if !w.isBooster {
		return 0
	}
	scalar := w.boost
	if valence < 0 {
		scalar = -scalar
	}
	if w.upper && capDiff {
		if valence > 0 {
			scalar += cIncr
		} else {
			scalar -= cIncr
		}
	}
	return scalar
}

// negationCheck is VADER's _negation_check for the word startI+1 places
// before token i.
func negationCheck(valence float64, toks []vtoken, startI, i int) float64 {
	soOrThis := func(s string) bool { return s == "so" || s == "this" }
	switch startI {
	case 0:
		if toks[i-1].negation {
			valence *= nScalar
		}
	case 1:
		switch {
		case toks[i-2].low == "never" && soOrThis(toks[i-1].low):
			valence *= 1.25
		case toks[i-2].low == "without" && toks[i-1].low == "doubt":
		case toks[i-2].negation:
			valence *= nScalar
		}
	case 2:
		switch {
		case toks[i-3].low == "never" && soOrThis(toks[i-2].low) || soOrThis(toks[i-1].low):
			valence *= 1.25
		case toks[i-3].low == "without" && (toks[i-2].low == "doubt" || toks[i-1].low == "doubt"):
		case toks[i-3].negation:
			valence *= nScalar
		}
	}
	return valence
}

// specialIdiomsCheck is VADER's _special_idioms_check; it runs only for
// i >= 3.
func specialIdiomsCheck(valence float64, toks []vtoken, i int) float64 {
	idiom := func(from, to int) bool {
		for k := from; k <= to; k++ {
			if !toks[k].idiom {
				return false
			}
		}
		return true
	}
	if !idiom(i-2, i-1) && !idiom(i-3, i-2) && !idiom(i-1, i) && !(len(toks)-1 > i && idiom(i, i+1)) {
		// No two adjacent idiom words around i: no idiom can match.
		return valence
	}
	var buf [128]byte
	// Order as in the reference: "w1 w0", "w2 w1 w0", "w2 w1", "w3 w2 w1",
	// "w3 w2"; the first hit wins.
	for _, span := range [...][2]int{{i - 1, i}, {i - 2, i}, {i - 2, i - 1}, {i - 3, i - 1}, {i - 3, i - 2}} {
		if v, ok := specialCases[string(joinLow(buf[:0], toks, span[0], span[1]))]; ok {
			valence = v
			break
		}
	}
	if len(toks)-1 > i {
		if v, ok := specialCases[string(joinLow(buf[:0], toks, i, i+1))]; ok {
			valence = v
		}
	}
	if len(toks)-1 > i+1 {
		if v, ok := specialCases[string(joinLow(buf[:0], toks, i, i+2))]; ok {
			valence = v
		}
	}
	// Booster and dampener n-grams such as "kind of" or "sort of".
	for _, span := range [...][2]int{{i - 3, i - 1}, {i - 3, i - 2}, {i - 2, i - 1}} {
		if v, ok := boosterDict[string(joinLow(buf[:0], toks, span[0], span[1]))]; ok {
			valence += v
		}
	}
	return valence
}

// joinLow appends the lower-cased tokens from..to (inclusive), separated by
// spaces, to b.
func joinLow(b []byte, toks []vtoken, from, to int) []byte {
	for k := from; k <= to; k++ {
		if k > from {
			b = append(b, ' ')
		}
		b = append(b, toks[k].low...)
	}
	return b
}

// leastCheck negates a word after "least" unless it reads "at least" or
// "very least".
func leastCheck(valence float64, toks []vtoken, i int) float64 {
	if i > 0 && toks[i-1].low == "least" && !toks[i-1].inLex {
		if i == 1 || (toks[i-2].low != "at" && toks[i-2].low != "very") {
			valence *= nScalar
		}
	}
	return valence
}

// butCheck halves the valences before the first "but" and multiplies those
// after it by 1.5. (The reference implementation finds each valence's
// position by value, which misplaces repeated values; this uses positions.)
func butCheck(toks []vtoken, sents []float64) {
	bi := -1
	for k := range toks {
		if toks[k].low == "but" {
			bi = k
			break
		}
	}
	if bi < 0 {
		return
	}
	for k := range sents {
		if k < bi {
			sents[k] *= 0.5
		} else if k > bi {
			sents[k] *= 1.5
		}
	}
}

// punctuationEmphasis is the amplifier from up to four "!" and from two or
// more "?".
func punctuationEmphasis(text string) float64 {
	ep, qm := strings.Count(text, "!"), strings.Count(text, "?")
	amp := float64(min(ep, 4)) * 0.292
	switch {
	case qm > 3:
		amp += 0.96
	case qm > 1:
		amp += float64(qm) * 0.18
	}
	return amp
}

// normalize maps a valence sum into [-1, 1].
func normalize(score float64) float64 {
	n := score / math.Sqrt(score*score+alpha)
	return math.Max(-1, math.Min(1, n))
}

func round(x float64, places int) float64 {
	p := math.Pow10(places)
	return math.Round(x*p) / p
}

// scoreValence is VADER's score_valence.
func scoreValence(sents []float64, text string) vaderResult {
	var r vaderResult
	if len(sents) == 0 {
		return r
	}
	sum, negOnly := 0.0, 0.0
	for _, s := range sents {
		sum += s
		if s < 0 {
			negOnly += s
		}
	}
	amp := punctuationEmphasis(text)
	if sum > 0 {
		sum += amp
	} else if sum < 0 {
		sum -= amp
	}
	if negOnly < 0 {
		negOnly -= amp
	}
	r.compound = normalize(sum)
	r.negCompound = normalize(negOnly)

	pos, neg, neu := 0.0, 0.0, 0
	for _, s := range sents {
		switch {
		case s > 0:
			pos += s + 1 // compensates for neutral words, counted as 1
		case s < 0:
			neg += s - 1
		default:
			neu++
		}
	}
	if pos > -neg {
		pos += amp
	} else if pos < -neg {
		neg -= amp
	}
	total := pos - neg + float64(neu)
	r.scores = Scores{
		Neg:      round(math.Abs(neg/total), 3),
		Neu:      round(math.Abs(float64(neu)/total), 3),
		Pos:      round(math.Abs(pos/total), 3),
		Compound: round(r.compound, 4),
	}
	return r
}

// allCapDifferential reports whether some, but not all, tokens are ALL CAPS.
func allCapDifferential(toks []vtoken) bool {
	n := 0
	for k := range toks {
		if toks[k].upper {
			n++
		}
	}
	return n > 0 && n < len(toks)
}

// isPySpace reports whether Python's str.split() splits at r.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// isEmojiModifier reports whether r only modifies an emoji: variation
// selectors, skin tones, the zero-width joiner and the keycap mark.
func isEmojiModifier(r rune) bool {
	return r == 0xFE0E || r == 0xFE0F || r == 0x200D || r == 0x20E3 || (r >= 0x1F3FB && r <= 0x1F3FF)
}

// isPictograph reports whether r is in a block of emoji and pictographs.
func isPictograph(r rune) bool {
	return (r >= 0x1F000 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF) ||
		(r >= 0x2300 && r <= 0x23FF) || (r >= 0x2B00 && r <= 0x2BFF)
}

// isPunct reports whether c is in Python's string.punctuation.
func isPunct(c byte) bool {
	return c < utf8.RuneSelf && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// stripPunc is VADER's _strip_punc_if_word for the token text[start:end]:
// leading and trailing ASCII punctuation is removed unless that leaves two
// characters or fewer, in which case the token is probably an emoticon and
// is kept whole. It returns the new bounds.
func stripPunc(text string, start, end int) (int, int) {
	i, j := start, end
	for i < j && isPunct(text[i]) {
		i++
	}
	for j > i && isPunct(text[j-1]) {
		j--
	}
	if utf8.RuneCountInString(text[i:j]) <= 2 {
		return start, end
	}
	return i, j
}

// tokenize splits text into VADER's words and emoticons: white-space
// separated, punctuation stripped by stripPunc, with each emoji a token of its
// own (the reference replaces emoji by their descriptions, which has the same
// effect on the surrounding words).
func (a *Analyzer) tokenize(text string, toks []vtoken) []vtoken {
	type span struct{ lo, hi int32 }
	var spanBuf [96]span
	spans := spanBuf[:0]
	var arenaBuf [512]byte
	arena := arenaBuf[:0]
	startTok := len(toks)

	emit := func(start, end int) {
		start, end = stripPunc(text, start, end)
		tok := text[start:end]
		lo := len(arena)
		hasUpper, hasLower := false, false
		for k := 0; k < len(tok); {
			c := tok[k]
			if c < utf8.RuneSelf {
				if 'A' <= c && c <= 'Z' {
					hasUpper = true
					c += 'a' - 'A'
				} else if 'a' <= c && c <= 'z' {
					hasLower = true
				}
				arena = append(arena, c)
				k++
				continue
			}
			r, size := utf8.DecodeRuneInString(tok[k:])
			switch {
			case unicode.IsUpper(r):
				hasUpper = true
			case unicode.IsLower(r) || unicode.IsTitle(r):
				hasLower = true
			}
			arena = utf8.AppendRune(arena, unicode.ToLower(r))
			k += size
		}
		spans = append(spans, span{int32(lo), int32(len(arena))})
		first, _ := utf8.DecodeRuneInString(tok)
		toks = append(toks, vtoken{
			start: start,
			end:   end,
			upper: hasUpper && !hasLower,
			title: unicode.IsUpper(first) && hasLower && len(tok) > 1,
		})
	}

	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f) {
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			if isPySpace(r) || isEmojiModifier(r) {
				i += size
				continue
			}
			if a.isEmoji(r) {
				emit(i, i+size)
				i += size
				continue
			}
		}
		j := i
		for j < len(text) {
			c := text[j]
			if c < utf8.RuneSelf {
				if c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f) {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[j:])
			if isPySpace(r) || isEmojiModifier(r) || a.isEmoji(r) {
				break
			}
			j += size
		}
		emit(i, j)
		i = j
	}

	low := string(arena)
	for k := range spans {
		t := &toks[startTok+k]
		t.low = low[spans[k].lo:spans[k].hi]
		a.lookUp(t)
	}
	return toks
}

// A wordInfo gathers what the rules know of a word, so that a token needs
// one map look-up.
type wordInfo struct {
	val       float64 // lexicon valence when inLex
	boost     float64 // boosterDict value when isBooster
	inLex     bool
	isBooster bool
	negation  bool // a negation word (a token containing "n't" is one too)
	idiom     bool // in idiomWords
	// For the complaint layer's adjust:
	neutral     bool // named by an @neutral line of the cue list
	likeSubject bool // in likeSubjects
	intensifier bool // in ambiguousIntensifiers
	connector   bool // in nameConnectors
}

// buildWords merges the lexicon with the rules' word lists.
func buildWords(lex map[string]float64, neutral map[string]bool) map[string]wordInfo {
	words := make(map[string]wordInfo, len(lex)+len(boosterDict)+len(negateWords))
	for w, v := range lex {
		words[w] = wordInfo{val: v, inLex: true}
	}
	set := func(list map[string]bool, f func(*wordInfo)) {
		for w := range list {
			wi := words[w]
			f(&wi)
			words[w] = wi
		}
	}
	for w, b := range boosterDict {
		wi := words[w]
		wi.boost, wi.isBooster = b, true
		words[w] = wi
	}
	set(negateWords, func(wi *wordInfo) { wi.negation = true })
	set(idiomWords, func(wi *wordInfo) { wi.idiom = true })
	set(neutral, func(wi *wordInfo) { wi.neutral = true })
	set(likeSubjects, func(wi *wordInfo) { wi.likeSubject = true })
	set(ambiguousIntensifiers, func(wi *wordInfo) { wi.intensifier = true })
	set(nameConnectors, func(wi *wordInfo) { wi.connector = true })
	return words
}

// lookUp sets the lexicon facts of t from t.low.
func (a *Analyzer) lookUp(t *vtoken) {
	t.wordInfo = a.words[t.low]
	if !t.negation && strings.Contains(t.low, "n't") {
		t.negation = true
	}
}

// isEmoji reports whether r is split off as a token of its own.
func (a *Analyzer) isEmoji(r rune) bool {
	return isPictograph(r) || a.emoji[r]
}
