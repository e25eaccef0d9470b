package sentiment

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An Assessment is the outcome of [Analyzer.Complaint].
type Assessment struct {
	// Negative is the decision: Probability reached the model's threshold.
	Negative bool
	// Probability is the estimated probability that the text is negative.
	Probability float64
	// Polarity are the text's VADER scores with the complaint layer's
	// corrections (see [Analyzer.Complaint]); they can differ from
	// [Analyzer.Polarity].
	Polarity Scores
	// Cues are the complaint cues that counted, in the order of their first
	// match in the text; nil when none did.
	Cues []Cue
}

// A Cue is a complaint cue found in a text.
type Cue struct {
	// Pattern is the phrase of the cue list that matched, as written there.
	Pattern string
	// Weight is the evidence it added to the log-odds of negativity.
	Weight float64
	// Start and End are the byte offsets of its first match in the text.
	Start, End int
}

// model holds the parameters of the complaint decision, set by "@name value"
// lines of the cue list.
type model struct {
	bias      float64 // @bias: log-odds of a text with no evidence
	compound  float64 // @compound: weight of minus VADER's compound score
	threshold float64 // @threshold: probability at which Negative is true
	negation  int     // @negation-window: words before a cue searched for a negation
	sarcasm   float64 // @sarcasm-evidence: cue weight that activates sarcasm cues
}

var defaultModel = model{bias: -0.75, compound: 6, threshold: 0.5, negation: 2, sarcasm: 1}

// Cue flags.
const (
	flagStart    = 1 << iota // the match must begin its sentence
	flagQuestion             // the match's sentence must contain "?"
	flagSarcasm              // counts only beside other negative evidence
)

// An element of a cue pattern matches one word.
type element struct {
	alts     []alt
	optional bool
}

type alt struct {
	word   string // literal word, or prefix when prefix
	prefix bool
	num    bool // any number
	any    bool // any word
}

type cue struct {
	pattern string   // as written
	phrases []phrase // the comma-separated alternatives of pattern
	weight  float64
	flags   int
}

type phrase struct {
	text    string // as written
	elems   []element
	selfNeg bool // the first word may itself be a negation
}

// A cueSet indexes cues by the literal words their first element can match.
type cueSet struct {
	cues []cue
	// byWord and byPrefix map a first word or first-word prefix to the
	// phrases that can start with it.
	byWord   map[string][]ref
	byPrefix map[string][]ref
	// prefixLens are the distinct prefix lengths in byPrefix, ascending.
	prefixLens []int
	// other are phrases whose first element is a number or any word.
	other []ref
	// neutral are the words of @neutral lines.
	neutral map[string]bool
}

// A ref names phrase p of cue c.
type ref struct{ c, p int32 }

// numberWords count as <num> in cue patterns besides digits.
var numberWords = setOf("a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
	"seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
	"hundred", "hundreds", "few", "several", "couple", "many", "multiple", "countless",
	"umpteen", "dozen", "dozens", "half")

// readCues parses a complaint-cue list; see [Analyzer.Complaint].
func readCues(r io.Reader, m *model) (*cueSet, error) {
	cs := &cueSet{byWord: map[string][]ref{}, byPrefix: map[string][]ref{}, neutral: map[string]bool{}}
	seen := map[string]int{}
	err := eachLine(r, func(n int, line string) error {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			return nil
		}
		if f := strings.Fields(line); f[0] == "@neutral" {
			for _, w := range f[1:] {
				cs.neutral[strings.ToLower(w)] = true
			}
			return nil
		}
		if line[0] == '@' {
			return m.set(n, line)
		}
		c, err := parseCue(line)
		if err != nil {
			return fmt.Errorf("sentiment: cue line %d: %v", n, err)
		}
		if prev, dup := seen[c.pattern]; dup {
			return fmt.Errorf("sentiment: cue line %d: %q repeats line %d", n, c.pattern, prev)
		}
		seen[c.pattern] = n
		cs.add(c)
		return nil
	})
	if err != nil {
		return nil, wrapRead("cue list", err)
	}
	return cs, nil
}

