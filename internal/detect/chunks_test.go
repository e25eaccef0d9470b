package detect

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEntityChunks(t *testing.T) {
	for _, text := range []string{
		"short",
		strings.Repeat("a line of words\n", 40),
		strings.Repeat("words without line breaks ", 40),
		strings.Repeat("x", 500),
		strings.Repeat("é🙂", 120),
	} {
		chunks := entityChunks(text, 64)
		var b strings.Builder
		for i, c := range chunks {
			if len(c.text) > 64 || c.text == "" {
				t.Errorf("%.20q: chunk %d has %d bytes", text, i, len(c.text))
			}
			if c.off != b.Len() || !utf8.ValidString(c.text) {
				t.Errorf("%.20q: chunk %d at %d, want %d (valid %v)", text, i, c.off, b.Len(), utf8.ValidString(c.text))
			}
			b.WriteString(c.text)
		}
		if b.String() != text {
			t.Errorf("%.20q: chunks do not join up to the text", text)
		}
	}
}
