package detect

import "testing"

func TestDigitLookalikes(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		changed  bool
	}{
		{"07700 9oo812", "07700 900812", true},
		{"o7700 9oo812", "07700 900812", true},
		{"943 476 59l9", "943 476 5919", true},
		{"4o1o232137", "4010232137", true},
		{"lol 10oz of oil 200ml", "lol 10oz of oil 200ml", false},
		{"i10 io1 l00", "i10 io1 l00", false},
		{"bed 4, no ooo111", "bed 4, no ooo111", false},
		{"", "", false},
	} {
		got, changed := digitLookalikes(tc.in)
		if got != tc.want || changed != tc.changed {
			t.Errorf("digitLookalikes(%q) = %q, %v; want %q, %v", tc.in, got, changed, tc.want, tc.changed)
		}
	}
}

func TestSpacedDigits(t *testing.T) {
	for _, tc := range []struct {
		in       string
		n, count int
		ok       bool
	}{
		{"6 6 5 6 3 2 1 2 2 4 x", 19, 10, true},
		{"9 4 3  4 7 6  5 9 1 8", 21, 10, true},
		{"6 6 5 6 3 2 1 2 2", 0, 0, false},     // nine
		{"6 6 5 6 3 2 1 2 2 4 7", 0, 0, false}, // eleven
		{"6 6 5 6 3 2 1 2 2 45", 0, 0, false},  // a longer group
		{"6 6 5 6 3 2 1 2 2   4", 0, 0, false}, // three spaces end it at nine
		{"66 5 6 3 2 1 2 2 4 1", 0, 0, false},  // not a lone digit
	} {
		n, count, ok := spacedDigits(tc.in, 0, 10, 10)
		if n != tc.n || count != tc.count || ok != tc.ok {
			t.Errorf("spacedDigits(%q) = %d, %d, %v; want %d, %d, %v", tc.in, n, count, ok, tc.n, tc.count, tc.ok)
		}
	}
}

// FuzzDigits checks that the readings of disguised numbers keep offsets
// and stay inside the text, whatever the text.
func FuzzDigits(f *testing.F) {
	for _, s := range []string{"07700 9oo812", "6 6 5 6 3 2 1 2 2 4", "o", "1 2", "\xff1 2 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, _ := digitLookalikes(s); len(got) != len(s) {
			t.Fatalf("digitLookalikes(%q) changed the length: %q", s, got)
		}
		for a := range len(s) {
			if n, count, ok := spacedDigits(s, a, 1, 20); ok && (a+n > len(s) || count < 1 || count > 20 || n < 1) {
				t.Fatalf("spacedDigits(%q, %d) = %d, %d", s, a, n, count)
			}
		}
	})
}
