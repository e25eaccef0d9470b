package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/corpus"
	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/internal/textnorm"
	"github.com/postlint/postlint/rules"
)

// defaultLinters builds two linters of the default pack: one as shipped
// and one that runs every rule everywhere (no prefilter, no entity gate)
// and prose's own entity extraction.
func defaultLinters(t testing.TB) (fast, ref *Linter, pack *rulepack.Pack) {
	t.Helper()
	build := func(res *detect.Resources) (*Linter, *rulepack.Pack) {
		pack, err := rulepack.Load(res, rulepack.Layer{FS: rules.FS(), Name: "rules"})
		if err != nil {
			t.Fatal(err)
		}
		l, err := New(pack, res, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return l, pack
	}
	fast, pack = build(&detect.Resources{})
	ref, _ = build(detect.SlowResources())
	ref.noPre, ref.noNear = true, true
	<-fast.preDone
	return fast, ref, pack
}

// prefilterPosts are the posts the prefilter is checked on: the labelled
// corpus and the held-out posts when present, every rule's examples, and
// texts written to tempt it into a mistake.
func prefilterPosts(t testing.TB, pack *rulepack.Pack) []post.Post {
	var posts []post.Post
	for _, path := range []string{
		filepath.Join("..", "..", "..", "shared", "corpus", "posts.jsonl"),
		filepath.Join("..", "..", "testdata", "holdout", "posts.jsonl"),
	} {
		ls, err := corpus.Load(path)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range ls {
			posts = append(posts, l.Post)
		}
	}
	for _, r := range pack.Rules {
		for _, ex := range append(r.Examples.Flag, r.Examples.Pass...) {
			posts = append(posts, ex.Post)
		}
	}
	for _, s := range trickyTexts {
		posts = append(posts, post.Post{Text: s})
		posts = append(posts, post.Post{Text: strings.ToUpper(s)})
	}
	return posts
}

var trickyTexts = []string{
	"you f*cking id10t, sh1t for brains",
	"what an absolute f u c k i n g  m o r o n",
	"s.h.i.t show on the ward, the c-o-w",
	"#LyingLiberals #TorbayIdiots and #youAreUseless",
	"stuuuupid management, fuuuuuming",
	"Ｙｏｕ ａｒｅ ａｎ ｉｄｉｏｔ",
	"уоu аrе аn idiot", // Cyrillic look-alikes
	"Mrs Jean Hosking-Smith-Jones-O'Neil-Brown, bed 4, admitted with sepsis",
	"Sad news: Dave O'Brien passed away in ICU at Torbay.\nRIP Dave",
	"Mary-Jane Smith is on the ward with pneumonia, nurse Kelly says hi",
	"In ICU: Reg Cole. Admitted last night after a fall",
	"my mum's neighbour Ethel Brimmell (92) is in resus after a stroke",
	"NHS no. 943 476 5919, ring 07700 900417 or email jean@gmail.com",
	"door code is 1234#, key safe 0000, wifi password: Ward7Rocks!",
	"DM me your address, don't tell your mum, you're 14 right?",
	"The Kelvin sign \u212a and long \u017f in a passcode: P\u212aSS",
	"@BBCNews @DevonLive the reporter asked me about the ward",
	"born 14/02/1990, DOB 01.01.1950, d.o.b: 3rd May 1945",
	"🖕🖕 to the rota 🙄🙄 \"lovely\" managers",
	"",
	"   \n\t ",
	"a",
	"I'm I’m O’Neil’s IÑIGO Ñandú ǅemal",
	"\xff\xfe invalid \xc3 utf8 \x00 nul",
}

// TestPrefilterSame checks that the prefilter and the entity gate change no
// finding: every post gives the same result with them and without.
func TestPrefilterSame(t *testing.T) {
	fast, ref, pack := defaultLinters(t)
	posts := prefilterPosts(t, pack)
	for i := range posts {
		p := posts[i]
		got := fast.Lint(&p, nil)
		q := posts[i]
		want := ref.Lint(&q, nil)
		if !reflect.DeepEqual(got.Findings, want.Findings) || got.Score != want.Score {
			t.Errorf("post %d %.80q:\n with prefilter: %s\n without:        %s", i, p.Text, brief(got.Findings), brief(want.Findings))
		}
	}
	// The example runner's path too.
	for _, r := range pack.Rules {
		for _, ex := range append(r.Examples.Flag, r.Examples.Pass...) {
			p, q := ex.Post, ex.Post
			if got, want := fast.LintRule(r, &p), ref.LintRule(r, &q); !reflect.DeepEqual(got, want) {
				t.Errorf("rule %s example %.60q: %s, want %s", r.ID, p.Text, brief(got), brief(want))
			}
		}
	}
	t.Logf("%d posts", len(posts))
}

func brief(fs interface{}) string {
	return fmt.Sprintf("%+v", fs)
}

// BenchmarkPrefilter lints the corpus (and the held-out posts) post by post
// with the prefilter and the entity gate, and without: what they save.
func BenchmarkPrefilter(b *testing.B) {
	fast, ref, pack := defaultLinters(b)
	posts := prefilterPosts(b, pack)
	for _, bb := range []struct {
		name string
		l    *Linter
	}{{"on", fast}, {"off", ref}} {
		b.Run(bb.name, func(b *testing.B) {
			for i := range posts {
				bb.l.Lint(&posts[i], nil) // warm: the model loaded
			}
			i := 0
			for b.Loop() {
				bb.l.Lint(&posts[i%len(posts)], nil)
				i++
			}
		})
	}
}

// TestMatchRe: a context pattern whose literals the field lacks is not
// run, and the answer is Patterns.Match's.
func TestMatchRe(t *testing.T) {
	ps := rulepack.Patterns{
		regexp.MustCompile(`(?i)\bsky news\b`),
		regexp.MustCompile(`\b[A-Z][a-z]+ (?:Locums|Staffing)\b`),
		regexp.MustCompile(`\d{3}`), // literals: digits
		regexp.MustCompile(`\w+!`),  // a literal: "!"
	}
	var sets [][]string
	var lits [][]int32
	for _, re := range ps {
		var ids []int32
		for _, set := range patternLiterals(re) {
			ids = append(ids, int32(len(sets)))
			sets = append(sets, set)
		}
		lits = append(lits, ids)
	}
	p := &prefilter{lits: [2]*litMatcher{newLitMatcher(nil), newLitMatcher(sets)}}
	for _, text := range []string{
		"Spoke to SKY NEWS today about the ward",
		"Agency nurse from Acme Locums was late",
		"bed 123 again",
		"wow!",
		"nothing here at all",
		"",
	} {
		v := textnorm.New(text)
		fi := &fieldIndex{}
		x := ctxIndex{p: p, fi: fi, rg: &ruleGate{}}
		for lo := 0; lo <= len(v.Tokens); lo++ {
			for hi := lo; hi <= len(v.Tokens); hi++ {
				win := windowText(v, lo, hi)
				if got, want := x.matchRe(ps, lits, win, v), ps.Match(win); got != want {
					t.Errorf("%q window %d-%d %q: matchRe %v, Match %v", text, lo, hi, win, got, want)
				}
				if got, want := (ctxIndex{}).matchRe(ps, nil, win, v), ps.Match(win); got != want {
					t.Errorf("%q without a prefilter: matchRe %v, Match %v", win, got, want)
				}
			}
		}
	}
}
