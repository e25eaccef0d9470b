package detect

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/textnorm"
)

// phoneOptions configure the "phone" kind: phone numbers written in a post,
// found by a candidate scanner in the spirit of libphonenumber's
// PhoneNumberMatcher and checked against libphonenumber's numbering data
// (github.com/nyaruka/phonenumbers).
//
// Numbers without an international prefix are read as numbers of Region and
// must then start with its national prefix ("0" in the UK). Emergency and
// other short numbers (999, 112, 111, 116 123) never match, nor do the
// numbers of Allow and Helplines.
type phoneOptions struct {
	Kind string `yaml:"kind"`
	// Region is the country assumed for numbers written without an
	// international prefix, as an ISO 3166 code (default GB).
	Region string `yaml:"region"`
	// Allow lists the organisation's published numbers, written in any
	// format; they are compared as E.164 numbers, extensions ignored.
	Allow []string `yaml:"allow"`
	// Helplines are public helpline numbers that are never a breach
	// (default defaultHelplines). Giving the option replaces the default.
	Helplines []string `yaml:"helplines"`
	// PersonalCues are words that, within six words of a mobile number,
	// make it someone's own number (default defaultPersonalCues).
	PersonalCues []string `yaml:"personal_cues"`
	// ConfidenceValid is the confidence of a number the numbering plan
	// says is valid (default 0.9).
	ConfidenceValid float64 `yaml:"confidence_valid"`
	// ConfidencePossible is the confidence of a number of a possible length
	// outside the allocated ranges, such as Ofcom's drama numbers
	// 07700 900xxx (default 0.7).
	ConfidencePossible float64 `yaml:"confidence_possible"`
	// ConfidencePersonal is the confidence of a mobile number next to a
	// personal cue (default 0.95). Other numbers next to one gain 0.05, up
	// to this.
	ConfidencePersonal float64 `yaml:"confidence_personal"`
}

// defaultHelplines are UK helplines that are published to be shared and
// that libphonenumber's short-number data does not cover because they are
// full-length numbers. (999, 112, 111, 101, 105, 116 123 and 116 117 are
// short numbers: phonenumbers.IsValidShortNumberForRegion knows them, and
// they are shorter than any number this kind reports.)
var defaultHelplines = []string{
	"0800 1111",     // Childline
	"0808 800 5000", // NSPCC helpline
	"0800 58 58 58", // CALM
	"0800 068 4141", // Papyrus HOPELINE247
	"0808 2000 247", // National Domestic Abuse Helpline
	"0800 555 111",  // Crimestoppers
	"0300 123 3393", // Mind infoline
	"0330 094 5717", // Samaritans (non-freephone line)
	"0808 164 0123", // Samaritans Welsh Language Line
}

// defaultPersonalCues are words that say a number is the writer's or
// someone's own.
var defaultPersonalCues = []string{
	"call me", "text me", "ring me", "phone me", "message me", "whatsapp me",
	"my number", "my mobile", "my mob", "my phone", "my cell", "my personal",
	"personal number", "dm", "dm me", "mob", "reach me", "contact me",
	"his number", "her number", "their number",
}

// phoneContextWindow is how many words each side of a number are searched
// for personal cues.
const phoneContextWindow = 6

// Limits on the work done on one text: the scanner never holds more than
// phoneMaxChunks space-separated digit groups in one candidate run, and
// parses at most phoneMaxParses candidates.
const (
	phoneMaxChunks = 12
	phoneMaxParses = 24
	phoneMinDigits = 7
	phoneMaxDigits = 17
)

// healthIDCues are words that make a ten-digit number with a valid NHS
// check digit a health identifier rather than a phone number; the
// nhs-number kind reports it.
var healthIDCues = map[string]bool{"nhs": true, "chi": true, "patient": true, "mrn": true}

type phoneDetector struct {
	region         string
	plan           *numberingPlan
	nationalPrefix string // required at the start of national numbers; "" when not
	intlPrefix     string // the international call prefix written instead of "+"
	allow          map[string]bool
	personal       *phrase.Set
	confValid      float64
	confPossible   float64
	confPersonal   float64
}

