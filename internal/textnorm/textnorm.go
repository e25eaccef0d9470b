// Package textnorm builds the one normalised view of a text that every rule
// shares: case-, accent-, width- and look-alike-folded, with zero-width
// characters removed, tokenised, and with a map from every byte of the folded
// text back to the original so that spans are always exact.
package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// A View is a text and its folded form.
type View struct {
	// Orig is the text as written.
	Orig string
	// Fold is Orig lower-cased, with accents, full-width forms and look-alike
	// letters from other scripts folded to ASCII where possible and zero-width
	// characters removed.
	Fold string
	// Tokens are the words of Fold: runs of letters and digits, with inner
	// apostrophes kept ("don't").
	Tokens []Token

	// start[i] and end[i] give the original byte range of the grapheme
	// cluster that produced Fold[i]; nil when Fold == Orig byte for byte.
	start, end []int32
	// maps holds start and end, in one allocation, for Reset to reuse.
	maps []int32

	// deobf is the deobfuscated view once deobfDone, held in the View
	// rather than allocated apart.
	deobf     Deobfuscated
	deobfDone bool
}

// A Token is a word of the folded text; Start and End are offsets into Fold.
type Token struct {
	Start, End int
	Text       string
	// Hash is HashWord(Text), computed once when the text is tokenised so
	// that word lists look words up without hashing them again; 0 in a
	// Token made elsewhere (matchers then hash Text themselves).
	Hash uint64
}

// FNV-1a, 64 bits: incremental, so that the hash of every prefix of a word
// is found on the way to the hash of the word.
const (
	hashOffset = 14695981039346656037
	hashPrime  = 1099511628211
)

// HashWord returns the hash of a word as Token.Hash holds it: never 0. Use
// the high bits to index a table (FNV's low bits depend only on the low
// bits of the bytes).
func HashWord(s string) uint64 {
	h := uint64(hashOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * hashPrime
	}
	return HashDone(h)
}

// HashStart, HashByte and HashDone compute HashWord a byte at a time:
// HashDone(HashByte(...HashByte(HashStart(), s[0])..., s[n-1])) ==
// HashWord(s[:n+1]), so that the hashes of all the prefixes of a word cost
// one pass over it.
func HashStart() uint64 { return hashOffset }

// HashByte adds one byte to a running hash (see HashStart).
func HashByte(h uint64, c byte) uint64 { return (h ^ uint64(c)) * hashPrime }

// HashDone turns a running hash into a word's hash (see HashStart).
func HashDone(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// New builds the view of s. It never fails: invalid UTF-8 is kept as is.
func New(s string) *View {
	v := &View{}
	v.build(s)
	return v
}

// Reset makes v the view of s, as New(s) does, reusing the memory of the
// slices of its previous view (its tokens, its offset maps and its
// deobfuscated view's): nothing may use them any more, nor v's previous
// tokens. Strings are never reused: the texts and the tokens' words are
// s and new strings.
func (v *View) Reset(s string) {
	toks, maps := v.Tokens[:0], v.maps
	deobf := Deobfuscated{Tokens: v.deobf.Tokens[:0], fold: v.deobf.fold[:0]}
	*v = View{Tokens: toks, maps: maps, deobf: deobf}
	v.build(s)
}

// build makes v, holding at most slices to reuse, the view of s.
func (v *View) build(s string) {
	v.Orig = s
	if isASCII(s) {
		v.Fold = ASCIILower(s)
	} else {
		v.foldUnicode()
	}
	v.Tokens = tokenize(v.Tokens, v.Fold)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// ASCIILower lowers the ASCII capitals of s and leaves every other byte as
// it is, so that offsets into s stay offsets into the result.
func ASCIILower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func (v *View) foldUnicode() {
	s := v.Orig
	var b strings.Builder
	b.Grow(len(s))
	// start and end share one allocation; folding rarely lengthens a text,
	// and when it does append moves start past its capacity.
	n := len(s) + 1
	if cap(v.maps) < 2*n {
		v.maps = make([]int32, 2*n)
	}
	both := v.maps[:2*n]
	v.start, v.end = both[:0:n], both[n:n]
	state := -1
	pos := 0
	var small [32]byte // a cluster's folded form, without allocating
	buf := small[:0]
	for pos < len(s) {
		// An ASCII character followed by another (or by the end), other
		// than CR LF, is a grapheme cluster of its own (no ASCII character
		// extends or prepends to another). After such a cluster the next
		// one is found as at the start of a text (state -1): nothing
		// before it bears on its boundaries.
		if c := s[pos]; state == -1 && c < utf8.RuneSelf && (pos+1 == len(s) || s[pos+1] < utf8.RuneSelf && !(c == '\r' && s[pos+1] == '\n')) {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			v.start = append(v.start, int32(pos))
			v.end = append(v.end, int32(pos+1))
			pos++
			continue
		}
		var cluster string
		cluster, _, _, state = uniseg.FirstGraphemeClusterInString(s[pos:], state)
		buf = foldCluster(buf[:0], cluster)
		for range buf {
			v.start = append(v.start, int32(pos))
			v.end = append(v.end, int32(pos+len(cluster)))
		}
		b.Write(buf)
		pos += len(cluster)
		if len(cluster) == 1 && cluster[0] < utf8.RuneSelf {
			state = -1
		}
	}
	v.Fold = b.String()
	v.start = append(v.start, int32(pos))
	v.end = append(v.end, int32(pos))
}

// foldCluster appends the folded form of one grapheme cluster.
func foldCluster(dst []byte, cluster string) []byte {
	if len(cluster) == 1 && cluster[0] < utf8.RuneSelf {
		c := cluster[0]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		return append(dst, c)
	}
	if cluster == "\r\n" {
		return append(dst, '\r', '\n')
	}
	n := len(dst)
	for _, r := range cluster {
		if r == utf8.RuneError || isInvisible(r) {
			if r == utf8.RuneError {
				dst = append(dst, '?')
			}
			continue
		}
		if c, ok := confusables[r]; ok {
			dst = append(dst, c)
			continue
		}
		if r < utf8.RuneSelf {
			dst = append(dst, byte(unicode.ToLower(r)))
			continue
		}
		var tmp [utf8.UTFMax]byte
		k := utf8.EncodeRune(tmp[:], r)
		decomposed := norm.NFKD.Bytes(tmp[:k])
		for len(decomposed) > 0 {
			d, size := utf8.DecodeRune(decomposed)
			decomposed = decomposed[size:]
			if unicode.Is(unicode.Mn, d) {
				continue
			}
			if c, ok := confusables[d]; ok {
				dst = append(dst, c)
				continue
			}
			dst = utf8.AppendRune(dst, unicode.ToLower(d))
		}
	}
	if len(dst) == n && len(cluster) > 0 && !allInvisible(cluster) {
		// Keep something for clusters made only of marks, so that tokens
		// do not join across them.
		dst = append(dst, ' ')
	}
	return dst
}

func allInvisible(s string) bool {
	for _, r := range s {
		if !isInvisible(r) {
			return false
		}
	}
	return true
}

// isInvisible reports zero-width and other format characters used to split
// words without showing it.
func isInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u034f', '\u180e', '\u200b', '\u200c', '\u200d', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\ufeff':
		return true
	}
	return false
}

