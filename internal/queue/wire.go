package queue

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/postlint/postlint/internal/post"
)

// jsonPost is a post as written in JSON and JSON Lines queues. It accepts a
// few more shapes than post.Post does: a numeric id, reply_to given as the
// comment's text, media given as file names, and a single ignore string.
// Unknown fields are ignored.
type jsonPost struct {
	ID          jsonID         `json:"id"`
	Channel     string         `json:"channel"`
	Account     string         `json:"account"`
	Text        *string        `json:"text"`
	ReplyTo     *jsonReply     `json:"reply_to"`
	Media       jsonMediaList  `json:"media"`
	ScheduledAt string         `json:"scheduled_at"`
	Directive   *jsonDirective `json:"postlint"`
}

// jsonID is a post id: a JSON string, or a number kept as written.
type jsonID string

func (id *jsonID) UnmarshalJSON(data []byte) error {
	switch c := data[0]; {
	case c == 'n':
		return nil
	case c == '"':
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*id = jsonID(s)
	case c == '-' || '0' <= c && c <= '9':
		*id = jsonID(data)
	default:
		return typeError[jsonID](data)
	}
	return nil
}

// jsonReply is the comment a post answers: an object, or just its text.
type jsonReply post.Reply

func (r *jsonReply) UnmarshalJSON(data []byte) error {
	switch data[0] {
	case 'n':
		return nil
	case '"':
		return json.Unmarshal(data, &r.Text)
	case '{':
		return json.Unmarshal(data, (*post.Reply)(r))
	}
	return typeError[jsonReply](data)
}

// jsonMediaList is a post's media: a list of items, one item, or one file name.
type jsonMediaList []post.Media

func (l *jsonMediaList) UnmarshalJSON(data []byte) error {
	switch data[0] {
	case 'n':
		return nil
	case '"', '{':
		var m jsonMedia
		if err := m.UnmarshalJSON(data); err != nil {
			return err
		}
		*l = jsonMediaList{post.Media(m)}
		return nil
	case '[':
		var items []jsonMedia
		if err := json.Unmarshal(data, &items); err != nil {
			return err
		}
		*l = make(jsonMediaList, len(items))
		for i, m := range items {
			(*l)[i] = post.Media(m)
		}
		return nil
	}
	return typeError[jsonMediaList](data)
}

// jsonMedia is one media item: an object, or just its file name.
type jsonMedia post.Media

func (m *jsonMedia) UnmarshalJSON(data []byte) error {
	switch data[0] {
	case 'n':
		return nil
	case '"':
		return json.Unmarshal(data, &m.File)
	case '{':
		return json.Unmarshal(data, (*post.Media)(m))
	}
	return typeError[jsonMedia](data)
}

// jsonDirective is the "postlint" field; its ignore may be a single string.
type jsonDirective struct {
	Ignore jsonStrings `json:"ignore"`
	Reason string      `json:"reason"`
}

// jsonStrings is a list of strings, or a single string.
type jsonStrings []string

func (l *jsonStrings) UnmarshalJSON(data []byte) error {
	switch data[0] {
	case 'n':
		return nil
	case '"':
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*l = jsonStrings{s}
		return nil
	case '[':
		return json.Unmarshal(data, (*[]string)(l))
	}
	return typeError[jsonStrings](data)
}

// typeError reports a JSON value of the wrong kind for T.
func typeError[T any](data []byte) error {
	return &json.UnmarshalTypeError{Value: jsonKind(data[0]), Type: reflect.TypeFor[T]()}
}

// jsonKind names the kind of JSON value that starts with c, as encoding/json does.
func jsonKind(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// decodeJSONPost decodes one post object.
func decodeJSONPost(data []byte) (post.Post, error) {
	var w jsonPost
	err := json.Unmarshal(data, &w)
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return post.Post{}, fmt.Errorf("invalid JSON: %w", err)
	}
	if data = bytes.TrimLeft(data, " \t\r\n"); len(data) > 0 && data[0] != '{' {
		return post.Post{}, fmt.Errorf("post must be a JSON object, got %s", article(jsonKind(data[0])))
	}
	if err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return post.Post{}, fmt.Errorf("%q must be %s, got %s", te.Field, wantOf(te.Type), article(firstWord(te.Value)))
		}
		return post.Post{}, fmt.Errorf("invalid post: %w", err)
	}
	if w.Text == nil && w.ReplyTo == nil && len(w.Media) == 0 {
		return post.Post{}, errNoText
	}
	if w.Text == nil {
		w.Text = new(string)
	}
	p := post.Post{
		ID:          string(w.ID),
		Channel:     w.Channel,
		Account:     w.Account,
		Text:        *w.Text,
		ReplyTo:     (*post.Reply)(w.ReplyTo),
		Media:       []post.Media(w.Media),
		ScheduledAt: w.ScheduledAt,
	}
	if p.ReplyTo != nil {
		p.ReplyTo.Action = normalAction(p.ReplyTo.Action)
	}
	if w.Directive != nil {
		p.Directive = &post.Directive{Ignore: []string(w.Directive.Ignore), Reason: w.Directive.Reason}
	}
	if err := checkPost(&p); err != nil {
		return post.Post{}, err
	}
	return p, nil
}

// wantOf describes the JSON a field of type t accepts.
func wantOf(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[jsonID]():
		return "a string or a number"
	case reflect.TypeFor[jsonReply]():
		return "an object or a string"
	case reflect.TypeFor[jsonMediaList]():
		return "an array of media objects or file names"
	case reflect.TypeFor[jsonMedia]():
		return "an object or a file name"
	case reflect.TypeFor[jsonStrings]():
		return "a string or an array of strings"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}

// firstWord returns s up to its first space: encoding/json reports a number
// value as "number 12".
func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

// article puts "a" or "an" before a JSON kind, as in "got an array".
func article(kind string) string {
	switch kind {
	case "object", "array":
		return "an " + kind
	case "null":
		return kind
	case "bool":
		return "a boolean"
	}
	return "a " + kind
}
