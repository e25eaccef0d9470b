package mediameta

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	base := t.TempDir()
	queue := filepath.Join(base, "queue")
	outside := filepath.Join(base, "outside")
	for _, d := range []string{filepath.Join(queue, "sub", "dir"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(path string) {
		t.Helper()
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(queue, name)); err != nil {
			t.Skipf("symlinks not available: %v", err)
		}
	}
	write(filepath.Join(queue, "sub", "dir", "x.jpg"))
	write(filepath.Join(queue, "top.jpg"))
	write(filepath.Join(outside, "secret.jpg"))
	link(filepath.Join("..", "outside", "secret.jpg"), "escape.jpg")
	link(filepath.Join(outside, "secret.jpg"), "absescape.jpg")
	link(filepath.Join("..", "outside"), "outdir")
	link(filepath.Join("sub", "dir", "x.jpg"), "inside.jpg")
	link("nothing-here.jpg", "dangling.jpg")

	type want int
	const (
		ok want = iota
		unsafe
		missing
		other
	)
	tests := []struct {
		file string
		want want
	}{
		{"sub/dir/x.jpg", ok},
		{"top.jpg", ok},
		{"./top.jpg", ok},
		{"sub/../top.jpg", ok}, // stays inside: filepath.IsLocal accepts it
		{"inside.jpg", ok},     // a symlink that stays inside
		{"../x", unsafe},
		{"../outside/secret.jpg", unsafe},
		{"sub/../../x", unsafe},
		{"/etc/passwd", unsafe},
		{"", unsafe},
		{"escape.jpg", unsafe},
		{"absescape.jpg", unsafe},
		{"outdir/secret.jpg", unsafe},
		{"missing.jpg", missing},
		{"sub/missing.jpg", missing},
		{"dangling.jpg", missing},
		{"sub", other}, // a folder
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := Resolve(queue, tt.file)
			switch tt.want {
			case ok:
				if err != nil {
					t.Fatalf("Resolve: %v", err)
				}
				if wantPath := filepath.Join(queue, tt.file); got != wantPath {
					t.Errorf("Resolve = %q; want %q", got, wantPath)
				}
			case unsafe:
				if !errors.Is(err, ErrUnsafePath) {
					t.Errorf("Resolve = %q, %v; want ErrUnsafePath", got, err)
				}
			case missing:
				if !errors.Is(err, fs.ErrNotExist) || !errors.Is(err, ErrNotFound) {
					t.Errorf("Resolve = %q, %v; want ErrNotFound and fs.ErrNotExist", got, err)
				}
			case other:
				if err == nil || errors.Is(err, ErrUnsafePath) || errors.Is(err, fs.ErrNotExist) {
					t.Errorf("Resolve = %q, %v; want another error", got, err)
				}
			}
			if err != nil {
				if got != "" {
					t.Errorf("Resolve returned path %q with error", got)
				}
				if tt.file != "" && !strings.Contains(err.Error(), tt.file) {
					t.Errorf("error %q does not name the file", err)
				}
			}
		})
	}
}

func TestResolveThenRead(t *testing.T) {
	queue := t.TempDir()
	if err := os.MkdirAll(filepath.Join(queue, "photos"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(queue, "photos", "ward.jpg"), photoJPEG(t, torbayPhoto()), 0o644); err != nil {
		t.Fatal(err)
	}
	path, err := Resolve(queue, "photos/ward.jpg")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Read(path)
	if err != nil || !m.HasGPS {
		t.Fatalf("Read = %+v, %v", m, err)
	}
	sites, err := LoadSites(strings.NewReader(testSitesYAML), "sites.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if s, d, in := NearestSite(sites, m.Lat, m.Lon); !in || s.Name != "Torbay Hospital" || d > 1 {
		t.Errorf("NearestSite = %q, %.1f m, %v; want Torbay Hospital, within", s.Name, d, in)
	}
}

func TestResolveMissingQueueDir(t *testing.T) {
	_, err := Resolve(filepath.Join(t.TempDir(), "gone"), "x.jpg")
	if err == nil || !strings.Contains(err.Error(), "open queue folder") {
		t.Errorf("err = %v; want an open-queue-folder error", err)
	}
}
