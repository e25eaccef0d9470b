package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/report"
)

// apiRule is one rule as GET /api/rules lists it; the shape is that of
// "postlint rules --format json".
type apiRule struct {
	ID          string `json:"id"`
	Category    string `json:"category"`
	Severity    string `json:"severity"`
	Clause      string `json:"clause"`
	ClauseTitle string `json:"clause_title"`
	Description string `json:"description,omitempty"`
}

// encodeRules encodes the body of GET /api/rules: {"rules": [...]}.
func encodeRules(infos []report.RuleInfo) ([]byte, error) {
	out := make([]apiRule, 0, len(infos))
	for _, r := range infos {
		out = append(out, apiRule{r.ID, r.Category, r.Severity, r.Clause, r.ClauseTitle, strings.TrimSpace(r.Description)})
	}
	b, err := json.Marshal(map[string]any{"rules": out})
	if err != nil {
		return nil, fmt.Errorf("web: encoding the rules: %w", err)
	}
	return append(b, '\n'), nil
}

// listRules serves GET /api/rules.
func (h *handler) listRules(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodGet, http.MethodHead) {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	if r.Method == http.MethodHead {
		return
	}
	w.Write(h.rules)
}

// lint serves POST /api/lint: one post in, its result out. The draft is
// read, checked and forgotten.
func (h *handler) lint(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodPost) {
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, `send the post as JSON with "Content-Type: application/json"`)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.MaxBody))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the post is too large: the limit is %s", sizeText(h.cfg.MaxBody)))
			return
		}
		writeError(w, http.StatusBadRequest, "reading the request: "+err.Error())
		return
	}
	p, err := decodePost(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	res, err := h.cfg.Linter.Lint(r.Context(), p)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the check was cancelled: "+err.Error())
		return
	}
	out, err := resultJSON(&res)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(out)
}

// decodePost reads one post from body: a single JSON object with the
// fields of DESIGN.md's post format and no others.
func decodePost(body []byte) (post.Post, error) {
	var p post.Post
	if len(bytes.TrimSpace(body)) == 0 {
		return p, errors.New(`the request has no body: send a post as JSON, such as {"text": "…"}`)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return p, jsonError(body, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		line, col := lineCol(body, int(dec.InputOffset()))
		return p, fmt.Errorf("invalid JSON at line %d, column %d: more data after the post (send one post per request)", line, col)
	}
	if p.ReplyTo != nil {
		p.ReplyTo.Action = strings.ToLower(strings.TrimSpace(p.ReplyTo.Action))
		switch p.ReplyTo.Action {
		case "", "reply", "like", "share":
		default:
			return p, fmt.Errorf(`reply_to.action %q: want "reply", "like" or "share"`, p.ReplyTo.Action)
		}
	}
	p.Account = strings.ToLower(strings.TrimSpace(p.Account))
	switch p.Account {
	case "", "personal", "corporate":
	default:
		return p, fmt.Errorf(`account %q: want "personal" or "corporate"`, p.Account)
	}
	p.Channel = strings.ToLower(strings.TrimSpace(p.Channel))
	return p, nil
}

// jsonError describes a decoding error in plain words, with the line and
// column of the request body where it was found.
func jsonError(body []byte, err error) error {
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		line, col := lineCol(body, int(se.Offset)-1) // Offset counts the bad byte
		return fmt.Errorf("invalid JSON at line %d, column %d: %s", line, col, strings.TrimPrefix(se.Error(), "json: "))
	}
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		line, col := lineCol(body, int(te.Offset))
		where := "the post"
		if te.Field != "" {
			where = fmt.Sprintf("%q", te.Field)
		}
		return fmt.Errorf("invalid JSON at line %d, column %d: %s must be %s, not %s", line, col, where, jsonKind(te.Type.Kind().String()), te.Value)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("invalid JSON: the post ends too soon (is a closing brace or quote missing?)")
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if strings.HasPrefix(msg, "unknown field") {
		msg += ` (a post has "text", "channel", "account", "reply_to", "media", "id" and "scheduled_at")`
	}
	return errors.New("invalid JSON: " + msg)
}

// jsonKind names a Go kind as JSON does.
func jsonKind(kind string) string {
	switch kind {
	case "struct", "map":
		return "an object"
	case "slice", "array":
		return "an array"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	}
	return "a number"
}

// lineCol returns the 1-based line and byte column of offset off in b.
func lineCol(b []byte, off int) (line, col int) {
	off = min(max(off, 0), len(b))
	before := b[:off]
	line = 1 + bytes.Count(before, []byte("\n"))
	return line, off - (bytes.LastIndexByte(before, '\n') + 1) + 1
}

// resultJSON renders r as one post object of the json report format, with
// sensitive matches masked.
func resultJSON(r *finding.Result) ([]byte, error) {
	var buf bytes.Buffer
	wr, err := report.New("json", &buf, report.Options{})
	if err != nil {
		return nil, err
	}
	if err := wr.Post(r); err != nil {
		return nil, err
	}
	if err := wr.Close(); err != nil {
		return nil, err
	}
	var doc struct {
		Posts []json.RawMessage `json:"posts"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		return nil, fmt.Errorf("web: rendering the result: %w", err)
	}
	if len(doc.Posts) != 1 {
		return nil, fmt.Errorf("web: rendering the result: %d posts in the report, want 1", len(doc.Posts))
	}
	return append(doc.Posts[0], '\n'), nil
}

// apiError is the body of every error response.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

// writeError answers with status and a JSON body {"error": msg, "status": status}.
func writeError(w http.ResponseWriter, status int, msg string) {
	b, _ := json.Marshal(apiError{Error: msg, Status: status})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// sizeText writes a byte count the way people read it: "1 MiB", "512 KiB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
