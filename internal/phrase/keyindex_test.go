package phrase

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/textnorm"
)

func TestHas(t *testing.T) {
	s := Compile([]string{"the night staff", "my * manager", "band 5*", "agency nurse", "lazy", "in with us"})
	for _, tt := range []struct {
		text   string
		lo, hi int
		want   bool
	}{
		{"honestly the night staff again", 0, 99, true},
		{"honestly the night staff again", 0, 3, false},  // "staff" outside
		{"honestly the night staff again", 2, 99, false}, // "the" outside
		{"my new manager", 0, 3, true},
		{"my manager", 0, 9, false},
		{"the band 5s were great", 0, 9, true},
		{"band 6", 0, 9, false},
		{"so lazy", -3, 99, true},
		{"come in with us", 1, 4, true},
		{"", 0, 1, false},
	} {
		v := textnorm.New(tt.text)
		_, want := s.FindIn(v.Tokens, tt.lo, tt.hi)
		if want != tt.want {
			t.Fatalf("%q [%d,%d): FindIn says %v, the table %v", tt.text, tt.lo, tt.hi, want, tt.want)
		}
		if got := s.Has(v.Tokens, tt.lo, tt.hi); got != tt.want {
			t.Errorf("Has(%q, %d, %d) = %v, want %v", tt.text, tt.lo, tt.hi, got, tt.want)
		}
	}
	if (*Set)(nil).Has(nil, 0, 1) {
		t.Error("a nil set has nothing")
	}
	// A phrase of '*' only cannot be keyed: Has falls back to FindIn.
	star := Compile([]string{"* *", "never"})
	if star.keyIndex() != nil || !star.Has(textnorm.New("a b").Tokens, 0, 2) {
		t.Error("an all-'*' phrase should match any two words")
	}
}

// TestHasLists checks Has against FindIn on every list of the default
// pack, over windows of random texts made of the lists' own words.
func TestHasLists(t *testing.T) {
	files, _ := filepath.Glob("../../rules/lists/*.txt")
	if len(files) == 0 {
		t.Skip("no rule lists")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var phrases, vocab []string
		for _, l := range strings.Split(string(data), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				phrases = append(phrases, l)
				vocab = append(vocab, strings.Fields(strings.ReplaceAll(l, "*", "s"))...)
			}
		}
		vocab = append(vocab, "the", "my", "a", "and", "xyz")
		s := Compile(phrases)
		for range 300 {
			words := make([]string, 1+rng.IntN(12))
			for i := range words {
				words[i] = vocab[rng.IntN(len(vocab))]
			}
			v := textnorm.New(strings.Join(words, " "))
			lo, hi := rng.IntN(len(v.Tokens)+2)-1, rng.IntN(len(v.Tokens)+3)
			_, want := s.FindIn(v.Tokens, lo, hi)
			if got := s.Has(v.Tokens, lo, hi); got != want {
				t.Fatalf("%s: Has(%q, %d, %d) = %v, FindIn says %v", filepath.Base(f), v.Orig, lo, hi, got, want)
			}
			if got, want := allMatches(s.FindAll, v.Tokens), allMatches(s.findAllByFirst, v.Tokens); !slices.Equal(got, want) {
				t.Fatalf("%s: FindAll(%q) = %v, by first words %v", filepath.Base(f), v.Orig, got, want)
			}
			if got, want := allMatches(s.FindAll, unhashed(v.Tokens)), allMatches(s.findAllByFirst, v.Tokens); !slices.Equal(got, want) {
				t.Fatalf("%s: FindAll(%q) without hashes = %v, by first words %v", filepath.Base(f), v.Orig, got, want)
			}
		}
	}
}

// allMatches lists what a FindAll reports, in order.
func allMatches(find func([]textnorm.Token, func(Match)), toks []textnorm.Token) []Match {
	var out []Match
	find(toks, func(m Match) { out = append(out, m) })
	return out
}

// unhashed returns a copy of toks without their hashes, as tokens made
// elsewhere than textnorm.New have none.
func unhashed(toks []textnorm.Token) []textnorm.Token {
	out := slices.Clone(toks)
	for i := range out {
		out[i].Hash = 0
	}
	return out
}

// firstOccurrences is ms without the repeats of a match.
func firstOccurrences(ms []Match) []Match {
	var out []Match
	for _, m := range ms {
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

func FuzzHas(f *testing.F) {
	s := Compile([]string{"the night staff", "my * manager", "band 5*", "agency nurse", "lazy", "in with us", "* shift"})
	f.Add("the night staff were lazy", 0, 9)
	f.Add("my new manager on band 5s", 1, 4)
	// Key words that are prefixes, of one byte and more, some whose second
	// bytes share a bit of keyIndex.prefix2 ('a' and '!', 'i' and ')').
	prefixes := Compile([]string{"lazi*", "la*", "l!*", "a*", "useless*", "u*", "nurse* tonight", "ui*", "u)*", "zzzz* zzz*"})
	f.Add("lazy lazily useless u ui uxx nurses tonight a", 0, 9)
	f.Fuzz(func(t *testing.T, text string, lo, hi int) {
		v := textnorm.New(text)
		for _, s := range []*Set{s, prefixes} {
			_, want := s.FindIn(v.Tokens, lo, hi)
			if got := s.Has(v.Tokens, lo, hi); got != want {
				t.Fatalf("Has(%q, %d, %d) = %v, FindIn says %v", text, lo, hi, got, want)
			}
			// Tokens made without their hashes are compared by text.
			if got := s.Has(unhashed(v.Tokens), lo, hi); got != want {
				t.Fatalf("Has(%q, %d, %d) without hashes = %v, FindIn says %v", text, lo, hi, got, want)
			}
			// (By first words, a phrase of a one-byte prefix is found
			// twice at a token of one byte.)
			all, byFirst := allMatches(s.FindAll, v.Tokens), allMatches(s.findAllByFirst, v.Tokens)
			if !slices.Equal(all, firstOccurrences(byFirst)) {
				t.Fatalf("FindAll(%q) = %v, by first words %v", text, all, byFirst)
			}
		}
	})
}

func BenchmarkHas(b *testing.B) {
	v := textnorm.New("Honestly the new matron hasn't got a clue, she's never worked a shift on the floor in her life. Crap rota again this week, pissed off with the whole thing and the day team left us in it #nhs")
	for _, name := range []string{"insult-mild.txt", "safeguarding-adult-acts.txt", "colleague-roles.txt", "colleague-negative.txt"} {
		data, err := os.ReadFile("../../rules/lists/" + name)
		if err != nil {
			b.Skip(err)
		}
		s := Compile(strings.Split(string(data), "\n"))
		b.Run("FindIn/"+name, func(b *testing.B) {
			for b.Loop() {
				s.FindIn(v.Tokens, 0, len(v.Tokens))
			}
		})
		b.Run("FindAllByFirst/"+name, func(b *testing.B) {
			for b.Loop() {
				s.findAllByFirst(v.Tokens, func(Match) {})
			}
		})
		b.Run("FindAll/"+name, func(b *testing.B) {
			for b.Loop() {
				s.FindAll(v.Tokens, func(Match) {})
			}
		})
		b.Run("Has/"+name, func(b *testing.B) {
			for b.Loop() {
				s.Has(v.Tokens, 0, len(v.Tokens))
			}
		})
	}
}