func buildPhone(o Options, env *Env) (any, error) {
	var opts phoneOptions
	if err := o.Decode(&opts); err != nil {
		return nil, err
	}
	region := strings.ToUpper(strings.TrimSpace(opts.Region))
	if region == "" {
		region = "GB"
	}
	cc := phonenumbers.GetCountryCodeForRegion(region)
	if cc == 0 {
		return nil, fmt.Errorf("phone: region %q is not a region libphonenumber knows", opts.Region)
	}
	plan, err := compilePlan(region)
	if err != nil {
		return nil, fmt.Errorf("phone: region %s: %v", region, err)
	}
	d := &phoneDetector{
		region:       region,
		plan:         plan,
		intlPrefix:   "00",
		allow:        map[string]bool{},
		confValid:    0.9,
		confPossible: 0.7,
		confPersonal: 0.95,
	}
	if allASCIIDigits(plan.idd) {
		d.intlPrefix = plan.idd // "00", "011" (NANPA), "810" (Russia)
	}
	if !phonenumbers.IsNANPACountry(region) {
		// NANPA numbers are written without their national prefix "1".
		d.nationalPrefix = phonenumbers.GetNddPrefixForRegion(region, true)
	}
	helplines := opts.Helplines
	if helplines == nil {
		helplines = defaultHelplines
	}
	for _, list := range [][]string{opts.Allow, helplines} {
		entries, err := ExpandTerms(list, env)
		if err != nil {
			return nil, err
		}
		for _, a := range entries {
			num, err := phonenumbers.Parse(a, region)
			if err != nil {
				return nil, fmt.Errorf("phone: allow %q: %v", a, err)
			}
			d.allow[phonenumbers.Format(num, phonenumbers.E164)] = true
		}
	}
	cues := opts.PersonalCues
	if cues == nil {
		cues = defaultPersonalCues
	}
	if d.personal, err = Terms(cues, env); err != nil {
		return nil, err
	}
	for _, c := range []struct {
		name string
		dst  *float64
		v    float64
	}{
		{"confidence_valid", &d.confValid, opts.ConfidenceValid},
		{"confidence_possible", &d.confPossible, opts.ConfidencePossible},
		{"confidence_personal", &d.confPersonal, opts.ConfidencePersonal},
	} {
		if c.v == 0 {
			continue
		}
		if c.v < 0 || c.v > 1 {
			return nil, fmt.Errorf("phone: %s: %v is not in (0, 1]", c.name, c.v)
		}
		*c.dst = c.v
	}
	return d, nil
}

// A phoneChunk is a run of digits and in-number punctuation without
// spaces: "(01803)", "217398", "+44", "943-476-5919".
type phoneChunk struct {
	start, end int // byte range in the folded text
	digits     int
	// open: the chunk was followed by one space (or, for a lone digit,
	// two: "0 7 7 0 0  9 0 0") and may go on into the next chunk, gap
	// bytes on.
	open bool
	gap  int
}

// phoneScan is the state of one Detect call.
type phoneScan struct {
	d *phoneDetector
	v *textnorm.View
	// s is the folded text with look-alike letters read as digits
	// (digitLookalikes): offsets into it are offsets into v.Fold.
	s      string
	field  string
	emit   func(Match)
	parses int
}

// Detect reports the phone numbers of one field. Texts with fewer than
// seven digits cost one pass over their bytes; in others, runs of digit
// groups are cut at anything that is not a phone number and tried longest
// first.
func (d *phoneDetector) Detect(_ *Input, field string, v *textnorm.View, emit func(Match)) {
	s, _ := digitLookalikes(v.Fold)
	if countASCIIDigits(s, phoneMinDigits) < phoneMinDigits {
		return
	}
	sc := phoneScan{d: d, v: v, s: s, field: field, emit: emit}
	var buf [phoneMaxChunks]phoneChunk
	run := buf[:0]
	for i := 0; i < len(s); {
		if !phoneChunkStart(s, i) {
			i++
			continue
		}
		c, next, ok := scanPhoneChunk(s, i)
		i = next
		if !ok {
			// A date, a price, a time, a reference glued to letters:
			// nothing on either side of it joins up through it.
			sc.run(run)
			run = run[:0]
			continue
		}
		if n := len(run); n > 0 && (!run[n-1].open || run[n-1].end+run[n-1].gap != c.start) {
			sc.run(run)
			run = run[:0]
		}
		if len(run) == phoneMaxChunks {
			sc.run(run)
			run = run[:0]
		}
		run = append(run, c)
	}
	sc.run(run)
}

// phoneChunkStart reports whether a chunk can start at s[i]: a digit, or a
// plus sign or an opening bracket before one.
func phoneChunkStart(s string, i int) bool {
	switch c := s[i]; {
	case isASCIIDigit(c):
		return true
	case c == '+':
		return i+1 < len(s) && isASCIIDigit(s[i+1])
	case c == '(':
		return i+1 < len(s) && (isASCIIDigit(s[i+1]) || s[i+1] == '+' && i+2 < len(s) && isASCIIDigit(s[i+2]))
	}
	return false
}

