package engine

import (
	"fmt"
	"strings"
	"testing"
)

// naiveSets is what litMatcher.scan must find: the sets with a member in s.
func naiveSets(sets [][]string, s string) []int {
	var out []int
	for id, set := range sets {
		for _, lit := range set {
			if strings.Contains(s, lit) {
				out = append(out, id)
				break
			}
		}
	}
	return out
}

func scanSets(m *litMatcher, s string) []int {
	b := m.scan(nil, s)
	var out []int
	for id := range m.nsets {
		if b.has(int32(id)) {
			out = append(out, id)
		}
	}
	return out
}

func TestLitMatcher(t *testing.T) {
	sets := [][]string{
		{"he", "she"},
		{"his", "hers"},
		{"code"},
		{"e"},
		{"key safe", "keysafe"},
		{"@"},
	}
	tests := []struct {
		text string
		want []int
	}{
		{"", nil},
		{"ushers", []int{0, 1, 3}},
		{"the key safe code", []int{0, 2, 3, 4}},
		{"xyz", nil},
		{"a@b", []int{5}},
		{"keysaf", []int{3}},
		{"sh", nil},
		{"\xff\x00she\x80", []int{0, 3}},
	}
	m := newLitMatcher(sets)
	if m.small == nil {
		t.Fatal("a small automaton should use the compact table")
	}
	for _, tt := range tests {
		if got := scanSets(m, tt.text); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("scan(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestLitMatcherLarge checks the full-width table, used for automata of
// 1<<15 states or more, against the naive search.
func TestLitMatcherLarge(t *testing.T) {
	var sets [][]string
	for i := range 1200 {
		var set []string
		for j := range 12 {
			set = append(set, fmt.Sprintf("w%04dx%02dq", i, j))
		}
		sets = append(sets, set)
	}
	m := newLitMatcher(sets)
	if m.small != nil {
		t.Fatalf("%d states: want the full-width table", len(m.fail))
	}
	for _, text := range []string{"", "w0001x03q and w1199x11q", "w0001x03 w0", "zzw0123x00qzz w0123x00q"} {
		if got, want := scanSets(m, text), naiveSets(sets, text); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("scan(%q) = %v, want %v", text, got, want)
		}
	}
}

func FuzzLitMatcher(f *testing.F) {
	// One-byte literals alone, beside longer ones and in several sets.
	sets := [][]string{{"he", "she"}, {"his", "hers"}, {"abc", "bca"}, {"a"}, {"\xff\xfe"}, {" ", ",", "-"}, {"e", "she"}, {"q", "zz"}, {"\xff"}, {" "}}
	m := newLitMatcher(sets)
	f.Add("ushers")
	f.Add("abcabca")
	f.Add("\xff\xfe\xff")
	f.Add("a b,c-zz")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := scanSets(m, s), naiveSets(sets, s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("scan(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestLitMatcherBytesOnly: an automaton of one-byte literals only is its
// root, and finds them by the bytes scanned.
func TestLitMatcherBytesOnly(t *testing.T) {
	sets := [][]string{{"x", " "}, {"\xff"}, {"y"}}
	m := newLitMatcher(sets)
	for _, text := range []string{"", "x", "a y", "\xffy", "zzz"} {
		if got, want := scanSets(m, text), naiveSets(sets, text); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("scan(%q) = %v, want %v", text, got, want)
		}
	}
}
