package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// postlintBinary builds the command once (without the race detector, as
// it ships) for the tests that measure it from outside.
func postlintBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "postlint-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "postlint")
		out, err := exec.Command(goTool, "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// runBinary runs the command with its output discarded and returns how
// long it took and its peak resident memory.
func runBinary(t *testing.T, bin string, args ...string) (time.Duration, int64, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss << 10 // KiB on Linux
	}
	return took, rss, code
}

// TestColdDraft checks a pasted draft through the command as staff run it:
// a fresh process that loads the pack, checks one draft and exits. Without
// a name near care words the entity model is not loaded, and the check
// takes well under a second (the README's figure: under 100 ms; set
// POSTLINT_STRICT_TIMING=1 to hold it to that).
func TestColdDraft(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := postlintBinary(t)
	dir := t.TempDir()
	draft := filepath.Join(dir, "draft.txt")
	writeFile(t, draft, "Lovely morning on the ward, thanks team for the cake! Flu jabs in the atrium from 10 till 2.\n")
	best := time.Hour
	var rss int64
	for range 5 {
		took, r, code := runBinary(t, bin, "check", "--no-config", draft)
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
		best, rss = min(best, took), r
	}
	t.Logf("cold check of one draft: best of 5 %v, peak RSS %d MiB", best.Round(time.Millisecond), rss>>20)
	// Timings are figures to report, not assertions, on a shared machine;
	// POSTLINT_STRICT_TIMING=1 holds a quiet machine to the README's figure.
	if os.Getenv("POSTLINT_STRICT_TIMING") != "" {
		if best > 100*time.Millisecond {
			t.Errorf("cold check took %v, want under 100ms", best)
		}
		if rss > 80<<20 {
			t.Errorf("peak RSS %d MiB: was the entity model loaded?", rss>>20)
		}
	}
}

// TestMemoryFlat streams a large generated queue (POSTLINT_MEMTEST_MB,
// default 200 MB) through the command and checks that its peak resident
// memory stays under 150 MiB: memory does not grow with the queue. It is
// slow (about a minute per 100 MB), so it runs only with POSTLINT_MEMTEST
// set, and never under -short.
func TestMemoryFlat(t *testing.T) {
	if testing.Short() || os.Getenv("POSTLINT_MEMTEST") == "" {
		t.Skip("set POSTLINT_MEMTEST=1 to stream a large queue through the command")
	}
	mb := 200
	if s := os.Getenv("POSTLINT_MEMTEST_MB"); s != "" {
		var err error
		if mb, err = strconv.Atoi(s); err != nil {
			t.Fatal(err)
		}
	}
	bin := postlintBinary(t)
	path := filepath.Join(t.TempDir(), "queue.jsonl")
	posts := writeQueue(t, path, int64(mb)<<20)
	took, rss, code := runBinary(t, bin, "check", "--no-config", "--format", "json", "--fail-on", "never", path)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	t.Logf("%d MB, %d posts in %v (%.0f posts/s), peak RSS %d MiB", mb, posts, took.Round(time.Millisecond), float64(posts)/took.Seconds(), rss>>20)
	if rss > 150<<20 {
		t.Errorf("peak RSS %d MiB, want under 150 MiB", rss>>20)
	}
}

// writeQueue writes a JSON Lines queue of about size bytes, of drafts like
// the corpus's: clean ones, identifiers, names near care words (so that the
// entity model is loaded), insults, replies and photos.
func writeQueue(t *testing.T, path string, size int64) int {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	drafts := []string{
		`{"id":"q-%d","text":"Lovely morning on the ward, thanks team for the cake! Post %d"}`,
		`{"id":"q-%d","text":"Her son wants a call back on 07700 900417, NHS no 943 476 5919 (post %d)"}`,
		`{"id":"q-%d","text":"my grandad Reg Cole is on Midgley with pneumonia, post %d, anyone on shift pop in?"}`,
		`{"id":"q-%d","text":"Whoever did this rota is an absolute idiot %d"}`,
		`{"id":"q-%d","text":"so true","reply_to":{"text":"Torbay hospital is a disgrace, 9 hours in A&E (%d)","action":"like"}}`,
		`{"id":"q-%d","text":"Great shift %d","account":"personal","media":[{"file":"ward7_selfie.jpg","alt_text":"me and the team on the ward"}]}`,
		`{"id":"q-%d","text":"Dementia Awareness Week starts Monday on every ward: come and see our stand in the atrium. #DementiaAwarenessWeek %d"}`,
	}
	var n int64
	posts := 0
	for n < size {
		line := fmt.Sprintf(drafts[posts%len(drafts)], posts, posts) + "\n"
		if _, err := w.WriteString(line); err != nil {
			t.Fatal(err)
		}
		n += int64(len(line))
		posts++
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return posts
}
