package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/postlint/postlint/internal/engine"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/queue"
)

// jsonReport is the part of the JSON report the robustness tests read.
type jsonReport struct {
	Posts []struct {
		ID       string `json:"id"`
		Verdict  string `json:"verdict"`
		Error    string `json:"error"`
		Findings []struct {
			Rule string `json:"rule"`
			Span struct {
				Start, End int
			} `json:"span"`
		} `json:"findings"`
		Source struct {
			File string `json:"file"`
			Line int    `json:"line"`
		} `json:"source"`
	} `json:"posts"`
	Summary struct {
		Posts      int `json:"posts"`
		Unreadable int `json:"unreadable"`
	} `json:"summary"`
}

func parseReport(t *testing.T, r result) jsonReport {
	t.Helper()
	var rep jsonReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, r)
	}
	return rep
}

// TestCheckHostileInputs runs check on broken and hostile queue files: each
// is reported with an error naming the file and line (or read as it is),
// nothing panics or hangs, every other post is still checked, and the
// report counts every record read.
func TestCheckHostileInputs(t *testing.T) {
	bomb := "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	prev := "a"
	for _, n := range "bcdefghi" {
		bomb += fmt.Sprintf("%c: &%c [%s]\n", n, n, strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ","))
		prev = string(n)
	}
	bomb += "posts:\n  - {id: y-1, text: hello}\n  - {id: y-2, text: *i}\n  - {id: y-3, text: fine}\n"
	tests := []struct {
		name, file, data string
		posts            []string // ids of the posts that must be checked
		errs             []string // "file:line" of each unreadable record
	}{
		{"invalid utf-8 and nul", "utf.jsonl",
			"{\"id\":\"u-1\",\"text\":\"hello \xff\xfe there\"}\n{\"id\":\"u-2\",\"text\":\"escaped nul \\u0000 inside\"}\n{\"id\":\"u-3\",\"text\":\"raw nul \x00 inside\"}\n{\"id\":\"u-4\",\"text\":\"fine\"}\n",
			[]string{"u-1", "u-2", "u-4"}, []string{"utf.jsonl:3"}},
		{"truncated json", "trunc.json",
			"[{\"id\":\"t-1\",\"text\":\"one\"},\n{\"id\":\"t-2\",\"text\":\"two\"},\n{\"id\":\"t-3\",\"text\":\"thr",
			[]string{"t-1", "t-2"}, []string{"trunc.json:3"}},
		{"truncated jsonl", "trunc.jsonl",
			"{\"id\":\"l-1\",\"text\":\"one\"}\n{\"id\":\"l-2\",\"te",
			[]string{"l-1"}, []string{"trunc.jsonl:2"}},
		{"malformed record mid-file", "mid.jsonl",
			"{\"id\":\"m-1\",\"text\":\"one\"}\n{\"id\":\"m-2\",\"text\":\"two\"\n{\"id\":\"m-3\",\"text\":\"three\"}\n",
			[]string{"m-1", "m-3"}, []string{"mid.jsonl:2"}},
		{"csv stray quote", "stray.csv",
			"id,text\nc-1,hello\nc-2,\"stray \"quote here\nc-3,fine\n",
			[]string{"c-1", "c-3"}, []string{"stray.csv:3"}},
		{"yaml alias bomb", "bomb.yaml", bomb,
			[]string{"y-1", "y-3"}, []string{"bomb.yaml:"}},
		{"deeply nested json", "nested.json",
			strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
			nil, []string{"nested.json:1"}},
		{"nul bytes in a draft", "nul.txt", "text with nul \x00 and \xff bytes",
			[]string{"nul.txt"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, tt.file), tt.data)
			done := make(chan result, 1)
			go func() {
				done <- run(t, dir, "", "check", "--no-config", "--format", "json", "--fail-on", "never", tt.file)
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(time.Minute):
				t.Fatal("check did not finish in a minute")
			}
			wantCode := 0
			if len(tt.errs) > 0 {
				wantCode = 2
			}
			if r.code != wantCode {
				t.Fatalf("exit %d, want %d\n%s", r.code, wantCode, r)
			}
			rep := parseReport(t, r)
			if rep.Summary.Posts != len(rep.Posts) || rep.Summary.Posts != len(tt.posts)+len(tt.errs) || rep.Summary.Unreadable != len(tt.errs) {
				t.Errorf("summary %+v with %d results, want %d posts and %d unreadable\n%s", rep.Summary, len(rep.Posts), len(tt.posts)+len(tt.errs), len(tt.errs), r.stdout)
			}
			checked := map[string]bool{}
			var errs []string
			for _, p := range rep.Posts {
				if p.Error != "" {
					errs = append(errs, p.Error)
					continue
				}
				checked[p.ID] = true
			}
			for _, id := range tt.posts {
				if !checked[id] {
					t.Errorf("post %s not checked\n%s", id, r.stdout)
				}
			}
			for i, where := range tt.errs {
				if i >= len(errs) || !strings.HasPrefix(errs[i], where) {
					t.Errorf("error %d: %q, want it to start with %q", i, errs, where)
				}
			}
		})
	}
}

