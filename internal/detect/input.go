package detect

import (
	"strconv"
	"strings"

	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/textnorm"
)

// Field names. Media fields are indexed: "media[0].alt_text".
const (
	FieldText  = "text"
	FieldReply = "reply_to.text"
	FieldPost  = "post"
)

// Input is one post being checked, with its normalised views built lazily
// and shared by every rule. It is used by one goroutine at a time.
type Input struct {
	Post      *post.Post
	Resources *Resources
	views     map[string]*textnorm.View
	text      *textnorm.View
	entities  []Entity
	entDone   bool
	memo      map[any]any
	low       loweredText // see lowered
	// spare is the text view of the post before, kept by Reset for Text
	// to build this post's in its memory.
	spare *textnorm.View

	// MediaDir is the folder of the queue file the post was read from, where
	// its media files are looked up (empty: the files are not read).
	MediaDir string

	// Near, set by the engine while the rule of a NearGated detector runs,
	// reports whether a match whose first token is first and whose last
	// token is at most lastMax (of a field's view) could survive the rule's
	// context words; nil when the rule has no window. An expensive detector
	// uses it to skip candidates that weighing would drop anyway.
	Near func(v *textnorm.View, first, lastMax int) bool

	// KeySpan, set by the engine, tells a detector of the rule being run
	// that the key words (phrase.Set.KeyWords) of set occur in the field's
	// tokens only from token from to token to-1 (nowhere when from ==
	// to); ok is false when it does not know. A detector may then look
	// for the set's phrases there only (phrase.Set.FindAllKeyedAt). nil
	// when no engine knows.
	KeySpan func(set *phrase.Set, field string) (from, to int, ok bool)
}

// A NearGated detector consults Input.Near before expensive work.
type NearGated interface {
	NearGated()
}

// NewInput prepares a post for checking.
func NewInput(p *post.Post, res *Resources) *Input {
	return &Input{Post: p, Resources: res}
}

// Reset prepares in for checking another post, as NewInput(p, res) does,
// keeping the memory of its text view and of its memo table for the new
// post's (textnorm.View.Reset): nothing may use the previous post's views,
// their tokens or the values it memoised any more. A text longer than
// maxSpareText leaves no memory to keep, so that one huge post does not
// hold its token list for the posts after it.
func (in *Input) Reset(p *post.Post, res *Resources) {
	spare := in.text
	if spare == nil || len(spare.Orig) > maxSpareText {
		spare = in.spare
	}
	memo := in.memo
	clear(memo)
	*in = Input{Post: p, Resources: res, memo: memo, spare: spare}
}

// maxSpareText is the longest text whose view's memory Reset keeps.
const maxSpareText = 64 << 10

// Text returns the view of the post's text.
func (in *Input) Text() *textnorm.View {
	if in.text == nil {
		if in.spare != nil {
			in.spare.Reset(in.Post.Text)
			in.text, in.spare = in.spare, nil
		} else {
			in.text = textnorm.New(in.Post.Text)
		}
	}
	return in.text
}

// FieldValue returns the original text of a field.
func FieldValue(p *post.Post, field string) string {
	switch field {
	case FieldText:
		return p.Text
	case FieldReply:
		if p.ReplyTo != nil {
			return p.ReplyTo.Text
		}
		return ""
	case "reply_to.author":
		if p.ReplyTo != nil {
			return p.ReplyTo.Author
		}
		return ""
	}
	if rest, ok := strings.CutPrefix(field, "media["); ok {
		i := strings.IndexByte(rest, ']')
		if i < 0 {
			return ""
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n < 0 || n >= len(p.Media) {
			return ""
		}
		switch rest[i+1:] {
		case ".alt_text":
			return p.Media[n].AltText
		case ".file":
			return p.Media[n].File
		}
	}
	return ""
}

// View returns the normalised view of a field, building it once.
func (in *Input) View(field string) *textnorm.View {
	if field == FieldText {
		return in.Text()
	}
	if v, ok := in.views[field]; ok {
		return v
	}
	s := FieldValue(in.Post, field)
	if strings.HasSuffix(field, ".file") {
		// File names: split words joined by _ - . and camel case.
		s = fileWords(s)
	}
	v := textnorm.New(s)
	if in.views == nil {
		in.views = map[string]*textnorm.View{}
	}
	in.views[field] = v
	return v
}

// fileWords turns "IMG_2231_theatreSelfie.jpg" into "IMG 2231 theatre Selfie jpg"
// keeping byte offsets (each separator becomes one space; camel-case
// boundaries are not split so that offsets stay equal).
func fileWords(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '_' || c == '-' || c == '.' || c == '/' || c == '\\' {
			b[i] = ' '
		}
	}
	return string(b)
}

// Fields expands a rule's field selection into the post's field names:
// "text", "reply" (the comment replied to), "alt_text" and "file" (of every
// media item), "author" (of the comment replied to).
func (in *Input) Fields(sel []string) []string {
	if len(sel) == 0 || len(sel) == 1 && sel[0] == "text" {
		return textOnly
	}
	if texts, others := in.present(sel); others == 0 {
		// Most posts have no reply, no media: no need to build a list.
		switch texts {
		case 0:
			return nil
		case 1:
			return textOnly
		}
	}
	var out []string
	for _, s := range sel {
		switch s {
		case "text":
			out = append(out, FieldText)
		case "reply":
			if in.Post.ReplyTo != nil && in.Post.ReplyTo.Text != "" {
				out = append(out, FieldReply)
			}
		case "author":
			if in.Post.ReplyTo != nil && in.Post.ReplyTo.Author != "" {
				out = append(out, "reply_to.author")
			}
		case "alt_text", "file":
			for i, m := range in.Post.Media {
				if (s == "alt_text" && m.AltText != "") || (s == "file" && m.File != "") {
					out = append(out, "media["+strconv.Itoa(i)+"]."+s)
				}
			}
		}
	}
	return out
}

// present counts the selections of sel that are "text" and those that
// name other fields the post has.
func (in *Input) present(sel []string) (texts, others int) {
	p := in.Post
	for _, s := range sel {
		switch s {
		case "text":
			texts++
		case "reply":
			if p.ReplyTo != nil && p.ReplyTo.Text != "" {
				others++
			}
		case "author":
			if p.ReplyTo != nil && p.ReplyTo.Author != "" {
				others++
			}
		case "alt_text", "file":
			for _, m := range p.Media {
				if (s == "alt_text" && m.AltText != "") || (s == "file" && m.File != "") {
					others++
				}
			}
		}
	}
	return texts, others
}

// textOnly is the selection of most rules; callers do not change it.
var textOnly = []string{FieldText}

// ValidField reports whether s names a field selection.
func ValidField(s string) bool {
	switch s {
	case "text", "reply", "alt_text", "file", "author":
		return true
	}
	return false
}

// Memo returns a value computed once per post for key.
func (in *Input) Memo(key any, compute func() any) any {
	if v, ok := in.memo[key]; ok {
		return v
	}
	v := compute()
	if in.memo == nil {
		in.memo = map[any]any{}
	}
	in.memo[key] = v
	return v
}
