package textnorm

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, fold string }{
		{"Hello World", "hello world"},
		{"Café CRÈME", "cafe creme"},
		{"ｆｕｃｋ", "fuck"},
		{"ѕһіt", "shit"},
		{"f\u200buck", "fuck"},
		{"Ward 7 — ext 4321", "ward 7 — ext 4321"},
	}
	for _, tt := range tests {
		if got := New(tt.in).Fold; got != tt.fold {
			t.Errorf("New(%q).Fold = %q, want %q", tt.in, got, tt.fold)
		}
	}
}

func TestOrigRange(t *testing.T) {
	in := "Ｈｉ ѕһіt 👍🏽 Café"
	v := New(in)
	for _, tok := range v.Tokens {
		s, e := v.OrigRange(tok.Start, tok.End)
		if s < 0 || e > len(in) || s > e || !utf8.ValidString(in[s:e]) {
			t.Fatalf("token %q maps to bad range %d:%d", tok.Text, s, e)
		}
	}
	i := strings.Index(v.Fold, "shit")
	s, e := v.OrigRange(i, i+4)
	if got := in[s:e]; got != "ѕһіt" {
		t.Errorf("OrigRange of shit = %q", got)
	}
}

func TestTokens(t *testing.T) {
	v := New("Don't call 07700 900123, it's Mrs O'Neil's!")
	var got []string
	for _, tok := range v.Tokens {
		got = append(got, tok.Text)
	}
	want := "don't call 07700 900123 it's mrs o'neil's"
	if strings.Join(got, " ") != want {
		t.Errorf("tokens = %q, want %q", strings.Join(got, " "), want)
	}
}

func TestDeobfuscated(t *testing.T) {
	tests := []struct{ in, want string }{
		{"you sh1t!", "you shit"},
		{"f*ck off", "f*ck off"},
		{"what the f---", "what the f***"},
		{"f u c k this", "fuck this"},
		{"s.h.i.t day", "shit day"},
		{"@$$hole", "asshole"},
		{"ward 7 at 10.30", "ward 7 at 10 30"},
		{"Fuuuuck", "fuuuuck"},
		{"I am a nurse", "i am a nurse"},
	}
	for _, tt := range tests {
		if got := New(tt.in).Deobfuscated().Text; got != tt.want {
			t.Errorf("Deobfuscated(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDeobfOrigRange(t *testing.T) {
	in := "total f u c k up"
	v := New(in)
	d := v.Deobfuscated()
	i := strings.Index(d.Text, "fuck")
	s, e := v.DeobfOrigRange(i, i+4)
	if got := in[s:e]; got != "f u c k" {
		t.Errorf("span = %q, want %q", got, "f u c k")
	}
}

func TestPosition(t *testing.T) {
	s := "first line\nsecond 👍🏽 line"
	off := strings.Index(s, "line\n") + 0
	if l, c := Position(s, off); l != 1 || c != 7 {
		t.Errorf("Position = %d:%d, want 1:7", l, c)
	}
	off = strings.LastIndex(s, "line")
	if l, c := Position(s, off); l != 2 || c != 10 {
		t.Errorf("Position = %d:%d, want 2:10", l, c)
	}
}

func FuzzView(f *testing.F) {
	for _, s := range []string{"", "ｆｕｃｋ", "a\u200bb", "s.h.i.t", "f u c k", "\xff\xfe", "e\u0301\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := New(s)
		for _, tok := range v.Tokens {
			a, b := v.OrigRange(tok.Start, tok.End)
			if a < 0 || b > len(s) || a > b {
				t.Fatalf("token %q -> %d:%d outside %d", tok.Text, a, b, len(s))
			}
		}
		d := v.Deobfuscated()
		for _, tok := range d.Tokens {
			a, b := v.DeobfOrigRange(tok.Start, tok.End)
			if a < 0 || b > len(s) || a > b {
				t.Fatalf("deobf token %q -> %d:%d outside %d", tok.Text, a, b, len(s))
			}
		}
	})
}

// TestResetSameAsNew checks that a view reset from text to text, as the
// engine's does from post to post, is the view New builds: long texts
// after short ones and back, ASCII and not, with and without its
// deobfuscated view asked for.
func TestResetSameAsNew(t *testing.T) {
	texts := []string{
		"Long night on the ward but the team were brilliant 💙 #nightshift",
		"",
		"f u c k this s.h.i.t, you @ss – Ｆｕｌｌ ｗｉｄｔｈ and Ωmega café",
		"short",
		strings.Repeat("the lady in bay 4 ❤️ rang 07700 900456. ", 40),
		"ASCII ONLY, Capitals Here",
		"don’t  tell\u200banyone\n\nyet!!",
	}
	var v View
	for round := range 3 {
		for i, s := range texts {
			v.Reset(s)
			want := New(s)
			if round%2 == 1 || i%2 == 0 {
				v.Deobfuscated()
			}
			if v.Orig != want.Orig || v.Fold != want.Fold || !slices.Equal(v.Tokens, want.Tokens) {
				t.Fatalf("round %d, %q: reset view %q %v, want %q %v", round, s, v.Fold, v.Tokens, want.Fold, want.Tokens)
			}
			for a := 0; a <= len(v.Fold); a++ {
				for _, b := range []int{a, min(a+1, len(v.Fold)), len(v.Fold)} {
					ga, gb := v.OrigRange(a, b)
					wa, wb := want.OrigRange(a, b)
					if ga != wa || gb != wb {
						t.Fatalf("round %d, %q: OrigRange(%d, %d) = %d, %d, want %d, %d", round, s, a, b, ga, gb, wa, wb)
					}
				}
			}
			d, wd := v.Deobfuscated(), want.Deobfuscated()
			if d.Text != wd.Text || !slices.Equal(d.Tokens, wd.Tokens) || !slices.Equal(d.fold, wd.fold) {
				t.Fatalf("round %d, %q: deobfuscated %q %v, want %q %v", round, s, d.Text, d.Tokens, wd.Text, wd.Tokens)
			}
		}
	}
}
