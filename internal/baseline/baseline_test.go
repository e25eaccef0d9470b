package baseline

import (
	"bytes"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
)

const nhs = "943 476 5919"

// result builds a result for text with a sensitive finding on each
// occurrence of nhs and an insult on "idiot".
func result(id string, line int, text string) *finding.Result {
	r := &finding.Result{Post: post.Post{ID: id, Text: text}, ID: id, Source: &post.Source{File: "q.jsonl", Line: line}}
	for off := 0; ; {
		i := strings.Index(text[off:], nhs)
		if i < 0 {
			break
		}
		s := off + i
		r.Findings = append(r.Findings, finding.Finding{Rule: "nhs-number", Category: "nhs-number", Severity: finding.Error,
			Confidence: 0.9, Field: "text", Match: nhs, Sensitive: true, Span: finding.Span{Start: s, End: s + len(nhs)}})
		off = s + len(nhs)
	}
	if i := strings.Index(strings.ToLower(text), "idiot"); i >= 0 {
		r.Findings = append(r.Findings, finding.Finding{Rule: "insult", Category: "insult", Severity: finding.Warning,
			Confidence: 0.8, Field: "text", Match: text[i : i+5], Span: finding.Span{Start: i, End: i + 5}})
	}
	r.Score, r.Verdict = 80, finding.Block
	return r
}

func TestOwnID(t *testing.T) {
	tests := []struct {
		id   string
		src  *post.Source
		want bool
	}{
		{"q-1", &post.Source{File: "q.jsonl", Line: 1}, true},
		{"q.jsonl:3", &post.Source{File: "dir/q.jsonl", Line: 3}, false},
		{"q.jsonl:3", &post.Source{File: "q.jsonl", Line: 4}, true},
		{"stdin", &post.Source{File: "stdin", Line: 1}, false},
		{"stdin:2", &post.Source{File: "stdin", Line: 2}, false},
		{"draft.txt", &post.Source{File: "drafts/draft.txt", Line: 1}, true},
		{"", nil, false},
	}
	for _, tt := range tests {
		if got := OwnID(&post.Post{ID: tt.id}, tt.src); got != tt.want {
			t.Errorf("OwnID(%q, %+v) = %v, want %v", tt.id, tt.src, got, tt.want)
		}
	}
}

func TestFingerprints(t *testing.T) {
	a := result("q.jsonl:1", 1, "NHS no "+nhs+", what an idiot")
	b := result("q.jsonl:7", 7, "NHS  no "+nhs+",  what an IDIOT")
	fa, fb := Fingerprints(a, false), Fingerprints(b, false)
	if fa[0] != fb[0] || fa[1] != fb[1] {
		t.Errorf("same text at another line, with other spacing and case: %v vs %v", fa, fb)
	}
	c := result("q.jsonl:1", 1, "NHS no 401 023 2137, what an idiot")
	c.Findings[0].Match = "401 023 2137"
	if fc := Fingerprints(c, false); fc[0] == fa[0] {
		t.Error("a different number in the same text has the same fingerprint")
	}
	// With its own id, the post is known by the id whatever its text.
	d := result("q-1", 1, "Edited: NHS no "+nhs+", what an idiot")
	e := result("q-1", 9, "NHS no "+nhs+", such an idiot")
	if fd, fe := Fingerprints(d, true), Fingerprints(e, true); fd[0] != fe[0] {
		t.Error("a post with its own id changed fingerprint with its text")
	}
	// Fingerprints are hex and do not contain the match.
	for _, fp := range fa {
		if len(fp) != 32 || strings.Trim(fp, "0123456789abcdef") != "" {
			t.Errorf("fingerprint %q", fp)
		}
	}
}

// TestMaskedText checks that the text that stands for a post without an id
// hides every digit and every sensitive match.
func TestMaskedText(t *testing.T) {
	r := result("", 1, "Mrs Ellis  NHS "+nhs+" on Ward 7")
	r.Findings = append(r.Findings, finding.Finding{Rule: "name", Sensitive: true, Field: "", Match: "Mrs Ellis", Span: finding.Span{Start: 0, End: 9}})
	got := maskedText(r, "text", r.Post.Text)
	if want := "*** ***** nhs *** *** **** on ward #"; got != want {
		t.Errorf("maskedText = %q, want %q", got, want)
	}
}

func TestRecordAndApply(t *testing.T) {
	rec := NewRecorder()
	posts := []*finding.Result{
		result("q-1", 1, "NHS no "+nhs),
		result("q.jsonl:2", 2, "two: "+nhs+" and "+nhs),
		result("q-3", 3, "all fine"),
	}
	posts[2].Findings = append(posts[2].Findings, finding.Finding{Rule: "x", Severity: finding.Error, Suppressed: &finding.Suppression{Kind: "inline", Reason: "ok"}})
	for _, r := range posts {
		rec.Add(r, OwnID(&r.Post, r.Source), "base.json")
	}
	if rec.Len() != 3 {
		t.Errorf("recorded %d findings, want 3 (not the inline-suppressed one)", rec.Len())
	}
	for _, r := range posts[:2] {
		for _, f := range r.Findings {
			if f.Suppressed == nil || f.Suppressed.Kind != "baseline" {
				t.Errorf("recorded finding not marked: %+v", f)
			}
		}
		if r.Verdict != finding.OK || r.Score != 0 {
			t.Errorf("verdict %s score %d after recording", r.Verdict, r.Score)
		}
	}
	var buf bytes.Buffer
	if err := rec.Write(&buf); err != nil {
		t.Fatal(err)
	}
	file := buf.String()
	if strings.Contains(file, "943") || strings.Contains(file, "NHS") || strings.Contains(file, "q.jsonl") {
		t.Errorf("baseline file holds text, numbers or made-up ids:\n%s", file)
	}
	if !strings.Contains(file, `"count": 2`) || !strings.Contains(file, `"post": "q-1"`) {
		t.Errorf("baseline file:\n%s", file)
	}

	b, err := Read(strings.NewReader(file), "base.json")
	if err != nil {
		t.Fatal(err)
	}
	// The same posts in another order, at other lines, with a third copy
	// of the number in the id-less post.
	again := []*finding.Result{
		result("q.jsonl:9", 9, "two: "+nhs+" and "+nhs),
		result("q-1", 5, "NHS no "+nhs),
	}
	if n := b.Apply(again[0], false); n != 2 {
		t.Errorf("applied %d to the id-less post, want 2", n)
	}
	if n := b.Apply(again[1], true); n != 1 || again[1].Verdict != finding.OK {
		t.Errorf("applied %d to q-1 (verdict %s), want 1", n, again[1].Verdict)
	}
	if b.Unused() != 0 {
		t.Errorf("unused = %d", b.Unused())
	}
	third := result("q.jsonl:9", 9, "two: "+nhs+" and "+nhs)
	if n := b.Apply(third, false); n != 0 || third.Verdict != finding.Block {
		t.Errorf("counts not consumed: applied %d", n)
	}
}
