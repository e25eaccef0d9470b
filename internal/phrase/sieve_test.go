package phrase

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/textnorm"
)

// TestSieveAsCompiled checks the sieve against the compiled phrases: for
// the entries of the default pack's lists and some awkward ones, in texts
// made of them, Matches says what the compiled entry's Has says.
func TestSieveAsCompiled(t *testing.T) {
	entries := []string{
		"foo -*", "o'clock*", "mr *", "# a comment", " ", "A&E", "x-ray*", "*", "* foo", "café", "don't",
		"f*ck", "insult*", "you * idiot", "bed 4", "covid19*", "Dr.", "**", "re:x", "new-born baby", "i'm",
	}
	files, _ := filepath.Glob("../../rules/lists/*.txt")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, strings.Split(string(data), "\n")...)
	}
	if len(files) == 0 {
		t.Log("no rule lists beside the package: awkward entries only")
	}
	// Texts: each entry written out ("insult*" as "insults", a lone '*'
	// as a word), alone and among its neighbours, and some sentences.
	spelled := make([]string, len(entries))
	for i, e := range entries {
		var words []string
		for _, w := range strings.Fields(e) {
			switch {
			case w == "*":
				w = "zed"
			case strings.HasSuffix(w, "*"):
				w = strings.TrimSuffix(w, "*") + "s"
			}
			words = append(words, w)
		}
		spelled[i] = strings.Join(words, " ")
	}
	sentences := []string{
		"Lovely evening at the staff awards, so proud of the whole team on Otter ward!",
		"Mr Smith in bed 4 on Ward 7, DOB 01/02/1950, can't stop swearing at the f*cking nurses",
		"A&E x-rays at 4 o'clock; the new-born baby's café",
	}
	matched := 0
	check := func(i int, text string) {
		toks := textnorm.New(text).Tokens
		has := Compile([]string{entries[i]}).Has(toks, 0, len(toks))
		if has {
			matched++
		}
		if got := NewSieve(toks).Matches(entries[i]); got != has {
			t.Errorf("%q in %q: the sieve says %v, the compiled phrase %v", entries[i], text, got, has)
		}
	}
	for i := range entries {
		check(i, spelled[i])
		lo, hi := max(i-3, 0), min(i+4, len(entries))
		check(i, strings.Join(spelled[lo:hi], " , "))
		for _, s := range sentences {
			check(i, s)
		}
	}
	if matched < len(entries)/2 {
		t.Errorf("only %d checks of %d entries had a match: the texts test little", matched, len(entries))
	}
}

func TestSieve(t *testing.T) {
	s := NewSieve(textnorm.New("Lovely evening at the staff awards, so proud of the whole team").Tokens)
	for _, tt := range []struct {
		phrase  string
		matches bool
	}{
		{"staff", true},
		{"whole team", true},
		{"the whole", true},
		{"nurse", false},
		{"whole nurse", false},
		{"award*", true},
		{"nurs*", false},
		{"* team", true},
		{"so * of", true},
		{"so * nurse", false},
		{"Lovely", true}, // normalised as Compile does
		{"team whole", false},
		{"staff awards", true},
		{"staff so", false},    // a comma between
		{"don't panic", false}, // "panic" is not there
		{"staf -*", true},      // "-" is no word: "staf" is the prefix
		{"staf", false},
		{"staf x-ray", false},
		{"whole-team", true}, // two words, both there
		{"whole-nurse", false},
		{"aw-ards*", false}, // "aw" then the prefix "ards"
		{"so-proud*", true},
		{"", false},
		{"# staff", false},
	} {
		if got := s.Matches(tt.phrase); got != tt.matches {
			t.Errorf("Matches(%q) = %v, want %v", tt.phrase, got, tt.matches)
		}
	}
}

// BenchmarkSieve looks at every phrase of a long list once, as a first
// draft's require groups are looked at, against compiling the list and
// asking it (Has).
func BenchmarkSieve(b *testing.B) {
	data, err := os.ReadFile("../../rules/lists/colleague-judgement.txt")
	if err != nil {
		b.Skip(err)
	}
	list := strings.Split(string(data), "\n")
	toks := textnorm.New("Lovely evening at the staff awards, so proud of the whole team on Otter ward. Congratulations to everyone nominated and thanks to the League of Friends for the cake! #proud").Tokens
	b.Run("sieve", func(b *testing.B) {
		for b.Loop() {
			s := NewSieve(toks)
			for _, p := range list {
				if s.Matches(p) {
					break
				}
			}
		}
	})
	b.Run("compile", func(b *testing.B) {
		for b.Loop() {
			Compile(list).Has(toks, 0, len(toks))
		}
	})
}
