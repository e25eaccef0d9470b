// Package config reads postlint's configuration file, .postlint.yaml.
//
// The file is found by looking in the working directory and then in each
// parent directory, up to the repository root (the first directory that
// holds .git) or the root of the file system; postlint check --config FILE
// names one instead. Every key is optional:
//
//	fail_on: error              # error | warning | info | never
//	rules: [policy/rules]       # extra rule directories, relative to this file
//	disable: [media-contact]    # rule or category ids to turn off
//	severity:                   # severity by rule or category id
//	  official-capacity-logo: info
//	allow:                      # extra allow-list entries by rule or category id
//	  phone-number: ["01803 217398"]
//	  insecure-messaging: ["@nhs.net"]
//	  patient-identifier: ["Doris Ellis"]
//	defaults:                   # for posts that leave them out
//	  account: personal         # personal | corporate
//	  channel: twitter
//	baseline: .postlint-baseline.json   # relative to this file
//
// Unknown keys and values of the wrong type are errors naming the file,
// line and column. Rule and category ids are checked against the rule pack
// by the caller, which can name their line with [Config.Where].
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/postlint/postlint/internal/finding"
)

// FileName is the name of the configuration file; AltFileName is accepted
// too.
const (
	FileName    = ".postlint.yaml"
	AltFileName = ".postlint.yml"
)

// A Config is a configuration file as read. Paths in it are made absolute,
// relative to the file's directory.
type Config struct {
	// Path is the file read (absolute).
	Path string
	// Name is the file's name in messages, as given to Parse or LoadNamed.
	Name string
	// FailOn is "", "error", "warning", "info" or "never".
	FailOn string
	// Rules are extra rule directories (absolute).
	Rules []string
	// Disable lists rule or category ids to turn off.
	Disable []string
	// Severity overrides severities by rule or category id.
	Severity map[string]finding.Severity
	// Allow adds allow-list entries by rule or category id.
	Allow map[string][]string
	// Defaults are the values given to posts that lack them.
	Defaults Defaults
	// Baseline is the baseline file to apply (absolute), or "".
	Baseline string

	// lines maps keys ("disable", "severity.insult", "allow.phone-number")
	// to the line where they are written.
	lines map[string]int
}

// Defaults are values for posts that leave them out.
type Defaults struct {
	Account string `yaml:"account"`
	Channel string `yaml:"channel"`
}

// file is the YAML layout.
type file struct {
	FailOn   string              `yaml:"fail_on"`
	Rules    []string            `yaml:"rules"`
	Disable  []string            `yaml:"disable"`
	Severity map[string]string   `yaml:"severity"`
	Allow    map[string][]string `yaml:"allow"`
	Defaults Defaults            `yaml:"defaults"`
	Baseline string              `yaml:"baseline"`
}

var (
	topKeys      = []string{"allow", "baseline", "defaults", "disable", "fail_on", "rules", "severity"}
	defaultsKeys = []string{"account", "channel"}
)

