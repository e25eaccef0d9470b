package engine

import (
	"github.com/postlint/postlint/internal/textnorm"
)

// windowText returns the original text spanned by the token window [lo, hi)
// of v, with the characters between the window and the words just outside
// it (so that "@" before a handle or "£" before a sum is in). The "re:"
// entries of a rule's context are matched against it.
func windowText(v *textnorm.View, lo, hi int) string {
	lo, hi = max(lo, 0), min(hi, len(v.Tokens))
	if lo >= hi {
		return ""
	}
	start, end := 0, len(v.Orig)
	if lo > 0 {
		_, start = v.OrigRange(v.Tokens[lo-1].Start, v.Tokens[lo-1].End)
	}
	if hi < len(v.Tokens) {
		end, _ = v.OrigRange(v.Tokens[hi].Start, v.Tokens[hi].End)
	}
	if start > end {
		return ""
	}
	return v.Orig[start:end]
}
