// Package web serves postlint's page for staff: a local web page where a
// draft is checked as it is typed, with each problem highlighted in place,
// the policy clause it breaches, what to do instead and a verdict.
//
// The page is plain HTML, CSS and JavaScript embedded in the binary (see
// assets/); it loads nothing from elsewhere. It talks to a small JSON API:
//
//	POST /api/lint    a post (DESIGN.md's post format) → its result
//	GET  /api/rules   the rules of the pack: id, category, severity, clause
//
// The result of /api/lint is one post object of the json report format: id,
// score, verdict and findings, each finding with its rule, category,
// severity, confidence, clause, clause text, message, suggestion, span and
// field. Sensitive matches (identifiers) are always masked; the page needs
// only the spans, which are byte offsets into the UTF-8 text it sent.
//
// Safe by default: drafts are never stored or logged (the log holds the
// method, path, status and duration of each request), request bodies are
// limited, every response carries a strict Content-Security-Policy and
// other security headers, no cookies are set, and API requests from other
// sites or to other host names are refused. See [CheckAddr] and [Serve] for
// the listening side.
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/report"
)

//go:embed assets
var assetsFS embed.FS

// DefaultMaxBody is the largest request body accepted unless
// Config.MaxBody says otherwise: 1 MiB.
const DefaultMaxBody = 1 << 20

// Linter checks one post. *postlint.Linter satisfies it.
type Linter interface {
	Lint(ctx context.Context, p post.Post) (finding.Result, error)
}

// Config configures the handler returned by New.
type Config struct {
	// Linter checks the posts; it is built once, before New, and must be
	// safe for concurrent use. Required.
	Linter Linter
	// Rules lists the rules of the pack for GET /api/rules and for the
	// clause titles the page shows.
	Rules []report.RuleInfo
	// MaxBody limits request bodies in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// Logger receives one line per request (method, path, status,
	// duration) and nothing else; nil logs nothing.
	Logger *slog.Logger
	// AnyHost accepts API requests whatever their Host header. By default
	// only loopback names and addresses (localhost, 127.0.0.1, [::1]) are
	// accepted, which stops DNS-rebinding attacks on a local server. Set it
	// when serving on a non-loopback address.
	AnyHost bool
}

// handler serves the page and the API.
type handler struct {
	cfg    Config
	mux    *http.ServeMux
	rules  []byte // the body of GET /api/rules, encoded once
	static http.Handler
}

// New returns the handler for the page, its assets and the API.
func New(cfg Config) (http.Handler, error) {
	if cfg.Linter == nil {
		return nil, errors.New("web: Config.Linter is nil")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	rules, err := encodeRules(cfg.Rules)
	if err != nil {
		return nil, err
	}
	sub, err := fs.Sub(assetsFS, "assets")
	if err != nil {
		return nil, fmt.Errorf("web: embedded assets: %w", err)
	}
	h := &handler{cfg: cfg, mux: http.NewServeMux(), rules: rules}
	h.static = http.StripPrefix("/assets/", http.FileServerFS(sub))
	h.mux.HandleFunc("/api/lint", h.lint)
	h.mux.HandleFunc("/api/rules", h.listRules)
	h.mux.HandleFunc("/api/", h.apiNotFound)
	h.mux.HandleFunc("/assets/", h.asset)
	h.mux.HandleFunc("/{$}", h.index)
	h.mux.HandleFunc("/favicon.ico", h.favicon)
	return h, nil
}

// ContentSecurityPolicy is sent with every response: the page may load
// scripts, styles, images and API answers from its own origin only; no
// inline scripts or styles, no plug-ins, no framing, no form posts.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// setSecurityHeaders sets the headers every response carries.
func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
}

// ServeHTTP sets the security headers, refuses foreign hosts and logs the
// request without its body or query.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	setSecurityHeaders(w.Header())
	switch {
	case !h.cfg.AnyHost && !loopbackHost(r.Host):
		writeError(rec, http.StatusMisdirectedRequest, "this page answers only on localhost; start postlint serve with --allow-remote to serve other host names")
	case r.Header.Get("Sec-Fetch-Site") == "cross-site" && strings.HasPrefix(r.URL.Path, "/api/"):
		writeError(rec, http.StatusForbidden, "requests from other sites are refused")
	default:
		h.mux.ServeHTTP(rec, r)
	}
	if h.cfg.Logger != nil {
		// Only the method, the path, the status and the duration: never
		// the body (the draft) nor the query string.
		h.cfg.Logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status),
			slog.Duration("duration", time.Since(start).Round(time.Microsecond)))
	}
}

// statusRecorder remembers the status code written.
type statusRecorder struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

// WriteHeader implements http.ResponseWriter.
func (s *statusRecorder) WriteHeader(code int) {
	if !s.wroteHeader {
		s.status, s.wroteHeader = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// loopbackHost reports whether a Host header names this machine:
// localhost or a loopback address, with or without a port.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return isLoopbackName(host)
}

// isLoopbackName reports whether host is "localhost" (or a name under
// .localhost) or a loopback IP address.
func isLoopbackName(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// index serves the page.
func (h *handler) index(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodGet, http.MethodHead) {
		return
	}
	body, err := assetsFS.ReadFile("assets/index.html")
	if err != nil {
		writeError(w, http.StatusInternalServerError, "the page is missing from this build")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// asset serves the page's stylesheet, script and icon.
func (h *handler) asset(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodGet, http.MethodHead) {
		return
	}
	if strings.HasSuffix(r.URL.Path, "/") {
		http.NotFound(w, r) // no directory listings
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	h.static.ServeHTTP(w, r)
}

// favicon sends browsers that ask for /favicon.ico to the page's icon.
func (h *handler) favicon(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/assets/icon.svg", http.StatusMovedPermanently)
}

// apiNotFound answers unknown API paths in JSON.
func (h *handler) apiNotFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, "no such API endpoint: "+r.URL.Path)
}

// allow answers 405 Method Not Allowed, with an Allow header, unless r's
// method is one of methods.
func allow(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed; use %s", r.Method, strings.Join(methods, " or ")))
	return false
}
