package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// configRepo makes a repository in a temporary directory: .git, the test
// rule pack in policy/rules, and .postlint.yaml with cfg at the root.
func configRepo(t *testing.T, cfg string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	copyTree(t, filepath.Join(root, "testdata/cli/rules"), filepath.Join(dir, "policy/rules"))
	if cfg != "" {
		writeFile(t, filepath.Join(dir, ".postlint.yaml"), cfg)
	}
	return dir
}

// disableLine is the configuration's disable list for the stable rules.
func disableLine(t *testing.T) string {
	t.Helper()
	ids, err := stableIDs()
	if err != nil {
		t.Fatal(err)
	}
	return "disable: [" + strings.Join(ids, ", ") + "]\n"
}

func TestConfigSettings(t *testing.T) {
	cfg := "rules: [policy/rules]\n" + disableLine(t) + `fail_on: warning
severity:
  nhs-number: warning
allow:
  phone-number: ["+44 1803 217398"]
defaults:
  account: corporate
  channel: instagram
`
	dir := configRepo(t, cfg)
	sub := filepath.Join(dir, "social", "queue")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, workdir, stdin string
		args                 []string
		code                 int
		has, lacks           []string
	}{
		{"found from a subdirectory", sub, phoneDraft, nil, 1, []string{"phone-number"}, nil},
		{"fail_on from the file", dir, phoneDraft, nil, 1, nil, nil},
		{"flag overrides fail_on", dir, phoneDraft, []string{"--fail-on", "error"}, 0, nil, nil},
		{"severity from the file", dir, nhsDraft, []string{"--fail-on", "error"}, 0, []string{"warning nhs-number"}, nil},
		{"flag overrides severity", dir, nhsDraft, []string{"--severity", "nhs-number=error"}, 1, []string{"error   nhs-number"}, nil},
		{"published number allowed", dir, "Call 01803 217398 to book", nil, 0, []string{"no findings"}, []string{"phone-number"}},
		{"other number still flagged", dir, "Call 01803 217399 to book", nil, 1, []string{"phone-number"}, nil},
		{"default account and channel", dir, "#cliofficial #cligram", []string{"--fail-on", "info"}, 1, []string{"cli-tag-corporate", "cli-tag-instagram"}, nil},
		{"rule disabled by the file", dir, "NHS no 943.476.5919", nil, 0, nil, []string{"cli-nhs-detector"}},
		{"flag re-enables a rule", dir, "NHS no 943.476.5919", []string{"--enable", "cli-nhs-detector"}, 1, []string{"cli-nhs-detector"}, nil},
		{"no-config", dir, nhsDraft, []string{"--no-config", "--fail-on", "never"}, 0, nil, []string{"cli-tag"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, tt.workdir, tt.stdin, append([]string{"check"}, tt.args...)...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\n%s", r.code, tt.code, r)
			}
			for _, s := range tt.has {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("output lacks %q\n%s", s, r)
				}
			}
			for _, s := range tt.lacks {
				if strings.Contains(r.stdout, s) {
					t.Errorf("output has %q\n%s", s, r)
				}
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name, cfg, want string
	}{
		{"unknown key", "fail_on: error\n\nfail_onn: warning\n", `.postlint.yaml:3:1: unknown key "fail_onn"`},
		{"unknown nested key", "defaults:\n  acount: corporate\n", `.postlint.yaml:2:3: unknown key "acount" in defaults`},
		{"bad fail_on", "fail_on: sometimes\n", ".postlint.yaml:1: fail_on"},
		{"bad severity", "severity:\n  insult: loud\n", ".postlint.yaml:2: severity of insult"},
		{"bad account", "defaults: {account: shared}\n", `.postlint.yaml:1: defaults.account: "shared"`},
		{"wrong type", "disable: insult\n", ".postlint.yaml:1: cannot unmarshal"},
		{"syntax", "disable: [insult\n", ".postlint.yaml:"},
		{"not a mapping", "- insult\n", ".postlint.yaml:1:1: expected a mapping"},
		{"unknown id in disable", "disable:\n  - insult\n  - no-such-rule\n", `.postlint.yaml:3: disable: no rule or category "no-such-rule"`},
		{"unknown id in severity", "severity:\n  nope: info\n", `.postlint.yaml:2: severity: no rule or category "nope"`},
		{"unknown id in allow", "allow:\n  phone-numbers: [\"01803 217398\"]\n", `.postlint.yaml:2: allow: no rule or category "phone-numbers"`},
		{"empty allow entry", "allow:\n  phone-number: [\"\"]\n", ".postlint.yaml:2: allow phone-number"},
		{"missing rules dir", "fail_on: error\nrules: [nope]\n", ".postlint.yaml:2: rules: no rules directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := configRepo(t, tt.cfg)
			r := run(t, dir, cleanDraft, "check")
			if r.code != 2 {
				t.Fatalf("exit %d, want 2\n%s", r.code, r)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr lacks %q\n%s", tt.want, r)
			}
		})
	}
}

func TestConfigFlagAndDiscovery(t *testing.T) {
	dir := configRepo(t, "")
	writeFile(t, filepath.Join(dir, "ci", "postlint.yaml"), "bogus: 1\n")
	r := run(t, dir, cleanDraft, "check", "--config", "ci/postlint.yaml")
	if r.code != 2 || !strings.Contains(r.stderr, "ci/postlint.yaml:1:1: unknown key \"bogus\"") {
		t.Errorf("--config with an unknown key: %s", r)
	}
	if r := run(t, dir, cleanDraft, "check", "--config", "ci/missing.yaml"); r.code != 2 || !strings.Contains(r.stderr, "missing.yaml") {
		t.Errorf("--config with a missing file: %s", r)
	}
	// A configuration above the repository root is not used.
	outer := t.TempDir()
	writeFile(t, filepath.Join(outer, ".postlint.yaml"), "bogus: 1\n")
	repo := filepath.Join(outer, "repo")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if r := run(t, repo, cleanDraft, "check"); r.code != 0 {
		t.Errorf("configuration above the repository root was read: %s", r)
	}
	// Without a repository the search goes up to the root of the file system.
	plain := filepath.Join(outer, "plain", "dir")
	if err := os.MkdirAll(plain, 0o755); err != nil {
		t.Fatal(err)
	}
	if r := run(t, plain, cleanDraft, "check"); r.code != 2 || !strings.Contains(r.stderr, "unknown key") {
		t.Errorf("configuration in a parent directory was not read: %s", r)
	}
}

// TestConfigREADME checks that the configuration example in the README is
// accepted, ids included.
func TestConfigREADME(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "## Configuration")
	if !ok {
		t.Fatal("README has no Configuration section")
	}
	_, rest, ok = strings.Cut(rest, "```yaml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("no yaml example in the Configuration section")
	}
	dir := configRepo(t, example)
	if err := os.MkdirAll(filepath.Join(dir, "policy", "rules"), 0o755); err != nil {
		t.Fatal(err)
	}
	// The baseline it names is written by the first run.
	if r := run(t, dir, cleanDraft, "check", "--write-baseline", ".postlint-baseline.json"); r.code != 0 {
		t.Errorf("write the README configuration's baseline: %s", r)
	}
	if r := run(t, dir, cleanDraft, "check"); r.code != 0 {
		t.Errorf("check with the README's configuration: %s", r)
	}
}
