package textnorm

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestQuoted(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"none", "no quotes at all", nil},
		{"straight double", `she said "you're useless" and left`, []string{"you're useless"}},
		{"curly double", "they wrote “disgrace to the uniform” online", []string{"disgrace to the uniform"}},
		{"straight single", "called me 'lazy', then 'a waste of space'", []string{"lazy", "a waste of space"}},
		{"curly single", "‘get me a real nurse’ is what we hear", []string{"get me a real nurse"}},
		{"apostrophes are no quotes", "don't park in the nurses' bays, it's Sam's space", nil},
		{"apostrophe inside a quotation", "'you're a disgrace', 'hope you get what's coming'", []string{"you're a disgrace", "hope you get what's coming"}},
		{"curly apostrophe inside", "‘you’re useless’ he shouted", []string{"you’re useless"}},
		{"left open", `she said "you're useless and never closed it`, nil},
		{"open at a line end", "'first line\nsecond' line", nil},
		{"mark before a space opens nothing", `a " stray mark and "a quote"`, []string{"a quote"}},
		{"start of text", "'Useless.' That's what he called me.", []string{"Useless."}},
		{"name with apostrophe", "O'Neill said 'fine'", []string{"fine"}},
		{"empty quotes", `he said "" twice`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, q := range Quoted(tt.in) {
				got = append(got, tt.in[q[0]:q[1]])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Quoted(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestInQuotes(t *testing.T) {
	s := `Staff hear "you're a disgrace" every week. You're a disgrace.`
	first := 12
	second := len(s) - len("a disgrace.")
	tests := []struct {
		start, end int
		want       bool
	}{
		{first, first + len("you're a disgrace"), true},
		{first + 9, first + 17, true},
		{second, second + len("a disgrace"), false},
		{first - 2, first + 5, false}, // across the mark
		{5, 5, false},
		{-1, 3, false},
		{0, len(s) + 1, false},
	}
	for _, tt := range tests {
		if got := InQuotes(s, tt.start, tt.end); got != tt.want {
			t.Errorf("InQuotes(%d, %d) on %q = %v, want %v", tt.start, tt.end, s[max(tt.start, 0):min(tt.end, len(s))], got, tt.want)
		}
	}
}

// FuzzQuoted checks that quoted stretches are ordered, inside the text,
// start and end on rune boundaries (in valid UTF-8), and never cross a
// line break.
func FuzzQuoted(f *testing.F) {
	for _, s := range []string{`"a"`, "‘b’ 'c' “d”", "don't 'x", "'\n'", "\xff'a'\xfe", `""""`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, q := range Quoted(s) {
			if q[0] < last || q[0] >= q[1] || q[1] > len(s) {
				t.Fatalf("Quoted(%q): bad stretch %v after %d", s, q, last)
			}
			if utf8.ValidString(s) && (!utf8.RuneStart(s[q[0]]) || q[1] < len(s) && !utf8.RuneStart(s[q[1]])) {
				t.Fatalf("Quoted(%q): %v splits a rune", s, q)
			}
			for i := q[0]; i < q[1]; i++ {
				if s[i] == '\n' || s[i] == '\r' {
					t.Fatalf("Quoted(%q): %v crosses a line break", s, q)
				}
			}
			last = q[1]
			if !InQuotes(s, q[0], q[1]) {
				t.Fatalf("InQuotes(%q, %d, %d) = false for a stretch of Quoted", s, q[0], q[1])
			}
		}
	})
}
