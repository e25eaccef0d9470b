package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"

	"github.com/postlint/postlint/internal/engine"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/web"
)

// serve runs the page for staff until ctx is done (Ctrl-C).
func (a *app) serve(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on, host:port (loopback only unless --allow-remote)")
	allowRemote := fl.Bool("allow-remote", false, "allow an --addr that other computers can reach")
	quiet := fl.Bool("quiet", false, "do not log requests")
	var ruleDirs, disable listFlag
	fl.Var(&ruleDirs, "rules", "directory of extra rules (repeatable); same ids replace default rules")
	fl.Var(&disable, "disable", "rule or category ids to turn off, comma-separated")
	fl.Usage = func() {
		fmt.Fprint(a.stderr, "Usage: postlint serve [flags]\n\n"+
			"Serves a page where staff paste a draft and see each problem as they type.\n"+
			"Drafts are never stored or logged. Stop with Ctrl-C.\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("%w: serve takes no arguments (got %q)", errUsage, fl.Arg(0))
	}
	warning, err := web.CheckAddr(*addr, *allowRemote)
	if err != nil {
		return err
	}
	if warning != "" {
		fmt.Fprintf(a.stderr, "postlint: %s\n", warning)
	}

	// Build the linter once, before listening, and run it once so that
	// the first draft a user types is answered as fast as the rest.
	lint, err := a.newLinter(ruleDirs, false, engine.Options{Disable: disable})
	if err != nil {
		return err
	}
	lint.Lint(&post.Post{Text: warmUpText, ReplyTo: &post.Reply{Text: "Awful service"}, Media: []post.Media{{File: "ward.jpg", AltText: "The team"}}}, nil)
	var logger *slog.Logger
	if !*quiet {
		logger = slog.New(slog.NewTextHandler(a.stderr, nil))
	}
	h, err := web.New(web.Config{
		Linter:  engineLinter{lint},
		Rules:   ruleInfos(lint),
		Logger:  logger,
		AnyHost: *allowRemote,
	})
	if err != nil {
		return err
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", *addr)
	if err != nil {
		return fmt.Errorf("listening: %w", err)
	}
	fmt.Fprintf(a.stdout, "postlint: open http://%s/ in your browser (Ctrl-C to stop)\n", pageHost(ln.Addr(), *addr))
	if err := web.Serve(ctx, web.NewServer(h, logger), ln); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "postlint: stopped")
	return nil
}

// warmUpText is linted once at start-up: it wakes every kind of detector.
const warmUpText = "Warm-up: Mr John Smith in bed 4 on Ward 7, DOB 01/02/1950, NHS 943 476 5919, call 07700 900123, " +
	"door code 1234, what a stupid shift, see https://example.com #nhs @someone"

// pageHost returns the host:port to show in the page's address: the
// address listened on, with "localhost" kept when the user asked for it.
func pageHost(ln net.Addr, asked string) string {
	s := ln.String()
	host, _, _ := net.SplitHostPort(asked)
	if _, port, err := net.SplitHostPort(s); err == nil && host == "localhost" {
		return net.JoinHostPort("localhost", port)
	}
	return s
}

// engineLinter adapts the engine to web.Linter.
type engineLinter struct{ l *engine.Linter }

// Lint implements web.Linter.
func (e engineLinter) Lint(ctx context.Context, p post.Post) (finding.Result, error) {
	if err := ctx.Err(); err != nil {
		return finding.Result{}, err
	}
	return e.l.Lint(&p, nil), nil
}
