package textnorm

import "strings"

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
	if v.deobf == nil {
		v.deobf = deobfuscate(v.Fold)
	}
	return v.deobf
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

// deobfuscate works on runs of non-space bytes ("chunks").
func deobfuscate(fold string) *Deobfuscated {
	out := make([]byte, 0, len(fold))
	idx := make([]int32, 0, len(fold)+1)
	emitSpace := func(at int) {
		if len(out) > 0 && out[len(out)-1] != ' ' {
			out = append(out, ' ')
			idx = append(idx, int32(at))
		}
	}
	// First split into chunks separated by whitespace.
	type chunk struct{ s, e int }
	chunks := make([]chunk, 0, len(fold)/4+1)
	for i := 0; i < len(fold); {
		for i < len(fold) && isSpace(fold[i]) {
			i++
		}
		s := i
		for i < len(fold) && !isSpace(fold[i]) {
			i++
		}
		if s < i {
			chunks = append(chunks, chunk{s, i})
		}
	}
	// A single letter alone in a chunk, repeated three or more times, is a
	// spaced-out word: join the letters.
	single := func(c chunk) bool {
		return c.e-c.s == 1 && isASCIILetter(fold[c.s])
	}
	for k := 0; k < len(chunks); k++ {
		c := chunks[k]
		if single(c) {
			j := k
			for j < len(chunks) && single(chunks[j]) {
				j++
			}
			if j-k >= 3 {
				emitSpace(c.s)
				for ; k < j; k++ {
					out = append(out, fold[chunks[k].s])
					idx = append(idx, int32(chunks[k].s))
				}
				k--
				continue
			}
		}
		// Dotted or dashed single letters inside one chunk: s.h.i.t, f-u-c-k.
		if separatedLetters(fold[c.s:c.e]) {
			emitSpace(c.s)
			for off := 0; off < c.e-c.s; off += 2 {
				out = append(out, fold[c.s+off])
				idx = append(idx, int32(c.s+off))
			}
			continue
		}
		emitSpace(c.s)
		deobfChunk(fold, c.s, c.e, &out, &idx)
	}
	if len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1]
		idx = idx[:len(idx)-1]
	}
	idx = append(idx, int32(len(fold)))
	d := &Deobfuscated{Text: string(out), fold: idx}
	d.Tokens = deobfTokens(d.Text)
	return d
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
func deobfChunk(fold string, s, e int, out *[]byte, idx *[]int32) {
	i := s
	for i < e {
		c := fold[i]
		if !wordish(c) {
			if len(*out) > 0 && (*out)[len(*out)-1] != ' ' {
				*out = append(*out, ' ')
				*idx = append(*idx, int32(i))
			}
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
			*out = append(*out, b)
			*idx = append(*idx, int32(k))
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

func deobfTokens(s string) []Token {
	// The text is words separated by single spaces.
	n := 0
	if s != "" {
		n = 1 + strings.Count(s, " ")
	}
	toks := make([]Token, 0, n)
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
