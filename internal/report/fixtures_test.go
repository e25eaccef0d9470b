package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rivo/uniseg"

	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
)

var update = flag.Bool("update", false, "rewrite testdata/report/*.golden")

// testdataDir is where golden files and the SARIF schema live.
const testdataDir = "../../testdata/report"

// testRules is a small rule pack; copyright has no finding in the fixtures,
// to show that the SARIF driver lists every rule.
func testRules() []RuleInfo {
	return []RuleInfo{
		{ID: "nhs-number", Category: "nhs-number", Severity: "error", Clause: "9.6.1 b1", ClauseTitle: "Confidential information",
			ClauseText: "Disclose confidential information about service users, staff or the organisation.",
			Message:    "This looks like an NHS number.", Suggestion: "Remove the number: never post anything that identifies a patient."},
		{ID: "phone-number", Category: "phone-number", Severity: "error", Clause: "9.6.1 b1", ClauseTitle: "Confidential information",
			ClauseText: "Disclose confidential information about service users, staff or the organisation.",
			Message:    "A private phone number.", Suggestion: "Use the Trust's published switchboard number instead."},
		{ID: "patient-identifier", Category: "patient-identifier", Severity: "warning", Clause: "9.6.1 b1", ClauseTitle: "Confidential information",
			ClauseText: "Disclose confidential information about service users, staff or the organisation.",
			Message:    "This may identify a patient.", Suggestion: "Leave out names, ages and anything that points to one person."},
		{ID: "insult", Category: "insult", Severity: "warning", Clause: "9.6.1 b6", ClauseTitle: "Offensive language",
			ClauseText: "Post material that is offensive, obscene or inflammatory, or personal insults.",
			Message:    "A personal insult.", Suggestion: "Criticise the decision, not the person, or do not post it."},
		{ID: "negative-reply", Category: "negative-reply", Severity: "warning", Clause: "9.6.1 b7", ClauseTitle: "Negative comments",
			ClauseText: "Reply to, like or share negative comments about the organisation or its staff.",
			Message:    "You are engaging with a negative comment about the Trust.", Suggestion: "Do not reply; pass it to the Communications team."},
		{ID: "workplace-photo", Category: "workplace-photo", Severity: "warning", Clause: "8.7.1", ClauseTitle: "Photographs",
			ClauseText: "Photographs of patients or colleagues need their written consent.",
			Message:    "A photo of the workplace.", Suggestion: "Check that no patient, record or screen is visible and that colleagues consented."},
		{ID: "official-capacity", Category: "official-capacity", Severity: "info", Clause: "8.4", ClauseTitle: "Speaking for the Trust",
			ClauseText: "Only authorised staff speak on behalf of the organisation.",
			Message:    "Check whether this needs approval."},
		{ID: "copyright", Category: "copyright", Severity: "warning", Clause: "9.6.1 b10", ClauseTitle: "Copyright",
			ClauseText: "Use images or content without the owner's licence.",
			Message:    "This may use someone else's content.", Suggestion: "Use your own pictures or the Trust's library."},
	}
}

// spanOf locates m in text: byte offsets, line and column in graphemes.
func spanOf(t testing.TB, text, m string) finding.Span {
	t.Helper()
	i := strings.Index(text, m)
	if i < 0 {
		t.Fatalf("%q not in %q", m, text)
	}
	before := text[:i]
	lineStart := strings.LastIndexByte(before, '\n') + 1
	return finding.Span{
		Start:  i,
		End:    i + len(m),
		Line:   1 + strings.Count(before, "\n"),
		Column: 1 + uniseg.GraphemeClusterCount(before[lineStart:]),
	}
}

// find builds a finding from a rule of testRules.
func find(t testing.TB, rule string, sev finding.Severity, conf float64, field, text, m string, sensitive bool) finding.Finding {
	t.Helper()
	var ri RuleInfo
	for _, r := range testRules() {
		if r.ID == rule {
			ri = r
		}
	}
	f := finding.Finding{
		Rule: rule, Category: ri.Category, Severity: sev, Confidence: conf,
		Clause: ri.Clause, ClauseText: ri.ClauseText, Message: ri.Message, Suggestion: ri.Suggestion,
		Field: field, Match: m, Sensitive: sensitive,
	}
	if m != "" {
		f.Span = spanOf(t, text, m)
	}
	return f
}

// Sensitive values used by the fixtures; none may appear unmasked.
const (
	nhsNumber = "943 476 5919"
	phone     = "07700 900123"
	name      = "Mrs Jones"
)

// leaks returns fragments of the sensitive values that masking must hide.
func leaks() []string { return []string{"476 5919", "4765919", "900123", "Jones"} }

