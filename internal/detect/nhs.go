package detect

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/textnorm"
)

// nhsOptions configure the "nhs-number" kind: ten-digit NHS numbers (and
// the Scottish CHI and Northern Irish H&C numbers that share their format
// and check digit), written contiguously ("9434765919") or grouped 3-3-4
// with one kind of separator ("943 476 5919", "943-476-5919",
// "943.476.5919").
//
// A number whose modulus-11 check digit is right is a match whatever the
// words around it; its confidence is graded by the range it was issued
// from and raised when a context term is near. A number whose check digit
// is wrong is a match only when a context term is within six words of it:
// a mistyped NHS number still identifies someone.
type nhsOptions struct {
	Kind string `yaml:"kind"`
	// Context terms (default defaultNHSContext) within six words of a
	// candidate make an invalid-checksum candidate count and raise the
	// confidence of a valid one.
	Context []string `yaml:"context"`
	// ConfidenceValid is the confidence of a valid number from the
	// England, Wales and Isle of Man ranges (default 0.95). Numbers from
	// the Scottish and Northern Irish ranges get 0.05 less, valid numbers
	// outside every issued range 0.15 less.
	ConfidenceValid float64 `yaml:"confidence_valid"`
	// ConfidenceInvalid is the confidence of an invalid-checksum number
	// next to a context term (default 0.6).
	ConfidenceInvalid float64 `yaml:"confidence_invalid"`
}

// defaultNHSContext are the words that make a ten-digit number an NHS
// number even when its check digit is wrong.
var defaultNHSContext = []string{
	"nhs", "nhs no", "nhs number", "nhs num", "patient", "chi",
	"hospital number", "referral", "mrn",
}

// nhsContextWindow is how many words each side of a candidate are searched
// for context terms.
const nhsContextWindow = 6

// noteNHSChecksum is the note of an NHS number whose check digit is wrong.
const noteNHSChecksum = "the checksum does not match: a mistyped NHS number still identifies someone"

type nhsDetector struct {
	context      *phrase.Set
	confValid    float64
	confInvalid  float64
	contextBoost float64
}

func buildNHS(o Options, env *Env) (any, error) {
	var opts nhsOptions
	if err := o.Decode(&opts); err != nil {
		return nil, err
	}
	terms := opts.Context
	if terms == nil {
		terms = defaultNHSContext
	}
	set, err := Terms(terms, env)
	if err != nil {
		return nil, err
	}
	d := &nhsDetector{context: set, confValid: 0.95, confInvalid: 0.6, contextBoost: 0.04}
	if opts.ConfidenceValid != 0 {
		d.confValid = opts.ConfidenceValid
	}
	if opts.ConfidenceInvalid != 0 {
		d.confInvalid = opts.ConfidenceInvalid
	}
	for _, c := range []struct {
		name string
		v    float64
	}{{"confidence_valid", d.confValid}, {"confidence_invalid", d.confInvalid}} {
		if c.v <= 0 || c.v > 1 {
			return nil, fmt.Errorf("nhs-number: %s: %v is not in (0, 1]", c.name, c.v)
		}
	}
	return d, nil
}

// nhsRange is the body that issued a valid number, after the NHS Data
// Dictionary's allocation of the first nine digits.
type nhsRange int

const (
	rangeOther    nhsRange = iota // valid check digit, no issued range
	rangeEngland                  // 400 000 000–499 999 999, 600 000 000–799 999 999
	rangeScotland                 // CHI: 010 100 000–311 299 999 (DDMMYY + 4 digits)
	rangeNI                       // H&C: 320 000 001–399 999 999
)

