package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/corpus"
	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/phrase"
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
	fast.waitPrefilter()
	return fast, ref, pack
}

// waitPrefilter builds the prefilter now, as a linter's second post would,
// and waits until it is ready.
func (l *Linter) waitPrefilter() {
	l.startPrefilter()
	<-l.preDone
}

// TestPrefilterFromSecondPost checks that one post does not start the
// prefilter (a cold command checking one draft would pay for it) and that
// a second one does.
func TestPrefilterFromSecondPost(t *testing.T) {
	l := linter(t, rule(""))
	l.Lint(&post.Post{Text: "first post"}, nil)
	if l.preStarted.Load() {
		t.Fatal("prefilter started by the first post")
	}
	l.Lint(&post.Post{Text: "second post"}, nil)
	if !l.preStarted.Load() {
		t.Fatal("prefilter not started by the second post")
	}
	<-l.preDone
	if l.prefilter() == nil {
		t.Error("prefilter built but not kept")
	}
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

// TestLazySame checks that the default pack compiled rule by rule at first
// use, as the command loads it, finds what it finds compiled in full at
// Load: on every post in turn (each compiling what it needs of what is
// still uncompiled), and on a few posts each checked by a fresh linter, as
// a cold command checks a draft.
func TestLazySame(t *testing.T) {
	build := func(lazy bool) *Linter {
		l := linterOf(t, rulepack.Layer{FS: rules.FS(), Name: "rules", Lazy: lazy})
		l.noPre = true
		return l
	}
	eager, lazy := build(false), build(true)
	sameFindings(t, prefilterPosts(t, eager.Pack()), lazy, eager, "lazy", "eager")
	draft, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", "draft.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append([]string{string(draft), "Great team today on ward 7, thanks all"}, trickyTexts[:4]...) {
		p, q := post.Post{Text: s}, post.Post{Text: s}
		cold := build(true)
		got, want := cold.Lint(&p, nil), eager.Lint(&q, nil)
		if !reflect.DeepEqual(got.Findings, want.Findings) {
			t.Errorf("cold %.80q:\n lazy:  %s\n eager: %s", s, brief(got.Findings), brief(want.Findings))
		}
		if s == "Great team today on ward 7, thanks all" && cold.res.ModelLoads() != 0 {
			t.Errorf("cold %q loaded the entity model", s)
		}
	}
}

// TestSieveSame checks that skipping, before compiling them, the rules
// that would find nothing in a post, and running those that read it whole
// last (as a linter does on its first post), changes no finding: every
// post gives the same result so and not, with the pack compiled lazily as
// the command loads it.
func TestSieveSame(t *testing.T) {
	sieved := linterOf(t, rulepack.Layer{FS: rules.FS(), Name: "rules", Lazy: true, SkipExamples: true})
	sieved.noPre, sieved.sieveAll = true, true
	plain := linterOf(t, rulepack.Layer{FS: rules.FS(), Name: "rules"})
	plain.noPre = true
	sameFindings(t, prefilterPosts(t, plain.Pack()), sieved, plain, "sieved", "not")
}

// sameFindings lints each post with both linters and reports the posts
// whose findings or score differ, naming the linters a and b. Under the
// race detector it takes every second post: the comparison is about the
// findings, which go test without -race checks in full, and the race
// detector still sees both linters at work.
func sameFindings(t *testing.T, posts []post.Post, a, b *Linter, aName, bName string) {
	t.Helper()
	step := 1
	if raceEnabled {
		step = 2
	}
	for i := 0; i < len(posts); i += step {
		p, q := posts[i], posts[i]
		got, want := a.Lint(&p, nil), b.Lint(&q, nil)
		if !reflect.DeepEqual(got.Findings, want.Findings) || got.Score != want.Score {
			t.Errorf("post %d %.80q:\n %s: %s\n %s: %s", i, p.Text, aName, brief(got.Findings), bName, brief(want.Findings))
		}
	}
}

// TestFindsNothingSound checks the sifters one detector at a time, where
// no other rule's finding can hide a mistake: wherever a detector of the
// default pack finds something in a post's text (as written, and spaced
// and masked), its rule's FindsNothing must not say it finds nothing.
func TestFindsNothingSound(t *testing.T) {
	l := linterOf(t, rulepack.Layer{FS: rules.FS(), Name: "rules"})
	var texts []string
	for _, p := range prefilterPosts(t, l.Pack()) {
		texts = append(texts, p.Text)
	}
	texts = append(texts, "you f*cking id10t", "stuuuupid", "what a c0ward, u r a l00ser", "#LyingLiberals and #YouAreUseless", "sh!t", "@nurse_jo y0u id!ot",
		"what an id10t", "b!tch", "you're a tw@t", "such a m0ron")
	checked := 0
	for _, r := range l.Pack().Rules {
		d, ok := r.Detector().(detect.Detector)
		if !ok || detect.PostKind(r.Kind) {
			continue
		}
		for _, text := range texts {
			in := detect.NewInput(&post.Post{Text: text}, l.res)
			found := false
			d.Detect(in, detect.FieldText, in.View(detect.FieldText), func(detect.Match) { found = true })
			if !found {
				continue
			}
			checked++
			var sv detect.Sieves
			if r.FindsNothing(in, detect.FieldText, &sv) {
				t.Errorf("rule %s (%s) finds something in %q, but its sifter says nothing", r.ID, r.Kind, text)
			}
		}
	}
	t.Logf("%d findings checked", checked)
}

// TestLazyConcurrent checks a lazily loaded pack checked from several
// goroutines at once, the prefilter compiling every rule beside them: the
// same findings as the pack compiled at Load (and, under -race, no race).
func TestLazyConcurrent(t *testing.T) {
	load := func(lazy bool) *Linter {
		return linterOf(t, rulepack.Layer{FS: rules.FS(), Name: "rules", Lazy: lazy})
	}
	eager, lazy := load(false), load(true)
	var posts []post.Post
	for _, r := range eager.Pack().Rules {
		for _, ex := range r.Examples.Flag {
			posts = append(posts, ex.Post)
		}
	}
	k := 0
	next := func() (Item, bool) {
		if k == len(posts) {
			return Item{}, false
		}
		k++
		return Item{Post: posts[k-1]}, true
	}
	i := 0
	err := lazy.Stream(t.Context(), 4, next, func(got *finding.Result) error {
		p := posts[i]
		want := eager.Lint(&p, nil)
		if !reflect.DeepEqual(got.Findings, want.Findings) {
			t.Errorf("post %d %.80q:\n lazy:  %s\n eager: %s", i, p.Text, brief(got.Findings), brief(want.Findings))
		}
		i++
		return nil
	})
	if err != nil || i != len(posts) {
		t.Fatalf("%d of %d posts checked: %v", i, len(posts), err)
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

// TestPostKindMatchesDetectors: the engine decides from detect.PostKind,
// before a lazy rule's detector is built, whether to run it on the post as
// a whole; every detector of the default pack must agree with its kind.
func TestPostKindMatchesDetectors(t *testing.T) {
	l := linterOf(t, rulepack.Layer{FS: rules.FS(), Name: "rules"})
	kinds := map[string]bool{}
	for _, r := range l.Pack().Rules {
		_, isPost := r.Detector().(detect.PostDetector)
		if detect.PostKind(r.Kind) != isPost {
			t.Errorf("rule %s: PostKind(%q) = %v, but its detector is a PostDetector: %v", r.ID, r.Kind, !isPost, isPost)
		}
		kinds[r.Kind] = true
	}
	for k := range detect.Kinds() {
		if !kinds[k] {
			t.Logf("kind %q has no rule in the default pack: PostKind unchecked for it", k)
		}
	}
}

// TestKeyWindowSame checks that looking for a requirement's phrases only
// between the first and the last of the text's tokens that are its key
// words (fieldIndex.keys), as findAll and a lexicon (ruleRun.keys) do,
// finds what a search of every token does, for every requirement of the
// default pack in every test post: the prefilter and the phrase sets must
// agree on which token is a key word.
func TestKeyWindowSame(t *testing.T) {
	fast, _, pack := defaultLinters(t)
	p := fast.prefilter()
	posts := prefilterPosts(t, pack)
	for _, s := range trickyTexts {
		// Key words at the very start and end of a text.
		posts = append(posts, post.Post{Text: s + " " + s})
	}
	var g postGate
	g.p = p
	checked := 0
	for i := range posts {
		v := textnorm.New(posts[i].Text)
		g.reset()
		fi := g.field(detect.FieldText, v)
		if fi.keys == nil {
			t.Fatal("the text field has no key positions")
		}
		for set, id := range p.ids {
			want := set.Has(v.Tokens, 0, len(v.Tokens))
			if got := fi.findAll(p, id, set, v); got != want {
				t.Fatalf("%q: requirement %d (%.60q): found %v through the key window, %v over every token", posts[i].Text, id, set.Sources(), got, want)
			}
			// A detector's search of the set (ruleRun.keys).
			rr := &ruleRun{g: &g, rg: &ruleGate{keySet: set, keyID: id}}
			if from, to, ok := rr.keys(set, detect.FieldText); ok {
				var all, windowed []phrase.Match
				set.FindAll(v.Tokens, func(m phrase.Match) { all = append(all, m) })
				set.FindAllKeyedAt(v.Tokens, from, to, func(m phrase.Match) { windowed = append(windowed, m) })
				if !slices.Equal(all, windowed) {
					t.Fatalf("%q: requirement %d (%.60q): %v through the key window %d-%d, %v over every token", posts[i].Text, id, set.Sources(), windowed, from, to, all)
				}
			}
			checked++
		}
	}
	t.Logf("%d look-ups over %d posts", checked, len(posts))
}

// TestLiteralsOnePass checks that the literal sets found in one pass over
// a text that is its own lowered form (prefilter.both) are those the two
// passes find, whichever is asked first, and that a field checked in one
// pass and then the other, from post to post, keeps them apart.
func TestLiteralsOnePass(t *testing.T) {
	fast, _, pack := defaultLinters(t)
	p := fast.prefilter()
	posts := prefilterPosts(t, pack)
	onePass := 0
	var fis [2]fieldIndex // kept from post to post, as the text's is
	for i := range posts {
		v := textnorm.New(posts[i].Text)
		want := [2]bits{p.lits[0].scan(nil, v.Fold), p.lits[1].scan(nil, detect.LowerLiterals(v.Orig))}
		for first, fi := range []*fieldIndex{&fis[0], &fis[1]} {
			fi.init(p, v, false)
			k := first
			for range 2 {
				if got := fi.literals(p, k == 1, v); !slices.Equal(got, want[k]) {
					t.Fatalf("%q: literal sets [%d] asked %s: %v, want %v", posts[i].Text, k, []string{"first", "second"}[k^first], got, want[k])
				}
				k = 1 - k
			}
		}
		if detect.LowerLiterals(v.Orig) == v.Fold {
			onePass++
		}
	}
	if onePass == 0 || onePass == len(posts) {
		t.Errorf("%d of %d posts read in one pass: both ways should be checked", onePass, len(posts))
	}
}

// TestReusedViewsLeakNothing checks that reusing a post's view memory for
// the next post's (ruleRun.own) leaks nothing from post to post: every
// post gives the same result whichever post came before it, and a result
// already returned does not change while the linter checks more posts.
func TestReusedViewsLeakNothing(t *testing.T) {
	fast, _, pack := defaultLinters(t)
	posts := prefilterPosts(t, pack)
	lint := func(i int) (finding.Result, string) {
		p := posts[i]
		res := fast.Lint(&p, nil)
		return res, fmt.Sprintf("%+v", res.Findings)
	}
	forward := make([]finding.Result, len(posts))
	printed := make([]string, len(posts))
	for i := range posts {
		forward[i], printed[i] = lint(i)
	}
	for i := len(posts) - 1; i >= 0; i-- {
		if _, got := lint(i); got != printed[i] {
			t.Fatalf("post %d %.80q after post %d:\n %s\nafter post %d:\n %s", i, posts[i].Text, i+1, got, i-1, printed[i])
		}
	}
	for i := range posts {
		if got := fmt.Sprintf("%+v", forward[i].Findings); got != printed[i] {
			t.Fatalf("post %d %.80q: its result changed after more posts:\n %s\nwas:\n %s", i, posts[i].Text, got, printed[i])
		}
	}
}
