package detect

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// proseWordsOf splits text into words as prose's tokenizer does (tokenize.go:
// iterTokenizer.tokenize and doSplit), with the same words. Prose hands out
// the same *Token for every occurrence of a piece of text between spaces
// that it has split before (but not for the last piece of the text), so a
// tag or label it writes to one occurrence is what every one of them shows
// in the end: same[i] is the index of the last word that is the same *Token
// as word i (i itself when none later is).
//
// Where prose's tokenizer would panic (a word whose lower case is longer
// than itself, as some letters are, sliced past its end), this returns
// errTokenizer.
//
// The code below follows prose's tokenize.go (MIT License, Copyright (c)
// 2017-2018 Joseph Kato).
func proseWordsOf(text string, s *tokenizerScratch) (words []string, same []int, err error) {
	clean := proseSanitizer.Replace(text)
	if s.cache == nil {
		s.cache = map[string][2]int32{}
	}
	clear(s.cache)
	words, ids := s.words[:0], s.ids[:0]
	next := int32(0)
	// split adds the words of one piece, as new *Tokens.
	split := func(span string) error {
		from := len(words)
		var ok bool
		if words, ok = splitSpan(span, words); !ok {
			return errTokenizer
		}
		for range words[from:] {
			ids = append(ids, next)
			next++
		}
		return nil
	}
	white := false
	start, index := 0, 0
	for index <= len(clean) {
		uc, size := utf8.DecodeRuneInString(clean[index:])
		if size == 0 {
			break
		} else if index == 0 {
			white = unicode.IsSpace(uc)
		}
		if unicode.IsSpace(uc) != white {
			if start < index {
				span := clean[start:index]
				if at, found := s.cache[span]; found {
					words = append(words, words[at[0]:at[1]]...)
					ids = append(ids, ids[at[0]:at[1]]...)
				} else {
					from := len(words)
					if err := split(span); err != nil {
						return nil, nil, err
					}
					s.cache[span] = [2]int32{int32(from), int32(len(words))}
				}
			}
			if uc == ' ' {
				start = index + 1
			} else {
				start = index
			}
			white = !white
		}
		index += size
	}
	if start < index {
		if err := split(clean[start:index]); err != nil {
			return nil, nil, err
		}
	}
	s.words, s.ids = words, ids
	if cap(s.last) < int(next) {
		s.last = make([]int, next)
	}
	last := s.last[:next]
	for i, id := range ids {
		last[id] = i
	}
	same = s.same[:0]
	for _, id := range ids {
		same = append(same, last[id])
	}
	s.same = same
	return words, same, nil
}

// tokenizerScratch holds what splitting one text needs, reused between
// texts.
type tokenizerScratch struct {
	cache map[string][2]int32 // a piece of text -> its words [from, to)
	words []string
	ids   []int32 // words with the same id are one *Token in prose
	last  []int
	same  []int
}

var errTokenizer = errors.New("prose's tokenizer would fail on this text")

// splitSpan appends the words of one piece of text without spaces (prose's
// doSplit); false where prose would panic.
func splitSpan(token string, dst []string) ([]string, bool) {
	var suffs [8]string
	sfx := suffs[:0]
	last := 0
	for token != "" && utf8.RuneCountInString(token) != last {
		if isEmoticon(token) || isInternalWord(token) {
			// A special case (an emoticon, an abbreviation) is a word
			// as it is.
			dst = addWord(dst, token)
			break
		}
		last = utf8.RuneCountInString(token)
		if hasTokenPrefix(token) {
			// $100 -> $ 100
			dst = addWord(dst, token[:1])
			token = token[1:]
		} else if idx := contractionIndex(token, contractions); idx > -1 {
			// they'll -> they 'll
			if idx > len(token) {
				return dst, false
			}
			dst = addWord(dst, token[:idx])
			token = token[idx:]
		} else if idx := contractionIndex(token, negation); idx > -1 {
			// don't -> do n't
			if idx > len(token) {
				return dst, false
			}
			dst = addWord(dst, token[:idx])
			token = token[idx:]
		} else if hasTokenSuffix(token) {
			// Well) -> Well )
			sfx = append(sfx, token[len(token)-1:])
			token = token[:len(token)-1]
		} else {
			dst = addWord(dst, token)
		}
	}
	for i := len(sfx) - 1; i >= 0; i-- {
		dst = append(dst, sfx[i])
	}
	return dst, true
}