// scanPhoneChunk reads the chunk starting at s[i]. It returns the chunk,
// where scanning goes on, and false when the chunk is not part of any
// phone number: glued to letters, inside a web address, a date, a time, a
// price, a decimal or a range.
func scanPhoneChunk(s string, i int) (phoneChunk, int, bool) {
	c := phoneChunk{start: i}
	j := i
	if s[j] == '(' {
		j++
	}
	if s[j] == '+' {
		j++
	}
	for j < len(s) && (isASCIIDigit(s[j]) || s[j] == '-' || s[j] == '.' || s[j] == '(' || s[j] == ')') {
		j++
	}
	next := j
	// Trailing punctuation ends a sentence or a bracket, not the number.
	for j > i && strings.IndexByte("-.(", s[j-1]) >= 0 {
		j--
	}
	if j > i && s[j-1] == ')' && strings.Count(s[i:j], ")") > strings.Count(s[i:j], "(") {
		j--
	}
	c.end = j
	for k := i; k < j; k++ {
		if isASCIIDigit(s[k]) {
			c.digits++
		}
	}
	c.open, c.gap = j == next && next+1 < len(s) && s[next] == ' ' && phoneChunkStart(s, next+1), 1
	if !c.open && j == next && j == i+1 && next+2 < len(s) && s[next] == ' ' && s[next+1] == ' ' && isASCIIDigit(s[next+2]) {
		// Digit by digit, two spaces between groups: "0 7 7 0 0  9 0 0".
		c.open, c.gap = true, 2
	}
	if c.digits == 0 || !phoneChunkEdges(s, c) || !phoneChunkShape(s[c.start:c.end]) || inWebAddress(s, c.start, c.end) {
		return c, max(next, i+1), false
	}
	return c, max(next, i+1), true
}

// phoneChunkEdges checks the characters either side of a chunk.
func phoneChunkEdges(s string, c phoneChunk) bool {
	if c.start > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:c.start])
		var prev rune = -1
		if c.start-n > 0 {
			prev, _ = utf8.DecodeLastRuneInString(s[:c.start-n])
		}
		switch {
		case isAlnumRune(r):
			return false
		case r == '-':
			if prev >= 0 && isAlnumRune(prev) {
				return false // "INV-0123…", "12-0123…"
			}
		case r == '.' || r == ',' || r == ':':
			if prev >= 0 && prev < utf8.RuneSelf && isASCIIDigit(byte(prev)) {
				return false // "1.0123…", "1,200", "10:30"; "Tel.0123…" is fine
			}
		case strings.ContainsRune("/\\@#=&?_%$~^|", r), unicode.Is(unicode.Sc, r):
			return false
		}
	}
	if c.end < len(s) {
		r, _ := utf8.DecodeRuneInString(s[c.end:])
		next := c.end+1 < len(s) && isASCIIDigit(s[c.end+1])
		switch {
		case r == '.' || r == '-' || r == ')':
			// sentence end or trimmed punctuation: fine
		case isAlnumRune(r):
			return false // "100mg", "07700900562abc"
		case (r == ':' || r == ',') && next:
			return false // "10:30", "1,200"
		case r == '/':
			if next && c.digits < 4 {
				return false // "12/03/2026"; "217398/9" is an alternative ending
			}
		case strings.ContainsRune("@=&_\\%", r), unicode.Is(unicode.Sc, r):
			return false
		}
	}
	return true
}

// phoneChunkShape rejects chunks that are numbers of another kind: dates
// (12.03.26, 2026-03-12), times and decimals (7.30, 0.5), ranges (10-12,
// 2025-2026), and runs of punctuation.
func phoneChunkShape(t string) bool {
	if strings.Contains(t, "--") || strings.Contains(t, "..") || strings.Contains(t, "-.") ||
		strings.Contains(t, ".-") || strings.Contains(t, "()") {
		return false
	}
	if strings.ContainsAny(t, "()+") {
		return true
	}
	var groups [4]int
	var sep byte
	n := 0
	k := 0
	for i := 0; i < len(t); i++ {
		if isASCIIDigit(t[i]) {
			k++
			continue
		}
		if sep == 0 {
			sep = t[i]
		} else if t[i] != sep {
			return true // mixed separators: leave it to the parser
		}
		if n < len(groups) {
			groups[n] = k
		}
		n++
		k = 0
	}
	if n < len(groups) {
		groups[n] = k
	}
	n++
	switch n {
	case 2:
		if groups[1] <= 2 {
			return false // 7.30, 0.5, 10-12, 1.25
		}
		if groups[0] == 4 && groups[1] == 4 && isYear(t[:4]) && isYear(t[5:9]) {
			return false // 2025-2026
		}
		if groups[0] <= 2 && groups[1] == 4 && isYear(t[len(t)-4:]) {
			return false // 03-2026
		}
	case 3:
		if isDateShape(groups[0], groups[1], groups[2]) {
			return false
		}
	}
	return true
}

// isDateShape reports group lengths of a date: D-M-Y (1–2, 1–2, 2 or 4)
// or Y-M-D (4, 1–2, 1–2).
func isDateShape(a, b, c int) bool {
	return a <= 2 && b <= 2 && (c == 2 || c == 4) || a == 4 && b <= 2 && c <= 2
}