// Detect reports the NHS numbers of one field: each run of ten digits, or
// of 3-3-4 digits with one kind of separator, that passes the checks.
func (d *nhsDetector) Detect(_ *Input, field string, v *textnorm.View, emit func(Match)) {
	s, _ := digitLookalikes(v.Fold)
	if countASCIIDigits(s, 10) < 10 {
		return
	}
	for i := 0; i < len(s); {
		if !isASCIIDigit(s[i]) {
			i++
			continue
		}
		a := i
		for i < len(s) && isASCIIDigit(s[i]) {
			i++
		}
		var e int
		var sep byte
		switch i - a {
		case 10:
			e = i
		case 1:
			// "6 6 5 6 3 2 1 2 2 4": spaced out digit by digit.
			if n, count, ok := spacedDigits(s, a, 10, 10); ok && count == 10 {
				e, sep = a+n, ' '
				i = e
			}
		case 3:
			if n, ok := grouped334(s, a); ok {
				e, sep = a+n, s[a+3]
				i = e
				break
			}
			fallthrough
		case 2, 4:
			// Other groupings people type ("6618 298 776", "4809.951.111")
			// count only when the check digit is right.
			if n, ok := groupedOther(s, a); ok {
				var digits [10]byte
				k := 0
				for j := a; j < a+n; j++ {
					if isASCIIDigit(s[j]) {
						digits[k] = s[j] - '0'
						k++
					}
				}
				// A wrong check digit counts too when the number is
				// named as one just before it ("NHS no 6360-340-691").
				if nhsChecksumOK(digits) || d.namedBefore(v, a) {
					e, sep = a+n, s[i]
					i = e
				}
			}
		}
		if e == 0 {
			continue
		}
		if m, ok := d.check(v, s, a, e, sep); ok {
			m.Field = field
			emit(m)
		}
	}
}

// grouped334 reports whether s[a:] starts with three digits, a separator
// (space, hyphen or dot), three digits, the same separator and four digits
// not followed by another digit; n is the length of that text (12).
func grouped334(s string, a int) (n int, ok bool) {
	if a+12 > len(s) {
		return 0, false
	}
	sep := s[a+3]
	if sep != ' ' && sep != '-' && sep != '.' {
		return 0, false
	}
	if s[a+7] != sep || !allASCIIDigits(s[a+4:a+7]) || !allASCIIDigits(s[a+8:a+12]) {
		return 0, false
	}
	if a+12 < len(s) && isASCIIDigit(s[a+12]) {
		return 0, false
	}
	return 12, true
}

// groupedOther reports whether s[a:] starts with three groups of two to
// four digits joined by one kind of separator (space, hyphen or dot), ten
// digits in all and not followed by another digit or separator-and-digit.
func groupedOther(s string, a int) (n int, ok bool) {
	i, digits, groups := a, 0, 0
	var sep byte
	for {
		st := i
		for i < len(s) && isASCIIDigit(s[i]) {
			i++
		}
		g := i - st
		if g < 2 || g > 4 {
			return 0, false
		}
		digits += g
		groups++
		if groups == 3 {
			break
		}
		if i+1 >= len(s) || (sep != 0 && s[i] != sep) || (s[i] != ' ' && s[i] != '-' && s[i] != '.') || !isASCIIDigit(s[i+1]) {
			return 0, false
		}
		sep = s[i]
		i++
	}
	if digits != 10 {
		return 0, false
	}
	if i < len(s) && (isASCIIDigit(s[i]) || i+1 < len(s) && s[i] == sep && isASCIIDigit(s[i+1])) {
		return 0, false
	}
	return i - a, true
}

// namedBefore reports whether a context term ("NHS no", "patient") is in
// the three words before the text at byte a.
func (d *nhsDetector) namedBefore(v *textnorm.View, a int) bool {
	ti := v.TokenIndexAt(a)
	ok := d.context.Has(v.Tokens, ti-3, ti)
	return ok
}

