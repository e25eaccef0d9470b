package web_test

// End-to-end tests in a real browser: Chromium (Debian's /usr/bin/chromium),
// driven with chromedp against an httptest server on 127.0.0.1. They skip
// when no Chromium is installed, except under CI=true, where they fail.
// POSTLINT_CHROMIUM names another browser binary.
//
//	go test -run Browser -v ./internal/web/            # screenshot path is logged
//	go test -run Browser ./internal/web/ -artifacts    # keep the screenshot
//	go test -run Browser ./internal/web/ -update       # rewrite testdata/web/screenshot.png

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/rivo/uniseg"
)

var update = flag.Bool("update", false, "rewrite testdata/web/screenshot.png at the module root")

// findChromium returns the path of a Chromium binary. Without one the test
// is skipped, unless CI=true: CI installs Chromium, so there it is a failure.
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("POSTLINT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no chromium binary on PATH, and CI=true: install it (apt-get install -y chromium)")
	}
	t.Skip("no chromium binary on PATH: install it (apt-get install -y chromium) to run the browser tests")
	return ""
}

// browser starts a headless Chromium with a new, empty profile and returns
// a context for its first tab. The browser is closed when the test ends.
func browser(t *testing.T, path string) context.Context {
	t.Helper()
	profile := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 1000),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	t.Cleanup(func() {
		cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
		defer ccancel()
		chromedp.Cancel(cctx)
		cancel()
		acancel()
	})
	tctx, tcancel := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(tcancel)
	return tctx
}

// console collects the page's console errors and exceptions (a script
// blocked by the Content-Security-Policy, for instance).
type console struct {
	mu   sync.Mutex
	errs []string
}

func watchConsole(ctx context.Context) *console {
	c := &console{}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" {
				c.mu.Lock()
				c.errs = append(c.errs, m.String())
				c.mu.Unlock()
			}
		}
	}()
	return c
}

func (c *console) check(t *testing.T) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.errs {
		t.Errorf("browser console: %s", e)
	}
}

// apiFinding is a finding as the API returns it.
type apiFinding struct {
	Rule     string `json:"rule"`
	Category string `json:"category"`
	Severity string `json:"severity"`
	Field    string `json:"field"`
	Span     struct {
		Start int `json:"start"`
		End   int `json:"end"`
	} `json:"span"`
}

// lintViaAPI asks the server what it finds in text.
func lintViaAPI(t *testing.T, url, text string) (verdict string, findings []apiFinding) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"text": text, "channel": "twitter", "account": "personal"})
	res, err := http.Post(url+"/api/lint", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var r struct {
		Verdict  string       `json:"verdict"`
		Findings []apiFinding `json:"findings"`
	}
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	return r.Verdict, r.Findings
}

// utf16Index converts a byte offset of s to an index in UTF-16 code units,
// as JavaScript counts.
func utf16Index(s string, off int) int {
	return len(utf16.Encode([]rune(s[:off])))
}

