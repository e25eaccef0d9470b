package report

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maskKeep is how many leading letters or digits Mask keeps.
const maskKeep = 3

// Mask hides an identifier while keeping its shape: the first three letters
// or digits stay, every later letter or digit becomes '*', and everything
// else (spaces, dashes, brackets) is kept, so "943 476 5919" becomes
// "943 *** ****". A string with four letters and digits or fewer is masked
// whole. Bytes that are not valid UTF-8 count as letters. Mask replaces rune
// for rune: the result has as many runes as s.
func Mask(s string) string {
	n := 0
	for _, r := range s {
		if maskable(r) {
			n++
		}
	}
	keep := maskKeep
	if n <= maskKeep+1 {
		keep = 0
	}
	var b strings.Builder
	b.Grow(len(s))
	seen := 0
	for _, r := range s {
		if !maskable(r) {
			b.WriteRune(r)
			continue
		}
		seen++
		if seen <= keep {
			b.WriteRune(r)
		} else {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// maskable reports whether Mask hides r: letters, digits, and the
// replacement rune that stands for invalid bytes.
func maskable(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || r == utf8.RuneError
}

// maskSpans masks the byte ranges spans of text with Mask (overlapping and
// touching ranges are merged and masked as one) and returns the result with
// a function that maps a byte offset of text to the matching offset of the
// result. Ranges that are out of bounds or not on rune boundaries are
// ignored.
func maskSpans(text string, spans [][2]int) (string, func(int) int) {
	var rs [][2]int
	for _, s := range spans {
		if s[0] < 0 || s[1] > len(text) || s[0] >= s[1] || !runeBoundary(text, s[0]) || !runeBoundary(text, s[1]) {
			continue
		}
		rs = append(rs, s)
	}
	if len(rs) == 0 {
		return text, func(i int) int { return i }
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i][0] < rs[j][0] })
	merged := rs[:1]
	for _, s := range rs[1:] {
		last := &merged[len(merged)-1]
		if s[0] <= last[1] {
			last[1] = max(last[1], s[1])
			continue
		}
		merged = append(merged, s)
	}

	// offs[i] is the offset in the result of byte i of text; an offset
	// inside a rune maps to the start of that rune's replacement.
	offs := make([]int, len(text)+1)
	var b strings.Builder
	b.Grow(len(text))
	copyRaw := func(from, to int) {
		for i := from; i < to; i++ {
			offs[i] = b.Len() + i - from
		}
		b.WriteString(text[from:to])
	}
	pos := 0
	for _, s := range merged {
		copyRaw(pos, s[0])
		orig := text[s[0]:s[1]]
		masked := Mask(orig)
		oi := 0
		for _, mr := range masked {
			_, size := utf8.DecodeRuneInString(orig[oi:])
			for k := 0; k < size; k++ {
				offs[s[0]+oi+k] = b.Len()
			}
			b.WriteRune(mr)
			oi += size
		}
		pos = s[1]
	}
	copyRaw(pos, len(text))
	offs[len(text)] = b.Len()
	return b.String(), func(i int) int {
		if i < 0 {
			return 0
		}
		if i > len(text) {
			i = len(text)
		}
		return offs[i]
	}
}

// runeBoundary reports whether byte offset i of s starts a rune (or is the
// end of s).
func runeBoundary(s string, i int) bool {
	return i == len(s) || (i >= 0 && i < len(s) && utf8.RuneStart(s[i]))
}
