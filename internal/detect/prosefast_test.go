package detect

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/jdkato/prose/v2"
)

// entityTexts are texts to compare the fast extractor with prose on: the
// labelled corpus and the held-out posts when present, and a few more. The
// second held-out set is read only to check that both give the same.
func entityTexts(t testing.TB) []string {
	texts := []string{
		"my neighbour's husband Dave Skinner is in ICU at Torbay after the crash",
		"So sad to hear Brian Tozer passed away on our ward last night",
		"Mrs Jean Hosking-Smith, bed 4, admitted with sepsis; Dr Ama Mensah saw her",
		"Reg Cole (89) is on Midgley with pneumonia, NHS 429 475 3072",
		"Apple Inc. and Google LLC met in New York City on 4 July 2023 with Barack Obama.",
		"", "a", "!!!", "123 456", "I'm I’m O’Neil’s IÑIGO Ñandú ǅemal", "\xff\xfe invalid \xc3 utf8 \x00 nul",
		strings.Repeat("Mary Smith and John Jones went to Paris. ", 30),
		"see www.nhs.uk or https://example.org/a(b) or mail ward.7@nhs.net, @bbc #Torbay",
		"U.K. Mr. Dr. Mrs. St. e.g. i.e. $100 (them) \"quoted\" [x] they'll she's we're I'm don't can't WON'T",
		"0 * *T*-1 *-12 *U* -LRB- -RRB- - -- 1999 2023 12:30 £4.50 3.5 -1.5e3 inf NaN 1,000 +44",
		"well... ok!? (really) 'single' \u201cdouble\u201d \u2018curly\u2019 &rsquo;amp",
		"tab\tsep\nnew line\u00a0nbsp\u2003em  two  spaces ",
		"co-op re-admitted 24-hour A&E X-ray Hosking-Smith",
	}
	var emoticons []string
	for e := range proseEmoticons {
		emoticons = append(emoticons, e, e+".", "("+e, "x"+e)
	}
	texts = append(texts, strings.Join(emoticons, " "))
	for _, path := range []string{
		filepath.Join("..", "..", "..", "shared", "corpus", "posts.jsonl"),
		filepath.Join("..", "..", "testdata", "holdout", "posts.jsonl"),
		filepath.Join("..", "..", "testdata", "holdout2", "posts.jsonl"),
	} {
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var p struct {
				Text    string
				ReplyTo *struct{ Text string } `json:"reply_to"`
			}
			if json.Unmarshal(sc.Bytes(), &p) == nil {
				texts = append(texts, p.Text)
				if p.ReplyTo != nil {
					texts = append(texts, p.ReplyTo.Text)
				}
			}
		}
		f.Close()
	}
	return texts
}

// testExtractor loads the fast extractor and prose's model once for all
// tests of the package.
var testExtractor = sync.OnceValues(func() (*fastExtractor, *prose.Model) {
	res := &Resources{}
	fe := res.fastModel()
	if fe == nil {
		panic(res.fastErr)
	}
	return fe, res.model()
})

// proseResult is what prose makes of a text; panicked where it panics.
type proseResult struct {
	words    []string
	same     []int
	tags     []string
	entities []prose.Entity
	panicked bool
}

func proseOn(m *prose.Model, text string) (r proseResult) {
	defer func() {
		if recover() != nil {
			r.panicked = true
		}
	}()
	doc, err := prose.NewDocument(text, prose.UsingModel(m), prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		panic(err)
	}
	for _, t := range doc.Tokens() {
		r.words = append(r.words, t.Text)
		r.tags = append(r.tags, t.Tag)
	}
	r.same = sharedTokens(doc)
	doc, err = prose.NewDocument(text, prose.UsingModel(m), prose.WithSegmentation(false))
	if err != nil {
		panic(err)
	}
	r.entities = doc.Entities()
	return r
}

// sharedTokens returns, for each token of the document, the index of the
// last token that is the same *Token (itself when none later is).
func sharedTokens(doc *prose.Document) []int {
	v := reflect.ValueOf(doc).Elem().FieldByName("tokens")
	last := map[uintptr]int{}
	ptrs := make([]uintptr, v.Len())
	for i := range ptrs {
		ptrs[i] = v.Index(i).Pointer()
		last[ptrs[i]] = i
	}
	same := make([]int, len(ptrs))
	for i, p := range ptrs {
		same[i] = last[p]
	}
	return same
}

// tieMargin is a lead of the best class so small that prose, adding the
// same weights in another order, may find the other class ahead.
const tieMargin = 1e-9