// covered returns the sorted, merged ranges covered by rs.
func covered(rs [][2]int) [][2]int {
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b [2]int) int { return a[0] - b[0] })
	var out [][2]int
	for _, r := range rs {
		if r[1] <= r[0] {
			continue
		}
		if n := len(out); n > 0 && r[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// jsMarks lists the marks drawn behind a textarea as [start, end) indices
// of its text, with their text.
const jsMarks = `(() => {
  const out = []; let pos = 0;
  for (const n of document.getElementById(%q).childNodes) {
    const len = n.textContent.length;
    if (n.nodeName === 'MARK') out.push({start: pos, end: pos + len, text: n.textContent, cls: n.className});
    pos += len;
  }
  return out;
})()`

type jsMark struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Cls   string `json:"cls"`
}

func TestBrowserHighlightsAndVerdict(t *testing.T) {
	chrome := findChromium(t)
	srv := httptest.NewServer(newHandler(t, testConfig(t)))
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("test server at %s, want 127.0.0.1", srv.URL)
	}
	ctx := browser(t, chrome)
	cons := watchConsole(ctx)

	// A ZWJ emoji, a two-byte and a three-byte character before the first
	// span: the page must turn byte offsets into string indices correctly.
	const nhs = "943 476 5919" // a valid NHS number (modulus 11)
	text := "👩‍⚕️ Nurse life é€: lovely lady on the ward, DOB 12/03/1958, NHS " + nhs + " 😀 what a f*cking shift"
	verdict, findings := lintViaAPI(t, srv.URL, text)
	if verdict != "block" || len(findings) < 2 {
		t.Fatalf("API: verdict %q, %d findings for the draft; want block and at least 2", verdict, len(findings))
	}
	var want [][2]int
	var dobRule string
	hasNHS := false
	for _, f := range findings {
		if f.Field != "" && f.Field != "text" {
			continue
		}
		want = append(want, [2]int{utf16Index(text, f.Span.Start), utf16Index(text, f.Span.End)})
		if strings.Contains(text[f.Span.Start:f.Span.End], "12/03/1958") {
			dobRule = f.Rule
		}
		if f.Category == "nhs-number" {
			hasNHS = true
		}
	}
	if dobRule == "" {
		t.Fatalf("API: no finding on the date of birth: %+v", findings)
	}
	if !hasNHS {
		t.Logf("the nhs-number rule does not flag %q yet; checking the other highlights", nhs)
	}

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#draft")),
		typeText(chromedp.CSS("#draft"), text),
	)
	if err != nil {
		t.Fatal(err)
	}
	// Typing is debounced: wait for the verdict and the highlights.
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](
		`document.getElementById('verdict').dataset.state === 'done' &&
		 document.getElementById('draft').value.length === `+fmt.Sprint(len(utf16.Encode([]rune(text)))),
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({value: document.getElementById('draft').value,
			verdict: document.getElementById('verdict').dataset.verdict, marks: document.getElementById('draft-highlights').innerHTML})`))
		t.Fatalf("waiting for the verdict: %v; page: %s", err, state)
	}
	value, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#draft")))
	if err != nil || value != text {
		t.Fatalf("the textarea holds %q (%v), want %q", value, err, text)
	}

	// The highlights cover exactly the spans the API returned.
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[[]jsMark](fmt.Sprintf(jsMarks, "draft-highlights")))
	if err != nil {
		t.Fatal(err)
	}
	var got [][2]int
	var markTexts []string
	for _, m := range marks {
		got = append(got, [2]int{m.Start, m.End})
		markTexts = append(markTexts, m.Text)
	}
	if g, w := covered(got), covered(want); !slices.Equal(g, w) {
		t.Errorf("highlights cover %v %q, want %v", g, markTexts, w)
	}
	joined := strings.Join(markTexts, "|")
	for _, s := range []string{"12/03/1958", "f*cking"} {
		if !strings.Contains(joined, s) {
			t.Errorf("no highlight on %q; highlights: %q", s, markTexts)
		}
	}
	if hasNHS && !strings.Contains(joined, nhs) {
		t.Errorf("no highlight on the NHS number; highlights: %q", markTexts)
	}
	for _, m := range marks {
		if !strings.Contains(m.Cls, "hl-error") && !strings.Contains(m.Cls, "hl-warning") && !strings.Contains(m.Cls, "hl-info") {
			t.Errorf("mark %q has class %q", m.Text, m.Cls)
		}
	}

	// The verdict in plain words, the findings listed with clause and
	// suggestion, and the length in grapheme clusters.
	type pageState struct {
		Title    string   `json:"title"`
		Detail   string   `json:"detail"`
		Count    string   `json:"count"`
		Findings string   `json:"findings"`
		Live     string   `json:"live"`
		Items    int      `json:"items"`
		Rules    []string `json:"rules"`
		Stored   bool     `json:"stored"`
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](`({
		title: document.getElementById('verdict-title').textContent,
		detail: document.getElementById('verdict-detail').textContent,
		count: document.getElementById('draft-count').textContent,
		findings: document.getElementById('findings').innerText,
		live: document.getElementById('verdict').getAttribute('aria-live'),
		items: document.querySelectorAll('#findings > li').length,
		rules: Array.from(document.querySelectorAll('#findings > li'), li => li.dataset.rule),
		stored: document.cookie !== '' || localStorage.length > 0 || sessionStorage.length > 0,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if st.Title != "Do not post" {
		t.Errorf("verdict %q, want %q", st.Title, "Do not post")
	}
	if st.Live != "polite" {
		t.Errorf("the verdict is not an aria-live region (aria-live=%q)", st.Live)
	}
	if st.Items != len(findings) || !slices.Contains(st.Rules, dobRule) {
		t.Errorf("the list has %d findings %v, want %d with %s", st.Items, st.Rules, len(findings), dobRule)
	}
	for _, s := range []string{"Must change", "Clause 9.6.1 b1", "Clause 9.6.1 b6", "What to do instead", "Confidential information about service users"} {
		if !strings.Contains(st.Findings, s) {
			t.Errorf("the findings list lacks %q:\n%s", s, st.Findings)
		}
	}
	if n := uniseg.GraphemeClusterCount(text); !strings.HasPrefix(st.Count, fmt.Sprintf("%d of 280 characters", n)) {
		t.Errorf("count %q, want %d of 280 characters (grapheme clusters)", st.Count, n)
	}
	if st.Stored {
		t.Error("the page stored something: cookies, localStorage or sessionStorage")
	}

	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	saveScreenshot(t, shot)

	// Keyboard: tab to the finding's "Show in post" button and press Enter:
	// the draft gets focus with the match selected.
	sel := chromedp.CSS(fmt.Sprintf(`#findings li[data-rule=%q] button`, dobRule))
	err = chromedp.Do(ctx, chromedp.Focus(sel), chromedp.KeyEvent("\r"))
	if err != nil {
		t.Fatal(err)
	}
	selected, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const d = document.activeElement;
		return d.id + ':' + d.value.slice(d.selectionStart, d.selectionEnd);
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(selected, "draft:") || !strings.Contains(selected, "12/03/1958") {
		t.Errorf("after Show in post: focus and selection %q, want the date of birth in #draft", selected)
	}

	// Type at the start of the draft: the highlights stay on their words,
	// both before the next answer (shifted in place) and after it.
	for _, when := range []string{"at once", "after the answer"} {
		err = chromedp.Do(ctx,
			chromedp.Evaluate[chromedp.Void](`document.getElementById('draft').setSelectionRange(0, 0)`),
			chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: "Ça va 👋 "})
				return err
			}),
		)
		if err != nil {
			t.Fatal(err)
		}
		if when == "after the answer" {
			_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('verdict').dataset.state === 'done'`, chromedp.WithPollingTimeout(30*time.Second)))
			if err != nil {
				t.Fatal(err)
			}
		}
		marks, err := chromedp.Run(ctx, chromedp.Evaluate[[]jsMark](fmt.Sprintf(jsMarks, "draft-highlights")))
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, m := range marks {
			texts = append(texts, m.Text)
		}
		joined := strings.Join(texts, "|")
		if !strings.Contains(joined, "12/03/1958") || !strings.Contains(joined, "f*cking") {
			t.Errorf("%s after typing at the start, the highlights are on %q", when, texts)
		}
	}

	// Rewrite the draft as a safe one.
	err = chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`(() => { const d = document.getElementById('draft'); d.value = ''; d.dispatchEvent(new Event('input', {bubbles: true})); })()`),
		chromedp.SendKeys(chromedp.CSS("#draft"), "Great teamwork on the ward today, thank you all!"),
		chromedp.Poll[chromedp.Void](`document.getElementById('verdict').dataset.verdict === 'ok'`, chromedp.WithPollingTimeout(30*time.Second)),
	)
	if err != nil {
		t.Fatalf("waiting for a safe verdict: %v", err)
	}
	st2, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](`({
		title: document.getElementById('verdict-title').textContent,
		items: document.querySelectorAll('#findings > li').length + document.querySelectorAll('#draft-highlights mark').length,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if st2.Title != "Safe to post" || st2.Items != 0 {
		t.Errorf("safe draft: verdict %q with %d findings and marks, want %q and none", st2.Title, st2.Items, "Safe to post")
	}
	cons.check(t)
}

func TestBrowserReplyAndAttachments(t *testing.T) {
	chrome := findChromium(t)
	srv := httptest.NewServer(newHandler(t, testConfig(t)))
	t.Cleanup(srv.Close)
	ctx := browser(t, chrome)
	cons := watchConsole(ctx)

	comment := "Worst hospital ever, the nurses on ward 7 are useless and rude"
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#draft")),
		// Open "Replying to ... a comment?" from the keyboard and like it.
		chromedp.Focus(chromedp.CSS("#reply-section summary")),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS("#reply-text")),
		chromedp.Click(chromedp.CSS(`input[name="action"][value="like"]`)),
		chromedp.SendKeys(chromedp.CSS("#reply-text"), comment),
		chromedp.Poll[chromedp.Void](`document.getElementById('verdict').dataset.verdict === 'block' &&
			document.querySelectorAll('#reply-highlights mark').length > 0`, chromedp.WithPollingTimeout(30*time.Second)),
	)
	if err != nil {
		t.Fatalf("liking a negative comment: %v", err)
	}
	where, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#findings .where")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(where, "comment you are answering") {
		t.Errorf("the finding is placed %q, want in the comment", where)
	}

	// Close the reply section: the comment no longer counts. Then add a
	// workplace photo from a personal account.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#reply-section summary")),
		chromedp.Poll[chromedp.Void](`document.getElementById('verdict').dataset.verdict === 'empty'`, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.SendKeys(chromedp.CSS("#draft"), "Team photo from the ward!"),
		chromedp.Click(chromedp.CSS("#media-section summary")),
		chromedp.WaitVisible(chromedp.CSS(`#media-list [data-name="file"]`)),
		chromedp.SendKeys(chromedp.CSS(`#media-list [data-name="file"]`), "ward7-team.jpg"),
		chromedp.SendKeys(chromedp.CSS(`#media-list [data-name="alt_text"]`), "Nurses at the nurses station with patient whiteboard behind"),
		chromedp.Poll[chromedp.Void](`document.getElementById('verdict').dataset.verdict !== 'empty' &&
			document.getElementById('verdict').dataset.verdict !== 'ok' &&
			document.querySelector('#findings .where') !== null &&
			document.querySelector('#findings .where').textContent.includes('photo or video 1')`, chromedp.WithPollingTimeout(30*time.Second)),
	)
	if err != nil {
		t.Fatalf("adding a workplace photo: %v", err)
	}
	// Every input has a label.
	unlabelled, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('input, textarea, select'))
		.filter(e => e.labels === null || e.labels.length === 0).map(e => e.outerHTML)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(unlabelled) > 0 {
		t.Errorf("controls without a label: %q", unlabelled)
	}
	cons.check(t)
}

