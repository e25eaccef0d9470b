package queue

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"testing"
)

// benchQueue returns a JSON Lines queue of n posts of the kinds the design
// describes.
func benchQueue(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, `{"id": "q-%d", "channel": "twitter", "account": "corporate", "text": "Our flu clinic for staff opens today in the Horizon Centre, 8am to 6pm. Please bring your ID badge.", "scheduled_at": "2026-12-01T09:00:00Z"}`+"\n", i)
		case 1:
			fmt.Fprintf(&b, `{"id": %d, "text": "Great night out with the team from theatre 3!", "media": [{"file": "night-%d.jpg", "alt_text": "Staff at dinner", "consent": false}]}`+"\n", i, i)
		case 2:
			fmt.Fprintf(&b, `{"id": "q-%d", "text": "Thanks for your feedback, we have passed it on to the ward manager.", "reply_to": {"author": "@relative", "text": "Staff on ward 4 were rude", "action": "reply"}, "expect": [], "why": "polite reply"}`+"\n", i)
		case 3:
			fmt.Fprintf(&b, `{"text": "Staff wellbeing hub open late on Thursday.", "postlint": {"ignore": ["official-capacity"], "reason": "approved"}}`+"\n")
		}
	}
	return b.Bytes()
}

func BenchmarkJSONL(b *testing.B) {
	const posts = 10000
	data := benchQueue(posts)
	ctx := context.Background()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		n := 0
		err := Read(ctx, bytes.NewReader(data), "bench.jsonl", JSONL, func(r Record) error {
			if r.Err != nil {
				return r.Err
			}
			n++
			return nil
		})
		if err != nil || n != posts {
			b.Fatalf("read %d posts: %v", n, err)
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*posts), "ns/post")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N*posts), "allocs/post")
}
