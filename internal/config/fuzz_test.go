package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzLoad reads arbitrary configuration files (seeds: the starter file,
// the f.Add lines and testdata/fuzz/FuzzLoad). It checks that nothing
// panics or hangs and that every error names the file and a line.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(Starter))
	f.Add([]byte("fail_on: warning\nrules: [policy/rules]\ndisable: [media-contact]\nseverity: {official-capacity-logo: info}\nallow: {phone-number: [\"01803 217398\"]}\ndefaults: {account: corporate, channel: twitter}\nbaseline: b.json\n"))
	f.Add([]byte("fail_onn: error\n"))
	f.Add([]byte("a: &a [*a, *a]\nrules: *a\n"))
	f.Add([]byte("severity: [1, 2]\nallow: {x: {y: z}}\n"))
	f.Add([]byte("\xff\xfe\x00"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, ".postlint.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		type result struct {
			c   *Config
			err error
		}
		done := make(chan result, 1)
		go func() {
			c, err := LoadNamed(path, ".postlint.yaml")
			done <- result{c, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Load took more than 10s on %d bytes", len(data))
		}
		if r.err == nil {
			if r.c == nil {
				t.Fatal("no configuration and no error")
			}
			return
		}
		var ce *Error
		if !errors.As(r.err, &ce) && !strings.HasPrefix(r.err.Error(), ".postlint.yaml:") {
			t.Fatalf("error does not name the file and line: %v", r.err)
		}
	})
}
