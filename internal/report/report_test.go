package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rivo/uniseg"

	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
)

func TestGolden(t *testing.T) {
	color := testOptions()
	color.Color = true
	for _, tc := range []struct {
		golden, format string
		opts           Options
		results        func(testing.TB) []*finding.Result
	}{
		{"text.golden", "text", testOptions(), queueResults},
		{"text_color.golden", "text", color, queueResults},
		{"text_single_block.golden", "text", testOptions(), func(t testing.TB) []*finding.Result { return []*finding.Result{draftResult(t)} }},
		{"text_single_clean.golden", "text", testOptions(), func(testing.TB) []*finding.Result { return []*finding.Result{cleanDraft()} }},
		{"json.golden", "json", testOptions(), queueResults},
		{"sarif.golden", "sarif", testOptions(), queueResults},
		{"sarif_draft.golden", "sarif", testOptions(), func(t testing.TB) []*finding.Result { return []*finding.Result{draftResult(t)} }},
		{"github.golden", "github", testOptions(), queueResults},
		{"junit.golden", "junit", testOptions(), queueResults},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			checkGolden(t, tc.golden, render(t, tc.format, tc.opts, tc.results(t)))
		})
	}
}

func TestSummary(t *testing.T) {
	var buf bytes.Buffer
	w, err := New("json", &buf, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range queueResults(t) {
		if err := w.Post(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := Summary{Posts: 7, Blocked: 2, Review: 2, OK: 2, Unreadable: 1,
		Findings: SeverityCounts{Error: 2, Warning: 4, Info: 1}, Suppressed: 1, FailOn: finding.Error, Blocking: 2}
	if got := w.Summary(); got != want {
		t.Errorf("summary = %+v, want %+v", got, want)
	}
	if got := want.ExitCode(); got != 2 {
		t.Errorf("exit code with an unreadable post = %d, want 2", got)
	}
	want.Unreadable = 0
	if got := want.ExitCode(); got != 1 {
		t.Errorf("exit code with blocking findings = %d, want 1", got)
	}
	if got, line := want.String(), "7 posts checked: 2 blocked, 2 to review, 2 ok · 2 errors, 4 warnings, 1 note (1 suppressed)"; got != line {
		t.Errorf("summary line = %q, want %q", got, line)
	}
	one := Summary{Posts: 3, Blocked: 1, Review: 1, OK: 1, Findings: SeverityCounts{Error: 2, Warning: 1}}
	if got, line := one.String(), "3 posts checked: 1 blocked, 1 to review, 1 ok · 2 errors, 1 warning"; got != line {
		t.Errorf("summary line = %q, want %q", got, line)
	}
}

func TestSummaryFailOnNever(t *testing.T) {
	opts := testOptions()
	opts.FailOn = 0
	var buf bytes.Buffer
	w, _ := New("text", &buf, opts)
	for _, r := range queueResults(t) {
		_ = w.Post(r)
	}
	_ = w.Close()
	if s := w.Summary(); s.Blocking != 0 {
		t.Errorf("FailOn 0: %d blocking findings, want none", s.Blocking)
	}
}

func TestNewUnknownFormat(t *testing.T) {
	if _, err := New("html", &bytes.Buffer{}, Options{}); err == nil || !strings.Contains(err.Error(), "sarif") {
		t.Errorf("New(html) error = %v, want one listing the formats", err)
	}
}

func TestPostAfterClose(t *testing.T) {
	for _, format := range Formats() {
		w, err := New(format, &bytes.Buffer{}, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatalf("%s: Close: %v", format, err)
		}
		if err := w.Post(cleanDraft()); err == nil {
			t.Errorf("%s: Post after Close succeeded", format)
		}
	}
}

type failingWriter struct{}

var errDiskFull = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteErrorsAreWrapped(t *testing.T) {
	for _, format := range Formats() {
		w, err := New(format, failingWriter{}, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range queueResults(t) {
			_ = w.Post(r)
		}
		err = w.Close()
		if !errors.Is(err, errDiskFull) {
			t.Errorf("%s: Close error = %v, want it to wrap %v", format, err, errDiskFull)
		}
	}
}

// TestEmpty checks every format copes with no posts at all.
func TestEmpty(t *testing.T) {
	for _, format := range Formats() {
		out := render(t, format, testOptions(), nil)
		if !strings.Contains(out, "0 posts") && format != "sarif" && format != "junit" && format != "json" {
			t.Errorf("%s: empty output %q has no summary", format, out)
		}
		if format == "json" || format == "sarif" {
			var v any
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Errorf("%s: empty output is not JSON: %v\n%s", format, err, out)
			}
		}
	}
}

// TestJSONIsValidAndStreamed checks the json output parses, and that posts
// reach the underlying writer before Close.
func TestJSONIsValidAndStreamed(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New("json", &buf, testOptions())
	for i := range 2000 {
		r := cleanDraft()
		r.ID = fmt.Sprintf("p-%d", i)
		if err := w.Post(r); err != nil {
			t.Fatal(err)
		}
	}
	if buf.Len() == 0 {
		t.Error("nothing written before Close: the json writer is not streaming")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Posts   []json.RawMessage `json:"posts"`
		Summary Summary           `json:"summary"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Posts) != 2000 || doc.Summary.Posts != 2000 {
		t.Errorf("got %d posts, summary %d; want 2000", len(doc.Posts), doc.Summary.Posts)
	}
}

func TestJSONUnreadableAndSuppressed(t *testing.T) {
	out := render(t, "json", testOptions(), queueResults(t))
	var doc struct {
		Posts []struct {
			ID       string            `json:"id"`
			Verdict  string            `json:"verdict"`
			Error    string            `json:"error"`
			Findings []finding.Finding `json:"findings"`
		} `json:"posts"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	bad := doc.Posts[5]
	if bad.Verdict != VerdictError || !strings.HasPrefix(bad.Error, "queue.jsonl:6: invalid character") {
		t.Errorf("unreadable post = %+v", bad)
	}
	q5 := doc.Posts[4]
	if q5.Verdict != "ok" || len(q5.Findings) != 1 || q5.Findings[0].Suppressed == nil || q5.Findings[0].Suppressed.Kind != "inline" {
		t.Errorf("suppressed finding not listed with its suppression: %+v", q5)
	}
	f := doc.Posts[1].Findings[0]
	if f.Match != "943 *** ****" || f.Post != "q-2" || f.Source == nil || f.Source.Line != 2 {
		t.Errorf("nhs finding = %+v, want masked match, post and source", f)
	}
}

// TestNoSensitiveLeak proves that, ShowMatches being false, no sensitive
// match appears in any output, and that the github format masks even when
// ShowMatches is true.
func TestNoSensitiveLeak(t *testing.T) {
	results := append(queueResults(t), draftResult(t))
	// A message that quotes the match must be masked too.
	results[1].Findings[0].Message = "Possible NHS number " + nhsNumber + "."
	for _, format := range Formats() {
		out := render(t, format, testOptions(), results)
		for _, leak := range leaks() {
			if strings.Contains(out, leak) {
				t.Errorf("%s output contains %q with ShowMatches false:\n%s", format, leak, out)
			}
		}
		if !strings.Contains(out, "943 *** ****") {
			t.Errorf("%s output lacks the masked NHS number", format)
		}
	}
	show := testOptions()
	show.ShowMatches = true
	for _, format := range []string{"text", "json", "sarif", "junit"} {
		if out := render(t, format, show, results); !strings.Contains(out, nhsNumber) {
			t.Errorf("%s output with ShowMatches lacks the match", format)
		}
	}
	out := render(t, "github", show, results)
	for _, leak := range leaks() {
		if strings.Contains(out, leak) {
			t.Errorf("github output contains %q even though build logs are always masked", leak)
		}
	}
}

func TestMask(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"943 476 5919", "943 *** ****"},
		{"9434765919", "943*******"},
		{"07700 900123", "077** ******"},
		{"Mrs Jones", "Mrs *****"},
		{"+44 (0)7700-900123", "+44 (0)****-******"},
		{"1234", "****"},
		{"AB-12", "**-**"},
		{"12345", "123**"},
		{"", ""},
		{"--", "--"},
		{"Zoë Ng", "Zoë **"},
		// Invalid bytes count as letters: the first two are kept as U+FFFD.
		{"\xff\xfe12345", "\uFFFD\uFFFD1****"},
	} {
		got := Mask(tc.in)
		if got != tc.want {
			t.Errorf("Mask(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if len([]rune(got)) != len([]rune(tc.in)) {
			t.Errorf("Mask(%q) changed the number of runes", tc.in)
		}
	}
}

func TestMaskSpans(t *testing.T) {
	text := "call 07700 900123 or Mrs Jones now"
	p := strings.Index(text, phone)
	n := strings.Index(text, name)
	got, off := maskSpans(text, [][2]int{{n, n + len(name)}, {p, p + len(phone)}, {-1, 3}})
	want := "call 077** ****** or Mrs ***** now"
	if got != want {
		t.Errorf("maskSpans = %q, want %q", got, want)
	}
	if o := off(n); got[o:o+3] != "Mrs" {
		t.Errorf("offset of the name maps to %d (%q)", o, got[o:])
	}
	if off(len(text)) != len(got) {
		t.Errorf("end offset maps to %d, want %d", off(len(text)), len(got))
	}
	// Multi-byte letters masked to '*' shorten the text: offsets follow.
	text = "é Zoë Ngu x"
	s := strings.Index(text, "Zoë Ngu")
	got, off = maskSpans(text, [][2]int{{s, s + len("Zoë Ngu")}})
	if got != "é Zoë *** x" || got[off(len(text)-1):] != "x" {
		t.Errorf("maskSpans = %q, offset of x = %d", got, off(len(text)-1))
	}
}

// TestCaretAlignment checks the caret sits under the match when wide
// characters (emoji, CJK) come first, and that long lines are cut around
// the match.
func TestCaretAlignment(t *testing.T) {
	text := "first line\n👩‍⚕️🎉 病棟 ring 07700 900123 now"
	s := strings.Index(text, phone)
	display, col, width := caretLine(text, s, s+len(phone))
	if display != "👩‍⚕️🎉 病棟 ring 07700 900123 now" {
		t.Errorf("display = %q", display)
	}
	prefix := "👩‍⚕️🎉 病棟 ring "
	if want := uniseg.StringWidth(prefix); col != want || want != 15 {
		t.Errorf("caret column = %d, want %d (15)", col, want)
	}
	if width != len(phone) {
		t.Errorf("caret width = %d, want %d", width, len(phone))
	}

	long := strings.Repeat("word ", 40) + "idiot" + strings.Repeat(" more", 40)
	s = strings.Index(long, "idiot")
	display, col, width = caretLine(long, s, s+5)
	if !strings.HasPrefix(display, "…") || !strings.HasSuffix(display, "…") {
		t.Errorf("long line not cut: %q", display)
	}
	if uniseg.StringWidth(display) > contextLeft+contextRight+width+1 {
		t.Errorf("cut line still %d columns wide", uniseg.StringWidth(display))
	}
	if !strings.Contains(display, "idiot") {
		t.Fatalf("match lost in %q", display)
	}
	if uniseg.StringWidth(display[:strings.Index(display, "idiot")]) != col {
		t.Errorf("caret column %d is not under the match in %q", col, display)
	}
}

// TestTextSanitises checks escape sequences and bidirectional overrides in
// a post cannot reach the terminal.
func TestTextSanitises(t *testing.T) {
	text := "evil \x1b[2J\u202Eidiot\ttab"
	r := &finding.Result{
		Post: post.Post{ID: "x\x1b]0;pwned\x07", Text: text}, ID: "x\x1b]0;pwned\x07",
		Source: &post.Source{File: "q.jsonl", Line: 1}, Verdict: finding.Review,
		Findings: []finding.Finding{find(t, "insult", finding.Warning, 0.9, "text", text, "idiot", false)},
	}
	out := render(t, "text", testOptions(), []*finding.Result{r})
	if strings.ContainsAny(out, "\x1b\x07\u202E\t") {
		t.Errorf("control characters reached the text output: %q", out)
	}
}

func TestCamelCase(t *testing.T) {
	for in, want := range map[string]string{"nhs-number": "NhsNumber", "insult": "Insult", "phone.private_uk": "PhonePrivateUk", "": ""} {
		if got := camelCase(in); got != want {
			t.Errorf("camelCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFieldText(t *testing.T) {
	p := &post.Post{Text: "t", ReplyTo: &post.Reply{Text: "r", Author: "a"}, Media: []post.Media{{File: "f.jpg", AltText: "alt"}}}
	for field, want := range map[string]string{"text": "t", "": "t", "reply_to.text": "r", "reply_to.author": "a", "media[0].file": "f.jpg", "media[0].alt_text": "alt"} {
		if got, ok := fieldText(p, field); !ok || got != want {
			t.Errorf("fieldText(%q) = %q, %v; want %q", field, got, ok, want)
		}
	}
	for _, field := range []string{"post", "media[1].file", "media[x].file", "media[0].size", "reply_to"} {
		if _, ok := fieldText(p, field); ok {
			t.Errorf("fieldText(%q) found a text", field)
		}
	}
}
