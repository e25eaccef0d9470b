package textnorm

import (
	"unicode"
	"unicode/utf8"
)

// Quoted returns the stretches of s inside quotation marks, as byte ranges
// [start, end) of the quoted words (the marks excluded), in order. It
// knows straight double quotes, curly double and single quotes and
// straight single quotes, telling a single quote from an apostrophe by
// what stands either side: "don't" and "the nurses' station" hold no
// quote, "she called me 'useless'" holds one. A quotation left open at
// the end of a line is no quotation: a stray mark never quotes the rest
// of a post.
func Quoted(s string) [][2]int {
	var out [][2]int
	// open is the position after the opening mark, or -1; closer is the
	// mark that closes it.
	open, closer := -1, rune(0)
	prev := rune(-1) // the rune before i; -1 at the start
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		next := rune(-1)
		if i+size < len(s) {
			next, _ = utf8.DecodeRuneInString(s[i+size:])
		}
		switch {
		case r == '\n' || r == '\r':
			open = -1
		case open >= 0 && closes(r, closer, prev, next):
			if i > open {
				out = append(out, [2]int{open, i})
			}
			open = -1
		case open < 0:
			if c, ok := opens(r, prev, next); ok {
				open, closer = i+size, c
			}
		}
		prev = r
		i += size
	}
	return out
}

// InQuotes reports whether the byte range [start, end) of s lies inside
// one quoted stretch (Quoted).
func InQuotes(s string, start, end int) bool {
	if start < 0 || end > len(s) || start >= end {
		return false
	}
	for _, q := range Quoted(s) {
		if q[0] <= start && end <= q[1] {
			return true
		}
		if q[0] >= end {
			break
		}
	}
	return false
}

// opens reports whether r, between prev and next, opens a quotation, and
// the mark that would close it.
func opens(r, prev, next rune) (rune, bool) {
	if next < 0 || unicode.IsSpace(next) {
		return 0, false
	}
	switch r {
	case '“':
		return '”', true
	case '‘':
		return '’', true
	case '"':
		return '"', !wordRune(prev)
	case '\'', '’':
		// an apostrophe follows a letter ("don't", "nurses'"); an
		// opening quote follows a space, a bracket or the start
		return r, !wordRune(prev)
	}
	return 0, false
}

// closes reports whether r, between prev and next, closes a quotation
// opened with the mark that expects closer.
func closes(r, closer, prev, next rune) bool {
	switch {
	case closer == '"' && r == '"':
		return true
	case closer == '”' && (r == '”' || r == '"'):
		return true
	case (closer == '’' || closer == '\'') && (r == '’' || r == '\''):
		// not an apostrophe inside a word ("don't", "O'Neill")
		return prev >= 0 && !unicode.IsSpace(prev) && !wordRune(next)
	}
	return false
}

// wordRune reports whether r is a letter or a digit (-1, no rune, is not).
func wordRune(r rune) bool {
	return r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