// set applies an "@name value" line.
func (m *model) set(n int, line string) error {
	f := strings.Fields(line)
	if len(f) != 2 {
		return fmt.Errorf("sentiment: cue line %d: want @name value, got %q", n, clip(line))
	}
	v, err := parseValence(f[1])
	if err != nil {
		return fmt.Errorf("sentiment: cue line %d: %v", n, err)
	}
	switch f[0] {
	case "@bias":
		m.bias = v
	case "@compound":
		m.compound = v
	case "@threshold":
		if v <= 0 || v >= 1 {
			return fmt.Errorf("sentiment: cue line %d: @threshold must be in (0, 1)", n)
		}
		m.threshold = v
	case "@sarcasm-evidence":
		m.sarcasm = v
	case "@negation-window":
		if v < 0 || v > 5 || v != math.Trunc(v) {
			return fmt.Errorf("sentiment: cue line %d: @negation-window must be 0 … 5", n)
		}
		m.negation = int(v)
	default:
		return fmt.Errorf("sentiment: cue line %d: unknown parameter %s", n, f[0])
	}
	return nil
}

// parseCue parses "WEIGHT PATTERN [flags]".
func parseCue(line string) (cue, error) {
	var c cue
	i := strings.IndexFunc(line, unicode.IsSpace)
	if i < 0 {
		return c, fmt.Errorf("want WEIGHT PATTERN [flags], got %q", clip(line))
	}
	ws, rest := line[:i], line[i:]
	w, err := parseValence(ws)
	if err != nil {
		return c, fmt.Errorf("want WEIGHT PATTERN [flags]: %v", err)
	}
	c.weight = w
	rest = strings.TrimSpace(rest)
	if i := strings.IndexByte(rest, '['); i >= 0 {
		flags := rest[i:]
		rest = strings.TrimSpace(rest[:i])
		if !strings.HasSuffix(flags, "]") {
			return c, fmt.Errorf("unclosed [ in %q", flags)
		}
		for _, f := range strings.FieldsFunc(flags[1:len(flags)-1], func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
			switch f {
			case "start":
				c.flags |= flagStart
			case "question":
				c.flags |= flagQuestion
			case "sarcasm":
				c.flags |= flagSarcasm
			default:
				return c, fmt.Errorf("unknown flag %q", f)
			}
		}
	}
	if rest == "" {
		return c, fmt.Errorf("no pattern")
	}
	c.pattern = strings.Join(strings.Fields(rest), " ")
	for _, ph := range strings.Split(c.pattern, ",") {
		p, err := parsePhrase(strings.TrimSpace(ph))
		if err != nil {
			return c, err
		}
		c.phrases = append(c.phrases, p)
	}
	return c, nil
}

// parsePhrase parses one alternative of a cue pattern.
func parsePhrase(text string) (phrase, error) {
	p := phrase{text: text}
	if text == "" {
		return p, fmt.Errorf("empty phrase (doubled or trailing comma?)")
	}
	for _, f := range strings.Fields(strings.ToLower(strings.ReplaceAll(text, "’", "'"))) {
		var e element
		if strings.HasSuffix(f, "?") {
			e.optional = true
			f = f[:len(f)-1]
		}
		for _, s := range strings.Split(f, "|") {
			var a alt
			switch {
			case s == "<num>":
				a.num = true
			case s == "*":
				a.any = true
			case strings.HasSuffix(s, "*"):
				a.word, a.prefix = s[:len(s)-1], true
			default:
				a.word = s
			}
			if !a.num && !a.any {
				if a.word == "" || !isCueWord(a.word) {
					return p, fmt.Errorf("%q is not a word, <num> or * (write hyphenated words as separate words)", s)
				}
				if a.prefix && utf8.RuneCountInString(a.word) < 3 {
					return p, fmt.Errorf("prefix %q is shorter than 3 letters", s)
				}
			}
			e.alts = append(e.alts, a)
		}
		p.elems = append(p.elems, e)
	}
	if p.elems[0].optional {
		return p, fmt.Errorf("the first word of %q cannot be optional", text)
	}
	for _, a := range p.elems[0].alts {
		if a.word != "" && isNegator(a.word) {
			p.selfNeg = true
		}
	}
	return p, nil
}