func isYear(t string) bool {
	return len(t) == 4 && (strings.HasPrefix(t, "19") || strings.HasPrefix(t, "20"))
}

// inWebAddress reports whether s[a:e] is inside a URL or an e-mail address.
func inWebAddress(s string, a, e int) bool {
	ss := strings.LastIndexAny(s[:a], " \t\r\n") + 1
	se := len(s)
	if k := strings.IndexAny(s[e:], " \t\r\n"); k >= 0 {
		se = e + k
	}
	seg := s[ss:se]
	return strings.Contains(seg, "://") || strings.Contains(seg, "www.") || strings.IndexByte(seg, '@') >= 0
}

// run tries the chunks of one run, longest candidates first from the left,
// the way libphonenumber's matcher tries a candidate and then its inner
// groups. A date written with spaces ("01 03 2026") splits the run.
func (sc *phoneScan) run(run []phoneChunk) {
	if len(run) == 0 {
		return
	}
	for k := 0; k+3 <= len(run); k++ {
		if sc.spacedDate(run[k : k+3]) {
			sc.run(run[:k])
			sc.run(run[k+3:])
			return
		}
	}
	first := 0
	if referenceBefore(sc.v.Tokens, sc.v.TokenIndexAt(run[0].start)) {
		first = 1 // "order 0123…", "ext 01234"
	}
	for i := first; i < len(run); i++ {
		for j := len(run); j > i; j-- {
			if sc.try(run[i:j]) {
				i = j - 1
				break
			}
		}
	}
}

// spacedDate reports whether three chunks of bare digits are a date: day,
// month and year, or year, month and day.
func (sc *phoneScan) spacedDate(cs []phoneChunk) bool {
	s := sc.s
	var n [3]int
	for i, c := range cs {
		t := s[c.start:c.end]
		if !allASCIIDigits(t) {
			return false
		}
		n[i], _ = strconv.Atoi(t)
	}
	dmy := cs[0].digits <= 2 && cs[1].digits <= 2 && (cs[2].digits == 2 || cs[2].digits == 4 && isYear(s[cs[2].start:cs[2].end]))
	ymd := cs[0].digits == 4 && isYear(s[cs[0].start:cs[0].end]) && cs[1].digits <= 2 && cs[2].digits <= 2
	switch {
	case dmy:
		return n[0] >= 1 && n[0] <= 31 && n[1] >= 1 && n[1] <= 12
	case ymd:
		return n[2] >= 1 && n[2] <= 31 && n[1] >= 1 && n[1] <= 12
	}
	return false
}

// try checks one candidate made of consecutive chunks. It reports whether
// the candidate is a phone number, reported or allowed, so that its chunks
// are not tried again.
func (sc *phoneScan) try(cs []phoneChunk) bool {
	d, s := sc.d, sc.s
	digits := 0
	for _, c := range cs {
		digits += c.digits
	}
	if digits < phoneMinDigits || digits > phoneMaxDigits {
		return false
	}
	a, e := cs[0].start, cs[len(cs)-1].end
	// An opening bracket that is never closed is not part of the number
	// ("(call 07700 900562)"), nor is a closing one never opened.
	if s[a] == '(' && strings.Count(s[a:e], "(") > strings.Count(s[a:e], ")") {
		a++
	}
	if s[e-1] == ')' && strings.Count(s[a:e], ")") > strings.Count(s[a:e], "(") {
		e--
	}
	cand := s[a:e]
	if !bracketsOK(cand) {
		return false
	}
	lead := strings.TrimLeft(cand, "(")
	intl := strings.HasPrefix(lead, "+") || strings.HasPrefix(lead, d.intlPrefix)
	if intl && strings.HasPrefix(lead, d.intlPrefix+"0") {
		return false // "000…": no calling code starts with 0
	}
	if !intl {
		if d.nationalPrefix != "" && !strings.HasPrefix(lead, d.nationalPrefix) {
			return false // "9434765919", "2025 2026 …": not written as a dialled number
		}
		if digits == 10 && sc.nhsShaped(cand, a, e) {
			return false // left to the nhs-number kind
		}
	}
	if sc.parses >= phoneMaxParses {
		return false
	}
	sc.parses++
	info, ok := sc.lookup(cand, intl)
	if !ok {
		return false
	}
	if info.allowed {
		return true
	}
	if !info.valid && len(info.nsn) < 9 {
		return false // too little to go on outside the allocated ranges
	}
	if !info.valid && !intl && len(cs) > 1 && cs[0].digits <= 2 && !digitByDigit(cs) {
		// "03 2026 07700": a short first group joined to what follows
		// makes a number only when the result is an allocated one.
		return false
	}
	mobile := info.typ == phonenumbers.MOBILE || info.typ == phonenumbers.FIXED_LINE_OR_MOBILE ||
		!info.valid && info.cc == 44 && len(info.nsn) == 10 && info.nsn[0] == '7'
	conf := d.confPossible
	if info.valid {
		conf = d.confValid
	}
	ti, tj := sc.v.TokenIndexAt(a), sc.v.TokenIndexAt(e)
	if d.personal.Has(sc.v.Tokens, ti-phoneContextWindow, tj+phoneContextWindow) {
		if mobile {
			conf = max(conf, d.confPersonal)
		} else {
			conf = max(conf, min(conf+0.05, d.confPersonal))
		}
	}
	e = extensionEnd(s, e)
	m := Match{Field: sc.field, Confidence: conf, Note: d.note(&info)}
	m.Start, m.End = sc.v.OrigRange(a, e)
	sc.emit(m)
	return true
}

