package detect

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The helpers below replace prose's regular expressions and string
// conversions with plain code; each is checked against prose's own
// expression or conversion (copied from prose) on any text.

var (
	proseInternalRE = regexp.MustCompile(`^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$`)
	proseNonWordEnd = regexp.MustCompile(`\W+$`)
	proseWordEnd    = regexp.MustCompile(`\w+$`)
)

// proseShape is prose's shape (extract.go).
func proseShape(word string) string {
	if _, err := strconv.ParseFloat(word, 64); err == nil {
		return "number"
	} else if proseNonWordEnd.MatchString(word) {
		return "punct"
	} else if proseWordEnd.MatchString(word) {
		if strings.ToLower(word) == word {
			return "downcase"
		}
		//lint:ignore SA1019 prose's own test
		if strings.Title(word) == word {
			return "upcase"
		}
		return "mixedcase"
	}
	return "other"
}

// proseNormalize is prose's normalize (tag.go).
func proseNormalize(word string) string {
	if word == "" {
		return word
	}
	first := string(rune(word[0]))
	if strings.Contains(word, "-") && first != "-" {
		return "!HYPHEN"
	} else if _, err := strconv.Atoi(word); err == nil && len(word) == 4 {
		return "!YEAR"
	} else if _, err := strconv.Atoi(first); err == nil {
		return "!DIGITS"
	}
	return strings.ToLower(word)
}

// proseHasAnyIndex is prose's hasAnyIndex (utilities.go).
func proseHasAnyIndex(s string, pats []string) int {
	for _, p := range pats {
		if idx := strings.Index(s, p); idx >= 0 && len(s) > len(p) {
			return idx
		}
	}
	return -1
}

func proseHasAny(s string, affixes []string, has func(s, a string) bool) bool {
	for _, a := range affixes {
		if len(s) > len(a) && has(s, a) {
			return true
		}
	}
	return false
}

func checkHelpers(t *testing.T, s string) {
	t.Helper()
	if got, want := isInternalWord(s), proseInternalRE.MatchString(s); got != want {
		t.Errorf("isInternalWord(%q) = %v, want %v", s, got, want)
	}
	if got, want := shape(s), proseShape(s); got != want {
		t.Errorf("shape(%q) = %q, want %q", s, got, want)
	}
	if got, want := normalizeWord(s), proseNormalize(s); got != want {
		t.Errorf("normalizeWord(%q) = %q, want %q", s, got, want)
	}
	lower := strings.ToLower(s)
	for _, pats := range [][]string{contractions, negation} {
		if got, want := contractionIndex(s, pats), proseHasAnyIndex(lower, pats); got != want {
			t.Errorf("contractionIndex(%q, %q) = %d, want %d", s, pats, got, want)
		}
	}
	if got, want := hasTokenPrefix(s), proseHasAny(s, []string{"$", "(", `"`, "["}, strings.HasPrefix); got != want {
		t.Errorf("hasTokenPrefix(%q) = %v, want %v", s, got, want)
	}
	if got, want := hasTokenSuffix(s), proseHasAny(s, []string{",", ")", `"`, "]", "!", ";", ".", "?", ":", "'"}, strings.HasSuffix); got != want {
		t.Errorf("hasTokenSuffix(%q) = %v, want %v", s, got, want)
	}
	if got, want := string(appendLower(nil, s)), strings.ToLower(s); got != want {
		t.Errorf("appendLower(%q) = %q, want %q", s, got, want)
	}
	if isLinkOrEmail(s) && !strings.ContainsAny(s, ".@") {
		t.Errorf("isLinkOrEmail(%q) without a point or an at sign", s)
	}
}

