package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"

	"github.com/postlint/postlint/internal/engine"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/queue"
	"github.com/postlint/postlint/internal/report"
)

func parseFailOn(s string) (finding.Severity, error) {
	if s == "never" {
		return 0, nil
	}
	sev, err := finding.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("--fail-on: %w (or never)", err)
	}
	return sev, nil
}

func (a *app) check(ctx context.Context, args []string) (code int, err error) {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	format := fl.String("format", "text", "output format: text, json, sarif, github, junit")
	output := fl.String("output", "", "also write the report in --output-format to this file")
	outputFormat := fl.String("output-format", "", "format of --output (default: json, or sarif for a .sarif file)")
	failOn := fl.String("fail-on", "error", "exit 1 on findings at or above: error, warning, info, never")
	showMatches := fl.Bool("show-matches", false, "show identifying matches unmasked in machine-readable output")
	workers := fl.Int("workers", runtime.GOMAXPROCS(0), "posts checked in parallel")
	var ruleDirs, disable listFlag
	fl.Var(&ruleDirs, "rules", "directory of extra rules (repeatable); same ids replace default rules")
	fl.Var(&disable, "disable", "rule or category ids to turn off, comma-separated")
	fl.Usage = func() {
		fmt.Fprint(a.stderr, "Usage: postlint check [flags] [FILE...]\n\nWith no FILE, or \"-\", reads one draft from standard input.\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, nil
		}
		return exitError, fmt.Errorf("%w: %v", errUsage, err)
	}
	sev, err := parseFailOn(*failOn)
	if err != nil {
		return exitError, fmt.Errorf("%w: %v", errUsage, err)
	}
	lint, err := newLinter(ruleDirs, engine.Options{Disable: disable})
	if err != nil {
		return exitError, err
	}
	infos := ruleInfos(lint)
	opts := report.Options{Tool: "postlint", Version: version(), Rules: infos, ShowMatches: *showMatches, FailOn: sev, Root: a.workdir}
	textOpts := opts
	if *format == "text" {
		textOpts.Color = a.stdoutTerminal && a.getenv("NO_COLOR") == ""
		textOpts.ShowMatches = *showMatches || a.stdoutTerminal
	}
	w, err := report.New(*format, a.stdout, textOpts)
	if err != nil {
		return exitError, fmt.Errorf("%w: --format: %v", errUsage, err)
	}
	writers := []report.Writer{w}
	if *output != "" {
		of := *outputFormat
		if of == "" {
			of = "json"
			if hasSuffix(*output, ".sarif", ".sarif.json") {
				of = "sarif"
			} else if hasSuffix(*output, ".xml") {
				of = "junit"
			}
		}
		f, err := os.Create(*output)
		if err != nil {
			return exitError, fmt.Errorf("--output: %w", err)
		}
		defer func() {
			if cerr := f.Close(); cerr != nil && code == exitOK {
				code, err = exitError, fmt.Errorf("--output: %w", cerr)
			}
		}()
		ow, err := report.New(of, f, opts)
		if err != nil {
			return exitError, fmt.Errorf("%w: --output-format: %v", errUsage, err)
		}
		writers = append(writers, ow)
	}

	files := fl.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	items := make(chan engine.Item, 64)
	readErr := make(chan error, 1)
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(items)
		readErr <- a.readAll(rctx, files, items)
	}()
	next := func() (engine.Item, bool) {
		it, ok := <-items
		return it, ok
	}
	blocking, inputErrors := false, false
	err = lint.Stream(ctx, *workers, next, func(r *finding.Result) error {
		if r.Err != nil {
			inputErrors = true
		} else if sev > 0 && r.Worst() >= sev {
			blocking = true
		}
		for _, w := range writers {
			if err := w.Post(r); err != nil {
				return err
			}
		}
		return nil
	})
	cancel()
	for range items {
	}
	if rerr := <-readErr; err == nil && rerr != nil && !errors.Is(rerr, context.Canceled) {
		err = rerr
	}
	for _, w := range writers {
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}
	switch {
	case err != nil:
		return exitError, err
	case inputErrors:
		return exitError, nil
	case blocking:
		return exitFindings, nil
	}
	return exitOK, nil
}

func hasSuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if len(s) >= len(x) && s[len(s)-len(x):] == x {
			return true
		}
	}
	return false
}

// readAll reads every post of every input in order. A file that cannot be
// opened is reported as one unreadable record; the others are still read.
func (a *app) readAll(ctx context.Context, files []string, out chan<- engine.Item) error {
	send := func(rec queue.Record) error {
		src := rec.Source
		it := engine.Item{Post: rec.Post, Source: &src, Err: rec.Err}
		select {
		case out <- it:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for _, f := range files {
		var err error
		if f == "-" {
			if a.stdinTerminal {
				fmt.Fprintln(a.stderr, "Paste your draft, then press Ctrl-D.")
			}
			err = queue.Read(ctx, a.stdin, "stdin", queue.Text, send)
		} else {
			err = queue.ReadFile(ctx, f, send)
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if serr := send(queue.Record{Source: sourceOf(f), Err: err}); serr != nil {
				return serr
			}
		}
	}
	return nil
}

func sourceOf(file string) post.Source { return post.Source{File: file} }
