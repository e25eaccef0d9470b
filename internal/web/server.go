package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Server timeouts: long enough for a slow link and a large post, short
// enough that idle or stalled clients do not hold connections.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 15 * time.Second
	WriteTimeout      = 30 * time.Second
	IdleTimeout       = 60 * time.Second
	// ShutdownTimeout bounds how long Serve waits for requests in flight
	// when its context is done.
	ShutdownTimeout = 5 * time.Second
	// MaxHeaderBytes limits request headers.
	MaxHeaderBytes = 64 << 10
)

// ErrRemote is returned by CheckAddr for an address that other machines
// can reach when remote serving was not allowed.
var ErrRemote = errors.New("not a loopback address")

// CheckAddr checks a listening address of the form host:port. A loopback
// host (127.0.0.1, [::1], localhost) is always accepted. Any other host,
// including an empty one (every interface), is refused with ErrRemote
// unless allowRemote is set; then it is accepted with a warning to show
// the user.
func CheckAddr(addr string, allowRemote bool) (warning string, err error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("--addr %q: want host:port, such as 127.0.0.1:8080", addr)
	}
	if port == "" {
		return "", fmt.Errorf("--addr %q: no port", addr)
	}
	if isLoopbackName(host) {
		return "", nil
	}
	where := host
	if host == "" || host == "0.0.0.0" || host == "::" {
		where = "every network interface"
	}
	if !allowRemote {
		return "", fmt.Errorf("--addr %q: %w: other computers could reach %s, and drafts may hold patient details; "+
			"use 127.0.0.1 or localhost, or give --allow-remote if you really mean it", addr, ErrRemote, where)
	}
	return fmt.Sprintf("warning: serving on %s (%s): anyone who can reach this address can use the page, and drafts "+
		"cross the network unencrypted; prefer 127.0.0.1", addr, where), nil
}

// NewServer returns an http.Server for h with postlint's timeouts and
// header limit. Errors of the server itself go to logger (nil: discarded).
func NewServer(h http.Handler, logger *slog.Logger) *http.Server {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
	if logger != nil {
		srv.ErrorLog = slog.NewLogLogger(logger.Handler(), slog.LevelWarn)
	} else {
		srv.ErrorLog = log.New(io.Discard, "", 0)
	}
	return srv
}

// Serve serves srv on ln until ctx is done, then shuts down gracefully:
// it stops accepting connections and waits up to ShutdownTimeout for the
// requests in flight. It returns nil after a shutdown caused by ctx.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	srv.BaseContext = func(net.Listener) context.Context { return context.WithoutCancel(ctx) }
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		srv.Close()
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}