// confusables maps letters of other scripts that look like Latin letters.
// After Unicode's confusables.txt, restricted to lower- and upper-case
// letters that are commonly used to disguise English words.
var confusables = map[rune]byte{
	// Cyrillic
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't',
	'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ї': 'i', 'ј': 'j', 'һ': 'h', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ѵ': 'v', 'ӏ': 'l',
	'А': 'a', 'В': 'b', 'Е': 'e', 'К': 'k', 'М': 'm', 'Н': 'h', 'О': 'o', 'Р': 'p', 'С': 'c', 'Т': 't', 'У': 'y',
	'Х': 'x', 'Ѕ': 's', 'І': 'i', 'Ј': 'j', 'Һ': 'h', 'Ԁ': 'd', 'Ԛ': 'q', 'Ԝ': 'w',
	// Greek
	'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x',
	'Α': 'a', 'Β': 'b', 'Ε': 'e', 'Η': 'h', 'Ι': 'i', 'Κ': 'k', 'Μ': 'm', 'Ν': 'n', 'Ο': 'o', 'Ρ': 'p', 'Τ': 't',
	'Υ': 'y', 'Χ': 'x', 'Ζ': 'z',
	// Latin look-alikes and letter-like symbols
	'ı': 'i', 'ɡ': 'g', 'ℓ': 'l', 'ß': 's',
	// Typographic apostrophes, so that "don’t" and "don't" are one word.
	'’': '\'', '‘': '\'', 'ʼ': '\'',
}

// tokenize appends the tokens of s to toks (nil: a new list).
func tokenize(toks []Token, s string) []Token {
	if toks == nil {
		toks = make([]Token, 0, len(s)/5+1)
	}
	i := 0
	for i < len(s) {
		r, size := decode(s, i)
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		i += size
		for i < len(s) {
			r, size = decode(s, i)
			if isWordRune(r) {
				i += size
				continue
			}
			if r == '\'' || r == '’' {
				if j := i + size; j < len(s) {
					if r2, _ := decode(s, j); isLetter(r2) {
						i = j
						continue
					}
				}
			}
			break
		}
		toks = append(toks, Token{Start: start, End: i, Text: s[start:i], Hash: HashWord(s[start:i])})
	}
	return toks
}

func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Orig maps a byte range of Fold back to the byte range of Orig it came
// from. The result always lies inside Orig and never splits a grapheme
// cluster.
func (v *View) OrigRange(start, end int) (int, int) {
	if start < 0 {
		start = 0
	}
	if end > len(v.Fold) {
		end = len(v.Fold)
	}
	if start > end {
		start = end
	}
	if v.start == nil {
		return start, end
	}
	s := int(v.start[start])
	e := s
	if end > start {
		e = int(v.end[end-1])
	}
	return s, e
}

// TokenIndexAt returns the index of the first token that ends after the
// folded offset off, or len(Tokens).
func (v *View) TokenIndexAt(off int) int {
	lo, hi := 0, len(v.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		if v.Tokens[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Position returns the 1-based line and grapheme-cluster column of the byte
// offset off in s.
func Position(s string, off int) (line, col int) {
	if off > len(s) {
		off = len(s)
	}
	if off < 0 {
		off = 0
	}
	line = 1 + strings.Count(s[:off], "\n")
	lineStart := strings.LastIndexByte(s[:off], '\n') + 1
	return line, 1 + GraphemeCount(s[lineStart:off])
}

// GraphemeCount counts the user-perceived characters of s.
func GraphemeCount(s string) int {
	if isASCII(s) {
		return len(s)
	}
	return uniseg.GraphemeClusterCount(s)
}
