package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// action is the part of action.yml the tests read.
type action struct {
	Name   string
	Inputs map[string]struct {
		Description string
		Required    bool
		Default     *string
	}
	Outputs map[string]struct{ Value string }
	Runs    struct {
		Using string
		Steps []struct {
			Name, ID, Uses, If, Shell, Run string
			Env                            map[string]string
			With                           map[string]string
		}
	}
}

// hook is one entry of .pre-commit-hooks.yaml.
type hook struct {
	ID            string   `yaml:"id"`
	Name          string   `yaml:"name"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	Files         string   `yaml:"files"`
	Exclude       string   `yaml:"exclude"`
	Args          []string `yaml:"args"`
	PassFilenames *bool    `yaml:"pass_filenames"`
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, path))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(false)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// integrationRepo is a repository with the test queues, the test rules and
// a configuration that layers them over the default pack.
func integrationRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	copyTree(t, filepath.Join(root, "testdata/cli/rules"), filepath.Join(dir, "rules"))
	for _, f := range []string{"queue.jsonl", "queue.yaml"} {
		data, err := os.ReadFile(filepath.Join(root, "testdata/cli", f))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "social", f), string(data))
	}
	writeFile(t, filepath.Join(dir, ".postlint.yaml"), "rules: [rules]\n")
	return dir
}

// expandInputs replaces ${{ inputs.NAME }} with the given values or the
// inputs' defaults.
func expandInputs(t *testing.T, a *action, s string, inputs map[string]string) string {
	t.Helper()
	re := regexp.MustCompile(`\$\{\{\s*inputs\.([a-z-]+)\s*\}\}`)
	return re.ReplaceAllStringFunc(s, func(m string) string {
		name := re.FindStringSubmatch(m)[1]
		in, ok := a.Inputs[name]
		if !ok {
			t.Errorf("action.yml uses undeclared input %q", name)
		}
		if v, ok := inputs[name]; ok {
			return v
		}
		if in.Default != nil {
			return *in.Default
		}
		return ""
	})
}

func TestActionYAML(t *testing.T) {
	var a action
	readYAML(t, "action.yml", &a)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, name := range []string{"paths", "format", "fail-on", "sarif-upload", "version"} {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("input %q missing", name)
		}
	}
	if d := a.Inputs["version"].Default; d == nil || *d != "latest" {
		t.Errorf("version defaults to %v, want latest", d)
	}
	if d := a.Inputs["format"].Default; d == nil || *d != "github" {
		t.Errorf("format defaults to %v, want github", d)
	}
	var install, check, upload, result bool
	for _, s := range a.Runs.Steps {
		switch {
		case strings.Contains(s.Run, "go install"):
			install = strings.Contains(s.Run, "github.com/postlint/postlint/cmd/postlint@${POSTLINT_VERSION}") &&
				strings.Contains(s.Env["POSTLINT_VERSION"], "inputs.version")
		case strings.Contains(s.Run, "postlint check"):
			check = s.ID == "check" && s.Shell == "bash"
		case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
			upload = strings.Contains(s.If, "inputs.sarif-upload == 'true'") && strings.Contains(s.With["sarif_file"], "inputs.sarif-file")
		case strings.Contains(s.Run, "steps.check.outputs") || strings.Contains(s.Env["CODE"], "steps.check.outputs.exit-code"):
			result = true
		}
	}
	if !install || !check || !upload || !result {
		t.Errorf("steps: install %v, check %v, upload %v, result %v", install, check, upload, result)
	}
}

// TestActionRuns runs the action's check and result steps with bash and the
// built binary, as a runner would.
func TestActionRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	var a action
	readYAML(t, "action.yml", &a)

	bin := t.TempDir()
	build := exec.Command(goTool, "build", "-o", filepath.Join(bin, "postlint"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	repo := integrationRepo(t)
	inputs := map[string]string{"paths": "social/*.jsonl social/queue.yaml"}

	runStep := func(id, name string, env map[string]string) (string, int) {
		t.Helper()
		for _, s := range a.Runs.Steps {
			if (id == "" || s.ID != id) && (name == "" || s.Name != name) {
				continue
			}
			cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", expandInputs(t, &a, s.Run, inputs))
			cmd.Dir = repo
			cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
			for k, v := range s.Env {
				cmd.Env = append(cmd.Env, k+"="+expandInputs(t, &a, v, inputs))
			}
			for k, v := range env {
				cmd.Env = append(cmd.Env, k+"="+v)
			}
			out, err := cmd.CombinedOutput()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			return string(out), code
		}
		t.Fatalf("no step %q", id+name)
		return "", 0
	}

	ghOutput := filepath.Join(t.TempDir(), "github_output")
	out, code := runStep("check", "", map[string]string{"GITHUB_OUTPUT": ghOutput})
	if code != 0 {
		t.Fatalf("check step exited %d (it must let the upload run):\n%s", code, out)
	}
	if !strings.Contains(out, "::error file=social/queue.jsonl,line=3,title=postlint nhs-number") ||
		!strings.Contains(out, "::error file=social/queue.yaml,line=") {
		t.Errorf("no annotations for the NHS numbers:\n%s", out)
	}
	outputs, err := os.ReadFile(ghOutput)
	if err != nil || !strings.Contains(string(outputs), "exit-code=1") {
		t.Errorf("GITHUB_OUTPUT = %q, %v; want exit-code=1", outputs, err)
	}
	sarif := readJSON(t, filepath.Join(repo, *a.Inputs["sarif-file"].Default))
	if err := sarifSchema(t).Validate(sarif); err != nil {
		t.Errorf("the action's SARIF is not valid: %v", err)
	}

	if out, code := runStep("", "Result", map[string]string{"CODE": "1"}); code != 1 {
		t.Errorf("result step with exit-code 1 exited %d:\n%s", code, out)
	}
	if out, code := runStep("", "Result", map[string]string{"CODE": "0"}); code != 0 {
		t.Errorf("result step with exit-code 0 exited %d:\n%s", code, out)
	}

	// fail-on never: the check passes.
	inputs["fail-on"] = "never"
	if out, _ := runStep("check", "", map[string]string{"GITHUB_OUTPUT": ghOutput}); !strings.Contains(out, "::error") {
		t.Errorf("fail-on never hid the annotations:\n%s", out)
	}
	if outputs, _ := os.ReadFile(ghOutput); !strings.HasSuffix(string(outputs), "exit-code=0\n") {
		t.Errorf("fail-on never: GITHUB_OUTPUT = %q", outputs)
	}
}

// TestActionCommandInProcess runs the action's postlint check command line
// in-process, with the inputs' defaults.
func TestActionCommandInProcess(t *testing.T) {
	var a action
	readYAML(t, "action.yml", &a)
	var script string
	for _, s := range a.Runs.Steps {
		if s.ID == "check" {
			script = s.Run
		}
	}
	var line string
	for l := range strings.Lines(script) {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "postlint check") {
			line = l
		}
	}
	if line == "" {
		t.Fatalf("no postlint check line in:\n%s", script)
	}
	env := map[string]string{
		"INPUT_PATHS": "social/queue.jsonl social/queue.yaml", "INPUT_FORMAT": "github",
		"INPUT_FAIL_ON": "", "INPUT_ARGS": "", "SARIF_FILE": "postlint.sarif",
	}
	var argv []string
	for _, f := range strings.Fields(line)[1:] {
		switch {
		case f == `"${fail_on[@]}"`:
			if env["INPUT_FAIL_ON"] != "" {
				argv = append(argv, "--fail-on", env["INPUT_FAIL_ON"])
			}
		case strings.HasPrefix(f, `"$`):
			argv = append(argv, env[strings.Trim(f, `"$`)])
		case strings.HasPrefix(f, "$"):
			argv = append(argv, strings.Fields(env[f[1:]])...)
		default:
			argv = append(argv, f)
		}
	}
	repo := integrationRepo(t)
	r := run(t, repo, "", argv...)
	if r.code != 1 || !strings.Contains(r.stdout, "::error file=social/queue.jsonl,line=3,") {
		t.Errorf("postlint %s: %s", strings.Join(argv, " "), r)
	}
	if _, err := os.Stat(filepath.Join(repo, "postlint.sarif")); err != nil {
		t.Error(err)
	}
}

