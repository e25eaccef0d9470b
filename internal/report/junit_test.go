package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
)

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string `xml:"name,attr"`
	Classname string `xml:"classname,attr"`
	Line      int    `xml:"line,attr"`
	Failures  []struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Body    string `xml:",chardata"`
	} `xml:"failure"`
	Error *struct {
		Message string `xml:"message,attr"`
		Body    string `xml:",chardata"`
	} `xml:"error"`
	SystemOut string `xml:"system-out"`
}

func parseJUnit(t *testing.T, out string) junitSuites {
	t.Helper()
	var doc junitSuites
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not valid XML: %v\n%s", err, out)
	}
	return doc
}

func TestJUnitParsesBack(t *testing.T) {
	doc := parseJUnit(t, render(t, "junit", testOptions(), queueResults(t)))
	if len(doc.Suites) != 1 {
		t.Fatalf("%d suites, want 1", len(doc.Suites))
	}
	s := doc.Suites[0]
	if s.Name != "queue.jsonl" || s.Tests != 7 || s.Failures != 2 || s.Errors != 1 || len(s.Cases) != 7 {
		t.Errorf("suite = %s tests=%d failures=%d errors=%d cases=%d", s.Name, s.Tests, s.Failures, s.Errors, len(s.Cases))
	}
	q2 := s.Cases[1]
	if q2.Name != "q-2" || q2.Classname != "queue.jsonl" || q2.Line != 2 {
		t.Errorf("case = %+v", q2)
	}
	if len(q2.Failures) != 1 || q2.Failures[0].Type != "nhs-number" || !strings.Contains(q2.Failures[0].Body, "943 *** ****") {
		t.Errorf("q-2 failures = %+v", q2.Failures)
	}
	if !strings.Contains(q2.SystemOut, "warning insult") {
		t.Errorf("non-blocking finding not in system-out: %q", q2.SystemOut)
	}
	if bad := s.Cases[5]; bad.Error == nil || !strings.Contains(bad.Error.Body, "queue.jsonl:6") || bad.Name != "queue.jsonl:6" {
		t.Errorf("unreadable post = %+v", bad)
	}
	if q5 := s.Cases[4]; len(q5.Failures) != 0 || !strings.Contains(q5.SystemOut, "suppressed") {
		t.Errorf("suppressed finding = %+v", q5)
	}

	// With FailOn warning, warnings fail too.
	opts := testOptions()
	opts.FailOn = finding.Warning
	doc = parseJUnit(t, render(t, "junit", opts, queueResults(t)))
	if s := doc.Suites[0]; s.Failures != 4 || len(s.Cases[1].Failures) != 2 {
		t.Errorf("FailOn warning: %d failing cases, q-2 has %d failures", s.Failures, len(s.Cases[1].Failures))
	}
}

// TestJUnitSuitePerFile checks posts of two files make two suites.
func TestJUnitSuitePerFile(t *testing.T) {
	a, b := cleanDraft(), cleanDraft()
	b.Source = &post.Source{File: "other/queue.yaml", Line: 3}
	doc := parseJUnit(t, render(t, "junit", testOptions(), []*finding.Result{a, b, draftResult(t)}))
	if len(doc.Suites) != 3 || doc.Suites[1].Name != "other/queue.yaml" || doc.Suites[2].Failures != 1 {
		t.Errorf("suites = %+v", doc.Suites)
	}
}

// TestJUnitIllegalCharacters checks characters XML 1.0 forbids are dropped
// and markup is escaped.
func TestJUnitIllegalCharacters(t *testing.T) {
	text := "a <b> & \"c\" \x00\x1b\uFFFE idiot"
	r := &finding.Result{
		Post: post.Post{ID: "x\x00<&>\"'", Text: text}, ID: "x\x00<&>\"'",
		Source: &post.Source{File: "q&a.jsonl", Line: 1}, Verdict: finding.Block,
		Findings: []finding.Finding{find(t, "insult", finding.Error, 1, "text", text, "idiot", false)},
	}
	r.Findings[0].Message = "bad \x01 <message> ]]> & \uFFFF"
	out := render(t, "junit", testOptions(), []*finding.Result{r})
	doc := parseJUnit(t, out)
	c := doc.Suites[0].Cases[0]
	if c.Name != "x<&>\"'" || doc.Suites[0].Name != "q&a.jsonl" {
		t.Errorf("name = %q, suite = %q", c.Name, doc.Suites[0].Name)
	}
	if !strings.Contains(c.Failures[0].Body, "bad  <message> ]]> & ") {
		t.Errorf("failure body = %q", c.Failures[0].Body)
	}
}

// TestJUnitSpill checks test cases moved to a temporary file come back in
// order.
func TestJUnitSpill(t *testing.T) {
	want := render(t, "junit", testOptions(), queueResults(t))
	var buf bytes.Buffer
	b, _ := New("junit", &buf, testOptions())
	jw := b.(*junitWriter)
	jw.spill = 1
	for _, r := range queueResults(t) {
		if err := jw.Post(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := jw.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.String() != want {
		t.Errorf("spilled output differs:\n%s\nwant\n%s", buf.String(), want)
	}
}
