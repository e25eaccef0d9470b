package detect

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
)

// entityTexts are texts to compare the fast extractor with prose on: the
// labelled corpus and the held-out posts when present, and a few more.
func entityTexts(t testing.TB) []string {
	texts := []string{
		"my neighbour's husband Dave Skinner is in ICU at Torbay after the crash",
		"So sad to hear Brian Tozer passed away on our ward last night",
		"Mrs Jean Hosking-Smith, bed 4, admitted with sepsis; Dr Ama Mensah saw her",
		"Reg Cole (89) is on Midgley with pneumonia, NHS 429 475 3072",
		"Apple Inc. and Google LLC met in New York City on 4 July 2023 with Barack Obama.",
		"", "a", "!!!", "123 456", "I'm I’m O’Neil’s IÑIGO Ñandú ǅemal", "\xff\xfe invalid \xc3 utf8 \x00 nul",
		strings.Repeat("Mary Smith and John Jones went to Paris. ", 30),
	}
	for _, path := range []string{
		filepath.Join("..", "..", "..", "shared", "corpus", "posts.jsonl"),
		filepath.Join("..", "..", "testdata", "holdout", "posts.jsonl"),
	} {
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var p struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &p) == nil {
				texts = append(texts, p.Text)
			}
		}
		f.Close()
	}
	return texts
}

// TestFastEntities checks that the fast extractor finds what prose finds.
func TestFastEntities(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the entity model")
	}
	res := &Resources{}
	m := res.model()
	if res.fast == nil {
		t.Fatal("the fast extractor could not read prose's model")
	}
	for _, text := range entityTexts(t) {
		doc, err := prose.NewDocument(text, prose.UsingModel(m), prose.WithSegmentation(false))
		if err != nil {
			t.Fatal(err)
		}
		got, err := res.fast.entities(m, text)
		if err != nil {
			t.Fatal(err)
		}
		if want := doc.Entities(); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%.80q:\n fast  %v\n prose %v", text, got, want)
		}
	}
}

// FuzzFastEntities compares the fast extractor with prose on any text.
func FuzzFastEntities(f *testing.F) {
	for _, s := range []string{"Dave Skinner is in ICU", "Mrs Jean O'Brien-Smith", "NHS 943 476 5919", "12:30 £4.50 @bbc #Torbay"} {
		f.Add(s)
	}
	res := &Resources{}
	m := res.model()
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 2000 || res.fast == nil {
			return
		}
		text = spaceInvalidUTF8(text) // as Entities gives it to prose
		var want []prose.Entity
		func() {
			defer func() {
				if recover() != nil {
					want = nil // prose panics on some labels; the fast path does not
				}
			}()
			doc, err := prose.NewDocument(text, prose.UsingModel(m), prose.WithSegmentation(false))
			if err == nil {
				want = doc.Entities()
			}
		}()
		var got []prose.Entity
		var err error
		func() {
			defer func() {
				if recover() != nil {
					err = errNoFastPath // prose's tokenizer failed: Entities recovers
				}
			}()
			got, err = res.fast.entities(m, text)
		}()
		if err != nil {
			return
		}
		if want != nil && !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%q:\n fast  %v\n prose %v", text, got, want)
		}
	})
}

func BenchmarkEntities(b *testing.B) {
	res := &Resources{}
	m := res.model()
	text := "Reminder to all nursing staff: the NHS Pensions helpline and your ESR payslip both have your employee number, not your NHS number, so don't panic if the"
	b.Run("prose", func(b *testing.B) {
		for b.Loop() {
			prose.NewDocument(text, prose.UsingModel(m), prose.WithSegmentation(false))
		}
	})
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			res.fast.entities(m, text)
		}
	})
}