func addWord(dst []string, s string) []string {
	if strings.TrimSpace(s) != "" {
		dst = append(dst, s)
	}
	return dst
}

var (
	contractions = []string{"'ll", "'s", "'re", "'m"}
	negation     = []string{"n't"}
)

// contractionIndex is prose's hasAnyIndex(strings.ToLower(token), pats):
// the index in the lower-case token of the first of pats found in it (in
// the order of pats), where the token is longer than it; -1 for none.
func contractionIndex(token string, pats []string) int {
	lower := token
	ascii := true
	for i := 0; i < len(token); i++ {
		if token[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		lower = strings.ToLower(token)
	}
	for _, p := range pats {
		var idx int
		if ascii {
			idx = indexLowerASCII(token, p)
		} else {
			idx = strings.Index(lower, p)
		}
		if idx >= 0 && len(lower) > len(p) {
			return idx
		}
	}
	return -1
}

// indexLowerASCII is strings.Index(strings.ToLower(s), p) for ASCII s and a
// lower-case p.
func indexLowerASCII(s, p string) int {
	for i := 0; i+len(p) <= len(s); i++ {
		j := 0
		for ; j < len(p); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != p[j] {
				break
			}
		}
		if j == len(p) {
			return i
		}
	}
	return -1
}

// hasTokenPrefix is prose's hasAnyPrefix(s, prefixes).
func hasTokenPrefix(s string) bool {
	if len(s) < 2 {
		return false
	}
	switch s[0] {
	case '$', '(', '"', '[':
		return true
	}
	return false
}

// hasTokenSuffix is prose's hasAnySuffix(s, suffixes).
func hasTokenSuffix(s string) bool {
	if len(s) < 2 {
		return false
	}
	switch s[len(s)-1] {
	case ',', ')', '"', ']', '!', ';', '.', '?', ':', '\'':
		return true
	}
	return false
}

// isInternalWord reports whether prose's internalRE,
// ^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$, matches s: "U.K.", "Mr.".
func isInternalWord(s string) bool {
	n := len(s)
	if n >= 4 && n%2 == 0 {
		ok := true
		for i := 0; i < n && ok; i += 2 {
			c := s[i] | 0x20
			ok = 'a' <= c && c <= 'z' && s[i+1] == '.'
		}
		if ok {
			return true
		}
	}
	if n != 3 && n != 4 || s[0] < 'A' || s[0] > 'Z' || s[n-1] != '.' {
		return false
	}
	for i := 1; i < n-1; i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

var proseSanitizer = strings.NewReplacer(
	"\u201c", `"`,
	"\u201d", `"`,
	"\u2018", "'",
	"\u2019", "'",
	"&rsquo;", "'")

func isEmoticon(s string) bool {
	_, ok := proseEmoticons[s]
	return ok
}

// proseEmoticons are prose's emoticons (tokenize.go).
var proseEmoticons = map[string]bool{
	"(-8":         true,
	"(-;":         true,
	"(-_-)":       true,
	"(._.)":       true,
	"(:":          true,
	"(=":          true,
	"(o:":         true,
	"(¬_¬)":       true,
	"(ಠ_ಠ)":       true,
	"(╯°□°）╯︵┻━┻": true,
	"-__-":        true,
	"8-)":         true,
	"8-D":         true,
	"8D":          true,
	":(":          true,
	":((":         true,
	":(((":        true,
	":()":         true,
	":)))":        true,
	":-)":         true,
	":-))":        true,
	":-)))":       true,
	":-*":         true,
	":-/":         true,
	":-X":         true,
	":-]":         true,
	":-o":         true,
	":-p":         true,
	":-x":         true,
	":-|":         true,
	":-}":         true,
	":0":          true,
	":3":          true,
	":P":          true,
	":]":          true,
	":`(":         true,
	":`)":         true,
	":`-(":        true,
	":o":          true,
	":o)":         true,
	"=(":          true,
	"=)":          true,
	"=D":          true,
	"=|":          true,
	"@_@":         true,
	"O.o":         true,
	"O_o":         true,
	"V_V":         true,
	"XDD":         true,
	"[-:":         true,
	"^___^":       true,
	"o_0":         true,
	"o_O":         true,
	"o_o":         true,
	"v_v":         true,
	"xD":          true,
	"xDD":         true,
	"¯\\(ツ)/¯":    true,
}
