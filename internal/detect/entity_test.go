package detect

import (
	"strings"
	"testing"
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