// check decides whether the candidate s[a:e] of s, the folded text with
// look-alike letters read as digits (digitLookalikes), grouped with sep (0
// when contiguous; ' ' when spaced digit by digit), is an NHS number.
func (d *nhsDetector) check(v *textnorm.View, s string, a, e int, sep byte) (Match, bool) {
	if !nhsBoundaries(s, a, e, sep) || inURLOrEmail(s, a, e) {
		return Match{}, false
	}
	var digits [10]byte
	k := 0
	for i := a; i < e; i++ {
		if isASCIIDigit(s[i]) {
			digits[k] = s[i] - '0'
			k++
		}
	}
	valid := nhsChecksumOK(digits)

	ti := v.TokenIndexAt(a)
	tj := v.TokenIndexAt(e)
	hasCtx := d.context.Has(v.Tokens, ti-nhsContextWindow, tj+nhsContextWindow)
	ctxBefore := d.context.Has(v.Tokens, ti-3, ti)
	if !ctxBefore && phoneCueBefore(v.Tokens, ti, 3) {
		return Match{}, false // "tel 9434765919", "call 943 476 5919"
	}
	if referenceBefore(v.Tokens, ti) {
		// "order 9434765919", "ref 943-476-5919": a reference number,
		// unless a patient context word comes just before it.
		if !d.context.Has(v.Tokens, ti-4, ti) || !valid {
			return Match{}, false
		}
	}
	m := Match{}
	switch {
	case !valid:
		if !hasCtx || digits[0] == 0 {
			return Match{}, false
		}
		m.Confidence = d.confInvalid
		m.Note = noteNHSChecksum
	default:
		if digits[0] == 0 && !hasCtx {
			// Ten digits starting with 0 are a phone or other number
			// unless the words around say it is a health identifier
			// (a CHI number for someone born on the 1st to the 9th).
			return Match{}, false
		}
		r := nhsRangeOf(digits)
		switch r {
		case rangeEngland:
			m.Confidence = d.confValid
		case rangeScotland:
			m.Confidence = d.confValid - 0.05
			m.Note = "a Scottish CHI number"
		case rangeNI:
			m.Confidence = d.confValid - 0.05
			m.Note = "a Northern Ireland H&C number"
		default:
			m.Confidence = d.confValid - 0.15
		}
		if hasCtx {
			m.Confidence = min(m.Confidence+d.contextBoost, 1)
		}
		if m.Confidence <= 0 {
			m.Confidence = 0.01
		}
	}
	m.Start, m.End = v.OrigRange(a, e)
	return m, true
}

// nhsChecksumOK reports whether the tenth digit is the modulus-11 check
// digit of the first nine: weights 10 down to 2, check = 11 − (sum mod 11),
// 11 becomes 0 and 10 is never issued.
func nhsChecksumOK(d [10]byte) bool {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]) * (10 - i)
	}
	check := 11 - sum%11
	switch check {
	case 11:
		check = 0
	case 10:
		return false
	}
	return int(d[9]) == check
}

// nhsRangeOf returns the range the first nine digits were issued from.
func nhsRangeOf(d [10]byte) nhsRange {
	n := 0
	for i := 0; i < 9; i++ {
		n = n*10 + int(d[i])
	}
	switch {
	case n >= 400_000_000 && n <= 499_999_999, n >= 600_000_000 && n <= 799_999_999:
		return rangeEngland
	case n >= 320_000_001 && n <= 399_999_999:
		return rangeNI
	case n >= 10_100_000 && n <= 311_299_999:
		// CHI numbers start with the date of birth, DDMMYY.
		day := int(d[0])*10 + int(d[1])
		month := int(d[2])*10 + int(d[3])
		if day >= 1 && day <= 31 && month >= 1 && month <= 12 {
			return rangeScotland
		}
	}
	return rangeOther
}

