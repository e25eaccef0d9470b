package sentiment

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxLine bounds the length of one line of a list.
const maxLine = 1 << 20

// eachLine calls fn with every line of r and its 1-based number, without the
// line terminator (LF or CRLF) and with a leading byte-order mark removed.
func eachLine(r io.Reader, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("after line %d: %w", n, err)
	}
	return nil
}

// parseValence parses a finite valence.
func parseValence(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, fmt.Errorf("bad number %q", s)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("valence %q is not finite", s)
	}
	return v, nil
}

// readLexicon reads VADER's lexicon format: token TAB mean-valence [TAB …].
// Like the reference implementation it keeps tokens as written (lookups are
// lower-cased, so entries such as ":D" never match), skips empty lines and
// lets a later duplicate override an earlier one.
func readLexicon(r io.Reader) (map[string]float64, error) {
	lex := make(map[string]float64, 8192)
	err := eachLine(r, func(n int, line string) error {
		line = strings.TrimSpace(line)
		if line == "" {
			return nil
		}
		word, rest, ok := strings.Cut(line, "\t")
		if !ok || word == "" {
			return fmt.Errorf("sentiment: lexicon line %d: want token<TAB>valence, got %q", n, clip(line))
		}
		measure, _, _ := strings.Cut(rest, "\t")
		v, err := parseValence(measure)
		if err != nil {
			return fmt.Errorf("sentiment: lexicon line %d: %v", n, err)
		}
		lex[word] = v
		return nil
	})
	if err != nil {
		return nil, wrapRead("lexicon", err)
	}
	if len(lex) == 0 {
		return nil, fmt.Errorf("sentiment: lexicon is empty")
	}
	return lex, nil
}

// readEmoji reads the emoji valence list into lex and emoji.
func readEmoji(r io.Reader, lex map[string]float64, emoji map[rune]bool) error {
	err := eachLine(r, func(n int, line string) error {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			return nil
		}
		if len(f) < 2 {
			return fmt.Errorf("sentiment: emoji line %d: want emoji and valence, got %q", n, clip(line))
		}
		e := stripEmojiModifiers(f[0])
		r, size := utf8.DecodeRuneInString(e)
		if size != len(e) || r == utf8.RuneError || r < 0x80 {
			return fmt.Errorf("sentiment: emoji line %d: %q is not a single emoji code point", n, f[0])
		}
		v, err := parseValence(f[1])
		if err != nil {
			return fmt.Errorf("sentiment: emoji line %d: %v", n, err)
		}
		lex[e] = v
		emoji[r] = true
		return nil
	})
	return wrapRead("emoji list", err)
}

// stripEmojiModifiers drops variation selectors, skin-tone modifiers and
// zero-width joiners, which the tokenizer ignores too.
func stripEmojiModifiers(s string) string {
	for _, r := range s {
		if isEmojiModifier(r) {
			return strings.Map(func(r rune) rune {
				if isEmojiModifier(r) {
					return -1
				}
				return r
			}, s)
		}
	}
	return s
}

// wrapRead names the list in errors from the reader itself, which eachLine
// reports without the "sentiment:" prefix.
func wrapRead(list string, err error) error {
	if err == nil || strings.HasPrefix(err.Error(), "sentiment:") {
		return err
	}
	return fmt.Errorf("sentiment: reading %s: %w", list, err)
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	i := 60
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
