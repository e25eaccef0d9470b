package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/engine"
	"github.com/postlint/postlint/internal/report"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/rules"
)

// listFlag collects a repeatable, comma-separated flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// loadPack loads the default rule pack plus the given directories. Without
// examples, the default pack's rules are loaded without their examples,
// which only "rules test" and "explain" read (the directories' rules keep
// theirs, so that an error in one is still reported).
func loadPack(dirs []string, withDefault, examples bool) (*rulepack.Pack, *detect.Resources, error) {
	var layers []rulepack.Layer
	if withDefault {
		// The default pack compiles each rule at its first use: a draft
		// needs few of them in full (rules_test.go compiles them all, and
		// loads them with and without examples).
		layers = append(layers, rulepack.Layer{FS: rules.FS(), Name: "rules", Lazy: true, SkipExamples: !examples})
	}
	for _, d := range dirs {
		st, err := os.Stat(d)
		if err != nil {
			return nil, nil, fmt.Errorf("rules directory: %w", err)
		}
		if !st.IsDir() {
			return nil, nil, fmt.Errorf("rules directory %s: not a directory", d)
		}
		layers = append(layers, rulepack.Layer{FS: os.DirFS(d), Name: d})
	}
	res := &detect.Resources{}
	pack, err := rulepack.Load(res, layers...)
	if err != nil {
		return nil, nil, fmt.Errorf("loading rules:\n%w", err)
	}
	return pack, res, nil
}

// newLinter builds a linter of the default pack plus the given
// directories, with the default rules' examples or without (loadPack).
func (a *app) newLinter(dirs []string, examples bool, opts engine.Options) (*engine.Linter, error) {
	defer a.holdGC()()
	pack, res, err := loadPack(dirs, true, examples)
	if err != nil {
		return nil, err
	}
	return engine.New(pack, res, opts)
}

// holdGC turns the garbage collector off, with app.tuneGC, and returns a
// func that turns it back on (the first call does). Loading the pack and
// compiling what the first post needs allocate much that stays (the
// compiled rules) or is soon dropped: collecting meanwhile, as often as a
// steady run would, costs a cold check a third of its time. The memory
// limit (main) still bounds the heap while it is off.
func (a *app) holdGC() (release func()) {
	if !a.tuneGC {
		return func() {}
	}
	old := debug.SetGCPercent(-1)
	var once sync.Once
	return func() { once.Do(func() { debug.SetGCPercent(old) }) }
}

// ruleInfos describes the pack's rules for the report writers.
func ruleInfos(l *engine.Linter) []report.RuleInfo {
	var out []report.RuleInfo
	for _, r := range l.Pack().Rules {
		out = append(out, report.RuleInfo{
			ID: r.ID, Category: r.Category, Severity: l.Severity(r).String(),
			Clause: r.Clause.ID, ClauseTitle: r.Clause.Title, ClauseText: r.Clause.Text,
			Message: r.MessageSrc, Suggestion: r.SuggestionSrc, Description: r.Description,
		})
	}
	return out
}