// compareWithProse checks the fast path against prose on text: the same
// words, the same *Token sharing, the same tags and the same entities.
// Prose's tagger adds its weights in a random order, so where two classes
// all but tie for a word the tags (and so the entities) may differ: such a
// text is only reported (tie true).
func compareWithProse(t testing.TB, fe *fastExtractor, m *prose.Model, text string) (tie bool) {
	t.Helper()
	want := proseOn(m, text)
	var s extractScratch
	words, same, err := proseWordsOf(text, &s.tok)
	if tokPanics := proseOnWords(text).panicked; tokPanics != (err != nil) {
		t.Errorf("%.80q: prose's tokenizer panics: %v; the fast one fails: %v", text, tokPanics, err)
		return false
	}
	if err != nil || want.panicked {
		// Prose also panics on some labels, where the fast path skips
		// the entity.
		return false
	}
	if !reflect.DeepEqual(words, want.words) && !(len(words) == 0 && len(want.words) == 0) {
		t.Errorf("%.80q: words\n fast  %q\n prose %q", text, words, want.words)
		return false
	}
	if !reflect.DeepEqual(same, want.same) && !(len(same) == 0 && len(want.same) == 0) {
		t.Errorf("%.80q: shared tokens\n fast  %v\n prose %v", text, same, want.same)
		return false
	}
	tags := make([]string, len(words))
	fe.tagger.tag(words, tags, &s.tag)
	for i, j := range same {
		tags[i] = tags[j]
	}
	if !reflect.DeepEqual(tags, want.tags) && !(len(tags) == 0 && len(want.tags) == 0) {
		if s.tag.margin < tieMargin {
			t.Logf("%.80q: tags differ where two classes tie (lead %g)", text, s.tag.margin)
			return true
		}
		t.Errorf("%.80q: tags\n fast  %q\n prose %q", text, tags, want.tags)
		return false
	}
	got, err := fe.entities(text)
	if err != nil {
		t.Errorf("%.80q: %v", text, err)
		return false
	}
	if !reflect.DeepEqual(got, want.entities) && !(len(got) == 0 && len(want.entities) == 0) {
		t.Errorf("%.80q:\n fast  %v\n prose %v", text, got, want.entities)
	}
	return false
}

// proseOnWords runs prose's tokenizer alone.
func proseOnWords(text string) (r proseResult) {
	defer func() {
		if recover() != nil {
			r.panicked = true
		}
	}()
	if _, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(false)); err != nil {
		panic(err)
	}
	return r
}

// TestFastEntities checks that the fast path finds the words, tags and
// entities that prose finds.
func TestFastEntities(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the entity model")
	}
	fe, m := testExtractor()
	texts := entityTexts(t)
	ties := 0
	for _, text := range texts {
		if compareWithProse(t, fe, m, spaceInvalidUTF8(text)) {
			ties++
		}
	}
	t.Logf("%d texts, %d with tied tags", len(texts), ties)
	if ties > len(texts)/100 {
		t.Errorf("%d of %d texts have tied tags", ties, len(texts))
	}
}

// FuzzFastEntities compares the fast path with prose on any text: the same
// words, tags and entities, and no panic.
func FuzzFastEntities(f *testing.F) {
	for _, s := range []string{"Dave Skinner is in ICU", "Mrs Jean O'Brien-Smith", "NHS 943 476 5919", "12:30 £4.50 @bbc #Torbay",
		"U.K. Mr. they'll DON'T ($5) www.nhs.uk a@b.co :-) -LRB- *T*-1", "İ'S \u212a'll ẞ'm"} {
		f.Add(s)
	}
	fe, m := testExtractor()
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 2000 {
			return
		}
		compareWithProse(t, fe, m, spaceInvalidUTF8(text)) // as Entities gives it to prose
	})
}

func BenchmarkEntities(b *testing.B) {
	fe, m := testExtractor()
	text := "Reminder to all nursing staff: the NHS Pensions helpline and your ESR payslip both have your employee number, not your NHS number, so don't panic if the"
	b.Run("prose", func(b *testing.B) {
		for b.Loop() {
			prose.NewDocument(text, prose.UsingModel(m), prose.WithSegmentation(false))
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			fe.entities(text)
		}
	})
}

func BenchmarkLoadFastExtractor(b *testing.B) {
	for b.Loop() {
		if _, err := loadFastExtractor(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEntitiesCorpus runs the fast path on every text of entityTexts.
func BenchmarkEntitiesCorpus(b *testing.B) {
	fe, _ := testExtractor()
	texts := entityTexts(b)
	for b.Loop() {
		for _, text := range texts {
			fe.entities(spaceInvalidUTF8(text))
		}
	}
}

// TestFastEntitiesConcurrent runs the fast path on several goroutines at
// once, as LintAll does: each finds what it finds alone.
func TestFastEntitiesConcurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the entity model")
	}
	fe, _ := testExtractor()
	texts := entityTexts(t)[:200]
	want := make([][]prose.Entity, len(texts))
	for i, text := range texts {
		want[i], _ = fe.entities(spaceInvalidUTF8(text))
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range texts {
				i = (i + g*50) % len(texts)
				got, _ := fe.entities(spaceInvalidUTF8(texts[i]))
				if !reflect.DeepEqual(got, want[i]) {
					t.Errorf("%.80q: %v, alone %v", texts[i], got, want[i])
				}
			}
		})
	}
	wg.Wait()
}
