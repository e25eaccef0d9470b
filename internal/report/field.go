package report

import (
	"strconv"
	"strings"

	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
)

// fieldName returns the field f is in, "text" when unset.
func fieldName(f *finding.Finding) string {
	if f.Field == "" {
		return "text"
	}
	return f.Field
}

// fieldText returns the text of a field of p, as named by Finding.Field, and
// whether p has such a field. "post" (the post as a whole) has no text.
func fieldText(p *post.Post, field string) (string, bool) {
	switch field {
	case "", "text":
		return p.Text, true
	case "reply_to.text":
		if p.ReplyTo == nil {
			return "", false
		}
		return p.ReplyTo.Text, true
	case "reply_to.author":
		if p.ReplyTo == nil {
			return "", false
		}
		return p.ReplyTo.Author, true
	}
	i, name, ok := mediaField(field)
	if !ok || i >= len(p.Media) {
		return "", false
	}
	switch name {
	case "alt_text":
		return p.Media[i].AltText, true
	case "file":
		return p.Media[i].File, true
	}
	return "", false
}

// mediaField splits "media[N].name" into N and name.
func mediaField(field string) (int, string, bool) {
	rest, ok := strings.CutPrefix(field, "media[")
	if !ok {
		return 0, "", false
	}
	num, name, ok := strings.Cut(rest, "].")
	if !ok {
		return 0, "", false
	}
	i, err := strconv.Atoi(num)
	if err != nil || i < 0 {
		return 0, "", false
	}
	return i, name, true
}

// fieldLabel names a field in plain words for the text format, or "" for the
// post's own text.
func fieldLabel(field string) string {
	switch field {
	case "", "text":
		return ""
	case "reply_to.text":
		return "in the comment you are replying to"
	case "reply_to.author":
		return "in the name of the author you are replying to"
	case "post":
		return "in the post as a whole"
	}
	if i, name, ok := mediaField(field); ok {
		switch name {
		case "alt_text":
			return "in the alt text of attachment " + strconv.Itoa(i+1)
		case "file":
			return "in the file name of attachment " + strconv.Itoa(i+1)
		}
	}
	return "in " + field
}

// validSpan reports whether s is a usable byte range of text. The zero span
// means "no span".
func validSpan(text string, s finding.Span) bool {
	if s == (finding.Span{}) {
		return false
	}
	return s.Start >= 0 && s.Start <= s.End && s.End <= len(text) &&
		runeBoundary(text, s.Start) && runeBoundary(text, s.End)
}