// typeText types text into the element sel: ASCII with key events, as a
// keyboard does, and other characters with Input.insertText, as an emoji
// keyboard or an input method does (key events cannot carry a ZWJ sequence).
func typeText(sel chromedp.CSS, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := chromedp.Focus(sel)(ctx, t); err != nil {
			return err
		}
		for len(text) > 0 {
			i := strings.IndexFunc(text, func(r rune) bool { return r >= utf8.RuneSelf })
			switch {
			case i < 0:
				i = len(text)
			case i == 0:
				i = strings.IndexFunc(text, func(r rune) bool { return r < utf8.RuneSelf })
				if i < 0 {
					i = len(text)
				}
				if _, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: text[:i]}); err != nil {
					return err
				}
				text = text[i:]
				continue
			}
			if _, err := chromedp.SendKeys(sel, text[:i])(ctx, t); err != nil {
				return err
			}
			text = text[i:]
		}
		return nil
	})
}

// saveScreenshot writes the page's screenshot to testdata/web/screenshot.png
// at the module root with -update, and otherwise to the test's artifact
// directory (kept with -artifacts), logging where.
func saveScreenshot(t *testing.T, png []byte) {
	t.Helper()
	dir := t.ArtifactDir()
	if *update {
		root, err := moduleRoot()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(root, "testdata", "web")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "screenshot.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// moduleRoot returns the directory of go.mod above the working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}