// digitByDigit reports whether every chunk is a lone digit: a number
// spaced out digit by digit ("0 7 7 0 0 9 0 0 1 5 4").
func digitByDigit(cs []phoneChunk) bool {
	for _, c := range cs {
		if c.digits != 1 || c.end-c.start != 1 {
			return false
		}
	}
	return true
}

// nhsShaped reports whether a ten-digit national candidate written as an
// NHS number is one: a valid check digit and a health word nearby ("CHI
// 0101001235").
func (sc *phoneScan) nhsShaped(cand string, a, e int) bool {
	if len(cand) != 10 && !(len(cand) == 12 && grouped334ok(cand)) {
		return false
	}
	var dg [10]byte
	k := 0
	for i := 0; i < len(cand); i++ {
		if isASCIIDigit(cand[i]) {
			dg[k] = cand[i] - '0'
			k++
		}
	}
	if k != 10 || !nhsChecksumOK(dg) {
		return false
	}
	toks := sc.v.Tokens
	lo, hi := sc.v.TokenIndexAt(a)-nhsContextWindow, sc.v.TokenIndexAt(e)+nhsContextWindow
	for i := max(lo, 0); i < min(hi, len(toks)); i++ {
		if healthIDCues[toks[i].Text] {
			return true
		}
	}
	return false
}

func grouped334ok(t string) bool {
	n, ok := grouped334(t, 0)
	return ok && n == len(t)
}

// bracketsOK checks that brackets in a candidate pair up, do not nest and
// hold only digits: "(01803) 217398", "+44 (0)1803 217398".
func bracketsOK(t string) bool {
	open := -1
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '(':
			if open >= 0 {
				return false
			}
			open = i
		case ')':
			if open < 0 || i == open+1 {
				return false
			}
			open = -1
		default:
			if open >= 0 && !isASCIIDigit(t[i]) && !(t[i] == '+' && i == open+1) {
				return false
			}
		}
	}
	return open < 0
}

// extensionEnd returns the end of an extension written after a number at
// s[e:] ("ext 123", "ext. 4321", "x123", "extn: 12"), or e when there is
// none.
func extensionEnd(s string, e int) int {
	i := e
	if i < len(s) && s[i] == ' ' {
		i++
	}
	rest := s[i:]
	var n int
	switch {
	case strings.HasPrefix(rest, "extension"):
		n = len("extension")
	case strings.HasPrefix(rest, "extn"):
		n = len("extn")
	case strings.HasPrefix(rest, "ext"):
		n = len("ext")
	case strings.HasPrefix(rest, "x"):
		n = 1
	default:
		return e
	}
	i += n
	for k := 0; k < 2 && i < len(s) && (s[i] == '.' || s[i] == ':' || s[i] == ' '); k++ {
		i++
	}
	j := i
	for j < len(s) && j-i < 7 && isASCIIDigit(s[j]) {
		j++
	}
	if j == i || j-i > 6 {
		return e
	}
	if j < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[j:]); isAlnumRune(r) {
			return e
		}
	}
	return j
}

// note describes the kind of number for the finding's message.
func (d *phoneDetector) note(info *phoneInfo) string {
	uk := info.cc == 44
	var kind string
	switch info.typ {
	case phonenumbers.MOBILE:
		kind = "a mobile number"
	case phonenumbers.FIXED_LINE:
		kind = "a landline number"
		if uk {
			kind = "a UK landline number"
		}
	case phonenumbers.TOLL_FREE:
		kind = "a freephone number"
	case phonenumbers.PREMIUM_RATE:
		kind = "a premium-rate number"
	case phonenumbers.SHARED_COST, phonenumbers.UAN:
		kind = "a non-geographic number"
	case phonenumbers.VOIP:
		kind = "an internet phone number"
	case phonenumbers.PERSONAL_NUMBER:
		kind = "a personal number"
	case phonenumbers.PAGER:
		kind = "a pager number"
	default:
		kind = "a phone number"
		if !info.valid && uk && len(info.nsn) > 0 {
			switch info.nsn[0] {
			case '7':
				kind = "a mobile number"
			case '1', '2':
				kind = "a UK landline number"
			}
		}
	}
	if info.cc != d.plan.cc {
		region := info.region
		if region == "" {
			region = phonenumbers.GetRegionCodeForCountryCode(int(info.cc))
		}
		kind += fmt.Sprintf(" (+%d, %s)", info.cc, region)
	}
	return kind
}

