package textnorm_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/textnorm"
)

// TestDisguisedWords runs a small swear list over disguised spellings, as
// the insult rules do (phrase.MatchDisguised over the deobfuscated view),
// and checks the span maps back to the disguise as written.
func TestDisguisedWords(t *testing.T) {
	set := phrase.Compile([]string{"fuck", "fucking", "shit", "shite", "cunt", "twat", "stupid", "arsehole", "asshole", "bollocks", "wanker", "idiot"})
	tests := []struct{ in, want string }{
		{"what a F*CKING day", "F*CKING"},
		{"f**k this", "f**k"},
		{"what the f---", "f---"},
		{"sh!t happens", "sh!t"},
		{"sh1t day", "sh1t"},
		{"$h1t day", "$h1t"},
		{"s.h.i.t day", "s.h.i.t"},
		{"s-h-i-t-e day", "s-h-i-t-e"},
		{"f u c k this rota", "f u c k"},
		{"fuuuuuck me", "fuuuuuck"},
		{"so stupiddddd", "stupiddddd"},
		{"ｆｕｃｋｉｎｇ freezing", "ｆｕｃｋｉｎｇ"},
		{"absolute ѕһіt", "ѕһіt"},
		{"c\u200bu\u200bn\u200bt", "c\u200bu\u200bn\u200bt"},
		{"tw@t", "tw@t"},
		{"@$$hole", "@$$hole"},
		{"a$$hole", "a$$hole"},
		{"b0ll0cks", "b0ll0cks"},
		{"w4nker", "w4nker"},
		{"id10t", "id10t"},
		{"FÜCKING hell", "FÜCKING"},
		{"crap... shit...", "shit"},
	}
	for _, tt := range tests {
		v := textnorm.New(tt.in)
		d := v.Deobfuscated()
		var got []string
		set.MatchDisguised(d.Tokens, func(m phrase.Match) {
			a, b := v.DeobfOrigRange(d.Tokens[m.First].Start, d.Tokens[m.Last].End)
			got = append(got, tt.in[a:b])
		})
		if len(got) == 0 || got[0] != tt.want {
			t.Errorf("%q: matches %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestScunthorpe: whole-word matching keeps place names and ordinary words
// that contain a swear word clean, in every view.
func TestScunthorpe(t *testing.T) {
	set := phrase.Compile([]string{"cunt", "shit", "ass", "arse", "cock", "dick", "penis", "fuck", "tit", "twat"})
	for _, s := range []string{
		"Scunthorpe United", "Essex", "Penistone", "Cockington Court", "class of 2026", "assessment day",
		"Dickens festival", "the cockpit", "shiitake risotto", "fuchsia", "Shitterton sign",
		"Sussex", "Middlesex", "passion", "grass", "title", "Matlock", "cocktail", "Hitchcock", "arsenal", "butt",
		"class", "bass", "compass", "therapist", "Titchfield", "Twatt (Orkney)",
	} {
		v := textnorm.New(s)
		d := v.Deobfuscated()
		set.MatchDisguised(d.Tokens, func(m phrase.Match) {
			a, b := v.DeobfOrigRange(d.Tokens[m.First].Start, d.Tokens[m.Last].End)
			t.Errorf("%q: matched %q", s, s[a:b])
		})
	}
}

// TestEllipsisIsNotAMask: dots after a short word are punctuation, not a
// masked swear word ("so...", "s...", "Go..."), while dashes mask ("f---").
func TestEllipsisIsNotAMask(t *testing.T) {
	for in, want := range map[string]string{
		"so... anyway":     "so anyway",
		"Go… on then":      "go on then",
		"s... what":        "s what",
		"what the f---":    "what the f***",
		"sh-- happens":     "sh** happens",
		"s.h.i.t. happens": "shit happens",
	} {
		if got := textnorm.New(in).Deobfuscated().Text; got != want {
			t.Errorf("Deobfuscated(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzOrigRanges checks that any range of either view maps back to a range of
// the original text that is in bounds, ordered, and on UTF-8 boundaries.
func FuzzOrigRanges(f *testing.F) {
	for _, s := range []string{"", "ｆｕｃｋ", "a\u200bb", "s.h.i.t", "f u c k", "\xff\xfe", "e\u0301\u0301", "👍🏽 sh1t", "Ⅻ ﬁ ß", "f---"} {
		f.Add(s, uint16(0), uint16(3))
	}
	f.Fuzz(func(t *testing.T, s string, i, j uint16) {
		v := textnorm.New(s)
		check := func(view string, a, b int) {
			if a < 0 || b > len(s) || a > b {
				t.Fatalf("%s range -> %d:%d outside %d", view, a, b, len(s))
			}
			if utf8.ValidString(s) && (!utf8.ValidString(s[:a]) || !utf8.ValidString(s[a:b])) {
				t.Fatalf("%s range -> %d:%d splits a character of %q", view, a, b, s)
			}
		}
		lo, hi := int(i), int(j)
		if n := len(v.Fold); n > 0 {
			lo, hi = lo%(n+1), hi%(n+1)
			if lo > hi {
				lo, hi = hi, lo
			}
			a, b := v.OrigRange(lo, hi)
			check("fold", a, b)
		}
		d := v.Deobfuscated()
		if n := len(d.Text); n > 0 {
			lo, hi = int(i)%n, int(j)%(n+1)
			if lo > hi {
				lo, hi = hi, lo
			}
			a, b := v.DeobfOrigRange(lo, hi)
			check("deobfuscated", a, b)
		}
		if strings.Count(d.Text, "  ") > 0 {
			t.Fatalf("double space in deobfuscated text %q", d.Text)
		}
	})
}
