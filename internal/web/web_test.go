package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/engine"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/report"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/internal/web"
	"github.com/postlint/postlint/rules"
)

// engineLinter adapts the engine to web.Linter, as postlint serve does.
type engineLinter struct{ l *engine.Linter }

func (e engineLinter) Lint(ctx context.Context, p post.Post) (finding.Result, error) {
	if err := ctx.Err(); err != nil {
		return finding.Result{}, err
	}
	return e.l.Lint(&p, nil), nil
}

// defaultLinter builds the default pack once for the package's tests.
var defaultLinter = sync.OnceValues(func() (*engine.Linter, error) {
	res := &detect.Resources{}
	pack, err := rulepack.Load(res, rulepack.Layer{FS: rules.FS(), Name: "rules"})
	if err != nil {
		return nil, err
	}
	return engine.New(pack, res, engine.Options{})
})

// testConfig returns a Config with the default pack.
func testConfig(t testing.TB) web.Config {
	t.Helper()
	l, err := defaultLinter()
	if err != nil {
		t.Fatalf("building the linter: %v", err)
	}
	var infos []report.RuleInfo
	for _, r := range l.Pack().Rules {
		infos = append(infos, report.RuleInfo{
			ID: r.ID, Category: r.Category, Severity: l.Severity(r).String(),
			Clause: r.Clause.ID, ClauseTitle: r.Clause.Title, ClauseText: r.Clause.Text,
		})
	}
	return web.Config{Linter: engineLinter{l}, Rules: infos}
}

