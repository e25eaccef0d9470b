package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// privacyQueue holds identifiers in every field and in several spellings,
// with and without post ids, and a broken record next to one.
const privacyQueue = `{"id": "p-1", "text": "NHS no 943 476 5919 for the lady in bay 4, her son is on 07700 900417"}
{"text": "Mrs Ellis on ward 6, NHS number 9434765919, call 07700900417 or +44 7700 900417", "reply_to": {"author": "someone", "text": "my dad is 943-476-5919"}}
{"id": "p-3", "text": "photo from today", "media": [{"file": "943.476.5919.jpg", "alt_text": "Letter showing NHS number 943 476 5919"}]}
{"id": "p-4", "text": "NHS 401 023 2137 is broken
{"id": "p-5", "text": "two patients: 401 023 2137 and 943 476 5919"}
`

const privacyYAML = `- id: y-1
  text: "NHS no 943 476 5919, phone 07700 900417"
- id: y-2
  text: [943 476 5919
`

// secretTails are the digits masking hides: no output may show them after
// the first three digits of a number.
var secretTails = []string{"4765919", "900417", "0232137"}

// digitRun finds runs of digits and the separators numbers are written with.
var digitRun = regexp.MustCompile(`[0-9][0-9 .+()-]*[0-9]`)

// leaks returns the identifiers s shows unmasked.
func leaks(s string) []string {
	var out []string
	for _, run := range digitRun.FindAllString(s, -1) {
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, run)
		for _, tail := range secretTails {
			if strings.Contains(digits, tail) {
				out = append(out, run)
			}
		}
	}
	for _, name := range []string{"Ellis"} {
		if strings.Contains(s, name) {
			out = append(out, name)
		}
	}
	return out
}

// TestPrivacy checks that no identifier appears unmasked in any format
// written to a file or a pipe (a CI log), nor in a baseline file, whatever
// rules find it: the whole default pack runs with the test rules.
func TestPrivacy(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/cli/rules"), filepath.Join(dir, "rules"))
	writeFile(t, filepath.Join(dir, "queue.jsonl"), privacyQueue)
	writeFile(t, filepath.Join(dir, "queue.yaml"), privacyYAML)
	base := []string{"check", "--no-config", "--rules", "rules"}
	files := []string{"queue.jsonl", "queue.yaml"}

	for _, format := range []string{"json", "sarif", "github", "junit", "text"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			out := format + ".out"
			r := run(t, dir, "", args(base, []string{"--format", format, "--output", out, "--output-format", format}, files)...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2 for the broken records\n%s", r.code, r)
			}
			if !strings.Contains(r.stdout, "943") {
				t.Fatalf("nothing found:\n%s", r)
			}
			if l := leaks(r.stdout + r.stderr); len(l) > 0 {
				t.Errorf("--format %s shows %q unmasked:\n%s", format, l, r)
			}
			data, err := os.ReadFile(filepath.Join(dir, out))
			if err != nil {
				t.Fatal(err)
			}
			if l := leaks(string(data)); len(l) > 0 {
				t.Errorf("--output %s shows %q unmasked:\n%s", out, l, data)
			}
		})
	}

	t.Run("baseline", func(t *testing.T) {
		t.Parallel()
		r := run(t, dir, "", args(base, []string{"--format", "json", "--write-baseline", "baseline.json"}, files)...)
		if r.code != 2 || !strings.Contains(r.stderr, "recorded") {
			t.Fatalf("write-baseline: %s", r)
		}
		data, err := os.ReadFile(filepath.Join(dir, "baseline.json"))
		if err != nil {
			t.Fatal(err)
		}
		if l := leaks(string(data)); len(l) > 0 || strings.Contains(string(data), "943") {
			t.Errorf("baseline file shows %q:\n%s", l, data)
		}
	})

	t.Run("show-matches", func(t *testing.T) {
		t.Parallel()
		// The check above would notice a leak: --show-matches shows them.
		r := run(t, dir, "", args(base, []string{"--format", "json", "--show-matches"}, files)...)
		if len(leaks(r.stdout)) == 0 {
			t.Errorf("--show-matches shows no identifier:\n%s", r)
		}
	})
}