// countASCIIDigits counts the ASCII digits of s, stopping once it reaches
// enough.
func countASCIIDigits(s string, enough int) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isASCIIDigit(s[i]) {
			n++
			if n >= enough {
				break
			}
		}
	}
	return n
}

// phoneInfo is what libphonenumber's data says about a candidate.
type phoneInfo struct {
	cc      int32
	nsn     string // national significant number
	region  string // "" unless the number is valid
	typ     phonenumbers.PhoneNumberType
	valid   bool
	allowed bool // allow-listed, a helpline or a short number
}

// lookup reads a candidate as a phone number dialled from the detector's
// region, as phonenumbers.Parse would, and classifies it. ok is false when
// it is not a number of a possible length. Numbers of the region's own
// country calling code are read with the detector's compiled numbering
// plan; others go through phonenumbers itself, which is slower.
func (sc *phoneScan) lookup(cand string, intl bool) (info phoneInfo, ok bool) {
	d, p := sc.d, sc.d.plan
	var buf [48]byte
	dg := buf[:0]
	for i := 0; i < len(cand) && len(dg) < cap(dg); i++ {
		if isASCIIDigit(cand[i]) {
			dg = append(dg, cand[i])
		}
	}
	plus := strings.HasPrefix(strings.TrimLeft(cand, "("), "+")
	var nsn []byte
	switch {
	case intl && (plus || p.idd == d.intlPrefix):
		rest := dg
		if !plus {
			rest = dg[len(d.intlPrefix):]
		}
		cc, n := p.callingCode(rest)
		if cc == 0 {
			return info, false
		}
		if cc != p.cc || !p.simple {
			return sc.slowLookup(cand)
		}
		nsn = p.stripNationalPrefix(rest[n:])
	case !intl && p.simple && d.nationalPrefix != "":
		nsn = p.stripNationalPrefix(dg)
	default:
		return sc.slowLookup(cand)
	}
	if len(nsn) < 2 || len(nsn) > phonenumbers.MAX_LENGTH_FOR_NSN || p.lengthResult(nsn) != phonenumbers.IS_POSSIBLE {
		return info, false
	}
	info.cc = p.cc
	var e164buf [24]byte
	e164 := append(strconv.AppendInt(append(e164buf[:0], '+'), int64(p.cc), 10), nsn...)
	if d.allow[string(e164)] || p.isShortNumber(nsn, d.region) {
		info.allowed = true
		return info, true
	}
	info.nsn = string(nsn)
	info.region, info.typ = p.classify(nsn)
	if info.valid = info.region != "" && info.typ != phonenumbers.UNKNOWN; !info.valid {
		info.region, info.typ = "", phonenumbers.UNKNOWN
	}
	return info, true
}

// slowLookup asks phonenumbers itself.
func (sc *phoneScan) slowLookup(cand string) (info phoneInfo, ok bool) {
	d := sc.d
	num, err := phonenumbers.Parse(cand, d.region)
	if err != nil || phonenumbers.IsPossibleNumberWithReason(num) != phonenumbers.IS_POSSIBLE {
		return info, false
	}
	info.cc = num.GetCountryCode()
	if d.allow[phonenumbers.Format(num, phonenumbers.E164)] || phonenumbers.IsValidShortNumberForRegion(num, d.region) {
		info.allowed = true
		return info, true
	}
	info.nsn = phonenumbers.GetNationalSignificantNumber(num)
	// A number is valid exactly when it has a type in the region it
	// belongs to (phonenumbers.IsValidNumber); asking for the type alone
	// saves matching the region's patterns a second time.
	info.typ = phonenumbers.GetNumberType(num)
	if info.valid = info.typ != phonenumbers.UNKNOWN; info.valid {
		info.region = phonenumbers.GetRegionCodeForNumber(num)
	}
	return info, true
}

// A numberingPlan is libphonenumber's data for one country calling code
// (+44: GB, GG, IM, JE) with its patterns compiled once, so that checking a
// number costs a few anchored regular-expression matches. It reproduces
// phonenumbers.Parse, IsPossibleNumberWithReason, IsValidNumber and
// GetNumberType for numbers of that calling code.
type numberingPlan struct {
	cc int32
	// idd is the main region's international call prefix ("00").
	idd string
	// simple: national numbers of the detector's region are read by
	// stripping a national prefix, with no transformation, so that the
	// compiled plan reads them as phonenumbers.Parse does.
	simple bool
	// nationalPrefix matches the national prefix for parsing at the start
	// of a number ("0"); nil when there is none.
	nationalPrefix *regexp.Regexp
	general        *regexp.Regexp // the main region's general pattern
	lengths        []int32        // the main region's possible lengths
	localLengths   []int32        // and its local-only ones
	shortMax       int            // the longest short number of the region
	codes          map[int]bool   // every calling code phonenumbers knows
	regions        []planRegion   // main region first
}

