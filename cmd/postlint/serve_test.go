package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestServeRefusesRemoteAddr(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:8080"} {
		r := run(t, t.TempDir(), "", "serve", "--addr", addr)
		if r.code != exitError || !strings.Contains(r.stderr, "--allow-remote") {
			t.Errorf("serve --addr %s: %v", addr, r)
		}
	}
	if r := run(t, t.TempDir(), "", "serve", "extra"); r.code != exitError {
		t.Errorf("serve extra: %v", r)
	}
	if r := run(t, t.TempDir(), "", "serve", "-h"); r.code != exitOK || !strings.Contains(r.stderr, "--allow-remote") {
		t.Errorf("serve -h: %v", r)
	}
}

// serveLog is a strings.Builder safe for the server's goroutines.
type serveLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *serveLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *serveLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeStartsAndStops(t *testing.T) {
	pr, pw := io.Pipe()
	errb := &serveLog{}
	a := &app{stdin: strings.NewReader(""), stdout: pw, stderr: errb, getenv: func(string) string { return "" }, workdir: t.TempDir()}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		done <- a.run(ctx, []string{"serve", "--addr", "127.0.0.1:0"})
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	if !lines.Scan() {
		t.Fatalf("serve printed nothing; exit %d", <-done)
	}
	url := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(lines.Text())
	if url == "" {
		t.Fatalf("no address in %q", lines.Text())
	}
	go func() {
		for lines.Scan() { // drain "stopped"
		}
	}()
	req, _ := http.NewRequestWithContext(ctx, "POST", url+"api/lint", strings.NewReader(`{"text": "DOB 12/03/1958"}`))
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `"verdict":"block"`) {
		t.Errorf("POST /api/lint: %d %s", res.StatusCode, body)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d after interrupt; stderr:\n%s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after its context was cancelled")
	}
	log := errb.String()
	if !strings.Contains(log, "path=/api/lint status=200") || strings.Contains(log, "1958") {
		t.Errorf("request log:\n%s", log)
	}
}
