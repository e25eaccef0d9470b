package postlint_test

// Temporary probe for the rules helper (deleted before hand-back).

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/postlint/postlint"
)

func TestZZProbeRules4(t *testing.T) {
	path := os.Getenv("PL_PROBE")
	if path == "" {
		t.Skip()
	}
	cats := strings.Split(os.Getenv("PL_CATS"), ",")
	l, err := postlint.New()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(path)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var p postlint.Post
		want := ""
		if strings.HasPrefix(line, "{") {
			var raw struct {
				postlint.Post
				Expect []string `json:"expect"`
			}
			if err := json.Unmarshal([]byte(line), &raw); err != nil {
				t.Fatal(err)
			}
			p = raw.Post
			want = strings.Join(raw.Expect, ",")
		} else {
			if i := strings.Index(line, " | "); i >= 0 {
				want, line = line[:i], line[i+3:]
			}
			p.Text = line
			p.Account = "personal"
		}
		r, _ := l.Lint(context.Background(), p)
		var got []string
		for _, f := range r.Findings {
			for _, c := range cats {
				if c == "" || c == f.Category {
					got = append(got, fmt.Sprintf("%s[%s %q %.2f]", f.Category, f.Rule, f.Match, f.Confidence))
				}
			}
		}
		fmt.Printf("%-12s %-60.60s => %s\n", want, p.Text, strings.Join(got, " "))
	}
}