// A planRegion is one region's number types.
type planRegion struct {
	id      string
	leading *regexp.Regexp // leading digits that identify the region; may be nil
	general planDesc
	// other types, in the order getNumberTypeHelper tries them
	typed              [8]planTyped
	fixed, mobile      planDesc
	sameMobileAndFixed bool
}

type planTyped struct {
	typ  phonenumbers.PhoneNumberType
	desc planDesc
}

// A planDesc is a compiled PhoneNumberDesc: possible lengths and a
// pattern anchored at both ends.
type planDesc struct {
	lengths []int32
	re      *regexp.Regexp
}

func compileDesc(d *phonenumbers.PhoneNumberDesc) (planDesc, error) {
	p := planDesc{lengths: d.GetPossibleLength()}
	if pat := d.GetNationalNumberPattern(); pat != "" {
		re, err := regexp.Compile("^(?:" + pat + ")$")
		if err != nil {
			return p, err
		}
		p.re = re
	}
	return p, nil
}

// matches mirrors phonenumbers' isNumberMatchingDesc.
func (p *planDesc) matches(nsn []byte) bool {
	if p.re == nil {
		return false
	}
	if len(p.lengths) > 0 && !slices.Contains(p.lengths, int32(len(nsn))) {
		return false
	}
	return p.re.Match(nsn)
}

// compilePlan compiles the numbering plan of region's calling code.
func compilePlan(region string) (*numberingPlan, error) {
	cc := phonenumbers.GetCountryCodeForRegion(region)
	ids := phonenumbers.GetRegionCodesForCountryCode(cc)
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return nil, err
	}
	byID := map[string]*phonenumbers.PhoneMetadata{}
	for _, m := range coll.GetMetadata() {
		byID[m.GetId()] = m
	}
	if len(ids) == 0 || byID[ids[0]] == nil {
		return nil, fmt.Errorf("no numbering data")
	}
	main := byID[ids[0]]
	p := &numberingPlan{
		cc:           int32(cc),
		idd:          main.GetInternationalPrefix(),
		simple:       region == ids[0] && main.GetNationalPrefixTransformRule() == "",
		lengths:      main.GetGeneralDesc().GetPossibleLength(),
		localLengths: main.GetGeneralDesc().GetPossibleLengthLocalOnly(),
		codes:        phonenumbers.GetSupportedCallingCodes(),
	}
	if len(p.lengths) == 0 {
		return nil, fmt.Errorf("no possible lengths")
	}
	if np := main.GetNationalPrefixForParsing(); np != "" {
		if p.nationalPrefix, err = regexp.Compile("^(?:" + np + ")"); err != nil {
			return nil, err
		}
	}
	if p.general, err = regexp.Compile("^(?:" + main.GetGeneralDesc().GetNationalNumberPattern() + ")$"); err != nil {
		return nil, err
	}
	if short, err := phonenumbers.ShortNumberMetadataCollection(); err == nil {
		for _, m := range short.GetMetadata() {
			if m.GetId() == region {
				for _, l := range m.GetGeneralDesc().GetPossibleLength() {
					p.shortMax = max(p.shortMax, int(l))
				}
			}
		}
	}
	for _, id := range ids {
		m := byID[id]
		if m == nil {
			continue
		}
		r := planRegion{id: id, sameMobileAndFixed: m.GetSameMobileAndFixedLinePattern()}
		if ld := m.GetLeadingDigits(); ld != "" {
			if r.leading, err = regexp.Compile("^(?:" + ld + ")"); err != nil {
				return nil, err
			}
		}
		descs := []struct {
			dst *planDesc
			src *phonenumbers.PhoneNumberDesc
		}{
			{&r.general, m.GetGeneralDesc()}, {&r.fixed, m.GetFixedLine()}, {&r.mobile, m.GetMobile()},
		}
		for i, t := range []struct {
			typ phonenumbers.PhoneNumberType
			src *phonenumbers.PhoneNumberDesc
		}{
			{phonenumbers.PREMIUM_RATE, m.GetPremiumRate()}, {phonenumbers.TOLL_FREE, m.GetTollFree()},
			{phonenumbers.SHARED_COST, m.GetSharedCost()}, {phonenumbers.VOIP, m.GetVoip()},
			{phonenumbers.PERSONAL_NUMBER, m.GetPersonalNumber()}, {phonenumbers.PAGER, m.GetPager()},
			{phonenumbers.UAN, m.GetUan()}, {phonenumbers.VOICEMAIL, m.GetVoicemail()},
		} {
			r.typed[i].typ = t.typ
			descs = append(descs, struct {
				dst *planDesc
				src *phonenumbers.PhoneNumberDesc
			}{&r.typed[i].desc, t.src})
		}
		for _, c := range descs {
			if *c.dst, err = compileDesc(c.src); err != nil {
				return nil, err
			}
		}
		p.regions = append(p.regions, r)
	}
	return p, nil
}