// isCueWord reports whether s is a single word as the cue tokenizer sees
// words.
func isCueWord(s string) bool {
	prevWord := false
	for i, r := range s {
		switch {
		case isWordRune(r):
			prevWord = true
		case (r == '\'' || r == '&') && prevWord && i+1 < len(s):
			prevWord = false
		default:
			return false
		}
	}
	return prevWord
}

func (cs *cueSet) add(c cue) {
	k := int32(len(cs.cues))
	cs.cues = append(cs.cues, c)
	for pi, p := range c.phrases {
		r := ref{k, int32(pi)}
		if p.elems[0].matchesAnyNumber() {
			cs.other = append(cs.other, r)
			continue
		}
		for _, a := range p.elems[0].alts {
			if a.prefix {
				cs.byPrefix[a.word] = append(cs.byPrefix[a.word], r)
				cs.addPrefixLen(len(a.word))
			} else {
				cs.byWord[a.word] = append(cs.byWord[a.word], r)
			}
		}
	}
}

// matchesAnyNumber reports whether e has a <num> or * alternative.
func (e *element) matchesAnyNumber() bool {
	for _, a := range e.alts {
		if a.num || a.any {
			return true
		}
	}
	return false
}

func (cs *cueSet) addPrefixLen(n int) {
	i := 0
	for i < len(cs.prefixLens) && cs.prefixLens[i] < n {
		i++
	}
	if i == len(cs.prefixLens) || cs.prefixLens[i] != n {
		cs.prefixLens = append(cs.prefixLens, 0)
		copy(cs.prefixLens[i+1:], cs.prefixLens[i:])
		cs.prefixLens[i] = n
	}
}

// A ctoken is a word as the cue matcher sees it.
type ctoken struct {
	w          string // lower-cased, with ’ as '
	start, end int    // byte offsets in the text
	sent       int    // sentence number
	first      bool   // first word of its sentence
	num        bool   // digits or a number word
}

// isWordRune reports whether r belongs to a word: a letter, a digit or a
// combining mark.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

