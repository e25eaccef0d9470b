package phrase

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/textnorm"
)

// naiveAt lists the matches at token i as the Set reports them, found by
// trying every phrase: those whose first word is the token, then those
// whose first word is a prefix with the token's two-byte key, then its
// one-byte key (twice over for a one-byte token), then those starting with
// any word; each group in the phrases' order.
func naiveAt(s *Set, toks []textnorm.Token, i int) []Match {
	var groups [4][]Match
	t := toks[i].Text
	for id, c := range s.phrases {
		if i+len(c.words) > len(toks) {
			continue
		}
		ok := true
		for k, w := range c.words {
			tk := toks[i+k].Text
			switch {
			case w.any:
			case w.prefix:
				ok = ok && strings.HasPrefix(tk, w.text)
			default:
				ok = ok && tk == w.text
			}
		}
		if !ok {
			continue
		}
		m := Match{Phrase: c.source, First: i, Last: i + len(c.words) - 1, Index: id}
		w := c.words[0]
		switch {
		case w.any:
			groups[3] = append(groups[3], m)
		case w.prefix:
			if prefixKey(w.text) == prefixKey(t) {
				groups[1] = append(groups[1], m)
			}
			if prefixKey(w.text) == prefixKey(t[:1]) {
				groups[2] = append(groups[2], m)
			}
		default:
			groups[0] = append(groups[0], m)
		}
	}
	return slices.Concat(groups[:]...)
}

// TestMatchesNaive checks the indexed matching (hashes, the second-word
// index of crowded first words) against trying every phrase, on random
// texts over a small vocabulary so that phrases often match.
func TestMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	vocab := []string{"is", "was", "a", "the", "lazy", "idiot", "idiots", "id", "i", "u", "useless", "so", "very", "she's", "x", "ab", "abc"}
	word := func() string { return vocab[rng.Intn(len(vocab))] }
	var phrases []string
	for range 400 {
		n := 1 + rng.Intn(3)
		var ws []string
		for k := range n {
			w := word()
			switch r := rng.Intn(10); {
			case r == 0 && k > 0:
				w = "*"
			case r == 1:
				w = w[:1+rng.Intn(len(w))] + "*"
			}
			ws = append(ws, w)
		}
		phrases = append(phrases, strings.Join(ws, " "))
	}
	// Crowded first words: many phrases starting with "is".
	for k := range 50 {
		phrases = append(phrases, fmt.Sprintf("is %s %s", word(), vocab[k%len(vocab)]))
	}
	s := Compile(phrases)
	for range 300 {
		var ws []string
		for range 1 + rng.Intn(12) {
			ws = append(ws, word())
		}
		toks := textnorm.New(strings.Join(ws, " ")).Tokens
		for i := range toks {
			var got []Match
			s.matchAt(toks, i, func(m Match) { got = append(got, m) })
			want := naiveAt(s, toks, i)
			if !slices.Equal(got, want) {
				t.Fatalf("%q at %d:\n got %v\nwant %v", ws, i, got, want)
			}
			first, ok := s.firstAt(toks, i)
			if ok != (len(want) > 0) || ok && first != want[0] {
				t.Fatalf("%q at %d: firstAt %v %v, want %v", ws, i, first, ok, want)
			}
			// Tokens made without their hash match the same.
			bare := slices.Clone(toks)
			for k := range bare {
				bare[k].Hash = 0
			}
			got = got[:0]
			s.matchAt(bare, i, func(m Match) { got = append(got, m) })
			if !slices.Equal(got, want) {
				t.Fatalf("%q at %d without hashes:\n got %v\nwant %v", ws, i, got, want)
			}
			if can := s.CanStartToken(&toks[i], false); !can && len(want) > 0 {
				t.Fatalf("%q at %d: CanStartToken false, but %v match", ws, i, want)
			}
		}
	}
}