// TestCheckCountsEveryRecord checks, through the command's check path, that
// the report has one result for every record of the queues, read or not.
func TestCheckCountsEveryRecord(t *testing.T) {
	dir := t.TempDir()
	var jl, csv strings.Builder
	records := 0
	csv.WriteString("id,text\n")
	for i := 1; i <= 500; i++ {
		switch {
		case i%97 == 0:
			jl.WriteString("{\"id\": broken\n")
		case i%89 == 0:
			jl.WriteString("{\"id\":\"e\",\"text\":\"  \"}\n") // no text: an error record
		default:
			fmt.Fprintf(&jl, "{\"id\":\"j-%d\",\"text\":\"Post %d about the ward rota and my NHS number 943 476 5919\"}\n", i, i)
		}
		fmt.Fprintf(&csv, "c-%d,\"Thanks team, post %d\"\n", i, i)
		records += 2
	}
	writeFile(t, filepath.Join(dir, "a.jsonl"), jl.String())
	writeFile(t, filepath.Join(dir, "b.csv"), csv.String())
	r := run(t, dir, "", "check", "--no-config", "--format", "json", "--fail-on", "never", "a.jsonl", "b.csv")
	rep := parseReport(t, r)
	if rep.Summary.Posts != records || len(rep.Posts) != records {
		t.Fatalf("summary.posts %d, %d results; want %d records", rep.Summary.Posts, len(rep.Posts), records)
	}
	if want := 500/97 + 500/89; rep.Summary.Unreadable != want {
		t.Errorf("unreadable %d, want %d", rep.Summary.Unreadable, want)
	}
}

// TestCheckLeavesInputsAlone checks that check never writes to what it
// reads: the queue, its media and the configuration keep their content
// and modification times, even when they are read-only.
func TestCheckLeavesInputsAlone(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata", "queue"), filepath.Join(dir, "queue"))
	copyTree(t, filepath.Join(root, "testdata", "media"), filepath.Join(dir, "queue", "media"))
	writeFile(t, filepath.Join(dir, ".postlint.yaml"), "fail_on: warning\n")
	writeFile(t, filepath.Join(dir, "queue", "photos.jsonl"),
		`{"id":"p-1","text":"Lovely day","account":"personal","media":[{"file":"media/torbay-hospital.jpg"}]}`+"\n")
	type state struct {
		mode    fs.FileMode
		modTime time.Time
		sum     [32]byte
	}
	snapshot := func() map[string]state {
		m := map[string]state{}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			fi, err := d.Info()
			if err != nil {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			m[p] = state{fi.Mode(), fi.ModTime(), sha256.Sum256(data)}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	// Read-only, as a checkout on a locked-down runner may be.
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.Chmod(p, 0o444)
		}
		return err
	})
	before := snapshot()
	files, _ := filepath.Glob(filepath.Join(dir, "queue", "*.*"))
	var names []string
	for _, f := range files {
		if rel, _ := filepath.Rel(dir, f); !strings.HasSuffix(rel, ".golden") {
			names = append(names, rel)
		}
	}
	for _, format := range []string{"text", "json", "sarif"} {
		r := run(t, dir, "", append([]string{"check", "--format", format}, names...)...)
		if r.code == 0 || strings.Contains(r.stderr, "panic") {
			t.Errorf("%s: exit %d\n%s", format, r.code, r.stderr)
		}
	}
	after := snapshot()
	if len(after) != len(before) {
		t.Errorf("%d files before, %d after", len(before), len(after))
	}
	for p, b := range before {
		if a, ok := after[p]; !ok || a != b {
			t.Errorf("%s changed: %+v -> %+v", p, b, a)
		}
	}
}

