package textnorm

import (
	"slices"
	"strings"
)

// Deobfuscated is a second view of a text for word lists that must survive
// disguise: leetspeak inside words (sh1t, @ss), masks (f*ck, f---), letters
// spaced or dotted apart (f u c k, s.h.i.t). It is built only when a rule asks.
type Deobfuscated struct {
	// Text holds only lower-case letters, digits, '*' (a masked letter) and
	// single spaces between words.
	Text   string
	Tokens []Token
	// fold[i] is the offset in the View's Fold of the byte that produced
	// Text[i]; fold has len(Text)+1 entries.
	fold []int32
}

// Deobfuscated returns the disguise-resistant view, building it once.
func (v *View) Deobfuscated() *Deobfuscated {
	if !v.deobfDone {
		deobfuscate(v.Fold, &v.deobf)
		v.deobfDone = true
	}
	return &v.deobf
}

// OrigRange maps a range of the deobfuscated text to the original text.
func (v *View) DeobfOrigRange(start, end int) (int, int) {
	d := v.Deobfuscated()
	fs := int(d.fold[start])
	fe := fs
	if end > start {
		fe = int(d.fold[end-1]) + 1
	}
	return v.OrigRange(fs, fe)
}

var leet = [128]byte{
	'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g',
	'@': 'a', '$': 's', '!': 'i', '|': 'l', '+': 't',
	'*': '*', '#': '*', '%': '*',
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' }

// deobfuscate works on runs of non-space bytes ("chunks"), found as it
// goes rather than listed first. It builds the text in a strings.Builder
// sized for it: each byte of the text comes from a distinct byte of fold,
// so one allocation holds it and none is copied. It reuses the memory of
// d's slices (see View.Reset).
func deobfuscate(fold string, d *Deobfuscated) {
	idx := d.fold[:0]
	if cap(idx) < len(fold)+1 {
		idx = make([]int32, 0, len(fold)+1)
	}
	w := deobfWriter{idx: idx}
	w.out.Grow(len(fold))
	// A single letter alone in a chunk, repeated three or more times, is a
	// spaced-out word: join the letters.
	single := func(s int) bool {
		return s < len(fold) && isASCIILetter(fold[s]) && (s+1 == len(fold) || isSpace(fold[s+1]))
	}
	for s := skipSpace(fold, 0); s < len(fold); {
		e := s
		for e < len(fold) && !isSpace(fold[e]) {
			e++
		}
		if single(s) {
			n := 0
			for c := s; single(c); c = skipSpace(fold, c+1) {
				n++
			}
			if n >= 3 {
				w.space(s)
				c := s
				for ; n > 0; n-- {
					w.add(fold[c], c)
					c = skipSpace(fold, c+1)
				}
				s = c
				continue
			}
		}
		// Dotted or dashed single letters inside one chunk: s.h.i.t, f-u-c-k.
		if separatedLetters(fold[s:e]) {
			w.space(s)
			for off := 0; off < e-s; off += 2 {
				w.add(fold[s+off], s+off)
			}
		} else {
			w.space(s)
			deobfChunk(fold, s, e, &w)
		}
		s = skipSpace(fold, e)
	}
	text := w.out.String()
	idx = w.idx
	if w.last == ' ' {
		text = text[:len(text)-1]
		idx = idx[:len(idx)-1]
	}
	toks := d.Tokens[:0]
	*d = Deobfuscated{Text: text, fold: append(idx, int32(len(fold)))}
	d.Tokens = deobfTokens(toks, d.Text)
}

// deobfWriter is the deobfuscated text being written: its bytes, and for
// each the offset in the folded text of the byte it came from.
type deobfWriter struct {
	out  strings.Builder
	idx  []int32
	last byte // the last byte written
}

// add writes byte c, which came from fold[at].
func (w *deobfWriter) add(c byte, at int) {
	w.out.WriteByte(c)
	w.idx = append(w.idx, int32(at))
	w.last = c
}

// space separates words: one space, not at the start nor after another.
func (w *deobfWriter) space(at int) {
	if w.out.Len() > 0 && w.last != ' ' {
		w.add(' ', at)
	}
}

// skipSpace returns the offset of the first byte at or after i that is not
// a space (len(s) when none is).
func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// separatedLetters recognises "s.h.i.t" or "f-u-c-k": three or more single
// letters each separated by one '.', '-' or '_'. The letters are at the
// even offsets.
func separatedLetters(s string) bool {
	if len(s) < 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i%2 == 0 {
			if !isASCIILetter(s[i]) {
				return false
			}
		} else if s[i] != '.' && s[i] != '-' && s[i] != '_' {
			return false
		}
	}
	// Allow a trailing separator ("s.h.i.t."): len(s) >= 5 holds three
	// letters.
	return true
}

// deobfChunk rewrites one whitespace-free chunk: within each run of word-ish
// bytes that holds at least one letter, leet digits and symbols become
// letters and masks become '*'. Other bytes separate words.
func deobfChunk(fold string, s, e int, w *deobfWriter) {
	i := s
	for i < e {
		c := fold[i]
		if !wordish(c) {
			w.space(i)
			i++
			continue
		}
		j := i
		hasLetter := false
		for j < e && wordish(fold[j]) {
			if isASCIILetter(fold[j]) || fold[j] >= 0x80 {
				hasLetter = true
			}
			j++
		}
		// Punctuation that ends a run ("shit!", "you@") is not leet.
		for j > i && isTrailingPunct(fold[j-1]) {
			j--
		}
		if j == i {
			i++
			continue
		}
		// Trailing mask characters after letters ("f---", "sh**") stay in
		// the run; a '-' or '.' is a mask only directly after a letter run.
		if hasLetter && j < e && isASCIILetter(fold[j-1]) && maskTail(fold[j:e]) {
			j = e
		}
		for k := i; k < j; k++ {
			b := fold[k]
			if hasLetter && b < 0x80 && !isASCIILetter(b) {
				switch {
				case b == '-' || b == '.':
					b = '*'
				case leet[b] != 0:
					b = leet[b]
				}
			}
			w.add(b, k)
		}
		i = j
	}
}

// maskTail reports whether the rest of a chunk is only '-' or '.' (a masked
// ending such as "f---"). Dots alone are an ellipsis ("so..."), not a mask.
func maskTail(s string) bool {
	dash := false
	for i := 0; i < len(s); i++ {
		if s[i] != '-' && s[i] != '.' {
			return false
		}
		dash = dash || s[i] == '-'
	}
	return len(s) >= 2 && dash
}

func isTrailingPunct(c byte) bool {
	switch c {
	case '!', '|', '+', '@', '$':
		return true
	}
	return false
}

func wordish(c byte) bool {
	if c >= 0x80 || isASCIILetter(c) || c >= '0' && c <= '9' {
		return true
	}
	switch c {
	case '@', '$', '!', '|', '*', '#', '%', '+':
		return true
	}
	return false
}

// deobfTokens appends the tokens of s to toks.
func deobfTokens(toks []Token, s string) []Token {
	// The text is words separated by single spaces.
	n := 0
	if s != "" {
		n = 1 + strings.Count(s, " ")
	}
	toks = slices.Grow(toks[:0], n)
	for i := 0; i < len(s); {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		st := i
		for i < len(s) && s[i] != ' ' {
			i++
		}
		if st < i {
			toks = append(toks, Token{Start: st, End: i, Text: s[st:i], Hash: HashWord(s[st:i])})
		}
	}
	return toks
}
