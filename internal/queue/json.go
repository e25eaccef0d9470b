package queue

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// errStop says that reading stopped after an error record for input that
// cannot be read any further.
var errStop = errors.New("queue: input cannot be read further")

// errNotQueue is the error for JSON that is neither posts nor a post.
var errNotQueue = errors.New(`want an array of posts, an object with "posts", or one post object`)

// jsonReader reads a JSON queue: a top-level array of posts, an object with a
// "posts" array, or a single post object. Several top-level values, one
// after another, are read in turn. Posts are decoded one at a time, so memory
// does not grow with the number of posts.
type jsonReader struct {
	s   *sink
	t   *tape
	dec *json.Decoder
}

func readJSON(s *sink, r io.Reader) error {
	br := bufio.NewReader(r)
	skipBOM(br)
	t := newTape(br)
	j := &jsonReader{s: s, t: t, dec: json.NewDecoder(t)}
	err := j.read()
	if err == errStop {
		return nil
	}
	return err
}

func (j *jsonReader) read() error {
	for {
		tok, err := j.dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return j.syntaxError(err)
		}
		// The token has been read; its line is that of the byte before the
		// decoder's position.
		line := j.t.advance(j.dec.InputOffset() - 1)
		switch tok {
		case json.Delim('['):
			err = j.array()
		case json.Delim('{'):
			err = j.object(line)
		default:
			err = j.s.fail(line, line, fmt.Errorf("%w, got %s", errNotQueue, tokenKind(tok)))
		}
		if err != nil {
			return err
		}
	}
}

// array reads the posts of an array whose '[' has been read, and its ']'.
func (j *jsonReader) array() error {
	for j.dec.More() {
		before := j.dec.InputOffset()
		var raw json.RawMessage
		if err := j.dec.Decode(&raw); err != nil {
			return j.syntaxError(err)
		}
		// The element starts after any white space and the comma before it.
		line := j.t.advance(j.t.skip(before, jsonSpace+","))
		var err error
		if p, perr := decodeJSONPost(raw); perr != nil {
			err = j.s.fail(line, line, perr)
		} else {
			err = j.s.post(line, p)
		}
		if err != nil {
			return err
		}
	}
	return j.end()
}

// end reads the ']' or '}' that closes an array or object.
func (j *jsonReader) end() error {
	if _, err := j.dec.Token(); err != nil {
		return j.syntaxError(err)
	}
	return nil
}

// object reads an object whose '{' has been read on the given line: its
// "posts" array, or, if it has no "posts", the object itself as one post.
func (j *jsonReader) object(line int) error {
	var fields map[string]json.RawMessage // kept until "posts" is seen
	sawPosts := false
	for j.dec.More() {
		tok, err := j.dec.Token()
		if err != nil {
			return j.syntaxError(err)
		}
		key, _ := tok.(string)
		if key == "posts" {
			sawPosts, fields = true, nil
			if err := j.posts(); err != nil {
				return err
			}
			continue
		}
		var raw json.RawMessage
		if err := j.dec.Decode(&raw); err != nil {
			return j.syntaxError(err)
		}
		if !sawPosts {
			if fields == nil {
				fields = make(map[string]json.RawMessage)
			}
			fields[key] = raw
		}
	}
	if err := j.end(); err != nil {
		return err
	}
	j.t.advance(j.dec.InputOffset())
	if sawPosts {
		return nil
	}
	// An object without "posts" is taken as a single post.
	data, err := json.Marshal(fields)
	if err != nil {
		return j.s.fail(line, line, err)
	}
	p, err := decodeJSONPost(data)
	if err == errNoText {
		err = errNotQueue
	}
	if err != nil {
		return j.s.fail(line, line, err)
	}
	return j.s.post(line, p)
}

// posts reads the value of a "posts" key, which should be an array of posts.
func (j *jsonReader) posts() error {
	tok, err := j.dec.Token()
	if err != nil {
		return j.syntaxError(err)
	}
	switch tok {
	case json.Delim('['):
		return j.array()
	case nil:
		return nil // "posts": null holds no posts.
	}
	line := j.t.advance(j.dec.InputOffset() - 1)
	if err := j.s.fail(line, line, fmt.Errorf(`"posts" must be an array, got %s`, tokenKind(tok))); err != nil {
		return err
	}
	if tok == json.Delim('{') {
		return j.skip()
	}
	return nil
}

// skip reads to the end of an object or array whose opening delimiter has
// been read.
func (j *jsonReader) skip() error {
	for depth := 1; depth > 0; {
		tok, err := j.dec.Token()
		if err != nil {
			return j.syntaxError(err)
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// syntaxError handles an error from the decoder. A read error is returned as
// it is; broken JSON is reported as an error record at the line of the
// problem, and then reading stops with errStop, since the decoder cannot go on.
func (j *jsonReader) syntaxError(err error) error {
	if j.t.err != nil {
		return j.s.readErr(j.t.err)
	}
	off := j.dec.InputOffset()
	rest := j.t.from(off)
	held := len(bytes.TrimRight(rest, jsonSpace))
	// The decoder does not say where in its input the problem is. Look at
	// the input from its position: if a whole value is there, the problem is
	// just before it (such as a missing comma); if not, find the problem
	// inside it.
	pos := len(rest) - len(bytes.TrimLeft(rest, jsonSpace))
	if err := json.NewDecoder(bytes.NewReader(rest)).Decode(new(json.RawMessage)); err != nil {
		var syn *json.SyntaxError
		if errors.As(json.Unmarshal(rest, new(json.RawMessage)), &syn) {
			pos = int(syn.Offset) - 1
		}
	}
	pos = max(0, min(pos, held-1))
	line := j.t.lineAt(off + int64(pos))
	msg := err.Error()
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		msg = "unexpected end of input"
	}
	if err := j.s.fail(line, line, fmt.Errorf("invalid JSON: %s", msg)); err != nil {
		return err
	}
	return errStop
}

// tokenKind names the kind of JSON value a token starts.
func tokenKind(tok json.Token) string {
	switch tok := tok.(type) {
	case json.Delim:
		if tok == '[' {
			return "an array"
		}
		return "an object"
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}
