package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/finding"
)

func TestParseFull(t *testing.T) {
	src := `fail_on: warning
rules: [policy/rules, /abs/rules]
disable:
  - media-contact
  - insult-mild-swearing
severity:
  official-capacity-logo: info
  insult: error
allow:
  phone-number: ["01803 217398", "+44 1803 000000"]
  insecure-messaging: ["@nhs.net"]
defaults:
  account: corporate
  channel: twitter
baseline: ci/baseline.json
`
	c, err := Parse("cfg/.postlint.yaml", "/repo/cfg", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != "warning" {
		t.Errorf("FailOn = %q", c.FailOn)
	}
	if want := []string{"/repo/cfg/policy/rules", "/abs/rules"}; strings.Join(c.Rules, ",") != strings.Join(want, ",") {
		t.Errorf("Rules = %v, want %v", c.Rules, want)
	}
	if strings.Join(c.Disable, ",") != "media-contact,insult-mild-swearing" {
		t.Errorf("Disable = %v", c.Disable)
	}
	if c.Severity["official-capacity-logo"] != finding.Info || c.Severity["insult"] != finding.Error {
		t.Errorf("Severity = %v", c.Severity)
	}
	if len(c.Allow["phone-number"]) != 2 || c.Allow["insecure-messaging"][0] != "@nhs.net" {
		t.Errorf("Allow = %v", c.Allow)
	}
	if c.Defaults != (Defaults{Account: "corporate", Channel: "twitter"}) {
		t.Errorf("Defaults = %+v", c.Defaults)
	}
	if c.Baseline != "/repo/cfg/ci/baseline.json" {
		t.Errorf("Baseline = %q", c.Baseline)
	}
	for key, want := range map[string]string{
		"disable.insult-mild-swearing": "cfg/.postlint.yaml:5",
		"severity.insult":              "cfg/.postlint.yaml:8",
		"allow.insecure-messaging":     "cfg/.postlint.yaml:11",
		"allow.nope":                   "cfg/.postlint.yaml:9",
		"fail_on":                      "cfg/.postlint.yaml:1",
		"nothing":                      "cfg/.postlint.yaml",
	} {
		if got := c.Where(key); got != want {
			t.Errorf("Where(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n", "~\n"} {
		c, err := Parse("c.yaml", "/", []byte(src))
		if err != nil || c.FailOn != "" || len(c.Disable) != 0 {
			t.Errorf("%q: %+v, %v", src, c, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"fail_on: error\nfailon: warning\n", `c.yaml:2:1: unknown key "failon" in configuration (known: allow, baseline, defaults, disable, fail_on, rules, severity)`},
		{"defaults:\n  acount: corporate\n", `c.yaml:2:3: unknown key "acount" in defaults (known: account, channel)`},
		{"fail_on: error\nfail_on: never\n", `c.yaml:2:1: key "fail_on" given twice`},
		{"fail_on: maybe\n", `c.yaml:1: fail_on: "maybe" is not error, warning, info or never`},
		{"severity:\n  insult: loud\n", `c.yaml:2: severity of insult: unknown severity "loud"`},
		{"disable: insult\n", "c.yaml:1: cannot unmarshal"},
		{"rules: {a: b}\n", "c.yaml:1: cannot unmarshal"},
		{"allow:\n  phone-number: \"01803\"\n", "c.yaml:2: cannot unmarshal"},
		{"allow:\n  phone-number: [\"*\"]\n", "c.yaml:2: allow phone-number"},
		{"defaults: {account: team}\n", `c.yaml:1: defaults.account: "team"`},
		{"[a, b]\n", "c.yaml:1:1: expected a mapping"},
		{"disable: [a\n", "c.yaml:"},
		{"fail_on: error\n---\nfail_on: never\n", "more than one YAML document"},
		{"rules: ['']\n", "c.yaml:1: rules: empty directory name"},
	}
	for _, tt := range tests {
		_, err := Parse("c.yaml", "/", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.src, err, tt.want)
		}
		var ce *Error
		if err != nil && !errors.As(err, &ce) {
			t.Errorf("%q: %T is not a *config.Error", tt.src, err)
		}
	}
}

func TestStarter(t *testing.T) {
	c, err := Parse("starter.yaml", "/", []byte(Starter))
	if err != nil {
		t.Fatalf("the starter configuration does not parse: %v", err)
	}
	if c.FailOn != "error" || c.Defaults.Account != "personal" || len(c.Disable) != 0 || len(c.Allow) != 0 {
		t.Errorf("starter = %+v", c)
	}
	// Every commented example parses too once uncommented.
	var b strings.Builder
	for line := range strings.Lines(Starter) {
		if rest, ok := strings.CutPrefix(line, "#  "); ok {
			line = "  " + rest
		} else if rest, ok := strings.CutPrefix(line, "  #  "); ok {
			line = "  " + rest
		} else if rest, ok := strings.CutPrefix(line, "# baseline:"); ok {
			line = "baseline:" + rest
		}
		b.WriteString(line)
	}
	full := strings.NewReplacer("rules: []", "rules:", "disable: []", "disable:", "severity: {}", "severity:",
		"phone-number: []", "phone-number:", "insecure-messaging: []", "insecure-messaging:", "patient-identifier: []", "patient-identifier:").Replace(b.String())
	c, err = Parse("starter.yaml", "/repo", []byte(full))
	if err != nil {
		t.Fatalf("the starter's examples do not parse: %v\n%s", err, full)
	}
	if len(c.Rules) != 1 || len(c.Disable) != 1 || len(c.Severity) != 2 || len(c.Allow) != 3 || c.Baseline == "" {
		t.Errorf("uncommented starter = %+v\n%s", c, full)
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	sub := filepath.Join(repo, "a", "b")
	must(t, os.MkdirAll(sub, 0o755))
	must(t, os.Mkdir(filepath.Join(repo, ".git"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, FileName), nil, 0o644))

	if p, err := Find(sub); err != nil || p != "" {
		t.Errorf("Find above the repository root = %q, %v", p, err)
	}
	must(t, os.WriteFile(filepath.Join(repo, AltFileName), nil, 0o644))
	if p, err := Find(sub); err != nil || p != filepath.Join(repo, AltFileName) {
		t.Errorf("Find = %q, %v", p, err)
	}
	must(t, os.WriteFile(filepath.Join(repo, "a", FileName), nil, 0o644))
	if p, err := Find(sub); err != nil || p != filepath.Join(repo, "a", FileName) {
		t.Errorf("Find nearest = %q, %v", p, err)
	}
	// A directory named like the file is not the file.
	must(t, os.Mkdir(filepath.Join(sub, FileName), 0o755))
	if p, _ := Find(sub); p != filepath.Join(repo, "a", FileName) {
		t.Errorf("Find took a directory: %q", p)
	}
}

func TestLoadNamed(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	must(t, os.WriteFile(p, []byte("rules: [r]\nbogus: 1\n"), 0o644))
	_, err := LoadNamed(p, "short.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "short.yaml:2:1: ") {
		t.Errorf("LoadNamed error = %v", err)
	}
	must(t, os.WriteFile(p, []byte("rules: [r]\n"), 0o644))
	c, err := Load(p)
	if err != nil || c.Path != p || c.Rules[0] != filepath.Join(dir, "r") {
		t.Errorf("Load = %+v, %v", c, err)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("missing file accepted")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