// runeAt decodes the rune at text[i].
func runeAt(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

func isNegator(w string) bool {
	return negateWords[w] || w == "no" || w == "nobody" || w == "noone" || strings.Contains(w, "n't")
}

// ctokens splits text into lower-cased words for cue matching: runs of
// letters and digits, split where digits meet letters, keeping inner
// apostrophes and "&" ("don't", "a&e"). Mentions and links are skipped. It
// also returns, per sentence, whether the sentence contains a question mark.
func ctokens(text string, toks []ctoken, qs []bool) ([]ctoken, []bool) {
	var arenaBuf [512]byte
	arena := arenaBuf[:0]
	type span struct{ lo, hi int }
	var spanBuf [96]span
	spans := spanBuf[:0]
	start0 := len(toks)

	sent := 0
	pendingBreak := false
	qs = append(qs, false)
	for i := 0; i < len(text); {
		r, size := runeAt(text, i)
		switch {
		case r == '@' && (i == 0 || isPySpace(lastRune(text[:i]))):
			// A mention: skip to the next space.
			for i < len(text) {
				r, size := utf8.DecodeRuneInString(text[i:])
				if isPySpace(r) {
					break
				}
				i += size
			}
			continue
		case (r == 'h' || r == 'w' || r == 'H' || r == 'W') && isLinkAt(text[i:]):
			for i < len(text) {
				r, size := utf8.DecodeRuneInString(text[i:])
				if isPySpace(r) {
					break
				}
				i += size
			}
			continue
		case isWordRune(r):
			if pendingBreak && len(toks) > start0 {
				sent++
				qs = append(qs, false)
			}
			pendingBreak = false
			j := i
			lo := len(arena)
			digits := isDigit(r)
			for j < len(text) {
				r, size := runeAt(text, j)
				if isWordRune(r) {
					if d := isDigit(r); d != digits {
						break
					}
					if r < utf8.RuneSelf {
						if 'A' <= r && r <= 'Z' {
							r += 'a' - 'A'
						}
						arena = append(arena, byte(r))
					} else {
						arena = utf8.AppendRune(arena, unicode.ToLower(r))
					}
					j += size
					continue
				}
				if r == '\'' || r == '’' || r == '&' {
					// Keep it only between two letters.
					if j+size < len(text) {
						n, _ := utf8.DecodeRuneInString(text[j+size:])
						if unicode.IsLetter(n) && !digits {
							if r == '&' {
								arena = append(arena, '&')
							} else {
								arena = append(arena, '\'')
							}
							j += size
							continue
						}
					}
				}
				break
			}
			spans = append(spans, span{lo, len(arena)})
			toks = append(toks, ctoken{start: i, end: j, sent: sent, num: digits})
			i = j
			continue
		case r == '?':
			qs[sent] = true
			pendingBreak = true
		case r == '!' || r == '\n' || r == ';' || r == '…':
			pendingBreak = true
		case r == '.':
			// Not in "4.5" or "e.g".
			if n, _ := utf8.DecodeRuneInString(text[i+1:]); !isWordRune(n) {
				pendingBreak = true
			}
		}
		i += size
	}
	low := string(arena)
	prevSent := -1
	for k := range spans {
		t := &toks[start0+k]
		t.w = low[spans[k].lo:spans[k].hi]
		if !t.num && numberWords[t.w] {
			t.num = true
		}
		t.first = t.sent != prevSent
		prevSent = t.sent
	}
	return toks, qs
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// isLinkAt reports whether s starts with a URL.
func isLinkAt(s string) bool {
	if len(s) < 8 {
		return false
	}
	p := strings.ToLower(s[:8])
	return strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") || strings.HasPrefix(p, "www.")
}

func matchElems(elems []element, toks []ctoken, i, sent int) (int, bool) {
	if len(elems) == 0 {
		return i, true
	}
	e := &elems[0]
	if i < len(toks) && toks[i].sent == sent && e.matches(&toks[i]) {
		if end, ok := matchElems(elems[1:], toks, i+1, sent); ok {
			return end, true
		}
	}
	if e.optional {
		return matchElems(elems[1:], toks, i, sent)
	}
	return 0, false
}

func (e *element) matches(t *ctoken) bool {
	for k := range e.alts {
		a := &e.alts[k]
		switch {
		case a.any:
			return true
		case a.num:
			if t.num {
				return true
			}
		case a.prefix:
			if strings.HasPrefix(t.w, a.word) {
				return true
			}
		default:
			if t.w == a.word {
				return true
			}
		}
	}
	return false
}

// hit is a cue matched at least once.
type hit struct {
	ref
	start, end int // token span of the first match
}

// match finds the cues in toks, each once, in order of first match.
func (cs *cueSet) match(toks []ctoken, qs []bool, window int, hits []hit) []hit {
	try := func(r ref, i int) {
		for _, h := range hits {
			if h.c == r.c {
				return
			}
		}
		c := &cs.cues[r.c]
		if c.flags&flagStart != 0 && !toks[i].first {
			return
		}
		if c.flags&flagQuestion != 0 && !qs[toks[i].sent] {
			return
		}
		p := &c.phrases[r.p]
		end, ok := matchElems(p.elems, toks, i, toks[i].sent)
		if !ok {
			return
		}
		if !p.selfNeg {
			for j := i - 1; j >= 0 && j >= i-window && toks[j].sent == toks[i].sent; j-- {
				if isNegator(toks[j].w) {
					return
				}
			}
		}
		hits = append(hits, hit{ref: r, start: i, end: end})
	}
	for i := range toks {
		w := toks[i].w
		for _, r := range cs.byWord[w] {
			try(r, i)
		}
		for _, n := range cs.prefixLens {
			if n > len(w) {
				break
			}
			for _, r := range cs.byPrefix[w[:n]] {
				try(r, i)
			}
		}
		for _, r := range cs.other {
			try(r, i)
		}
	}
	return hits
}

// Complaint assesses whether text is negative in the way a comment about a
// hospital trust or its staff is when it complains. The evidence is summed as
// log-odds
//
//	@bias + @compound × (−compound) + Σ weights of the cues found
//
// whose logistic is the Probability; Negative is Probability >= @threshold.
// The @ parameters come from the cue list (defaults: -0.75, 6 and 0.5).
//
// The compound is VADER's, with corrections for blind spots of its lexicon
// in social-media comments: a run of two or more capitalised words is a name
// or title and scores nothing ("Great Ormond Street", "Good Hope Hospital");
// "like" scores only as a verb; "no" on its own scores nothing (it still
// negates what follows); "pretty", "damn", "dead" and similar words in front
// of a sentiment word intensify it instead of scoring; elongated words
// ("baaad") are looked up shortened; the words of the cue list's @neutral
// lines (illnesses, injuries, worry: the topic of a comment to a hospital,
// not a judgement of it) score nothing, and nor do words that would score
// positive inside a complaint cue ("a joke", "thanks for nothing").
//
// The cue list has one cue per line, "WEIGHT PATTERN [flags]", where PATTERN
// is one or more comma-separated phrases; rules/lists/sentiment/
// complaint_cues.txt documents the syntax. A cue counts once however often it
// matches. A phrase preceded within @negation-window words (default 2) of its
// sentence by a negation ("not", "never", "no", "…n't") is ignored unless
// the phrase itself starts with one. A [sarcasm] cue, a positive phrase such
// as "well done", counts only when the other cues found weigh at least
// @sarcasm-evidence (default 1), and then the positive part of the compound
// is disregarded.
func (a *Analyzer) Complaint(text string) Assessment {
	var ctokBuf [96]ctoken
	var qBuf [16]bool
	var hitBuf [16]hit
	toks, qs := ctokens(text, ctokBuf[:0], qBuf[:0])
	hits := a.cues.match(toks, qs, a.model.negation, hitBuf[:0])

	var spanBuf [16][2]int
	adj := adjustment{spans: spanBuf[:0]}
	for _, h := range hits {
		if c := &a.cues.cues[h.c]; c.weight > 0 && c.flags&flagSarcasm == 0 {
			adj.spans = append(adj.spans, [2]int{toks[h.start].start, toks[h.end-1].end})
		}
	}
	var tokBuf [96]vtoken
	var sentBuf [96]float64
	vr := a.vader(text, tokBuf[:0], sentBuf[:0], &adj)

	// Complaint evidence, for sarcasm cues.
	evidence := 0.0
	for _, h := range hits {
		c := &a.cues.cues[h.c]
		if c.flags&flagSarcasm == 0 && c.weight > 0 {
			evidence += c.weight
		}
	}
	negEvidence := evidence > 0 && evidence >= a.model.sarcasm
	x := -vr.compound
	logit := a.model.bias
	var out []Cue
	for _, h := range hits {
		c := &a.cues.cues[h.c]
		if c.flags&flagSarcasm != 0 {
			if !negEvidence {
				continue
			}
			x = math.Max(x, -vr.negCompound)
		}
		logit += c.weight
		if out == nil {
			out = make([]Cue, 0, len(hits))
		}
		out = append(out, Cue{Pattern: c.phrases[h.p].text, Weight: c.weight, Start: toks[h.start].start, End: toks[h.end-1].end})
	}
	logit += a.model.compound * x
	p := 1 / (1 + math.Exp(-logit))
	return Assessment{
		Negative:    p >= a.model.threshold,
		Probability: p,
		Polarity:    vr.scores,
		Cues:        out,
	}
}