func TestPreCommitHooks(t *testing.T) {
	var hooks []hook
	readYAML(t, ".pre-commit-hooks.yaml", &hooks)
	if len(hooks) != 1 {
		t.Fatalf("hooks = %+v", hooks)
	}
	h := hooks[0]
	if h.ID != "postlint" || h.Language != "golang" || !strings.HasPrefix(h.Entry, "postlint check") {
		t.Errorf("hook = %+v", h)
	}
	files, err := regexp.Compile(h.Files)
	if err != nil {
		t.Fatalf("files: %v", err)
	}
	exclude, err := regexp.Compile(h.Exclude)
	if err != nil {
		t.Fatalf("exclude: %v", err)
	}
	candidates := []string{
		"social/queue.jsonl", "social/queue.yaml", "posts.csv", "queue.json", "drafts.ndjson",
		".postlint.yaml", ".pre-commit-config.yaml", ".github/workflows/ci.yml", ".postlint-baseline.json",
		"README.md", "main.go", "notes.txt",
	}
	var selected []string
	for _, c := range candidates {
		if files.MatchString(c) && (h.Exclude == "" || !exclude.MatchString(c)) {
			selected = append(selected, c)
		}
	}
	want := []string{"social/queue.jsonl", "social/queue.yaml", "posts.csv", "queue.json", "drafts.ndjson"}
	if !slices.Equal(selected, want) {
		t.Errorf("hook selects %v, want %v", selected, want)
	}

	// pre-commit runs entry + args + the staged files that match.
	repo := integrationRepo(t)
	argv := append(strings.Fields(h.Entry)[1:], h.Args...)
	r := run(t, repo, "", append(argv, "social/queue.jsonl", "social/queue.yaml")...)
	if r.code != 1 || !strings.Contains(r.stdout, "social/queue.jsonl:3 (q-3): do not publish") {
		t.Errorf("hook on the queues: %s", r)
	}
	writeFile(t, filepath.Join(repo, "social", "clean.jsonl"), `{"id": "c-1", "text": "`+cleanDraft+`"}`+"\n")
	if r := run(t, repo, "", append(argv, "social/clean.jsonl")...); r.code != 0 {
		t.Errorf("hook on a clean queue: %s", r)
	}
}
