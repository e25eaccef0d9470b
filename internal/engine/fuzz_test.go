package engine

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/post"
)

// FuzzLint lints arbitrary posts with the default pack (seeds: the f.Add
// lines and testdata/fuzz/FuzzLint). It checks that nothing panics and that
// every finding's span lies inside its field's text, on the boundaries of
// the characters of that text as written (invalid UTF-8 included), with a
// line and column from 1.
func FuzzLint(f *testing.F) {
	for _, s := range trickyTexts {
		f.Add(s, "", "", "", true)
	}
	f.Add("Long night on Midgley 😴 the lady in bay 4 (87, #NOF) finally settled.\nHer son wants a call back on 07700 900417 — NHS no 943 476 5919", "", "", "", true)
	f.Add("so true 💯", "Torbay hospital is a disgrace, waited 9 hours in A&E", "", "", true)
	f.Add("Great day", "", "selfie with the team on Ward 7, patient in the background", "IMG_2231_theatreSelfie.jpg", true)
	l, _, _ := defaultLinters(f)
	f.Fuzz(func(t *testing.T, text, reply, alt, file string, personal bool) {
		p := post.Post{ID: "f", Text: text}
		if !personal {
			p.Account = "corporate"
		}
		if reply != "" {
			p.ReplyTo = &post.Reply{Text: reply}
		}
		if alt != "" || file != "" {
			p.Media = []post.Media{{AltText: alt, File: file}}
		}
		res := l.Lint(&p, nil)
		for _, fd := range res.Findings {
			if fd.Field == detect.FieldPost {
				continue
			}
			value := detect.FieldValue(&p, fd.Field)
			s := fd.Span
			if s.Start < 0 || s.End > len(value) || s.Start > s.End {
				t.Fatalf("%s: span %d-%d outside %s (%d bytes)", fd.Rule, s.Start, s.End, fd.Field, len(value))
			}
			if !boundary(value, s.Start) || !boundary(value, s.End) {
				t.Fatalf("%s: span %d-%d splits a character of %q", fd.Rule, s.Start, s.End, value)
			}
			if s.Line < 1 || s.Column < 1 || s.Line > 1+strings.Count(value, "\n") {
				t.Fatalf("%s: line %d column %d", fd.Rule, s.Line, s.Column)
			}
			if fd.Match != value[s.Start:s.End] {
				t.Fatalf("%s: match %q is not the span's text %q", fd.Rule, fd.Match, value[s.Start:s.End])
			}
		}
	})
}

// boundary reports whether off starts a character of s as decoded from its
// start (an invalid byte being one character).
func boundary(s string, off int) bool {
	i := 0
	for i < off {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return i == off
}
