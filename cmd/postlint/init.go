package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/postlint/postlint/internal/config"
)

// init writes the starter configuration file, refusing to replace an
// existing one unless --force is given.
func (a *app) init(args []string) error {
	fl := flag.NewFlagSet("init", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	force := fl.Bool("force", false, "replace an existing file")
	fl.Usage = func() {
		fmt.Fprintf(a.stderr, "Usage: postlint init [--force] [FILE]\n\nWrites a commented starter configuration to FILE (default %s).\n\nFlags:\n", config.FileName)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fl.NArg() > 1 {
		return fmt.Errorf("%w: init takes at most one file name", errUsage)
	}
	name := config.FileName
	if fl.NArg() == 1 {
		name = fl.Arg(0)
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if *force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(a.path(name), flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists (postlint init --force replaces it)", name)
	}
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	if _, err := f.WriteString(config.Starter); err != nil {
		f.Close()
		return fmt.Errorf("init: %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("init: %s: %w", name, err)
	}
	fmt.Fprintf(a.stdout, "Wrote %s: edit it, then run postlint check.\n", name)
	return nil
}
