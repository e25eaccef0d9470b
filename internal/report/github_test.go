package report

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
)

func TestGitHubEscaping(t *testing.T) {
	if got, want := escapeData("100% sure\r\nnext: a,b"), "100%25 sure%0D%0Anext: a,b"; got != want {
		t.Errorf("escapeData = %q, want %q", got, want)
	}
	if got, want := escapeProperty("dir,x/a:b%\n.jsonl"), "dir%2Cx/a%3Ab%25%0A.jsonl"; got != want {
		t.Errorf("escapeProperty = %q, want %q", got, want)
	}

	text := "50% off, today:\nidiot"
	r := &finding.Result{
		Post: post.Post{ID: "p,1", Text: text}, ID: "p,1",
		Source: &post.Source{File: "odd,name:queue.jsonl", Line: 4}, Verdict: finding.Review,
		Findings: []finding.Finding{find(t, "insult", finding.Warning, 0.9, "text", text, "idiot", false)},
	}
	r.Findings[0].Message = "Insult at 100%\nsecond line"
	out := render(t, "github", testOptions(), []*finding.Result{r})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one command and a summary, got %q", out)
	}
	want := "::warning file=odd%2Cname%3Aqueue.jsonl,line=4,title=postlint insult (9.6.1 b6)::" +
		"Post p,1: Insult at 100%25%0Asecond line Match: \"idiot\".%0ASuggestion: Criticise the decision, not the person, or do not post it."
	if lines[0] != want {
		t.Errorf("command =\n%s\nwant\n%s", lines[0], want)
	}
	if !strings.HasPrefix(lines[1], "postlint: 1 post checked") {
		t.Errorf("summary line = %q", lines[1])
	}
}

// TestGitHubThousandPosts checks one bad post among a thousand gives exactly
// one error annotation, at its line.
func TestGitHubThousandPosts(t *testing.T) {
	var buf bytes.Buffer
	w, err := New("github", &buf, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	const bad = 537
	for line := 1; line <= 1000; line++ {
		text := "Well done to the team on ward " + strconv.Itoa(line) + "!"
		r := &finding.Result{
			Post: post.Post{ID: "q-" + strconv.Itoa(line), Text: text}, ID: "q-" + strconv.Itoa(line),
			Source: &post.Source{File: "queue.jsonl", Line: line}, Verdict: finding.OK,
		}
		if line == bad {
			r.Post.Text = "Patient " + nhsNumber + " is on ward 3"
			r.Verdict, r.Score = finding.Block, 97
			r.Findings = []finding.Finding{find(t, "nhs-number", finding.Error, 0.97, "text", r.Post.Text, nhsNumber, true)}
		}
		if err := w.Post(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, l := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(l, "::error") {
			errs = append(errs, l)
		}
	}
	if len(errs) != 1 {
		t.Fatalf("%d ::error lines, want 1", len(errs))
	}
	if !strings.HasPrefix(errs[0], "::error file=queue.jsonl,line=537,title=") {
		t.Errorf("annotation = %q", errs[0])
	}
	if strings.Contains(buf.String(), "476 5919") {
		t.Error("unmasked NHS number in the build log")
	}
	if !strings.Contains(buf.String(), "1000 posts checked: 1 blocked, 0 to review, 999 ok") {
		t.Errorf("summary missing:\n%s", buf.String()[max(0, buf.Len()-200):])
	}
}
