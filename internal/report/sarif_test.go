package report

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/postlint/postlint/internal/finding"
)

// noRemote refuses every URL: the SARIF schema is added from testdata and
// nothing may be fetched over the network.
type noRemote struct{}

func (noRemote) Load(url string) (any, error) {
	return nil, errors.New("remote loading disabled in tests: " + url)
}

// sarifSchema compiles the official SARIF 2.1.0 schema from testdata.
func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join(testdataDir, "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.UseLoader(noRemote{})
	c.AssertFormat()
	if err := c.AddResource(sarifSchema, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(sarifSchema)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	sch := compileSARIFSchema(t)
	show := testOptions()
	show.ShowMatches = true
	noRules := testOptions()
	noRules.Rules = nil
	noRules.Version = ""
	for name, out := range map[string]string{
		"queue":      render(t, "sarif", testOptions(), queueResults(t)),
		"draft":      render(t, "sarif", testOptions(), []*finding.Result{draftResult(t)}),
		"show":       render(t, "sarif", show, queueResults(t)),
		"no rules":   render(t, "sarif", noRules, queueResults(t)),
		"empty":      render(t, "sarif", testOptions(), nil),
		"clean only": render(t, "sarif", testOptions(), []*finding.Result{cleanDraft()}),
	} {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
		if err != nil {
			t.Errorf("%s: not JSON: %v\n%s", name, err, out)
			continue
		}
		if err := sch.Validate(doc); err != nil {
			t.Errorf("%s: invalid SARIF: %v", name, err)
		}
	}
	// The schema is strict: make sure it does reject a broken log.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"level":"fatal","message":{"text":"x"}}]}]}`))
	if sch.Validate(bad) == nil {
		t.Error("the schema accepted an invalid level")
	}
}

// sarifLog is the part of a SARIF log the tests look at.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID, Name             string
					DefaultConfiguration struct{ Level string }
					Properties           map[string]any
				}
			}
		}
		Results []struct {
			RuleID              string
			RuleIndex           *int
			Level               string
			Message             struct{ Text string }
			Locations           []struct{ PhysicalLocation sarifPhysical }
			PartialFingerprints map[string]string
			Suppressions        []sarifSuppression
			Properties          sarifResultProps
		}
		Invocations []sarifInvocation
	}
}

func parseSARIF(t *testing.T, out string) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

func TestSARIFContent(t *testing.T) {
	log := parseSARIF(t, render(t, "sarif", testOptions(), queueResults(t)))
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	if len(rules) != len(testRules()) {
		t.Fatalf("driver lists %d rules, want all %d", len(rules), len(testRules()))
	}
	if rules[0].Name != "NhsNumber" || rules[0].DefaultConfiguration.Level != "error" || rules[0].Properties["security-severity"] == nil {
		t.Errorf("rule 0 = %+v", rules[0])
	}
	if rules[6].DefaultConfiguration.Level != "note" || rules[6].Properties["security-severity"] != nil {
		t.Errorf("info rule = %+v", rules[6])
	}
	if len(run.Results) != 8 {
		t.Fatalf("%d results, want 8 (7 findings and 1 suppressed)", len(run.Results))
	}
	for _, res := range run.Results {
		if res.RuleIndex == nil || rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has rule index %v", res.RuleID, res.RuleIndex)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != "queue.jsonl" {
			t.Errorf("uri = %q", loc.ArtifactLocation.URI)
		}
		if loc.Region.StartColumn != 0 {
			t.Errorf("a post of a queue file has a column: %+v", loc.Region)
		}
		if res.PartialFingerprints[fingerprintKey] == "" {
			t.Errorf("result %s has no fingerprint", res.RuleID)
		}
	}
	nhs := run.Results[0]
	if nhs.Locations[0].PhysicalLocation.Region.StartLine != 2 || nhs.Level != "error" || nhs.Properties.Match != "943 *** ****" {
		t.Errorf("nhs result = %+v", nhs)
	}
	sup := run.Results[5]
	if sup.RuleID != "insult" || len(sup.Suppressions) != 1 || sup.Suppressions[0].Kind != "inSource" || sup.Suppressions[0].Justification == "" {
		t.Errorf("suppressed result = %+v", sup)
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 ||
		inv.ToolExecutionNotifications[0].Locations[0].PhysicalLocation.Region.StartLine != 6 {
		t.Errorf("invocation = %+v", inv)
	}
}

// TestSARIFWholeFileColumns checks a post that is a whole text file is
// located at the line and column of the match in that file.
func TestSARIFWholeFileColumns(t *testing.T) {
	log := parseSARIF(t, render(t, "sarif", testOptions(), []*finding.Result{draftResult(t)}))
	reg := log.Runs[0].Results[0].Locations[0].PhysicalLocation.Region
	// "For the rota, please call 🙂 " is 28 code points: the match starts at 29.
	if reg.StartLine != 2 || reg.StartColumn != 29 || reg.EndLine != 2 || reg.EndColumn != 29+len(phone) {
		t.Errorf("region = %+v, want line 2, columns 29-%d", reg, 29+len(phone))
	}
}

// TestSARIFFingerprintsStable checks fingerprints do not change when posts
// are added before the others or moved.
func TestSARIFFingerprintsStable(t *testing.T) {
	prints := func(results []*finding.Result) map[string]string {
		log := parseSARIF(t, render(t, "sarif", testOptions(), results))
		m := map[string]string{}
		for _, res := range log.Runs[0].Results {
			key := res.RuleID + "/" + res.Properties.Post
			if _, dup := m[key]; dup {
				t.Fatalf("two results for %s", key)
			}
			m[key] = res.PartialFingerprints[fingerprintKey]
		}
		return m
	}
	before := prints(queueResults(t))

	moved := queueResults(t)
	for i, j := 0, len(moved)-1; i < j; i, j = i+1, j-1 {
		moved[i], moved[j] = moved[j], moved[i]
	}
	for i, r := range moved {
		r.Source.Line = 100 + i // every post at a new line
	}
	extra := draftResult(t)
	extra.ID = "new"
	moved = append([]*finding.Result{extra}, moved...)
	after := prints(moved)

	for key, fp := range before {
		if after[key] != fp {
			t.Errorf("fingerprint of %s changed: %s -> %s", key, fp, after[key])
		}
	}
	seen := map[string]string{}
	for key, fp := range after {
		if other, dup := seen[fp]; dup {
			t.Errorf("%s and %s share fingerprint %s", key, other, fp)
		}
		seen[fp] = key
	}

	// The fingerprint of a post without an id follows its text.
	a, b := draftResult(t), draftResult(t)
	b.Source.Line = 40
	b.ID = "elsewhere"
	if pa, pb := prints([]*finding.Result{a})["phone-number/draft.txt"], prints([]*finding.Result{b})["phone-number/elsewhere"]; pa != pb {
		t.Errorf("same text, different fingerprints: %s, %s", pa, pb)
	}
}

func TestSARIFUnknownRule(t *testing.T) {
	opts := testOptions()
	opts.Rules = opts.Rules[:1]
	log := parseSARIF(t, render(t, "sarif", opts, queueResults(t)))
	for _, res := range log.Runs[0].Results {
		if res.RuleID != "nhs-number" && res.RuleIndex != nil {
			t.Errorf("result of unknown rule %s has an index", res.RuleID)
		}
	}
}
