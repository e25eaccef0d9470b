package engine

import (
	"path/filepath"
	"testing"

	"github.com/postlint/postlint/internal/post"
)

// TestMediaDir: media files are looked up beside the queue file a post came
// from, never for stdin or a post given in code.
func TestMediaDir(t *testing.T) {
	for _, tt := range []struct {
		src  *post.Source
		want string
	}{
		{nil, ""},
		{&post.Source{}, ""},
		{&post.Source{File: "-"}, ""},
		{&post.Source{File: "<stdin>"}, ""},
		{&post.Source{File: "queue.jsonl", Line: 3}, "."},
		{&post.Source{File: filepath.Join("posts", "dec", "queue.yaml")}, filepath.Join("posts", "dec")},
	} {
		if got := mediaDir(tt.src); got != tt.want {
			t.Errorf("mediaDir(%+v) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
