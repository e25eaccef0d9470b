package textnorm

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

// foldSlow is the folding of New without its ASCII shortcut: every
// grapheme cluster found by uniseg, state carried from one to the next.
func foldSlow(s string) (fold string, start, end []int32) {
	var b strings.Builder
	state := -1
	pos := 0
	var buf []byte
	for len(s) > 0 {
		var cluster string
		cluster, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		buf = foldCluster(buf[:0], cluster)
		for range buf {
			start = append(start, int32(pos))
			end = append(end, int32(pos+len(cluster)))
		}
		b.Write(buf)
		pos += len(cluster)
	}
	return b.String(), append(start, int32(pos)), append(end, int32(pos))
}

// TestFoldShortcut checks that New folds as the cluster-by-cluster
// algorithm does, on texts mixing ASCII with combining marks, emoji
// sequences, flags, CR LF, Hangul, invalid UTF-8 and look-alikes.
func TestFoldShortcut(t *testing.T) {
	pieces := []string{
		"a", "B", " ", ".", "\r", "\n", "\r\n", "e\u0301", "\u0301", "\u200d", "\u200b",
		"👍", "👍🏽", "👩\u200d⚕\ufe0f", "🇬🇧", "🇺", "🇸", "한", "\u1100\u1161\u11a8", "ｆ", "ѕ", "ß",
		"\xff", "\xc3", "é", "Ñ", "’", "\u0e33", "\u0600", "x\u0903", "\u0915\u094d\u0937", "#", "\t", "\u212a", "\u017f",
	}
	rng := rand.New(rand.NewSource(7))
	texts := []string{"", "plain ascii", "Ｙｏｕ ａｒｅ", "a\r\nb", "🇬🇧🇺🇸🇫🇷x🇬", "e\u0301e\u0301 x"}
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.Intn(12) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		v := New(s)
		if isASCII(s) {
			continue
		}
		fold, start, end := foldSlow(s)
		if v.Fold != fold || !slices.Equal(v.start, start) || !slices.Equal(v.end, end) {
			t.Fatalf("%q: fold %q %v %v, want %q %v %v", s, v.Fold, v.start, v.end, fold, start, end)
		}
	}
}
