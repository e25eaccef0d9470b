package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkCheckQueue runs `postlint check --format FORMAT` in-process over
// the labelled corpus replicated to 20,000 posts as a JSON Lines queue (the
// README's speed figure uses 100,000 through the built command), output
// discarded, and reports posts per second on GOMAXPROCS workers (-cpu).
// Each round loads the rule pack too, as the command does.
func BenchmarkCheckQueue(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(root, "..", "shared", "corpus", "posts.jsonl"))
	if err != nil {
		b.Skip("no corpus:", err)
	}
	var lines []string
	for _, l := range strings.Split(string(src), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	const n = 20000
	queue := filepath.Join(b.TempDir(), "queue.jsonl")
	f, err := os.Create(queue)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range n {
		w.WriteString(lines[i%len(lines)])
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	for _, format := range []string{"json", "text"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			posts := 0
			for b.Loop() {
				a := &app{
					stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
					getenv: func(string) string { return "" }, workdir: b.TempDir(),
				}
				if code := a.run(context.Background(), []string{"check", "--no-config", "--format", format, "--fail-on", "never", queue}); code != exitOK {
					b.Fatalf("exit %d", code)
				}
				posts += n
			}
			b.ReportMetric(float64(posts)/b.Elapsed().Seconds(), "posts/s")
		})
	}
}