func newHandler(t testing.TB, cfg web.Config) http.Handler {
	t.Helper()
	h, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// do runs one request through h and returns the response.
func do(t testing.TB, h http.Handler, method, target, contentType, body string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Host = "127.0.0.1:8080"
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func readBody(t testing.TB, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The draft of the tests: a patient's date of birth after an emoji, and an
// obscenity.
const draft = "😀 Lovely patient on the ward today, DOB 12/03/1958 — what a f*cking shift"

func TestLintAPIShape(t *testing.T) {
	h := newHandler(t, testConfig(t))
	body, _ := json.Marshal(map[string]any{
		"id": "draft-1", "channel": "twitter", "account": "personal", "text": draft,
		"reply_to": map[string]string{"author": "A. Reader", "text": "Great work", "action": "reply"},
		"media":    []map[string]any{{"file": "cake.jpg", "alt_text": "A cake", "consent": true}},
	})
	res := do(t, h, "POST", "/api/lint", "application/json; charset=utf-8", string(body))
	raw := readBody(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, raw)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", cc)
	}
	// Decode into maps, to check the wire names of the design.
	var got map[string]any
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "score", "verdict", "findings"} {
		if _, ok := got[k]; !ok {
			t.Errorf("result has no %q: %s", k, raw)
		}
	}
	if got["id"] != "draft-1" || got["verdict"] != "block" {
		t.Errorf("id %v verdict %v, want draft-1 block", got["id"], got["verdict"])
	}
	findings, _ := got["findings"].([]any)
	if len(findings) == 0 {
		t.Fatalf("no findings: %s", raw)
	}
	cats := map[string]map[string]any{}
	for _, f := range findings {
		fm := f.(map[string]any)
		for _, k := range []string{"rule", "category", "severity", "confidence", "clause", "clause_text", "message", "span", "match"} {
			if _, ok := fm[k]; !ok {
				t.Errorf("finding %v has no %q", fm["rule"], k)
			}
		}
		span := fm["span"].(map[string]any)
		for _, k := range []string{"start", "end", "line", "column"} {
			if _, ok := span[k]; !ok {
				t.Errorf("span of %v has no %q", fm["rule"], k)
			}
		}
		cats[fm["category"].(string)] = fm
	}
	dob, ok := cats["patient-identifier"]
	if !ok {
		t.Fatalf("no patient-identifier finding: %s", raw)
	}
	// The span is a byte range of the UTF-8 text; the match is masked.
	span := dob["span"].(map[string]any)
	start, end := int(span["start"].(float64)), int(span["end"].(float64))
	if got := draft[start:end]; !strings.Contains(got, "12/03/1958") {
		t.Errorf("span %d-%d is %q, want the date of birth", start, end, got)
	}
	if m := dob["match"].(string); strings.Contains(m, "12/03/1958") || m == "" {
		t.Errorf("match %q is not masked", m)
	}
	if strings.Contains(raw, "1958") {
		t.Errorf("the response shows the date of birth unmasked: %s", raw)
	}
	if _, ok := cats["insult"]; !ok {
		t.Errorf("no insult finding: %s", raw)
	}
}

func TestLintAPICleanPost(t *testing.T) {
	h := newHandler(t, testConfig(t))
	res := do(t, h, "POST", "/api/lint", "application/json", `{"text": "Great teamwork today, thank you all!"}`)
	raw := readBody(t, res)
	var got struct {
		Verdict  string            `json:"verdict"`
		Findings []json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil || res.StatusCode != 200 {
		t.Fatalf("status %d, %v: %s", res.StatusCode, err, raw)
	}
	if got.Verdict != "ok" || got.Findings == nil || len(got.Findings) != 0 {
		t.Errorf("got %s, want verdict ok and findings []", raw)
	}
}

func TestRulesAPI(t *testing.T) {
	cfg := testConfig(t)
	h := newHandler(t, cfg)
	res := do(t, h, "GET", "/api/rules", "", "")
	raw := readBody(t, res)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d, Content-Type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	var got struct {
		Rules []map[string]any `json:"rules"`
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Rules) != len(cfg.Rules) || len(got.Rules) == 0 {
		t.Fatalf("%d rules, want %d", len(got.Rules), len(cfg.Rules))
	}
	for _, r := range got.Rules {
		for _, k := range []string{"id", "category", "severity", "clause", "clause_title"} {
			if s, _ := r[k].(string); s == "" {
				t.Errorf("rule %v: %q is empty", r["id"], k)
			}
		}
	}
}

func TestBodyLimit(t *testing.T) {
	h := newHandler(t, testConfig(t))
	big := `{"text": "` + strings.Repeat("a", web.DefaultMaxBody) + `"}`
	res := do(t, h, "POST", "/api/lint", "application/json", big)
	raw := readBody(t, res)
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", res.StatusCode)
	}
	if !strings.Contains(raw, `"error"`) || !strings.Contains(raw, "1 MiB") {
		t.Errorf("body %s, want a JSON error naming the limit", raw)
	}

	cfg := testConfig(t)
	cfg.MaxBody = 64
	h = newHandler(t, cfg)
	if res := do(t, h, "POST", "/api/lint", "application/json", `{"text": "`+strings.Repeat("b", 64)+`"}`); res.StatusCode != 413 {
		t.Errorf("MaxBody 64: status %d, want 413", res.StatusCode)
	}
	if res := do(t, h, "POST", "/api/lint", "application/json", `{"text": "short"}`); res.StatusCode != 200 {
		t.Errorf("MaxBody 64, short post: status %d, want 200", res.StatusCode)
	}
}

func TestWrongMethod(t *testing.T) {
	h := newHandler(t, testConfig(t))
	for _, tc := range []struct{ method, path, allow string }{
		{"GET", "/api/lint", "POST"},
		{"PUT", "/api/lint", "POST"},
		{"POST", "/api/rules", "GET, HEAD"},
		{"DELETE", "/", "GET, HEAD"},
		{"POST", "/assets/app.js", "GET, HEAD"},
	} {
		res := do(t, h, tc.method, tc.path, "application/json", `{"text":"x"}`)
		raw := readBody(t, res)
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: status %d, want 405", tc.method, tc.path, res.StatusCode)
		}
		if got := res.Header.Get("Allow"); got != tc.allow {
			t.Errorf("%s %s: Allow %q, want %q", tc.method, tc.path, got, tc.allow)
		}
		if !strings.Contains(raw, `"error"`) {
			t.Errorf("%s %s: body %s, want a JSON error", tc.method, tc.path, raw)
		}
	}
}

