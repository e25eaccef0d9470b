package phrase

import (
	"testing"

	"github.com/postlint/postlint/internal/textnorm"
)

func TestMatchAt(t *testing.T) {
	s := Compile([]string{"idiot", "waste of space", "crap", "omfg", "stupid", "idiots*"})
	tests := []struct {
		text      string
		at        int
		disguised bool
		want      string // phrase matched, "" for none
	}{
		{"you idiot", 1, false, "idiot"},
		{"utter waste of space", 1, false, "waste of space"},
		{"you id*ot", 1, true, "idiot"},
		{"you id*ot", 1, false, ""},
		{"so stupiddddd", 1, true, "stupid"},
		{"crap... day", 0, true, "crap"}, // an ellipsis is punctuation
		{"omfg...", 0, true, "omfg"},     // not a mask
		{"cr**", 0, true, "crap"},        // a short word with masks is
		{"brain...", 0, true, ""},        // no "brain*" word
		{"idiotsss", 0, true, "idiots*"}, // a prefix takes any ending
		{"the idiom", 1, true, ""},
	}
	for _, tt := range tests {
		v := textnorm.New(tt.text)
		toks := v.Tokens
		if tt.disguised {
			toks = v.Deobfuscated().Tokens
		}
		got := ""
		s.MatchAt(toks, tt.at, tt.disguised, func(m Match) {
			if got == "" {
				got = m.Phrase
			}
		})
		if got != tt.want {
			t.Errorf("%q at %d (disguised %v): %q, want %q", tt.text, tt.at, tt.disguised, got, tt.want)
		}
	}
}
