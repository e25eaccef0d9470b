package detect

// Numbers are disguised, or mistyped, in ways a filter of digit runs
// misses: letters that look like digits ("O77OO 9OO812", "O18O3 2l7398")
// and digits spaced out one by one ("6 6 5 6 3 2 1 2 2 4",
// "0 7 7 0 0  9 0 0  1 5 4"). The identifier kinds read numbers through
// digitLookalikes and spacedDigits.

// digitLookalikes returns the folded text s with the letters o, l and i
// read as the digits 0, 1 and 1 inside number-like words: runs of ASCII
// letters and digits with at least three digits whose letters are all o, l
// or i, fewer than its digits. Words such as "lol", "oil", "10oz", "200ml"
// and "i10" keep their letters. The result has the length of s, so its
// offsets are offsets into s; ok is false when no word changed (and the
// result is s).
func digitLookalikes(s string) (string, bool) {
	var out []byte
	for i := 0; i < len(s); {
		if !isASCIIAlnum(s[i]) {
			i++
			continue
		}
		a := i
		digits, look, other := 0, 0, 0
		for i < len(s) && isASCIIAlnum(s[i]) {
			switch c := s[i]; {
			case isASCIIDigit(c):
				digits++
			case c == 'o' || c == 'l' || c == 'i':
				look++
			default:
				other++
			}
			i++
		}
		if look == 0 || other > 0 || digits < 3 || look >= digits {
			continue
		}
		if out == nil {
			out = []byte(s)
		}
		for k := a; k < i; k++ {
			switch out[k] {
			case 'o':
				out[k] = '0'
			case 'l', 'i':
				out[k] = '1'
			}
		}
	}
	if out == nil {
		return s, false
	}
	return string(out), true
}

// spacedDigits reports whether s[a:] starts a number written digit by
// digit: at least min single digits, each apart from the next by one or two
// spaces, and no more than max of them. n is the length of that text and
// count the number of digits. The digit at a must not follow another digit.
func spacedDigits(s string, a, minDigits, maxDigits int) (n, count int, ok bool) {
	if a > 0 && isASCIIDigit(s[a-1]) {
		return 0, 0, false
	}
	i := a
	for {
		if i >= len(s) || !isASCIIDigit(s[i]) || i+1 < len(s) && isASCIIDigit(s[i+1]) {
			return 0, 0, false // not a lone digit
		}
		count++
		i++
		if count > maxDigits {
			return 0, 0, false
		}
		gap := 0
		for gap < 3 && i+gap < len(s) && s[i+gap] == ' ' {
			gap++
		}
		if gap == 0 || gap > 2 || i+gap >= len(s) || !isASCIIDigit(s[i+gap]) {
			break
		}
		i += gap
	}
	if count < minDigits {
		return 0, 0, false
	}
	return i - a, count, true
}

func isASCIIAlnum(c byte) bool {
	return isASCIIDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
