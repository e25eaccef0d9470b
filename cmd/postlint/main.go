// Command postlint checks social-media drafts against the Trust's social
// media policy before they are published.
//
//	postlint check [flags] [FILE...]   check a draft (stdin) or queue files
//	postlint rules [--format json]     list the rules
//	postlint rules test [DIR]          run every rule's examples
//	postlint explain RULE              explain a rule and its clause
//	postlint init [--force] [FILE]     write a starter .postlint.yaml
//	postlint version                   print the version
//
// Exit status: 0 nothing at or above --fail-on, 1 findings at or above it,
// 2 usage, configuration, rule or input error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
)

// Exit codes of the design.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// errUsage marks errors that should print the usage.
var errUsage = errors.New("usage")

// app holds what a command needs from the outside world, so that tests can
// run the command in-process.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	stdinTerminal  bool
	stdoutTerminal bool
	getenv         func(string) string
	workdir        string
	// tuneGC lets a command adjust the process's garbage collector
	// (holdGC): only the command itself, since tests run commands side
	// by side in one process, where the setting is shared.
	tuneGC bool
}

// memoryLimit is the heap size past which the garbage collector works
// harder (unless GOMEMLIMIT says otherwise): the rule pack and the entity
// model hold about 60 MiB, and however long the queue, a check stays under
// 150 MiB of memory.
const memoryLimit = 120 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	wd, _ := os.Getwd()
	a := &app{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		stdinTerminal:  isTerminal(os.Stdin),
		stdoutTerminal: isTerminal(os.Stdout),
		getenv:         os.Getenv,
		workdir:        wd,
		tuneGC:         true,
	}
	os.Exit(a.run(ctx, os.Args[1:]))
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

const usage = `postlint checks social-media drafts against the Trust's social media policy.

Usage:
  postlint check [flags] [FILE...]   check a draft (stdin, or "-") or queue files
                                     (.jsonl .json .yaml .yml .csv .txt .md)
  postlint rules [--format json]     list the rules with category, severity and clause
  postlint rules test [DIR]          run every rule's flag/pass examples
  postlint explain RULE              the clause, why it matters, the suggestion, examples
  postlint init [--force] [FILE]     write a commented starter configuration (.postlint.yaml)
  postlint serve [--addr HOST:PORT]  a page in the browser: paste a draft, see each problem
  postlint version                   print the version

Run "postlint check -h" for the check flags.
Exit status: 0 no findings at or above --fail-on, 1 findings at or above it,
2 usage, configuration, rule or input error.
`

func (a *app) run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(a.stderr, usage)
		return exitError
	}
	var err error
	code := exitOK
	switch args[0] {
	case "check":
		code, err = a.check(ctx, args[1:])
	case "rules":
		err = a.rules(args[1:])
	case "explain":
		err = a.explain(args[1:])
	case "init":
		err = a.init(args[1:])
	case "serve":
		err = a.serve(ctx, args[1:])
	case "version", "--version":
		fmt.Fprintf(a.stdout, "postlint %s\n", version())
	case "help", "-h", "--help":
		fmt.Fprint(a.stdout, usage)
	default:
		err = fmt.Errorf("%w: unknown command %q", errUsage, args[0])
	}
	if err != nil {
		if errors.Is(err, errUsage) {
			fmt.Fprintf(a.stderr, "postlint: %v\n\n%s", err, usage)
		} else {
			fmt.Fprintf(a.stderr, "postlint: %v\n", err)
		}
		return exitError
	}
	return code
}
