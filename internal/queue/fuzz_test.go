package queue

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fuzzRead reads data in format f and checks what every reader promises:
// no panic, no hang, and every record either a post with text and an id or
// an *Error with a line, with lines in input order.
func fuzzRead(t *testing.T, data []byte, name string, f Format) {
	done := make(chan error, 1)
	var recs []Record
	go func() {
		done <- Read(context.Background(), bytes.NewReader(data), name, f, func(r Record) error {
			recs = append(recs, r)
			return nil
		})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("Read took more than 10s on %d bytes", len(data))
	}
	lines := 1 + bytes.Count(data, []byte{'\n'})
	if f == YAML {
		lines = yamlLine(data, len(data)) + 1 // YAML has more line breaks.
	}
	last := 0
	for i, r := range recs {
		if r.Source.File != name || r.Source.Line < 1 || r.Source.Line > lines {
			t.Fatalf("record %d: source %+v (input has %d lines)", i, r.Source, lines)
		}
		if r.Source.Line < last {
			t.Fatalf("record %d: line %d after line %d", i, r.Source.Line, last)
		}
		last = r.Source.Line
		if r.Err != nil {
			var e *Error
			if !errors.As(r.Err, &e) || e.Line < 1 || e.Line > lines || e.File != name {
				t.Fatalf("record %d: error %#v", i, r.Err)
			}
			if !strings.HasPrefix(r.Err.Error(), fmt.Sprintf("%s:%d: ", name, e.Line)) {
				t.Fatalf("record %d: message %q does not start with file:line", i, r.Err)
			}
			continue
		}
		// A post has an id and something to check: text, or media, or the
		// comment it replies to, likes or shares (see checkPost).
		if r.Post.ID == "" || checkPost(&r.Post) != nil {
			t.Fatalf("record %d: post %+v", i, r.Post)
		}
	}
}

// addSeeds adds the test data files with the given extensions to the corpus.
func addSeeds(f *testing.F, exts ...string) {
	for _, ext := range exts {
		files, err := filepath.Glob(filepath.Join(testdata, "*"+ext))
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

func FuzzJSONL(f *testing.F) {
	addSeeds(f, ".jsonl")
	f.Add([]byte("{\"text\": \"a\"}\r\n\n{\"id\": 1e3, \"text\": \"b\", \"media\": \"x.jpg\"}\n[[["))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "fuzz.jsonl", JSONL) })
}

func FuzzJSON(f *testing.F) {
	addSeeds(f, ".json")
	f.Add([]byte(`{"a": [1, {"b": null}], "posts": [{"text": "x"}, 3, {"text": ""}]} ["y"] {"text": "z"}`))
	f.Add([]byte("[\n{\"text\": \"a\"}\n{\"text\": \"b\"}]"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "fuzz.json", JSON) })
}

func FuzzYAML(f *testing.F) {
	addSeeds(f, ".yaml")
	f.Add([]byte(bomb() + "posts:\n  - text: *a3\n  - {text: ok, <<: {channel: x}}\n"))
	f.Add([]byte(mergeBomb() + "posts:\n  - text: fine\n    <<: *m3\n"))
	f.Add([]byte("text: one\n---\n- text: two\n---\nposts: ~\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "fuzz.yaml", YAML) })
}

func FuzzCSV(f *testing.F) {
	addSeeds(f, ".csv")
	f.Add([]byte("id,text\n1,\"a\n2,b\n3,c\"d\n4,\"e\"\"f\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "fuzz.csv", CSV) })
}

func FuzzText(f *testing.F) {
	addSeeds(f, ".txt", ".md")
	f.Add([]byte("\ufeffa draft\r\nwith \x00 and \xff"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "fuzz.txt", Text) })
}
