package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/postlint/postlint/internal/engine"
)

func (a *app) rules(args []string) error {
	if len(args) > 0 && args[0] == "test" {
		return a.rulesTest(args[1:])
	}
	fl := flag.NewFlagSet("rules", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	format := fl.String("format", "text", "text or json")
	var ruleDirs listFlag
	fl.Var(&ruleDirs, "rules", "directory of extra rules (repeatable)")
	if err := fl.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	lint, err := a.newLinter(ruleDirs, false, engine.Options{})
	if err != nil {
		return err
	}
	infos := ruleInfos(lint)
	switch *format {
	case "json":
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		type ruleJSON struct {
			ID          string `json:"id"`
			Category    string `json:"category"`
			Severity    string `json:"severity"`
			Clause      string `json:"clause"`
			ClauseTitle string `json:"clause_title"`
			Description string `json:"description,omitempty"`
		}
		out := make([]ruleJSON, 0, len(infos))
		for _, r := range infos {
			out = append(out, ruleJSON{r.ID, r.Category, r.Severity, r.Clause, r.ClauseTitle, r.Description})
		}
		return enc.Encode(map[string]any{"rules": out})
	case "text":
		tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tCATEGORY\tSEVERITY\tCLAUSE")
		for _, r := range infos {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s %s\n", r.ID, r.Category, r.Severity, r.Clause, r.ClauseTitle)
		}
		return tw.Flush()
	}
	return fmt.Errorf("%w: --format %q: want text or json", errUsage, *format)
}

// rulesTest runs every rule's examples: the default pack's, or with DIR an
// organisation's pack layered over it.
func (a *app) rulesTest(args []string) error {
	fl := flag.NewFlagSet("rules test", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	if err := fl.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	lint, err := a.newLinter(fl.Args(), true, engine.Options{})
	if err != nil {
		return err
	}
	fails := lint.CheckExamples()
	n := 0
	for _, r := range lint.Pack().Rules {
		n += len(r.Examples.Flag) + len(r.Examples.Pass)
	}
	for _, f := range fails {
		fmt.Fprintln(a.stdout, f.Error())
	}
	fmt.Fprintf(a.stdout, "%d rules, %d examples: %d passed, %d failed\n", len(lint.Pack().Rules), n, n-len(fails), len(fails))
	if len(fails) > 0 {
		return fmt.Errorf("%d rule examples failed", len(fails))
	}
	return nil
}

func (a *app) explain(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("%w: explain takes one rule id", errUsage)
	}
	lint, err := a.newLinter(nil, true, engine.Options{})
	if err != nil {
		return err
	}
	r := lint.Pack().Rule(args[0])
	if r == nil {
		var ids []string
		for _, r := range lint.Pack().Rules {
			if strings.Contains(r.ID, args[0]) || r.Category == args[0] {
				ids = append(ids, r.ID)
			}
		}
		if len(ids) > 0 {
			return fmt.Errorf("no rule %q; did you mean: %s", args[0], strings.Join(ids, ", "))
		}
		return fmt.Errorf("no rule %q (postlint rules lists them)", args[0])
	}
	w := a.stdout
	fmt.Fprintf(w, "%s  (%s, %s)\n\n", r.ID, r.Category, lint.Severity(r))
	fmt.Fprintf(w, "Policy clause %s: %s\n  %s\n\n", r.Clause.ID, r.Clause.Title, r.Clause.Text)
	if r.Clause.Why != "" || r.Description != "" {
		fmt.Fprintln(w, "Why it matters:")
		if r.Description != "" {
			fmt.Fprintf(w, "  %s\n", strings.TrimSpace(r.Description))
		}
		if r.Clause.Why != "" {
			fmt.Fprintf(w, "  %s\n", r.Clause.Why)
		}
		fmt.Fprintln(w)
	}
	if r.SuggestionSrc != "" {
		fmt.Fprintf(w, "What to do instead:\n  %s\n\n", strings.TrimSpace(r.SuggestionSrc))
	}
	if len(r.Examples.Flag) > 0 {
		fmt.Fprintln(w, "Flagged, for example:")
		for _, e := range r.Examples.Flag {
			fmt.Fprintf(w, "  ✗ %s\n", exampleLine(e.Post.Text))
		}
	}
	if len(r.Examples.Pass) > 0 {
		fmt.Fprintln(w, "Not flagged:")
		for _, e := range r.Examples.Pass {
			fmt.Fprintf(w, "  ✓ %s\n", exampleLine(e.Post.Text))
		}
	}
	return nil
}

func exampleLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "(a post with media or a reply; see the rule file)"
	}
	return s
}
