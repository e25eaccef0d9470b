package detect

import (
	"io/fs"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/postlint/postlint/internal/post"
)

// packEnv reads lists and files from the default rule pack beside this
// package, counting file reads.
func packEnv(res *Resources, reads *atomic.Int32) *Env {
	pack := os.DirFS("../../rules")
	return &Env{
		Resources: res,
		ReadList: func(name string) ([]string, error) {
			b, err := fs.ReadFile(pack, name)
			var out []string
			for _, l := range strings.Split(string(b), "\n") {
				if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
					out = append(out, l)
				}
			}
			return out, err
		},
		ReadFile: func(name string) ([]byte, error) {
			if reads != nil {
				reads.Add(1)
			}
			return fs.ReadFile(pack, name)
		},
	}
}

const replyOpts = `
sentiment: lists/sentiment
target: [torbay, hospital, "the trust", "you lot"]
weak_target: [nurses, staff, appointment, parking]
off_target: [argyle, weather, "pay offer", a380]
negative: [shambles, rude, "never turn up", cancelled, "a joke", "falling apart"]
positive: [thank, amazing, incredible]
neutral: [journalist, "does anyone know"]
agree: ["so true", agree, "💯"]
addressed: ["sharing this with us", "we'll look into", "dm us", "we're sorry to hear"]
sympathy: ["thinking of you", "sending love"]
`

func buildReplyDetector(t testing.TB, res *Resources, reads *atomic.Int32) PostDetector {
	t.Helper()
	det, err := buildReply(idTestOptions("kind: reply\n"+replyOpts), packEnv(res, reads))
	if err != nil {
		t.Fatal(err)
	}
	return det.(PostDetector)
}

func replyHit(d PostDetector, res *Resources, p *post.Post) bool {
	hit := false
	d.DetectPost(NewInput(p, res), func(Match) { hit = true })
	return hit
}

func TestReply(t *testing.T) {
	res := &Resources{}
	d := buildReplyDetector(t, res, nil)
	tests := []struct {
		draft, comment, action string
		want                   bool
	}{
		{"Not my experience!", "Discharge lounge at Torbay is a shambles.", "", true},
		{"", "district nurses from Torbay never turn up when they say they will", "like", true},
		{"every single day", "45 minutes on hold to Torbay hospital. Shocking.", "share", true},
		{"so true 💯", "the parking at torbay hospital is awful", "", true},
		{"Sorry to hear that", "My op at Torbay was cancelled again", "", true},
		{"it really is", "torbay hospital is falling apart lol", "", true},
		{"you lot are wrong", "Nurses are rude and lazy, never again", "", true},
		// the draft answers for the organisation: the comment was
		// addressed to it, unless it is about something else or the draft
		// comforts a friend
		{"Thank you for sharing this with us.", "Worst experience of my life, never again. Disgusting.", "", true},
		{"We're sorry to hear this, please DM us", "Two hours on the phone and still no answer. Useless.", "", true},
		{"Thank you for sharing this with us.", "Argyle were shocking today, awful, worst game of the season", "", false},
		{"Thank you for sharing this with us, sending love x", "Lost my dad last night. Heartbroken.", "", false},
		{"We're sorry to hear this, thinking of you all", "Our beloved old boy died this morning, devastated", "", false},
		// clean
		{"gutted", "Argyle were shocking today, worst game of the season", "", false},
		{"Thank you!", "The staff at Torbay were amazing with my mum", "", false},
		{"Yes, just display your badge", "Is parking free for blue badge holders at Torbay Hospital?", "", false},
		{"DM me", "Journalist here: can any Torbay staff tell me about winter pressures?", "", false},
		{"Agree, vote in the ballot", "The pay offer is an insult to nurses", "", false},
		{"same, stuck for an hour", "A380 is a car park again, awful", "", false},
		{"so glad", "I was terrified but the team at Torbay were incredible", "", false},
		{"", "Lovely sunny day in Torbay", "like", false},
		{"Proud!", "Torbay Hospital's new scanner is open", "share", false},
		{"Thank you for sharing this with us.", "Loved the concert last night, what a show!", "", false},
		// a question asked is held down; a rhetorical one is a complaint
		{"hmm", "Why is the parking at Torbay hospital so bad?", "", true},
		{"yes, at night", "Is the parking at Torbay hospital bad at night?", "", false},
		{"no idea sorry", "Hi all, does anyone know if the Torbay hospital car park is bad on Mondays?", "", false},
		{"We'll look into it", "The new timetable starts on Monday", "", false},
		{"so sorry to hear that, thinking of you", "Lost my dog today, heartbroken", "", false},
	}
	for _, tt := range tests {
		p := &post.Post{Text: tt.draft, ReplyTo: &post.Reply{Text: tt.comment, Action: tt.action}}
		if got := replyHit(d, res, p); got != tt.want {
			t.Errorf("%q -> %q: hit %v, want %v", tt.comment, tt.draft, got, tt.want)
		}
	}
	if replyHit(d, res, &post.Post{Text: "no reply"}) {
		t.Error("a post without a reply was flagged")
	}
}