// nhsBoundaries rejects candidates glued to other text: letters or digits
// around them ("ABC9434765919", "INV-9434765919"), a longer run of numbers
// ("+44 770 090 0123", "943-476-5919-2"), prices, handles and tags.
func nhsBoundaries(s string, a, e int, sep byte) bool {
	if a > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:a])
		switch {
		case isAlnumRune(r):
			return false
		case r == '-' || r == '.':
			// "INV-9434765919", "12-9434765919", "1.9434765919"; but
			// "No.9434765919" is fine.
			if a-n > 0 {
				if p, _ := utf8.DecodeLastRuneInString(s[:a-n]); r == '-' && isAlnumRune(p) || r == '.' && p < utf8.RuneSelf && isASCIIDigit(byte(p)) {
					return false
				}
			}
		case r == ' ':
			if a-n > 0 {
				if p := s[a-n-1]; isASCIIDigit(p) || p == '+' {
					return false
				}
			}
		case strings.ContainsRune("+#@/\\=&?_%$~^|<", r), unicode.Is(unicode.Sc, r):
			return false
		}
	}
	if e < len(s) {
		r, _ := utf8.DecodeRuneInString(s[e:])
		next := e+1 < len(s) && isASCIIDigit(s[e+1])
		switch {
		case isAlnumRune(r):
			return false
		case (r == '-' || r == '.' || r == '/') && next:
			return false
		case r == ' ' && sep == ' ' && next:
			return false
		case strings.ContainsRune("@/%=&_\\", r):
			return false
		}
	}
	return true
}

// inURLOrEmail reports whether s[a:e] is part of a web address, a path or
// an e-mail address: the run of non-space text around it has "://",
// "www.", "@" or "/".
func inURLOrEmail(s string, a, e int) bool {
	ss := strings.LastIndexAny(s[:a], " \t\r\n") + 1
	se := len(s)
	if k := strings.IndexAny(s[e:], " \t\r\n"); k >= 0 {
		se = e + k
	}
	before, after := s[ss:a], s[e:se]
	return strings.ContainsAny(before, "/@") || strings.Contains(before, "www.") ||
		strings.ContainsAny(after, "/@")
}

// phoneCues are words that, just before a number, make it a phone number.
var phoneCues = map[string]bool{
	"tel": true, "telephone": true, "phone": true, "ph": true, "call": true,
	"ring": true, "mobile": true, "mob": true, "text": true, "txt": true,
	"whatsapp": true, "fax": true, "landline": true, "cell": true,
	"contact": true, "dial": true,
}

// phoneCueBefore reports whether one of the n tokens before toks[ti] is a
// phone cue.
func phoneCueBefore(toks []textnorm.Token, ti, n int) bool {
	for k := ti - 1; k >= 0 && k >= ti-n; k-- {
		if phoneCues[toks[k].Text] {
			return true
		}
	}
	return false
}

// referenceCues are words that, just before a number, make it a reference
// of some other kind: an order, an invoice, a booking, an extension.
var referenceCues = map[string]bool{
	"ref": true, "reference": true, "order": true, "invoice": true, "inv": true,
	"po": true, "booking": true, "ticket": true, "tracking": true, "account": true,
	"acct": true, "serial": true, "isbn": true, "receipt": true, "transaction": true,
	"txn": true, "confirmation": true, "policy": true, "voucher": true,
	"membership": true, "card": true, "pin": true, "code": true, "barcode": true,
	"ext": true, "extn": true, "extension": true, "item": true,
	"sku": true, "batch": true, "lot": true, "issn": true, "doi": true,
}

// referenceFillers may stand between a reference cue and its number
// ("order no", "ref number").
var referenceFillers = map[string]bool{"no": true, "number": true, "num": true, "nr": true, "id": true}

// referenceBefore reports whether the words just before toks[ti] name a
// reference number ("order #", "ref no:", "invoice").
func referenceBefore(toks []textnorm.Token, ti int) bool {
	k := ti - 1
	for j := 0; j < 2 && k >= 0 && referenceFillers[toks[k].Text]; j++ {
		k--
	}
	return k >= 0 && referenceCues[toks[k].Text]
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

func allASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			return false
		}
	}
	return len(s) > 0
}

// isAlnumRune reports letters, digits and combining marks.
func isAlnumRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