// TestHashPrefixes checks that the running hash gives HashWord of every
// prefix.
func TestHashPrefixes(t *testing.T) {
	w := "insulting"
	h := textnorm.HashStart()
	for n := 1; n <= len(w); n++ {
		h = textnorm.HashByte(h, w[n-1])
		if textnorm.HashDone(h) != textnorm.HashWord(w[:n]) {
			t.Fatalf("prefix %q: running hash differs", w[:n])
		}
	}
}

// BenchmarkCrowded looks up tokens in a set where a thousand phrases start
// with each of a few words, as in the colleague-judgement list.
func BenchmarkCrowded(b *testing.B) {
	var phrases []string
	for _, first := range []string{"is", "was", "she's", "he's"} {
		for k := range 1000 {
			phrases = append(phrases, fmt.Sprintf("%s word%d", first, k))
		}
	}
	s := Compile(phrases)
	toks := textnorm.New("she is so lazy and he was word12 today, she's late is it").Tokens
	for b.Loop() {
		s.FindIn(toks, 0, len(toks))
		s.FindAll(toks, func(Match) {})
	}
}

func TestSingleWords(t *testing.T) {
	tests := []struct {
		phrases []string
		want    bool
	}{
		{[]string{"nurse", "doctor*"}, true},
		{[]string{"nurse", "night staff"}, false},
		{[]string{"*"}, false},
		{[]string{"you * idiot"}, false},
		{nil, true},
	}
	for _, tt := range tests {
		if got := Compile(tt.phrases).SingleWords(); got != tt.want {
			t.Errorf("Compile(%q).SingleWords() = %v, want %v", tt.phrases, got, tt.want)
		}
	}
	var nilSet *Set
	if nilSet.SingleWords() {
		t.Error("a nil set has no words")
	}
}

func TestWildWord(t *testing.T) {
	s := Compile([]string{"idiot", "fuck", "you * idiot", "stupid"})
	for _, tt := range []struct {
		tok  string
		want string // "" for no match
	}{
		{"f*ck", "fuck"},
		{"fuuuck", "fuck"},
		{"stuuupid", "stupid"},
		{"idiot", ""}, // as written: MatchAt's plain look-up, not WildWord's
		{"sooo", ""},
		{"***", ""},
	} {
		id, ok := s.WildWord(tt.tok, Collapse(tt.tok))
		got := ""
		if ok {
			got = s.Sources()[id]
		}
		if got != tt.want {
			t.Errorf("WildWord(%q) = %q, want %q", tt.tok, got, tt.want)
		}
	}
}

func TestWild(t *testing.T) {
	for _, tt := range []struct {
		tok  string
		want bool
	}{
		{"f*ck", true},
		{"sh**", true},
		{"fuuuck", true},
		{"*nhs", false}, // a hashtag in the deobfuscated view
		{"*f*ck", false},
		{"***", false},
		{"idiot", false},
		{"sooo", true},
		{"", false},
	} {
		if got := Wild(tt.tok); got != tt.want {
			t.Errorf("Wild(%q) = %v, want %v", tt.tok, got, tt.want)
		}
	}
}

// FuzzWild checks that WildWord matches no token that Wild rules out, for
// sets of single words, phrases and prefixes.
func FuzzWild(f *testing.F) {
	for _, s := range []string{"f*ck", "*nhs", "*f*ck", "fuuuck", "***", "*", "i*", "*idiot", "id**", "**t", "s*upid*"} {
		f.Add(s)
	}
	sets := []*Set{
		Compile([]string{"idiot", "fuck", "you * idiot", "stupid", "nhs", "f", "id*", "*"}),
		Compile([]string{"a", "ab", "abc", "nhs", "fuck*", "sh*"}),
	}
	f.Fuzz(func(t *testing.T, tok string) {
		if tok == "" {
			return
		}
		for _, s := range sets {
			if _, ok := s.WildWord(tok, ""); ok && !Wild(tok) {
				t.Fatalf("WildWord(%q) matches but Wild says it cannot", tok)
			}
		}
	})
}