// callingCode reads the country calling code at the start of digits (the
// first one to three digits that name a known code), as phonenumbers'
// extractCountryCode does; it returns 0 when there is none.
func (p *numberingPlan) callingCode(digits []byte) (int32, int) {
	if len(digits) == 0 || digits[0] == '0' {
		return 0, 0
	}
	n := 0
	for i := 0; i < 3 && i < len(digits); i++ {
		n = n*10 + int(digits[i]-'0')
		if p.codes[n] {
			return int32(n), i + 1
		}
	}
	return 0, 0
}

// stripNationalPrefix removes a national prefix from the start of a
// number when what is left is still a viable number of a possible length,
// as phonenumbers.Parse does.
func (p *numberingPlan) stripNationalPrefix(n []byte) []byte {
	if p.nationalPrefix == nil || len(n) == 0 {
		return n
	}
	loc := p.nationalPrefix.FindIndex(n)
	if loc == nil {
		return n
	}
	stripped := n[loc[1]:]
	if p.general.Match(n) && !p.general.Match(stripped) {
		return n
	}
	switch p.lengthResult(stripped) {
	case phonenumbers.TOO_SHORT, phonenumbers.IS_POSSIBLE_LOCAL_ONLY, phonenumbers.INVALID_LENGTH:
		return n
	}
	return stripped
}

// lengthResult mirrors phonenumbers' testNumberLength for any number type.
func (p *numberingPlan) lengthResult(nsn []byte) phonenumbers.ValidationResult {
	if p.lengths[0] == -1 {
		return phonenumbers.INVALID_LENGTH
	}
	n := int32(len(nsn))
	if slices.Contains(p.localLengths, n) {
		return phonenumbers.IS_POSSIBLE_LOCAL_ONLY
	}
	switch {
	case n < p.lengths[0]:
		return phonenumbers.TOO_SHORT
	case n > p.lengths[len(p.lengths)-1]:
		return phonenumbers.TOO_LONG
	case slices.Contains(p.lengths, n):
		return phonenumbers.IS_POSSIBLE
	}
	return phonenumbers.INVALID_LENGTH
}

// isShortNumber reports an emergency, helpline or other short number of
// the region (999, 111, 116 123).
func (p *numberingPlan) isShortNumber(nsn []byte, region string) bool {
	if len(nsn) > p.shortMax || len(nsn) == 0 || nsn[0] == '0' {
		return false
	}
	cc := p.cc
	nn, err := strconv.ParseUint(string(nsn), 10, 64)
	if err != nil {
		return false
	}
	return phonenumbers.IsValidShortNumberForRegion(&phonenumbers.PhoneNumber{CountryCode: &cc, NationalNumber: &nn}, region)
}

// classify returns the region a national significant number belongs to
// and its type, as phonenumbers' GetRegionCodeForNumber and GetNumberType
// do; the region is "" and the type UNKNOWN when the number is not valid.
func (p *numberingPlan) classify(nsn []byte) (string, phonenumbers.PhoneNumberType) {
	if len(p.regions) == 1 {
		r := &p.regions[0]
		return r.id, r.numberType(nsn)
	}
	for i := range p.regions {
		r := &p.regions[i]
		if r.leading != nil {
			if r.leading.Match(nsn) {
				return r.id, r.numberType(nsn)
			}
		} else if t := r.numberType(nsn); t != phonenumbers.UNKNOWN {
			return r.id, t
		}
	}
	return "", phonenumbers.UNKNOWN
}

// numberType mirrors phonenumbers' getNumberTypeHelper.
func (r *planRegion) numberType(nsn []byte) phonenumbers.PhoneNumberType {
	if !r.general.matches(nsn) {
		return phonenumbers.UNKNOWN
	}
	for i := range r.typed {
		if r.typed[i].desc.matches(nsn) {
			return r.typed[i].typ
		}
	}
	if r.fixed.matches(nsn) {
		if r.sameMobileAndFixed || r.mobile.matches(nsn) {
			return phonenumbers.FIXED_LINE_OR_MOBILE
		}
		return phonenumbers.FIXED_LINE
	}
	if !r.sameMobileAndFixed && r.mobile.matches(nsn) {
		return phonenumbers.MOBILE
	}
	return phonenumbers.UNKNOWN
}
