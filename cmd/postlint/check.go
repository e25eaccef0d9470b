package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/postlint/postlint/internal/baseline"
	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/engine"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/queue"
	"github.com/postlint/postlint/internal/report"
	"github.com/postlint/postlint/internal/rulepack"
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

// severityFlag collects --severity ID=LEVEL settings.
type severityFlag map[string]finding.Severity

func (s severityFlag) String() string {
	var parts []string
	for id, sev := range s {
		parts = append(parts, id+"="+sev.String())
	}
	slices.Sort(parts)
	return strings.Join(parts, ",")
}

func (s severityFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, level, ok := strings.Cut(part, "=")
		if !ok {
			return fmt.Errorf("%q: want ID=LEVEL", part)
		}
		sev, err := finding.ParseSeverity(strings.TrimSpace(level))
		if err != nil {
			return err
		}
		s[strings.TrimSpace(id)] = sev
	}
	return nil
}

// checkSettings is what a check runs with: the configuration file merged
// with the flags, flags winning.
type checkSettings struct {
	cfg      *config.Config // nil without a configuration file
	failOn   finding.Severity
	ruleDirs []string
	opts     engine.Options
	defaults config.Defaults
	baseline string // baseline to apply, or ""
}

func (a *app) check(ctx context.Context, args []string) (code int, err error) {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	format := fl.String("format", "text", "output format: text, json, sarif, github, junit")
	output := fl.String("output", "", "also write the report in --output-format to this file")
	outputFormat := fl.String("output-format", "", "format of --output (default: json, sarif for a .sarif file, junit for .xml)")
	failOn := fl.String("fail-on", "", "exit 1 on findings at or above: error, warning, info, never (default: the configuration's fail_on, else error)")
	showMatches := fl.Bool("show-matches", false, "show identifying matches unmasked in machine-readable output")
	workers := fl.Int("workers", runtime.GOMAXPROCS(0), "posts checked in parallel")
	configPath := fl.String("config", "", "configuration file (default: .postlint.yaml in this directory or a parent, up to the repository root)")
	noConfig := fl.Bool("no-config", false, "do not read a configuration file")
	baselinePath := fl.String("baseline", "", "ignore the findings recorded in this baseline file")
	writeBaseline := fl.String("write-baseline", "", "record the current findings in this baseline file (they are then not counted)")
	var ruleDirs, disable, enable listFlag
	severity := severityFlag{}
	fl.Var(&ruleDirs, "rules", "directory of extra rules (repeatable); same ids replace default rules")
	fl.Var(&disable, "disable", "rule or category ids to turn off, comma-separated")
	fl.Var(&enable, "enable", "rule or category ids to turn back on when the configuration disables them")
	fl.Var(severity, "severity", "severity overrides, ID=LEVEL, comma-separated (LEVEL: error, warning, info)")
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
	set := map[string]bool{}
	fl.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["config"] && *noConfig {
		return exitError, fmt.Errorf("%w: --config and --no-config together", errUsage)
	}

	st, err := a.settings(*configPath, *noConfig)
	if err != nil {
		return exitError, err
	}
	if set["fail-on"] {
		if st.failOn, err = parseFailOn(*failOn); err != nil {
			return exitError, fmt.Errorf("%w: %v", errUsage, err)
		}
	}
	for _, d := range ruleDirs {
		st.ruleDirs = append(st.ruleDirs, a.path(d))
	}
	st.opts.Disable = slices.DeleteFunc(st.opts.Disable, func(id string) bool { return slices.Contains(enable, id) })
	st.opts.Disable = append(st.opts.Disable, disable...)
	for id, s := range severity {
		if st.opts.Severity == nil {
			st.opts.Severity = map[string]finding.Severity{}
		}
		st.opts.Severity[id] = s
	}
	if set["baseline"] {
		st.baseline = a.path(*baselinePath)
	}

	// The collector is off until the first post is checked: a cold
	// check of one draft then never collects.
	releaseGC := a.holdGC()
	defer releaseGC()
	pack, res, err := loadPack(st.ruleDirs, true, false)
	if err != nil {
		return exitError, err
	}
	if err := checkConfigIDs(st.cfg, pack); err != nil {
		return exitError, err
	}
	lint, err := engine.New(pack, res, st.opts)
	if err != nil {
		return exitError, fmt.Errorf("%w: %v", errUsage, err)
	}
	var base *baseline.Baseline
	if st.baseline != "" {
		// A baseline about to be written for the first time may not exist yet.
		if base, err = baseline.Load(st.baseline); err != nil && !(*writeBaseline != "" && errors.Is(err, fs.ErrNotExist)) {
			return exitError, err
		}
	}
	var rec *baseline.Recorder
	if *writeBaseline != "" {
		if fi, err := os.Stat(filepath.Dir(a.path(*writeBaseline))); err != nil || !fi.IsDir() {
			return exitError, fmt.Errorf("--write-baseline %s: no directory %s", *writeBaseline, filepath.Dir(*writeBaseline))
		}
		rec = baseline.NewRecorder()
	}

	infos := append(ruleInfos(lint), directiveInfo(st.opts))
	opts := report.Options{Tool: "postlint", Version: version(), Rules: infos, ShowMatches: *showMatches, FailOn: st.failOn, Root: a.workdir}
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
		if !slices.Contains(report.Formats(), of) {
			return exitError, fmt.Errorf("%w: --output-format: unknown format %q (want %s)", errUsage, of, strings.Join(report.Formats(), ", "))
		}
		f, err := os.Create(a.path(*output))
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
		readErr <- a.readAll(rctx, files, st.defaults, items)
	}()
	next := func() (engine.Item, bool) {
		it, ok := <-items
		return it, ok
	}
	blocking, inputErrors := false, false
	err = lint.Stream(ctx, *workers, next, func(r *finding.Result) error {
		releaseGC()
		if r.Err != nil {
			inputErrors = true
		} else {
			own := baseline.OwnID(&r.Post, r.Source)
			base.Apply(r, own)
			if rec != nil {
				rec.Add(r, own, *writeBaseline)
			}
			if st.failOn > 0 && r.Worst() >= st.failOn {
				blocking = true
			}
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
	if err == nil && rec != nil {
		if err = rec.WriteFile(a.path(*writeBaseline)); err == nil {
			fmt.Fprintf(a.stderr, "postlint: recorded %s in %s\n", plural(rec.Len(), "finding", "findings"), *writeBaseline)
		}
	}
	if err == nil && base != nil && rec == nil {
		if n := base.Unused(); n > 0 {
			fmt.Fprintf(a.stderr, "postlint: %s recorded in the baseline no longer occur; run with --write-baseline to drop them\n", plural(n, "finding", "findings"))
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

// settings reads the configuration file, if any, into the settings of a
// check.
func (a *app) settings(configPath string, noConfig bool) (checkSettings, error) {
	st := checkSettings{failOn: finding.Error}
	path := ""
	switch {
	case configPath != "":
		path = a.path(configPath)
	case !noConfig:
		p, err := config.Find(a.workdir)
		if err != nil {
			return st, err
		}
		path = p
	}
	if path == "" {
		return st, nil
	}
	name := path
	if rel, err := filepath.Rel(a.workdir, path); err == nil && a.workdir != "" && !strings.HasPrefix(rel, "..") {
		name = rel
	}
	cfg, err := config.LoadNamed(path, name)
	if err != nil {
		return st, err
	}
	st.cfg = cfg
	if cfg.FailOn != "" {
		sev, err := parseFailOn(cfg.FailOn)
		if err != nil {
			return st, fmt.Errorf("%s: %w", cfg.Where("fail_on"), err)
		}
		st.failOn = sev
	}
	for _, d := range cfg.Rules {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			return st, fmt.Errorf("%s: rules: no rules directory %s", cfg.Where("rules"), d)
		}
	}
	st.ruleDirs = slices.Clone(cfg.Rules)
	st.opts.Disable = slices.Clone(cfg.Disable)
	if len(cfg.Severity) > 0 {
		st.opts.Severity = map[string]finding.Severity{}
		for id, s := range cfg.Severity {
			st.opts.Severity[id] = s
		}
	}
	st.opts.Allow = cfg.Allow
	st.defaults = cfg.Defaults
	st.baseline = cfg.Baseline
	return st, nil
}

// checkConfigIDs checks that the ids the configuration file names are rules
// of the pack, stable categories or postlint-suppression, naming the line of
// the first that is not.
func checkConfigIDs(cfg *config.Config, pack *rulepack.Pack) error {
	if cfg == nil {
		return nil
	}
	known := func(id string) bool {
		return pack.Rule(id) != nil || slices.Contains(rulepack.Categories(), id) || id == engine.DirectiveRule
	}
	bad := func(key, id string) error {
		return fmt.Errorf("%s: %s: no rule or category %q (postlint rules lists them)", cfg.Where(key+"."+id), key, id)
	}
	for _, id := range cfg.Disable {
		if !known(id) {
			return bad("disable", id)
		}
	}
	for _, id := range sortedKeys(cfg.Severity) {
		if !known(id) {
			return bad("severity", id)
		}
	}
	for _, id := range sortedKeys(cfg.Allow) {
		if !known(id) {
			return bad("allow", id)
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// directiveInfo describes the findings about faulty suppressions for the
// report writers (SARIF lists it among the rules).
func directiveInfo(opts engine.Options) report.RuleInfo {
	sev := finding.Warning
	if s, ok := opts.Severity[engine.DirectiveRule]; ok {
		sev = s
	}
	return report.RuleInfo{
		ID:          engine.DirectiveRule,
		Severity:    sev.String(),
		Message:     "A post's suppression (postlint: {ignore: [...]}) without a reason, or naming no rule or category.",
		Suggestion:  `Add reason: "…" beside ignore, saying why the post is acceptable, or remove the suppression.`,
		Description: "A suppression without a reason suppresses nothing: the findings it names are still reported and counted.",
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// path resolves a path given on the command line against the working
// directory.
func (a *app) path(p string) string {
	if p == "" || p == "-" || filepath.IsAbs(p) || a.workdir == "" {
		return p
	}
	return filepath.Join(a.workdir, p)
}

func hasSuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// readAll reads every post of every input in order, giving posts the
// configured defaults. A file that cannot be opened is reported as one
// unreadable record; the others are still read.
func (a *app) readAll(ctx context.Context, files []string, defaults config.Defaults, out chan<- engine.Item) error {
	send := func(rec queue.Record) error {
		if rec.Err == nil {
			if rec.Post.Account == "" {
				rec.Post.Account = defaults.Account
			}
			if rec.Post.Channel == "" {
				rec.Post.Channel = defaults.Channel
			}
		}
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
			err = a.readFile(ctx, f, send)
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

// readFile reads a queue file named as on the command line (relative to the
// working directory); sources keep the name as given.
func (a *app) readFile(ctx context.Context, name string, yield func(queue.Record) error) error {
	format, err := queue.FormatFor(name)
	if err != nil {
		return err
	}
	f, err := os.Open(a.path(name))
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	return queue.Read(ctx, f, name, format, yield)
}

func sourceOf(file string) post.Source { return post.Source{File: file} }