// An Error is a problem at a place in a configuration file.
type Error struct {
	File      string
	Line, Col int // 0 when unknown
	Err       error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Col > 0 {
			b.WriteString(":" + strconv.Itoa(e.Col))
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Find looks for the configuration file in dir and its parents, stopping at
// the first directory that holds .git (the repository root) or at the root
// of the file system. It returns "" when there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding %s: %w", FileName, err)
	}
	for {
		for _, name := range []string{FileName, AltFileName} {
			p := filepath.Join(dir, name)
			st, err := os.Stat(p)
			if err == nil && !st.IsDir() {
				return p, nil
			}
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				return "", fmt.Errorf("finding %s: %w", FileName, err)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and checks the configuration file at path.
func Load(path string) (*Config, error) { return LoadNamed(path, path) }

// LoadNamed is Load with the name errors give the file (a path relative to
// the working directory, say).
func LoadNamed(path, name string) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	c, err := Parse(name, filepath.Dir(abs), data)
	if c != nil {
		c.Path = abs
	}
	return c, err
}

// Parse reads a configuration from data. name is used in errors and as
// Config.Path; relative paths in the file are resolved against dir.
func Parse(name, dir string, data []byte) (*Config, error) {
	c := &Config{Path: name, Name: name, lines: map[string]int{}}
	if abs, err := filepath.Abs(name); err == nil {
		c.Path = abs
	}
	errAt := func(line, col int, format string, args ...any) error {
		return &Error{File: name, Line: line, Col: col, Err: fmt.Errorf(format, args...)}
	}

	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(name, err)
	}
	if len(doc.Content) == 0 {
		return c, nil // an empty file, or comments only
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return c, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, errAt(root.Line, root.Column, "expected a mapping of settings (%s)", strings.Join(topKeys, ", "))
	}
	if err := c.checkKeys(name, root, topKeys, ""); err != nil {
		return nil, err
	}

	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, errAt(extra.Line, extra.Column, "more than one YAML document")
	}

	switch f.FailOn {
	case "", "error", "warning", "info", "never":
		c.FailOn = f.FailOn
	default:
		return nil, errAt(c.lines["fail_on"], 0, "fail_on: %q is not error, warning, info or never", f.FailOn)
	}
	for _, d := range f.Rules {
		if strings.TrimSpace(d) == "" {
			return nil, errAt(c.lines["rules"], 0, "rules: empty directory name")
		}
		if !filepath.IsAbs(d) {
			d = filepath.Join(dir, d)
		}
		c.Rules = append(c.Rules, filepath.Clean(d))
	}
	for _, id := range f.Disable {
		if id = strings.TrimSpace(id); id != "" {
			c.Disable = append(c.Disable, id)
		}
	}
	if len(f.Severity) > 0 {
		c.Severity = map[string]finding.Severity{}
		for id, s := range f.Severity {
			sev, err := finding.ParseSeverity(s)
			if err != nil {
				return nil, errAt(c.line("severity."+id), 0, "severity of %s: %v", id, err)
			}
			c.Severity[id] = sev
		}
	}
	if len(f.Allow) > 0 {
		c.Allow = map[string][]string{}
		for id, entries := range f.Allow {
			for _, e := range entries {
				e = strings.TrimSpace(e)
				if e == "" || e == "*" || e == "@" {
					return nil, errAt(c.line("allow."+id), 0, "allow %s: %q allows nothing (or everything); give a number, a name, \"@domain\" or \"*suffix\"", id, e)
				}
				c.Allow[id] = append(c.Allow[id], e)
			}
		}
	}
	switch f.Defaults.Account {
	case "", "personal", "corporate":
	default:
		return nil, errAt(c.line("defaults.account"), 0, "defaults.account: %q is not personal or corporate", f.Defaults.Account)
	}
	c.Defaults = Defaults{Account: strings.TrimSpace(f.Defaults.Account), Channel: strings.TrimSpace(f.Defaults.Channel)}
	if b := strings.TrimSpace(f.Baseline); b != "" {
		if !filepath.IsAbs(b) {
			b = filepath.Join(dir, b)
		}
		c.Baseline = filepath.Clean(b)
	}
	return c, nil
}

// checkKeys checks the keys of mapping n against known and records their
// lines under prefix. It descends into the mappings it knows.
func (c *Config) checkKeys(name string, n *yaml.Node, known []string, prefix string) error {
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := prefix + k.Value
		if !slices.Contains(known, k.Value) {
			where := "configuration"
			if prefix != "" {
				where = strings.TrimSuffix(prefix, ".")
			}
			return &Error{File: name, Line: k.Line, Col: k.Column,
				Err: fmt.Errorf("unknown key %q in %s (known: %s)", k.Value, where, strings.Join(known, ", "))}
		}
		if seen[k.Value] {
			return &Error{File: name, Line: k.Line, Col: k.Column, Err: fmt.Errorf("key %q given twice", k.Value)}
		}
		seen[k.Value] = true
		c.lines[key] = k.Line
		switch {
		case key == "defaults" && v.Kind == yaml.MappingNode:
			if err := c.checkKeys(name, v, defaultsKeys, "defaults."); err != nil {
				return err
			}
		case (key == "severity" || key == "allow") && v.Kind == yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				c.lines[key+"."+v.Content[j].Value] = v.Content[j].Line
			}
		case (key == "disable" || key == "rules") && v.Kind == yaml.SequenceNode:
			for _, item := range v.Content {
				if _, dup := c.lines[key+"."+item.Value]; !dup {
					c.lines[key+"."+item.Value] = item.Line
				}
			}
		}
	}
	return nil
}

// line returns the line of key, else of its parent key, else 0.
func (c *Config) line(key string) int {
	for {
		if l, ok := c.lines[key]; ok {
			return l
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			return 0
		}
		key = key[:i]
	}
}

// Where returns "file:line" for a key of the file, such as "disable.insult"
// (an entry of disable), "severity.insult" or "fail_on", falling back to the
// enclosing key's line and then to the file alone.
func (c *Config) Where(key string) string {
	if c == nil {
		return ""
	}
	if l := c.line(key); l > 0 {
		return c.Name + ":" + strconv.Itoa(l)
	}
	return c.Name
}

// yamlLineRe finds the line in yaml.v3's error messages.
var yamlLineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlError turns a yaml.v3 error into errors naming the file and line.
func yamlError(name string, err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var errs []error
	for _, m := range msgs {
		if sm := yamlLineRe.FindStringSubmatch(m); sm != nil {
			line, _ := strconv.Atoi(sm[1])
			errs = append(errs, &Error{File: name, Line: line, Err: errors.New(sm[2])})
			continue
		}
		errs = append(errs, &Error{File: name, Err: errors.New(strings.TrimPrefix(m, "yaml: "))})
	}
	return errors.Join(errs...)
}
