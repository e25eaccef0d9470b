package finding

import "unicode"

// Mask hides an identifying match for machine-readable output: the first
// three letters or digits stay, every later letter or digit becomes '*', and
// separators are kept ("943 476 5919" → "943 *** ****"). Matches of four or
// fewer letters and digits are masked whole.
func Mask(s string) string {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	keep := 3
	if n <= 4 {
		keep = 0
	}
	out := make([]rune, 0, len(s))
	seen := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			seen++
			if seen > keep {
				r = '*'
			}
		}
		out = append(out, r)
	}
	return string(out)
}