// TestCheckMediaConfined checks that check reads a photo's metadata only
// from the queue file's folder: the same photo (taken on a hospital site)
// reached through "..", an absolute path or a symbolic link that leads out
// gives no finding, and so does a file name that is not in the folder.
func TestCheckMediaConfined(t *testing.T) {
	dir := t.TempDir()
	photo, err := os.ReadFile(filepath.Join(root, "testdata", "media", "torbay-hospital.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "q", "IMG_0001.jpg"), string(photo))
	writeFile(t, filepath.Join(dir, "outside", "IMG_0002.jpg"), string(photo))
	if err := os.Symlink(filepath.Join("..", "outside", "IMG_0002.jpg"), filepath.Join(dir, "q", "IMG_0003.jpg")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	post := func(id, file string) string {
		b, _ := json.Marshal(map[string]any{"id": id, "text": "Lovely day", "account": "personal", "media": []map[string]string{{"file": file}}})
		return string(b) + "\n"
	}
	writeFile(t, filepath.Join(dir, "q", "queue.jsonl"),
		post("inside", "IMG_0001.jpg")+post("up", "../outside/IMG_0002.jpg")+
			post("absolute", filepath.Join(dir, "outside", "IMG_0002.jpg"))+post("link", "IMG_0003.jpg")+
			post("missing", "IMG_9999.jpg"))
	r := run(t, dir, "", "check", "--no-config", "--format", "json", "--fail-on", "never", filepath.Join(dir, "q", "queue.jsonl"))
	rep := parseReport(t, r)
	got := map[string]int{}
	for _, p := range rep.Posts {
		got[p.ID] = len(p.Findings)
	}
	if got["inside"] == 0 {
		t.Errorf("the photo in the queue's folder gave no finding: %s", r.stdout)
	}
	for _, id := range []string{"up", "absolute", "link", "missing"} {
		if got[id] != 0 {
			t.Errorf("%s: %d findings, want none (the photo is outside the queue's folder)\n%s", id, got[id], r.stdout)
		}
	}
}

// TestCheckHugePost checks a single draft of many megabytes in linear time,
// with the findings of each rule capped.
func TestCheckHugePost(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	size := 2 << 20
	switch {
	case os.Getenv("POSTLINT_STRESS") != "":
		size = 100 << 20 // several minutes and a few GB of memory
	case raceEnabled:
		size = 256 << 10
	}
	var b bytes.Buffer
	para := "Shift went well on the ward today, thanks to the whole team for the cake. Whoever did this rota is an idiot. Ring me on 07700 900417.\n"
	for b.Len() < size {
		b.WriteString(para)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "huge.txt"), b.String())
	start := time.Now()
	r := run(t, dir, "", "check", "--no-config", "--format", "json", "--fail-on", "never", "huge.txt")
	took := time.Since(start)
	rep := parseReport(t, r)
	if len(rep.Posts) != 1 {
		t.Fatalf("%d results, want 1", len(rep.Posts))
	}
	perRule := map[string]int{}
	for _, f := range rep.Posts[0].Findings {
		perRule[f.Rule]++
		if f.Span.Start < 0 || f.Span.End > b.Len() || f.Span.Start > f.Span.End {
			t.Errorf("span %+v outside the text", f.Span)
		}
	}
	for rule, n := range perRule {
		if n > 100 {
			t.Errorf("%s: %d findings, want at most 100", rule, n)
		}
	}
	t.Logf("%d MB in %v (%.1f MB/s), findings per rule %v", b.Len()>>20, took.Round(time.Millisecond), float64(b.Len())/(1<<20)/took.Seconds(), perRule)
}

// genQueue is a JSON Lines queue of n posts made up as it is read, never
// held whole: every 1000th line is malformed.
type genQueue struct {
	n, i int
	buf  []byte
}

func (g *genQueue) Read(p []byte) (int, error) {
	for len(g.buf) < len(p) && g.i < g.n {
		g.i++
		if g.i%1000 == 0 {
			g.buf = append(g.buf, "{\"id\": oops\n"...)
			continue
		}
		g.buf = fmt.Appendf(g.buf, "{\"id\":\"g-%d\",\"text\":\"Thanks team, post %d\"}\n", g.i, g.i)
	}
	if len(g.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, g.buf)
	g.buf = g.buf[:copy(g.buf, g.buf[n:])]
	return n, nil
}

// TestTenMillionLines streams a queue of ten million lines through the
// check path (reader, linter, ordered results): every record is reported,
// in order, and memory stays flat.
func TestTenMillionLines(t *testing.T) {
	if testing.Short() {
		t.Skip("ten million lines")
	}
	n := 10_000_000
	if raceEnabled && os.Getenv("POSTLINT_STRESS") == "" {
		n = 200_000
	}
	pack, res, err := loadPack(nil, true, false)
	if err != nil {
		t.Fatal(err)
	}
	lint, err := engine.New(pack, res, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	items := make(chan engine.Item, 64)
	go func() {
		defer close(items)
		err := queue.Read(ctx, &genQueue{n: n}, "gen.jsonl", queue.JSONL, func(rec queue.Record) error {
			src := rec.Source
			items <- engine.Item{Post: rec.Post, Source: &src, Err: rec.Err}
			return nil
		})
		if err != nil {
			t.Error(err)
		}
	}()
	count, bad, line := 0, 0, 0
	var peak uint64
	var ms runtime.MemStats
	start := time.Now()
	err = lint.Stream(ctx, 0, func() (engine.Item, bool) { it, ok := <-items; return it, ok }, func(r *finding.Result) error {
		count++
		if r.Err != nil {
			bad++
		}
		if r.Source.Line != line+1 {
			return fmt.Errorf("record of line %d after line %d", r.Source.Line, line)
		}
		line = r.Source.Line
		if count%500_000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if count != n || bad != n/1000 {
		t.Errorf("%d records (%d unreadable), want %d (%d)", count, bad, n, n/1000)
	}
	if peak > 200<<20 {
		t.Errorf("heap in use reached %d MiB", peak>>20)
	}
	t.Logf("%d lines in %v (%.0f posts/s), peak heap in use %d MiB", n, time.Since(start).Round(time.Millisecond), float64(n)/time.Since(start).Seconds(), peak>>20)
}