// TestReplyActions holds the actions option: a rule for likes only does not
// look at replies.
func TestReplyActions(t *testing.T) {
	det, err := buildReply(idTestOptions("kind: reply\nactions: [like]\ntarget: [torbay]\nnegative: [shambles]"), packEnv(&Resources{}, nil))
	if err != nil {
		t.Fatal(err)
	}
	d := det.(PostDetector)
	c := "Torbay A&E is a shambles"
	if replyHit(d, nil, &post.Post{Text: "yes", ReplyTo: &post.Reply{Text: c}}) {
		t.Error("a reply was flagged by a like-only rule")
	}
	if !replyHit(d, nil, &post.Post{ReplyTo: &post.Reply{Text: c, Action: "like"}}) {
		t.Error("a like was not flagged")
	}
}

// TestReplySentimentOverride: Resources.Sentiment, when set, replaces the
// pack's model.
func TestReplySentimentOverride(t *testing.T) {
	res := &Resources{Sentiment: func(string) (float64, []string) { return 0.95, []string{"model"} }}
	d := buildReplyDetector(t, res, nil)
	if !replyHit(d, res, &post.Post{Text: "hmm", ReplyTo: &post.Reply{Text: "Torbay hospital, again."}}) {
		t.Error("a comment the model calls negative was not flagged")
	}
}

// TestReplyLoadsModelOnce: the sentiment lists are read once per Resources,
// lazily, however many rules and posts use them.
func TestReplyLoadsModelOnce(t *testing.T) {
	var reads atomic.Int32
	res := &Resources{}
	d1 := buildReplyDetector(t, res, &reads)
	d2 := buildReplyDetector(t, res, &reads)
	if n := reads.Load(); n != 0 {
		t.Fatalf("%d files read while building; want none before first use", n)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(d PostDetector) {
			defer wg.Done()
			replyHit(d, res, &post.Post{Text: "x", ReplyTo: &post.Reply{Text: "Torbay hospital food was cold"}})
		}([]PostDetector{d1, d2}[i%2])
	}
	wg.Wait()
	if n := reads.Load(); n == 0 || n > 3 {
		t.Errorf("%d files read, want the model's lists read once (1–3 files)", n)
	}
}

// TestReplyPlaceSarcasmEvidence holds place names (the Trust unless the
// comment is about an off-target subject), sarcasm markers, and the model's
// complaint cues lifting the praise and question hold-downs.
func TestReplyPlaceSarcasmEvidence(t *testing.T) {
	res := &Resources{}
	det, err := buildReply(idTestOptions("kind: reply\n"+replyOpts+
		"place: [brixham, \"torbay*\"]\nsarcasm: [\"🙃\", \"yeah right\"]\n"), packEnv(res, nil))
	if err != nil {
		t.Fatal(err)
	}
	d := det.(PostDetector)
	tests := []struct {
		comment string
		want    bool
	}{
		{"Brixham clinic cancelled my appointment twice. A joke.", true},
		{"The weather in Brixham is a joke, third storm this month", false},
		{"@TorbayHospital lost my referral AGAIN, shambles", true},
		{"Love how Brixham sends you the letter the day after the appointment 🙃", true},
		{"Sure, the Brixham staff were amazing, yeah right", true},
		{"Oh great, another 6 hour wait in Brixham minor injuries. Amazing service.", true},
		{"Why does Brixham take 9 weeks for a scan? Still waiting.", true},
		{"Amazing care at Brixham today, thank you", false},
		{"What time does Brixham minor injuries open?", false},
	}
	for _, tt := range tests {
		p := &post.Post{Text: "hmm", ReplyTo: &post.Reply{Text: tt.comment}}
		if got := replyHit(d, res, p); got != tt.want {
			t.Errorf("%q: hit %v, want %v", tt.comment, got, tt.want)
		}
	}
}

func TestReplyBuildErrors(t *testing.T) {
	for _, opts := range []string{
		"actions: [retweet]\ntarget: [x]",
		"negative: [x]",
		"target: [x]\nthreshold: 2",
		"target: [x]\nfoo: 1",
		"target: [x]\ncue_evidence: -1",
	} {
		if _, err := buildReply(idTestOptions("kind: reply\n"+opts), packEnv(&Resources{}, nil)); err == nil {
			t.Errorf("options %q: no error", opts)
		}
	}
}

func BenchmarkReply(b *testing.B) {
	res := &Resources{}
	d := buildReplyDetector(b, res, nil)
	p := &post.Post{Text: "so sorry to hear that, please contact PALS",
		ReplyTo: &post.Reply{Text: "Waited 6 hours in Torbay A&E with my dad and nobody checked on him. Disgraceful."}}
	for i := 0; i < b.N; i++ {
		if !replyHit(d, res, p) {
			b.Fatal("no hit")
		}
	}
}