var helperSeeds = []string{
	"", "a", "A", "U.K.", "u.k.", "U.K", "Mr.", "Mrs.", "Mrs", "MR.", "Mrsx.", "a.b.c.", "é.f.",
	"3.5", "-1.5e3", "+.5", ".5", "inf", "-Inf", "NaN", "nan.", "1_000", "0x1p-2", "1e999", "12:30",
	"1999", "+199", "-199", "19-9", "-abc", "co-op", "9am", "Ñandú", "ǅemal", "ÉCOLE", "Hello", "hELLO",
	"hello!", "(", "((", "$5", "\"x", "[x]", "x'", "they'll", "THEY'LL", "don't", "DON'T", "'s", "'sx",
	"İ's", "\u212a'll", "ẞ'm", "it's", "x\xff", "\xe2\x82", "under_score", "ab\u00a0",
}

func TestTaggerHelpers(t *testing.T) {
	for _, s := range helperSeeds {
		checkHelpers(t, s)
	}
}

func FuzzTaggerHelpers(f *testing.F) {
	for _, s := range helperSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 64 {
			return
		}
		checkHelpers(t, s)
	})
}

// TestTaggerTies checks the tagger's choice between tied classes: the
// first in the model's order, as documented.
func TestTaggerTies(t *testing.T) {
	tg, err := newProseTagger(map[string]map[string]float64{
		"bias":       {"NN": 1, "VB": 1, "JJ": 0.5},
		"i word zzz": {"JJ": 0.5},
	}, map[string]string{"the": "DT"}, []string{"VB", "NN", "JJ", "DT"})
	if err != nil {
		t.Fatal(err)
	}
	var s taggerScratch
	tags := make([]string, 3)
	tg.tag([]string{"the", "zzz", "yyy"}, tags, &s)
	if want := []string{"DT", "VB", "VB"}; strings.Join(tags, " ") != strings.Join(want, " ") {
		t.Errorf("tags %q, want %q", tags, want)
	}
	if s.margin != 0 {
		t.Errorf("margin %g, want 0", s.margin)
	}
}

// TestWeightTable checks the table against a map: every key found with its
// weights, no other key found, however many share a slot.
func TestWeightTable(t *testing.T) {
	const n = 5000
	want := map[string][]float64{}
	for i := range n {
		key := strings.Repeat("k", i%7) + strconv.Itoa(i*7919)
		ws := make([]float64, i%5+1)
		for j := range ws {
			ws[j] = float64(i) + float64(j)/8
		}
		want[key] = ws
	}
	tab := newWeightTable(len(want), 0, 0)
	for key, ws := range want {
		cs := make([]uint8, len(ws))
		for j := range cs {
			cs[j] = uint8(j * 3)
		}
		if err := tab.add(key, cs, ws); err != nil {
			t.Fatal(err)
		}
	}
	var keys []byte
	var ends []int
	check := func() {
		offs := make([]int32, len(ends))
		tab.findAll(keys, ends, offs)
		start := 0
		for f, e := range ends {
			key := string(keys[start:e])
			start = e
			ws, ok := want[key]
			if (offs[f] >= 0) != ok {
				t.Fatalf("%q: found %v, want %v", key, offs[f] >= 0, ok)
			}
			if !ok {
				continue
			}
			cs, got := tab.record(offs[f])
			if len(cs) != len(ws) {
				t.Fatalf("%q: %d weights, want %d", key, len(cs), len(ws))
			}
			for j := range ws {
				if cs[j] != uint8(j*3) || weight(got, j) != ws[j] {
					t.Fatalf("%q: weight %d is %d %g, want %d %g", key, j, cs[j], weight(got, j), j*3, ws[j])
				}
			}
		}
		keys, ends = keys[:0], ends[:0]
	}
	i := 0
	for key := range want {
		for _, k := range []string{key, key + "x", "x" + key, ""} {
			keys = append(keys, k...)
			ends = append(ends, len(keys))
		}
		if i++; i%20 == 0 {
			check()
		}
	}
	check()
	if err := tab.add(strings.Repeat("x", 1<<16), []uint8{0}, []float64{1}); err == nil {
		t.Error("a key of 64 KiB was added")
	}
}
