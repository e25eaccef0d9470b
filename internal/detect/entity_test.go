package detect

import "testing"

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