// queueResults is a queue of seven posts covering every case a report
// renders.
func queueResults(t testing.TB) []*finding.Result {
	t.Helper()
	src := func(line int) *post.Source { return &post.Source{File: "queue.jsonl", Line: line} }

	clean := &finding.Result{
		Post: post.Post{ID: "q-1", Text: "Great turnout at the Torbay fun run today! 🏃 Well done everyone."},
		ID:   "q-1", Source: src(1), Verdict: finding.OK,
	}

	blockedText := "Patient " + nhsNumber + " was seen on ward 7 today, and what an idiot the registrar is."
	blocked := &finding.Result{
		Post: post.Post{ID: "q-2", Text: blockedText},
		ID:   "q-2", Source: src(2), Score: 97, Verdict: finding.Block,
		Findings: []finding.Finding{
			find(t, "nhs-number", finding.Error, 0.97, "text", blockedText, nhsNumber, true),
			find(t, "insult", finding.Warning, 0.9, "text", blockedText, "idiot", false),
		},
	}

	replyText := "This hospital is a disgrace and the staff are useless"
	reply := &finding.Result{
		Post: post.Post{ID: "q-3", Text: "Couldn't agree more 👍",
			ReplyTo: &post.Reply{Author: "@angry", Text: replyText}},
		ID: "q-3", Source: src(3), Score: 55, Verdict: finding.Review,
		Findings: []finding.Finding{
			find(t, "negative-reply", finding.Warning, 0.8, "reply_to.text", replyText, "disgrace", false),
		},
	}

	multiText := "Lovely shift on the ward today 🌞\n👩‍⚕️🎉 病棟 news: ring " + name + " on " + phone + " about her results"
	multi := &finding.Result{
		Post: post.Post{ID: "q-4", Text: multiText},
		ID:   "q-4", Source: src(4), Score: 95, Verdict: finding.Block,
		Findings: []finding.Finding{
			find(t, "patient-identifier", finding.Warning, 0.7, "text", multiText, name, true),
			find(t, "phone-number", finding.Error, 0.95, "text", multiText, phone, true),
		},
	}

	quoteText := `Quoting the complaint we received: "you are all idiots". Here is how we answered it.`
	suppressed := find(t, "insult", finding.Warning, 0.9, "text", quoteText, "idiots", false)
	suppressed.Suppressed = &finding.Suppression{Kind: "inline", Reason: "quoting a complaint to answer it"}
	quoted := &finding.Result{
		Post: post.Post{ID: "q-5", Text: quoteText, Directive: &post.Directive{Ignore: []string{"insult"}, Reason: "quoting a complaint to answer it"}},
		ID:   "q-5", Source: src(5), Verdict: finding.OK,
		Findings: []finding.Finding{suppressed},
	}

	unreadable := &finding.Result{
		Source: src(6),
		Err:    errors.New("invalid character 'x' looking for beginning of value"),
	}

	media := post.Media{File: "ward7-night.jpg", AltText: "Nurses at the station"}
	photo := find(t, "workplace-photo", finding.Warning, 0.6, "media[0].file", media.File, "ward7", false)
	official := find(t, "official-capacity", finding.Info, 0.5, "post", "", "", false)
	mediaPost := &finding.Result{
		Post: post.Post{ID: "q-7", Text: "Team photo from the night shift!", Media: []post.Media{media}},
		ID:   "q-7", Source: src(7), Score: 40, Verdict: finding.Review,
		Findings: []finding.Finding{photo, official},
	}
	return []*finding.Result{clean, blocked, reply, multi, quoted, unreadable, mediaPost}
}

// draftResult is a single post read from a plain-text file.
func draftResult(t testing.TB) *finding.Result {
	t.Helper()
	text := "Hi all,\nFor the rota, please call 🙂 " + phone + " after 6."
	return &finding.Result{
		Post: post.Post{Text: text},
		ID:   "draft.txt", Source: &post.Source{File: "draft.txt", Line: 1}, Score: 90, Verdict: finding.Block,
		Findings: []finding.Finding{
			find(t, "phone-number", finding.Error, 0.95, "text", text, phone, true),
		},
	}
}

// cleanDraft is a single post with nothing wrong.
func cleanDraft() *finding.Result {
	return &finding.Result{
		Post: post.Post{Text: "Thank you to everyone who came to the open day!"},
		ID:   "draft.txt", Source: &post.Source{File: "draft.txt", Line: 1}, Verdict: finding.OK,
	}
}

// testOptions are the options of the golden files.
func testOptions() Options {
	return Options{Tool: "postlint", Version: "0.1.0", Rules: testRules(), FailOn: finding.Error}
}

// render writes results in format and returns the output.
func render(t testing.TB, format string, opts Options, results []*finding.Result) string {
	t.Helper()
	var buf bytes.Buffer
	w, err := New(format, &buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if err := w.Post(r); err != nil {
			t.Fatalf("Post: %v", err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return buf.String()
}

// checkGolden compares got with testdata/report/name, or rewrites it with
// -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(testdataDir, name)
	if *update {
		if err := os.MkdirAll(testdataDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./internal/report -update rewrites it)\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}