func TestBadRequests(t *testing.T) {
	h := newHandler(t, testConfig(t))
	for _, tc := range []struct {
		name, contentType, body string
		status                  int
		want                    string
	}{
		{"syntax", "application/json", `{"text": }`, 400, "invalid JSON at line 1, column 10"},
		{"syntax on line 2", "application/json", "{\"text\": \"a\",\n  \"channel\" \"x\"}", 400, "line 2, column 13"},
		{"unknown field", "application/json", `{"txt": "hello"}`, 400, `unknown field "txt"`},
		{"wrong type", "application/json", `{"text": 5}`, 400, `"text" must be a string, not number`},
		{"not an object", "application/json", `["hello"]`, 400, "the post must be an object"},
		{"truncated", "application/json", `{"text": "hello`, 400, "ends too soon"},
		{"empty", "application/json", ``, 400, "no body"},
		{"two posts", "application/json", `{"text": "a"} {"text": "b"}`, 400, "more data after the post"},
		{"bad action", "application/json", `{"text": "a", "reply_to": {"action": "retweet"}}`, 400, `reply_to.action "retweet"`},
		{"bad account", "application/json", `{"text": "a", "account": "work"}`, 400, `account "work"`},
		{"form post", "application/x-www-form-urlencoded", `text=hello`, 415, "Content-Type: application/json"},
		{"no content type", "", `{"text": "a"}`, 415, "JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := do(t, h, "POST", "/api/lint", tc.contentType, tc.body)
			raw := readBody(t, res)
			if res.StatusCode != tc.status {
				t.Errorf("status %d, want %d: %s", res.StatusCode, tc.status, raw)
			}
			var e struct {
				Error  string `json:"error"`
				Status int    `json:"status"`
			}
			if err := json.Unmarshal([]byte(raw), &e); err != nil {
				t.Fatalf("body is not JSON: %s", raw)
			}
			if !strings.Contains(e.Error, tc.want) || e.Status != tc.status {
				t.Errorf("error %q (status %d), want it to contain %q", e.Error, e.Status, tc.want)
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newHandler(t, testConfig(t))
	for _, tc := range []struct{ method, path, body string }{
		{"GET", "/", ""},
		{"GET", "/assets/app.js", ""},
		{"GET", "/assets/style.css", ""},
		{"GET", "/api/rules", ""},
		{"POST", "/api/lint", `{"text": "hello"}`},
		{"POST", "/api/lint", `{`},
		{"GET", "/nowhere", ""},
		{"GET", "/api/nowhere", ""},
	} {
		res := do(t, h, tc.method, tc.path, "application/json", tc.body)
		csp := res.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s %s: CSP %q lacks %q", tc.method, tc.path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe") || strings.Contains(csp, "http") {
			t.Errorf("%s %s: CSP %q allows more than 'self'", tc.method, tc.path, csp)
		}
		for k, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "no-referrer",
			"X-Frame-Options":        "DENY",
		} {
			if got := res.Header.Get(k); got != want {
				t.Errorf("%s %s: %s %q, want %q", tc.method, tc.path, k, got, want)
			}
		}
		if c := res.Header.Values("Set-Cookie"); len(c) > 0 {
			t.Errorf("%s %s: sets cookies %q", tc.method, tc.path, c)
		}
	}
}

func TestPageAndAssets(t *testing.T) {
	h := newHandler(t, testConfig(t))
	res := do(t, h, "GET", "/", "", "")
	page := readBody(t, res)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET /: status %d, Content-Type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	// No inline scripts, styles or event handlers; nothing from elsewhere.
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`),
		regexp.MustCompile(`<script(?:\s(?:[^>s]|s[^r])*)?>`), // a script without src
		regexp.MustCompile(`<style`),
		regexp.MustCompile(`\sstyle=`),
		regexp.MustCompile(`\son[a-z]+=`),
		regexp.MustCompile(`(?:src|href)="(?:https?:)?//`),
	} {
		if m := bad.FindString(page); m != "" {
			t.Errorf("the page has %q", m)
		}
	}
	for _, want := range []string{`<label class="label label-large" for="draft">`, `aria-live="polite"`, `lang="en-GB"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for path, ctype := range map[string]string{
		"/assets/app.js":    "text/javascript",
		"/assets/style.css": "text/css",
		"/assets/icon.svg":  "image/svg+xml",
	} {
		res := do(t, h, "GET", path, "", "")
		body := readBody(t, res)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), ctype) {
			t.Errorf("GET %s: status %d, Content-Type %q", path, res.StatusCode, res.Header.Get("Content-Type"))
		}
		for _, bad := range []string{"localStorage", "sessionStorage", "document.cookie", "indexedDB", "http://", "https://", "@import", "url("} {
			if strings.Contains(body, bad) && !(bad == "http://" && path == "/assets/icon.svg") {
				t.Errorf("%s uses %q", path, bad)
			}
		}
	}
	for _, path := range []string{"/assets/", "/assets/nope.js", "/index.html", "/api/nope"} {
		if res := do(t, h, "GET", path, "", ""); res.StatusCode != 404 && res.StatusCode != 301 {
			t.Errorf("GET %s: status %d, want 404", path, res.StatusCode)
		}
	}
}

func TestHostAndCrossSite(t *testing.T) {
	cfg := testConfig(t)
	h := newHandler(t, cfg)
	for host, want := range map[string]int{
		"127.0.0.1:8080":     200,
		"localhost:8080":     200,
		"[::1]:8080":         200,
		"localhost":          200,
		"evil.example:8080":  421,
		"192.168.1.20:8080":  421,
		"127.0.0.1.nip.io:1": 421,
	} {
		req := httptest.NewRequest("GET", "/api/rules", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %s: status %d, want %d", host, rec.Code, want)
		}
	}
	cfg.AnyHost = true
	hr := newHandler(t, cfg)
	req := httptest.NewRequest("GET", "/api/rules", nil)
	req.Host = "postlint.intranet.example:8080"
	rec := httptest.NewRecorder()
	hr.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("AnyHost: status %d, want 200", rec.Code)
	}

	req = httptest.NewRequest("POST", "/api/lint", strings.NewReader(`{"text":"hi"}`))
	req.Host = "localhost:8080"
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("cross-site POST: status %d, want 403", rec.Code)
	}
}

func TestLogNeverHoldsTheDraft(t *testing.T) {
	var buf bytes.Buffer
	cfg := testConfig(t)
	cfg.Logger = slog.New(slog.NewTextHandler(&buf, nil))
	h := newHandler(t, cfg)
	secret := "Mrs Pendlebury in bed 9"
	do(t, h, "POST", "/api/lint?draft=Pendlebury", "application/json", `{"text": "`+secret+`"}`)
	do(t, h, "POST", "/api/lint", "application/json", `{"text": "Pendlebury`)
	log := buf.String()
	if strings.Contains(log, "Pendlebury") || strings.Contains(log, "bed 9") {
		t.Errorf("the log holds the draft:\n%s", log)
	}
	for _, want := range []string{"method=POST", "path=/api/lint", "status=200", "status=400", "duration="} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
}

func TestNewNeedsALinter(t *testing.T) {
	if _, err := web.New(web.Config{}); err == nil {
		t.Error("New without a linter: no error")
	}
}

func TestCheckAddr(t *testing.T) {
	for _, tc := range []struct {
		addr        string
		allowRemote bool
		ok, warn    bool
	}{
		{"127.0.0.1:8080", false, true, false},
		{"127.0.0.2:0", false, true, false},
		{"localhost:8080", false, true, false},
		{"[::1]:8080", false, true, false},
		{":8080", false, false, false},
		{"0.0.0.0:8080", false, false, false},
		{"192.168.1.20:8080", false, false, false},
		{"[::]:8080", false, false, false},
		{":8080", true, true, true},
		{"192.168.1.20:8080", true, true, true},
		{"127.0.0.1", false, false, false},
		{"127.0.0.1:", false, false, false},
	} {
		warn, err := web.CheckAddr(tc.addr, tc.allowRemote)
		if (err == nil) != tc.ok || (warn != "") != tc.warn {
			t.Errorf("CheckAddr(%q, %v) = %q, %v", tc.addr, tc.allowRemote, warn, err)
		}
	}
}

func TestServeShutsDownOnCancel(t *testing.T) {
	h := newHandler(t, testConfig(t))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := web.NewServer(h, nil)
	if srv.ReadHeaderTimeout == 0 || srv.ReadTimeout == 0 || srv.WriteTimeout == 0 || srv.IdleTimeout == 0 {
		t.Errorf("server timeouts not set: %+v", srv)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- web.Serve(ctx, srv, ln) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/api/rules")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("status %d", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Error("still serving after shutdown")
	}
}
