package detect

import (
	"strings"
	"testing"
	"unicode"
)

// TestEntityExcluded checks that an exclude term must cover the whole
// entity, and that a shorter term listed first does not hide a longer one.
func TestEntityExcluded(t *testing.T) {
	d := buildIDDetector(t, "entity", "exclude: [Google, Google Images, Face]\n").(*entityDetector)
	for text, want := range map[string]bool{
		"Google Images":  true,
		"Google":         true,
		"Face":           true,
		"Google Smith":   false,
		"Gary Whitlock":  false,
		"Images":         false,
		"Face Timmins":   false,
		"Lucy Face":      false,
		"Reg Google Cox": false,
	} {
		if got := d.excluded(text); got != want {
			t.Errorf("excluded(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestSentenceStart(t *testing.T) {
	for _, tc := range []struct {
		text, word string
		want       bool
	}{
		{"Gladys was lovely", "Gladys", true},
		{"sat with Gladys today", "Gladys", false},
		{"long shift. Gladys was lovely", "Gladys", true},
		{"thanks all 💙 Big shout out", "Big", true},
		{"thanks all 👍🏽 Big shout out", "Big", true},
		{"thanks all ❤️ Big shout out", "Big", true},
		{"met (Gladys) today", "Gladys", false},
		{"café Gladys", "Gladys", false},
		{"“Gladys", "Gladys", false},
	} {
		a := strings.Index(tc.text, tc.word)
		if got := sentenceStart(tc.text, a); got != tc.want {
			t.Errorf("sentenceStart(%q, %q) = %v, want %v", tc.text, tc.word, got, tc.want)
		}
	}
}

// nameShapedRef is nameShaped as first written, splitting into words and
// runes: the reference the allocation-free version must agree with.
func nameShapedRef(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for _, w := range words {
		rs := []rune(w)
		if len(rs) < 2 || !unicode.IsUpper(rs[0]) {
			return false
		}
		for _, r := range rs[1:] {
			if !unicode.IsLower(r) && r != '\'' && r != '’' && r != '-' {
				return false
			}
		}
	}
	return true
}

func TestNameShaped(t *testing.T) {
	for _, s := range []string{
		"", " ", "Reg", "Reg Cole", "Reg  Cole ", " Reg Cole Smith", "Reg Cole Smith Jones",
		"R", "R Cole", "NHS Jobs", "AGAIN", "reg", "O'Neil", "Anne-Marie", "Zoë", "Ångström",
		"Jo’s", "Jo\xffe", "\xff", "Ab\tCd\nEf", "É", "Éa", "Ab1", "Ab Cd Ef Gh",
	} {
		if got, want := nameShaped(s), nameShapedRef(s); got != want {
			t.Errorf("nameShaped(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzNameShaped(f *testing.F) {
	for _, s := range []string{"Reg Cole", "O'Neil Smith", "Zoë", "R", "Jo\xffe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := nameShaped(s), nameShapedRef(s); got != want {
			t.Errorf("nameShaped(%q) = %v, want %v", s, got, want)
		}
	})
}
