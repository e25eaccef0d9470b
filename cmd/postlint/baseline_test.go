package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// baselineQueue has posts with and without their own ids.
const baselineQueue = `{"id": "b-1", "text": "NHS no 943 476 5919 on the notes"}
{"text": "Ring me on 07700 900417 after my shift"}
{"text": "Thank you to the night team, you were brilliant."}
{"text": "Two numbers: 401 023 2137 and 401 023 2137 again"}
`

func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/cli/rules"), filepath.Join(dir, "rules"))
	writeFile(t, filepath.Join(dir, "queue.jsonl"), baselineQueue)
	s := stable(t, "rules")
	check := func(extra ...string) result {
		return run(t, dir, "", args([]string{"check"}, s, []string{"--fail-on", "warning", "--format", "json"}, extra)...)
	}

	// Without a baseline: the findings count.
	if r := check("queue.jsonl"); r.code != 1 {
		t.Fatalf("no baseline: %s", r)
	}
	// Writing a baseline records them; they are reported as suppressed.
	r := check("--write-baseline", ".postlint-baseline.json", "queue.jsonl")
	if r.code != 0 || !strings.Contains(r.stderr, "recorded 4 findings in .postlint-baseline.json") {
		t.Fatalf("write-baseline: %s", r)
	}
	doc := decodeReport(t, r.stdout)
	if doc.Summary.Suppressed != 4 || doc.Summary.Blocking != 0 {
		t.Errorf("write-baseline summary = %+v", doc.Summary)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".postlint-baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	file := string(data)
	if !strings.Contains(file, `"version": 1`) || !strings.Contains(file, `"post": "b-1"`) || strings.Contains(file, "queue.jsonl:") {
		t.Errorf("baseline file:\n%s", file)
	}
	if m := regexp.MustCompile(`\d{3}[ -]?\d{3}|\b(shift|night|notes|numbers)\b`).FindString(file); m != "" {
		t.Errorf("baseline file holds post text or numbers (%q):\n%s", m, file)
	}

	// With the baseline: nothing new, exit 0, the findings listed as
	// suppressed by the baseline.
	r = check("--baseline", ".postlint-baseline.json", "queue.jsonl")
	if r.code != 0 {
		t.Fatalf("with baseline: %s", r)
	}
	doc = decodeReport(t, r.stdout)
	kinds := 0
	for _, p := range doc.Posts {
		for _, f := range p.Findings {
			if f.Suppressed != nil && f.Suppressed.Kind == "baseline" && f.Suppressed.Reason == "recorded in .postlint-baseline.json" {
				kinds++
			}
		}
		if p.Verdict != "ok" {
			t.Errorf("post %s: verdict %s with every finding in the baseline", p.ID, p.Verdict)
		}
	}
	if kinds != 4 {
		t.Errorf("%d findings marked as baseline, want 4\n%s", kinds, r.stdout)
	}

	// Reordered, moved to another file, with other posts added: only the
	// new findings count.
	lines := strings.SplitAfter(strings.TrimSuffix(baselineQueue, "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\n") + "\n"
	}
	slices.Reverse(lines)
	moved := "{\"text\": \"A new post: call me on 07700 900123\"}\n" + strings.Join(lines, "") +
		"{\"id\": \"b-9\", \"text\": \"NHS no 943 476 5919 again\"}\n"
	writeFile(t, filepath.Join(dir, "moved", "other.jsonl"), moved)
	r = check("--baseline", ".postlint-baseline.json", "moved/other.jsonl")
	if r.code != 1 {
		t.Fatalf("moved queue: %s", r)
	}
	doc = decodeReport(t, r.stdout)
	var open []string
	for _, p := range doc.Posts {
		for _, f := range p.Findings {
			if f.Suppressed == nil {
				open = append(open, fmt.Sprintf("%s %s", p.ID, f.Rule))
			}
		}
	}
	want := []string{"other.jsonl:1 phone-number", "b-9 nhs-number"}
	if !slices.Equal(open, want) {
		t.Errorf("unsuppressed findings %v, want %v\n%s", open, want, r.stdout)
	}
	if doc.Summary.Suppressed != 4 {
		t.Errorf("summary %+v: want the 4 old findings suppressed", doc.Summary)
	}

	// A fixed finding leaves an unused entry, which is reported.
	writeFile(t, filepath.Join(dir, "fixed.jsonl"), strings.Replace(baselineQueue, "943 476 5919", "[removed]", 1))
	r = check("--baseline", ".postlint-baseline.json", "fixed.jsonl")
	if r.code != 0 || !strings.Contains(r.stderr, "1 finding recorded in the baseline no longer occur") {
		t.Errorf("fixed finding: %s", r)
	}

	// A second identical finding in a post is new: counts are kept.
	writeFile(t, filepath.Join(dir, "more.jsonl"), strings.Replace(baselineQueue, "and 401 023 2137 again", "and 401 023 2137 and 401 023 2137", 1))
	if r := check("--baseline", ".postlint-baseline.json", "more.jsonl"); r.code != 1 {
		t.Errorf("extra identical finding: %s", r)
	}
}

func TestBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/cli/rules"), filepath.Join(dir, "rules"))
	writeFile(t, filepath.Join(dir, "queue.jsonl"), baselineQueue)
	for _, tt := range []struct{ name, content, want string }{
		{"syntax", "{\n  \"version\": 1,\n  \"findings\": [\n    {\"fingerprint\": }\n  ]\n}\n", "bl.json:4: "},
		{"unknown field", "{\"version\": 1, \"findings\": [{\"fingerprint\": \"ab\", \"text\": \"x\"}]}", "bl.json"},
		{"version", "{\"version\": 2, \"findings\": []}", "baseline version 2"},
		{"no fingerprint", "{\"version\": 1, \"findings\": [{\"rule\": \"x\"}]}", "no fingerprint"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			writeFile(t, filepath.Join(dir, "bl.json"), tt.content)
			r := run(t, dir, "", args([]string{"check"}, stable(t, "rules"), []string{"--baseline", "bl.json", "queue.jsonl"})...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, want 2 and %q\n%s", r.code, tt.want, r)
			}
		})
	}
	r := run(t, dir, "", args([]string{"check"}, stable(t, "rules"), []string{"--baseline", "missing.json", "queue.jsonl"})...)
	if r.code != 2 || !strings.Contains(r.stderr, "missing.json") {
		t.Errorf("missing baseline: %s", r)
	}
	// The configuration can name the baseline, relative to itself.
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	r = run(t, dir, "", args([]string{"check"}, stable(t, "rules"), []string{"--write-baseline", "ci/bl.json", "queue.jsonl"})...)
	if r.code != 2 || !strings.Contains(r.stderr, "no directory ci") || r.stdout != "" {
		t.Errorf("write-baseline to a missing directory: %s", r)
	}
	if err := os.Mkdir(filepath.Join(dir, "ci"), 0o755); err != nil {
		t.Fatal(err)
	}
	r = run(t, dir, "", args([]string{"check"}, stable(t, "rules")[1:], []string{"--write-baseline", "ci/bl.json", "queue.jsonl"})...)
	if r.code != 0 {
		t.Fatalf("write-baseline: %s", r)
	}
	writeFile(t, filepath.Join(dir, "ci", "postlint.yaml"), "baseline: bl.json\n")
	r = run(t, dir, "", args([]string{"check"}, stable(t, "rules")[1:], []string{"--config", "ci/postlint.yaml", "--fail-on", "info", "queue.jsonl"})...)
	if r.code != 0 {
		t.Errorf("baseline from the configuration: %s", r)
	}
}
