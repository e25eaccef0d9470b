package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite testdata/cli/*.golden")

// root is the module's root directory, relative to this package.
const root = "../.."

// result is what one in-process run of the command printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// run runs the command in-process in workdir with stdin as standard input.
func run(t *testing.T, workdir, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv:  func(string) string { return "" },
		workdir: workdir,
	}
	code := a.run(context.Background(), args)
	return result{code, out.String(), errb.String()}
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// stableIDs lists the rules to disable so that only the pattern and tag
// rules of testdata/cli/rules run (nhs-number and phone-number, which
// replace the default rules of those ids, and cli-tag-*): every other rule
// of the default pack, which is tuned as it grows, and the cli-*-detector
// rules, whose confidences follow the detectors.
var stableIDs = sync.OnceValues(func() ([]string, error) {
	pack, _, err := loadPack([]string{filepath.Join(root, "testdata/cli/rules")}, true, false)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range pack.Rules {
		if r.ID != "nhs-number" && r.ID != "phone-number" && !strings.HasPrefix(r.ID, "cli-tag-") {
			ids = append(ids, r.ID)
		}
	}
	return ids, nil
})

// stable returns the flags that run only the stable test rules, without a
// configuration file. rulesDir is the test rule pack as seen from the
// working directory.
func stable(t *testing.T, rulesDir string) []string {
	t.Helper()
	ids, err := stableIDs()
	if err != nil {
		t.Fatal(err)
	}
	return []string{"--no-config", "--rules", rulesDir, "--disable", strings.Join(ids, ",")}
}

func args(lists ...[]string) []string { return slices.Concat(lists...) }

const (
	cleanDraft = "Thank you to the night team, you were brilliant."
	nhsDraft   = "Can someone check the notes for NHS no 943 476 5919 please"
	phoneDraft = "Ring me on 07700 900417 after my shift"
)

func TestCheckExitCodes(t *testing.T) {
	dir := moduleRoot(t)
	s := stable(t, "testdata/cli/rules")
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string // a substring of standard output, if set
		stderr string // a substring of standard error, if set
	}{
		{"clean draft", cleanDraft, nil, 0, "no findings", ""},
		{"error finding", nhsDraft, nil, 1, "nhs-number", ""},
		{"stdin dash", nhsDraft, []string{"-"}, 1, "nhs-number", ""},
		{"fail-on never", nhsDraft, []string{"--fail-on", "never"}, 0, "nhs-number", ""},
		{"warning below fail-on", phoneDraft, nil, 0, "phone-number", ""},
		{"fail-on warning", phoneDraft, []string{"--fail-on", "warning"}, 1, "phone-number", ""},
		{"fail-on info", phoneDraft, []string{"--fail-on", "info"}, 1, "", ""},
		{"disable rule", nhsDraft, []string{"--disable", "nhs-number"}, 0, "no findings", ""},
		{"disable category", nhsDraft, []string{"--disable", "nhs-number"}, 0, "no findings", ""},
		{"severity override", nhsDraft, []string{"--severity", "nhs-number=warning"}, 0, "warning", ""},
		{"severity by category", phoneDraft, []string{"--severity", "phone-number=error"}, 1, "", ""},
		{"json on stdin", nhsDraft, []string{"--format", "json"}, 1, `"category":"nhs-number"`, ""},
		{"unknown format", cleanDraft, []string{"--format", "xml"}, 2, "", "unknown format"},
		{"unknown output format", cleanDraft, []string{"--output", "x.out", "--output-format", "xml"}, 2, "", "--output-format"},
		{"bad fail-on", cleanDraft, []string{"--fail-on", "sometimes"}, 2, "", "--fail-on"},
		{"unknown disable id", cleanDraft, []string{"--disable", "no-such-rule"}, 2, "", `no rule or category "no-such-rule"`},
		{"bad severity flag", cleanDraft, []string{"--severity", "insult"}, 2, "", "ID=LEVEL"},
		{"unknown flag", cleanDraft, []string{"--frobnicate"}, 2, "", "frobnicate"},
		{"config and no-config", cleanDraft, []string{"--config", "x.yaml"}, 2, "", "--no-config"},
		{"missing file", "", []string{"testdata/cli/nope.jsonl"}, 2, "testdata/cli/nope.jsonl", ""},
		{"unknown extension", "", []string{"testdata/cli/rules"}, 2, "unknown queue format", ""},
		{"missing rules dir", cleanDraft, []string{"--rules", "testdata/cli/nope"}, 2, "", "rules directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, dir, tt.stdin, args([]string{"check"}, s, tt.args)...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\n%s", r.code, tt.code, r)
			}
			if tt.stdout != "" && !strings.Contains(r.stdout, tt.stdout) {
				t.Errorf("stdout lacks %q\n%s", tt.stdout, r)
			}
			if tt.stderr != "" && !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr lacks %q\n%s", tt.stderr, r)
			}
		})
	}
}

func TestCheckMalformedRecord(t *testing.T) {
	dir := moduleRoot(t)
	for _, format := range []string{"text", "json", "github", "sarif", "junit"} {
		t.Run(format, func(t *testing.T) {
			r := run(t, dir, "", args([]string{"check"}, stable(t, "testdata/cli/rules"), []string{"--format", format, "testdata/cli/malformed.jsonl"})...)
			if r.code != 2 {
				t.Fatalf("exit %d, want 2\n%s", r.code, r)
			}
			if !strings.Contains(r.stdout, "testdata/cli/malformed.jsonl:2") {
				t.Errorf("output does not name malformed.jsonl:2\n%s", r)
			}
			if format == "github" && !strings.Contains(r.stdout, "::error file=testdata/cli/malformed.jsonl,line=2,") {
				t.Errorf("no annotation on line 2\n%s", r)
			}
			if format == "json" {
				// The records around the broken one are still checked.
				for _, id := range []string{`"id":"m-1"`, `"id":"m-3"`} {
					if !strings.Contains(r.stdout, id) {
						t.Errorf("post %s missing\n%s", id, r)
					}
				}
			}
		})
	}
}

// TestCheckThousandPosts checks that one bad post among a thousand makes
// exactly one annotation, on its line.
func TestCheckThousandPosts(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/cli/rules"), filepath.Join(dir, "rules"))
	const n, bad = 1000, 637
	var b strings.Builder
	for i := 1; i <= n; i++ {
		text := fmt.Sprintf("Post %d: thank you to everyone who came to the fun run on Saturday.", i)
		if i == bad {
			text = nhsDraft
		}
		fmt.Fprintf(&b, "{\"id\": \"q-%d\", \"text\": %q}\n", i, text)
	}
	writeFile(t, filepath.Join(dir, "queue.jsonl"), b.String())

	r := run(t, dir, "", args([]string{"check"}, stable(t, "rules"), []string{"--format", "github", "queue.jsonl"})...)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r)
	}
	var errs, others []string
	for line := range strings.Lines(r.stdout) {
		switch {
		case strings.HasPrefix(line, "::error"):
			errs = append(errs, line)
		case strings.HasPrefix(line, "::"):
			others = append(others, line)
		}
	}
	if len(errs) != 1 || len(others) != 0 {
		t.Fatalf("%d ::error and %d other annotations, want exactly one ::error:\n%s", len(errs), len(others), r.stdout)
	}
	want := fmt.Sprintf("::error file=queue.jsonl,line=%d,title=postlint nhs-number", bad)
	if !strings.HasPrefix(errs[0], want) {
		t.Errorf("annotation %q, want it to start %q", errs[0], want)
	}
	if !strings.Contains(errs[0], fmt.Sprintf("Post q-%d", bad)) || strings.Contains(errs[0], "476 5919") {
		t.Errorf("annotation %q: want the post id and a masked match", errs[0])
	}
	if !strings.Contains(r.stdout, "1000 posts checked") {
		t.Errorf("no summary\n%s", r.stdout)
	}
}

func TestCheckStdinText(t *testing.T) {
	dir := moduleRoot(t)
	r := run(t, dir, "Morning all!\n"+nhsDraft+"\n", args([]string{"check"}, stable(t, "testdata/cli/rules"), []string{"--format", "json"})...)
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	var doc struct {
		Posts []struct {
			ID       string
			Findings []struct {
				Category string
				Match    string
				Span     struct{ Line, Column int }
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(doc.Posts) != 1 || doc.Posts[0].ID != "stdin" || len(doc.Posts[0].Findings) != 1 {
		t.Fatalf("posts = %+v", doc.Posts)
	}
	f := doc.Posts[0].Findings[0]
	if f.Category != "nhs-number" || f.Match != "943 *** ****" || f.Span.Line != 2 || f.Span.Column != 40 {
		t.Errorf("finding = %+v", f)
	}
}

// TestCheckFormatsAndOutput checks every format and the --output file.
func TestCheckFormatsAndOutput(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/cli"), dir)
	s := stable(t, "rules")
	sch := sarifSchema(t)

	r := run(t, dir, "", args([]string{"check"}, s, []string{"--format", "github", "--output", "results.sarif", "queue.jsonl"})...)
	if r.code != 1 || !strings.Contains(r.stdout, "::error file=queue.jsonl,line=3,") {
		t.Fatalf("github output:\n%s", r)
	}
	sarif := readJSON(t, filepath.Join(dir, "results.sarif"))
	if err := sch.Validate(sarif); err != nil {
		t.Errorf("results.sarif is not valid SARIF 2.1.0: %v", err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Rules []struct{ ID string } }
			}
			Results []struct {
				RuleID       string
				Suppressions []struct{ Kind, Justification string }
			}
		}
	}
	remarshal(t, sarif, &log)
	if len(log.Runs) != 1 {
		t.Fatalf("runs = %+v", log.Runs)
	}
	var rules []string
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		rules = append(rules, r.ID)
	}
	if !slices.Contains(rules, "nhs-number") || !slices.Contains(rules, "postlint-suppression") {
		t.Errorf("driver rules lack the test rules: %v", rules)
	}
	var inSource int
	for _, res := range log.Runs[0].Results {
		for _, s := range res.Suppressions {
			if s.Kind == "inSource" && s.Justification == "the leaflet's published test number" {
				inSource++
			}
		}
	}
	if inSource != 1 {
		t.Errorf("want the inline suppression of q-4 in SARIF: %+v", log.Runs[0].Results)
	}

	for _, tt := range []struct{ format, output, want string }{
		{"json", "report.json", `"posts"`},
		{"junit", "report.xml", "<testsuites"},
		{"text", "report.sarif.json", `"version": "2.1.0"`},
	} {
		r := run(t, dir, "", args([]string{"check"}, s, []string{"--format", tt.format, "--output", tt.output, "queue.jsonl"})...)
		if r.code != 1 {
			t.Errorf("%s: exit %d\n%s", tt.format, r.code, r)
		}
		data, err := os.ReadFile(filepath.Join(dir, tt.output))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), tt.want) {
			t.Errorf("%s: --output %s lacks %q:\n%s", tt.format, tt.output, tt.want, data)
		}
	}
	r = run(t, dir, "", args([]string{"check"}, s, []string{"--format", "sarif", "queue.jsonl"})...)
	if r.code != 1 {
		t.Fatalf("sarif: %s", r)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(r.stdout))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("--format sarif is not valid SARIF 2.1.0: %v", err)
	}
}

// TestCheckSuppressions checks per-post suppressions in the JSON output:
// one with a reason is listed as suppressed, one without is not applied and
// adds a warning.
func TestCheckSuppressions(t *testing.T) {
	dir := moduleRoot(t)
	r := run(t, dir, "", args([]string{"check"}, stable(t, "testdata/cli/rules"), []string{"--format", "json", "testdata/cli/queue.jsonl"})...)
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	doc := decodeReport(t, r.stdout)
	byID := map[string]reportPost{}
	for _, p := range doc.Posts {
		byID[p.ID] = p
	}
	q4 := byID["q-4"]
	if len(q4.Findings) != 1 || q4.Findings[0].Suppressed == nil || q4.Findings[0].Suppressed.Kind != "inline" ||
		q4.Findings[0].Suppressed.Reason != "the leaflet's published test number" || q4.Verdict != "ok" {
		t.Errorf("q-4 (suppressed with a reason) = %+v", q4)
	}
	q5 := byID["q-5"]
	var phone, warn bool
	for _, f := range q5.Findings {
		switch f.Rule {
		case "phone-number":
			phone = f.Suppressed == nil
		case "postlint-suppression":
			warn = f.Suppressed == nil && f.Severity == "warning" && f.Category == "phone-number" &&
				strings.Contains(f.Message, "suppression without a reason")
		}
	}
	if !phone || !warn || q5.Verdict != "review" {
		t.Errorf("q-5 (suppressed without a reason) = %+v", q5)
	}
	if doc.Summary.Suppressed != 1 {
		t.Errorf("summary = %+v", doc.Summary)
	}
	// A reasonless suppression fails the build when its severity is raised.
	r = run(t, dir, "", args([]string{"check"}, stable(t, "testdata/cli/rules"), []string{"--severity", "postlint-suppression=error", "--fail-on", "error", "--disable", "nhs-number", "testdata/cli/queue.jsonl"})...)
	if r.code != 1 || !strings.Contains(r.stdout, "postlint-suppression") {
		t.Errorf("severity of postlint-suppression: %s", r)
	}
}

// TestCheckGoldenJSON is the end-to-end golden test of check --format json.
func TestCheckGoldenJSON(t *testing.T) {
	dir := moduleRoot(t)
	r := run(t, dir, "", args([]string{"check"}, stable(t, "testdata/cli/rules"), []string{"--format", "json", "testdata/cli/queue.jsonl"})...)
	if r.code != 1 || r.stderr != "" {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	golden := filepath.Join(dir, "testdata/cli/check_json.golden")
	if *update {
		writeFile(t, golden, r.stdout)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestCheckGoldenJSON -update to write it)", err)
	}
	if r.stdout != string(want) {
		t.Errorf("check --format json differs from %s (go test -run TestCheckGoldenJSON -update rewrites it):\n%s", golden, r.stdout)
	}
}

// TestInit checks that postlint init writes a configuration that check
// accepts, and refuses to overwrite one without --force.
func TestInit(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "", "init")
	if r.code != 0 {
		t.Fatalf("init: %s", r)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".postlint.yaml"))
	if err != nil || !strings.Contains(string(data), "fail_on: error") {
		t.Fatalf("starter config: %v\n%s", err, data)
	}
	if r := run(t, dir, cleanDraft, "check"); r.code != 0 {
		t.Errorf("check with the starter config: %s", r)
	}
	writeFile(t, filepath.Join(dir, ".postlint.yaml"), "fail_on: warning\n")
	if r := run(t, dir, "", "init"); r.code != 2 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("init over an existing file: %s", r)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, ".postlint.yaml")); string(data) != "fail_on: warning\n" {
		t.Errorf("init replaced the file without --force")
	}
	if r := run(t, dir, "", "init", "--force"); r.code != 0 {
		t.Errorf("init --force: %s", r)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, ".postlint.yaml")); !strings.Contains(string(data), "fail_on: error") {
		t.Errorf("init --force did not replace the file")
	}
	if r := run(t, dir, "", "init", "other.yaml"); r.code != 0 {
		t.Errorf("init other.yaml: %s", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "other.yaml")); err != nil {
		t.Error(err)
	}
}

// Helpers.

type reportPost struct {
	ID       string
	Verdict  string
	Score    int
	Error    string
	Findings []struct {
		Rule, Category, Severity, Message, Match string
		Suppressed                               *struct{ Kind, Reason string }
	}
}

type reportDoc struct {
	Posts   []reportPost
	Summary struct {
		Posts, Suppressed, Blocking int
	}
}

func decodeReport(t *testing.T, s string) reportDoc {
	t.Helper()
	var doc reportDoc
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		t.Fatalf("%v\n%s", err, s)
	}
	return doc
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies the regular files under src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func readJSON(t *testing.T, path string) any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

func remarshal(t *testing.T, in, out any) {
	t.Helper()
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatal(err)
	}
}

// noRemote refuses to fetch schemas over the network.
type noRemote struct{}

func (noRemote) Load(url string) (any, error) {
	return nil, errors.New("remote loading disabled in tests: " + url)
}

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	const id = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	doc := readJSON(t, filepath.Join(root, "testdata/report/sarif-schema-2.1.0.json"))
	c := jsonschema.NewCompiler()
	c.UseLoader(noRemote{})
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}
