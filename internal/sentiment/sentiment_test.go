package sentiment

import (
	"bufio"
	"encoding/json"
	"errors"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// listsDir is the project's rules/lists/sentiment, relative to the module
// root.
const listsDir = "rules/lists/sentiment"

var loadLists = sync.OnceValues(func() (*Analyzer, error) {
	return LoadFS(os.DirFS("../.."), listsDir)
})

func analyzer(tb testing.TB) *Analyzer {
	tb.Helper()
	a, err := loadLists()
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// TestPolarityReference checks the port against the reference Python
// implementation's scores (computed with the same lexicon; the first
// sentences are VADER's own examples).
func TestPolarityReference(t *testing.T) {
	a := analyzer(t)
	tests := []struct {
		text                    string
		neg, neu, pos, compound float64
	}{
		{"VADER is smart, handsome, and funny.", 0.0, 0.254, 0.746, 0.8316},
		{"VADER is smart, handsome, and funny!", 0.0, 0.248, 0.752, 0.8439},
		{"VADER is very smart, handsome, and funny.", 0.0, 0.299, 0.701, 0.8545},
		{"VADER is VERY SMART, handsome, and FUNNY.", 0.0, 0.246, 0.754, 0.9227},
		{"VADER is VERY SMART, handsome, and FUNNY!!!", 0.0, 0.233, 0.767, 0.9342},
		{"VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.0, 0.294, 0.706, 0.9469},
		{"VADER is not smart, handsome, nor funny.", 0.646, 0.354, 0.0, -0.7424},
		{"The book was good.", 0.0, 0.508, 0.492, 0.4404},
		{"At least it isn't a horrible book.", 0.0, 0.678, 0.322, 0.431},
		{"The book was only kind of good.", 0.0, 0.697, 0.303, 0.3832},
		{"The plot was good, but the characters are uncompelling and the dialog is not great.", 0.327, 0.579, 0.094, -0.7042},
		{"Today SUX!", 0.779, 0.221, 0.0, -0.5461},
		{"Today only kinda sux! But I'll get by, lol", 0.127, 0.556, 0.317, 0.5249},
		{"Make sure you :) or :D today!", 0.0, 0.294, 0.706, 0.8633},
		{"Not bad at all", 0.0, 0.513, 0.487, 0.431},
		{"Sentiment analysis has never been good.", 0.325, 0.675, 0.0, -0.3412},
		{"Sentiment analysis has never been this good!", 0.0, 0.621, 0.379, 0.5672},
		{"Most automated sentiment analysis tools are shit.", 0.375, 0.625, 0.0, -0.5574},
		{"With VADER, sentiment analysis is the shit!", 0.0, 0.583, 0.417, 0.6476},
		{"Other sentiment analysis tools can be quite bad.", 0.351, 0.649, 0.0, -0.5849},
		{"On the other hand, VADER is quite bad ass", 0.0, 0.423, 0.577, 0.802},
		{"Without a doubt, excellent idea.", 0.0, 0.341, 0.659, 0.7013},
		{"Roger Dodger is one of the most compelling variations on this theme.", 0.0, 0.834, 0.166, 0.2944},
		{"Roger Dodger is at least compelling as a variation on the theme.", 0.0, 0.853, 0.147, 0.2263},
		{"Roger Dodger is one of the least compelling variations on this theme.", 0.132, 0.868, 0.0, -0.1695},
		{"Not such a badass after all.", 0.0, 0.776, 0.224, 0.1139},
		{"The staff were good but the wait was bad", 0.347, 0.511, 0.142, -0.5859},
		{"The wait was bad but the staff were good", 0.172, 0.534, 0.294, 0.3818},
		{"no problems at all", 0.0, 0.571, 0.429, 0.3089},
		{"there is no hope", 0.445, 0.555, 0.0, -0.3412},
		{"I waited and waited??", 0.0, 1.0, 0.0, 0.0},
		{"", 0.0, 0.0, 0.0, 0.0},
		{"   ", 0.0, 0.0, 0.0, 0.0},
	}
	for _, tt := range tests {
		got := a.Polarity(tt.text)
		want := Scores{tt.neg, tt.neu, tt.pos, tt.compound}
		if math.Abs(got.Neg-want.Neg) > 1e-9 || math.Abs(got.Neu-want.Neu) > 1e-9 ||
			math.Abs(got.Pos-want.Pos) > 1e-9 || math.Abs(got.Compound-want.Compound) > 1e-9 {
			t.Errorf("Polarity(%q) = %+v, want %+v", tt.text, got, want)
		}
	}
}

// TestPolarityRules checks each of VADER's rules by comparison.
func TestPolarityRules(t *testing.T) {
	a := analyzer(t)
	c := func(s string) float64 { return a.Polarity(s).Compound }
	tests := []struct {
		name        string
		lower, high string // c(lower) < c(high)
	}{
		{"booster", "the food was good", "the food was very good"},
		{"booster, distance 2", "the food was good", "the food was very much good"},
		{"booster on negative", "the food was extremely bad", "the food was bad"},
		{"dampener", "the food was slightly good", "the food was good"},
		{"dampener on negative", "the food was bad", "the food was slightly bad"},
		{"kind of", "the food was kind of good", "the food was good"},
		{"sort of", "the food was sort of good", "the food was good"},
		{"negation", "the food was not good", "the food was good"},
		{"negation n't", "the food wasn't good", "the food was good"},
		{"negation, 3 back", "it is not really that good", "it is really that good"},
		{"negated negative", "the food was bad", "the food was not bad"},
		{"never so", "the food was good", "the food was never so good"},
		{"no + word", "there was no help", "there was help"},
		{"least", "the least helpful nurse", "the helpful nurse"},
		{"at least", "the nurse", "at least helpful"},
		{"but shifts weight", "the nurse was kind but the food was awful", "the food was awful but the nurse was kind"},
		{"caps emphasis", "the food was good", "the food was GOOD"},
		{"caps emphasis on negative", "the food was BAD", "the food was bad"},
		{"exclamation", "good", "good!"},
		{"exclamation on negative", "bad!!", "bad"},
		{"question marks", "bad??", "bad"},
		{"idiom", "he said oh yeah right", "he said oh yeah"},
		{"emoticon", "see you :(", "see you :)"},
		{"emoji", "see you 😡", "see you 👍"},
		{"emoji glued to a word", "thanks😡", "thanks❤️"},
	}
	for _, tt := range tests {
		if lo, hi := c(tt.lower), c(tt.high); !(lo < hi) {
			t.Errorf("%s: compound(%q) = %v, want < compound(%q) = %v", tt.name, tt.lower, lo, tt.high, hi)
		}
	}

	// All caps everywhere is no emphasis.
	if got, want := c("THE FOOD WAS GOOD"), c("the food was good"); got != want {
		t.Errorf("all-caps text: compound %v, want %v as in lower case", got, want)
	}
	// Emphasis counts up to four "!", and "?" only from two.
	if c("good!!!!") != c("good!!!!!!") {
		t.Error("more than four exclamation marks should add nothing")
	}
	if c("good?") != c("good") {
		t.Error("a single question mark should add nothing")
	}
	for _, s := range []string{"😡", "🤬", "👎", "😤", "😠", "💩", "🙄", "😒", "😢", "😭"} {
		if got := c(s); got >= 0 {
			t.Errorf("compound(%s) = %v, want negative", s, got)
		}
	}
	for _, s := range []string{"👍", "❤️", "❤", "😊", "🙏", "💙", "😂", "👍🏽"} {
		if got := c(s); got <= 0 {
			t.Errorf("compound(%s) = %v, want positive", s, got)
		}
	}
}

func TestPolarityProportions(t *testing.T) {
	a := analyzer(t)
	for _, s := range []string{"good", "the food was bad but the staff were great!!", "meh", "ok 👍 😡"} {
		p := a.Polarity(s)
		if sum := p.Neg + p.Neu + p.Pos; math.Abs(sum-1) > 0.002 {
			t.Errorf("Polarity(%q) proportions add up to %v", s, sum)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name              string
		lex, emoji, cues  string
		want              string // in the error
		lexOnly, wantFail bool
	}{
		{name: "bad valence", lex: "good\t1.9\nbad\tx\t0.5\n", want: "lexicon line 2"},
		{name: "no tab", lex: "good\t1.9\n\nbad -2.5\n", want: "lexicon line 3"},
		{name: "not finite", lex: "good\tNaN\n", want: "lexicon line 1"},
		{name: "empty lexicon", lex: "\n\n", want: "empty"},
		{name: "emoji valence", lex: "good\t1.9\n", emoji: "# c\n👍 1.5\n😡 angry\n", want: "emoji line 3"},
		{name: "emoji sequence", lex: "good\t1.9\n", emoji: "👍👍 1.5\n", want: "emoji line 1"},
		{name: "cue weight", lex: "good\t1.9\n", cues: "1.0 rude\nheavy rude\n", want: "cue line 2"},
		{name: "cue flag", lex: "good\t1.9\n", cues: "\n\n1.0 rude [loud]\n", want: "cue line 3"},
		{name: "cue word", lex: "good\t1.9\n", cues: "1.0 follow-up\n", want: "cue line 1"},
		{name: "cue empty phrase", lex: "good\t1.9\n", cues: "1.0 rude,,nasty\n", want: "cue line 1"},
		{name: "cue optional first", lex: "good\t1.9\n", cues: "1.0 very? rude\n", want: "cue line 1"},
		{name: "cue short prefix", lex: "good\t1.9\n", cues: "1.0 ru*\n", want: "cue line 1"},
		{name: "cue duplicate", lex: "good\t1.9\n", cues: "1.0 rude\n2.0 rude\n", want: "cue line 2"},
		{name: "cue parameter", lex: "good\t1.9\n", cues: "@bias -1\n@loudness 3\n", want: "cue line 2"},
		{name: "cue threshold", lex: "good\t1.9\n", cues: "@threshold 1.5\n", want: "cue line 1"},
	}
	for _, tt := range tests {
		opts := LoadOptions{}
		if tt.emoji != "" {
			opts.Emoji = strings.NewReader(tt.emoji)
		}
		if tt.cues != "" {
			opts.Cues = strings.NewReader(tt.cues)
		}
		_, err := LoadWithOptions(strings.NewReader(tt.lex), opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one naming %q", tt.name, err, tt.want)
		}
	}
	if _, err := Load(nil); err == nil {
		t.Error("Load(nil) succeeded")
	}
	if _, err := LoadFS(os.DirFS(t.TempDir()), "."); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadFS of an empty directory: err = %v, want not-exist", err)
	}
}

func TestLoadListsClean(t *testing.T) {
	a := analyzer(t)
	n := 0
	for _, wi := range a.words {
		if wi.inLex {
			n++
		}
	}
	if n < 7000 {
		t.Errorf("lexicon has %d entries", n)
	}
	if len(a.emoji) < 50 {
		t.Errorf("emoji list has %d entries", len(a.emoji))
	}
	if len(a.cues.cues) < 50 {
		t.Errorf("cue list has %d cues", len(a.cues.cues))
	}
}

// cueAnalyzer loads a tiny lexicon with the cue list cues.
func cueAnalyzer(t *testing.T, cues string) *Analyzer {
	t.Helper()
	a, err := LoadWithOptions(strings.NewReader("good\t1.9\nbad\t-2.5\nthanks\t1.9\n"),
		LoadOptions{Cues: strings.NewReader("@bias -2\n@compound 4\n" + cues)})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestCuePatterns(t *testing.T) {
	a := cueAnalyzer(t, `
3 waited over|for? <num> hours|hrs
3 cancel*
3 why [start]
3 seriously [question]
3 no one came, nobody came, left alone
3 rude
3 a&e closed
3 can't get * appointment
3 well done [sarcasm]
-3 can't fault
`)
	tests := []struct {
		text string
		cues []string // patterns found, in order
	}{
		{"waited 6 hours", []string{"waited over|for? <num> hours|hrs"}},
		{"Waited over 4hrs!", []string{"waited over|for? <num> hours|hrs"}},
		{"waited for six hours", []string{"waited over|for? <num> hours|hrs"}},
		{"waited an hours", []string{"waited over|for? <num> hours|hrs"}},
		{"waited patiently for hours", nil},
		{"my op was Cancelled. Again", []string{"cancel*"}},
		{"why is it closed", []string{"why"}},
		{"@trust why is it closed", []string{"why"}},
		{"it is closed. Why?", []string{"why"}},
		{"nobody knows why", nil},
		{"seriously? closed", []string{"seriously"}},
		{"seriously, closed", nil},
		{"nobody came", []string{"nobody came"}},
		{"no one came and I was left alone", []string{"no one came"}},
		{"nobody. came", nil},
		{"they were rude", []string{"rude"}},
		{"they were not rude", nil},
		{"they weren't rude", nil},
		{"they weren't at all rude", []string{"rude"}}, // beyond @negation-window
		{"not that they were ever rude", []string{"rude"}},
		{"A&E closed again", []string{"a&e closed"}},
		{"can't get an appointment", []string{"can't get * appointment"}},
		{"can’t get an appointment", []string{"can't get * appointment"}},
		{"rude, rude, rude", []string{"rude"}},
		{"see https://example.org/rude", nil},
		{"can't fault them", []string{"can't fault"}},
	}
	for _, tt := range tests {
		as := a.Complaint(tt.text)
		var got []string
		for _, c := range as.Cues {
			got = append(got, c.Pattern)
			if c.Start < 0 || c.End > len(tt.text) || c.Start >= c.End {
				t.Errorf("Complaint(%q): cue %q at bad span %d:%d", tt.text, c.Pattern, c.Start, c.End)
			}
		}
		if strings.Join(got, " | ") != strings.Join(tt.cues, " | ") {
			t.Errorf("Complaint(%q) cues = %q, want %q", tt.text, got, tt.cues)
		}
	}

	// The span of a cue is its first match in the text.
	text := "Well, they were RUDE."
	as := a.Complaint(text)
	if len(as.Cues) != 1 || text[as.Cues[0].Start:as.Cues[0].End] != "RUDE" {
		t.Errorf("Complaint(%q) cues = %+v, want RUDE", text, as.Cues)
	}

	// Sarcasm counts only beside other complaint evidence.
	if as := a.Complaint("well done"); len(as.Cues) != 0 || as.Negative {
		t.Errorf("plain well done: %+v", as)
	}
	if as := a.Complaint("well done, cancelled again"); len(as.Cues) != 2 || !as.Negative {
		t.Errorf("sarcastic well done: %+v", as)
	}
}

// TestComplaint checks the decision on comments a trust's account receives.
func TestComplaint(t *testing.T) {
	a := analyzer(t)
	tests := []struct {
		text     string
		negative bool
	}{
		// Complaints.
		{"Waited 6 hours in A&E and nobody came to check on my mum", true},
		{"Still waiting for my appointment letter, 3 months on. Disgraceful.", true},
		{"Well done, another cancelled operation. Brilliant.", true},
		{"Not impressed with the parking charges", true},
		{"Why does it take 4hrs to get seen?? This is a joke", true},
		{"Absolute shambles 😡", true},
		{"Sent home with paracetamol and misdiagnosed. Never again.", true},
		{"Rang the number 20 times, nobody answers", true},
		{"No apology, no explanation. How is this acceptable?", true},
		{"The reception staff were so rude to my elderly dad", true},
		{"Not good enough. My referral was lost twice.", true},
		{"Thanks for nothing, still no call back 🙄", true},
		{"How is it acceptable that patients are left on trolleys in corridors?", true},
		{"When will you sort out the car park? Every single time it's full", true},
		{"Appalling care on ward 12, I'm making a complaint to PALS", true},
		{"Damning CQC report, the Trust is failing patients", true},
		{"Great job losing my notes AGAIN", true},
		// Praise, questions and news.
		{"Thank you to the amazing staff on ward 7 💙", false},
		{"Can't thank the staff at Good Hope Hospital enough!", false},
		{"Well done to the team, brilliant work!", false},
		{"How do I get a copy of my records?", false},
		{"Is the clinic open on Saturday?", false},
		{"The nurses were not rude at all, very caring", false},
		{"My dad was in pain and the staff were wonderful", false},
		{"Great Ormond Street are heroes", false},
		{"I can't wait to meet the new baby!", false},
		{"Dead good service, couldn't fault it", false},
		{"Brilliant care from start to finish. Thank you NHS 🙏", false},
		{"Cancer diagnosis came quickly and the team were kind", false},
		{"I was so worried about my scan but the radiographer put me at ease", false},
		{"The new car park opens on Monday", false},
		{"Why do I need to fast before my scan?", false},
		{"My appointment was rescheduled, can you confirm the new date?", false},
		{"How long is the waiting list for a hip replacement?", false},
		{"Don't worry, the team are brilliant", false},
		{"", false},
	}
	for _, tt := range tests {
		as := a.Complaint(tt.text)
		if as.Negative != tt.negative {
			var cues []string
			for _, c := range as.Cues {
				cues = append(cues, c.Pattern)
			}
			t.Errorf("Complaint(%q).Negative = %v (p=%.2f, polarity %+v, cues %q), want %v",
				tt.text, as.Negative, as.Probability, as.Polarity, cues, tt.negative)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	a := analyzer(t)
	texts := []string{"Waited 6 hours, disgraceful 😡", "Thank you all 💙", "The food was GOOD but the wait was bad!!"}
	want := make([]Assessment, len(texts))
	for i, s := range texts {
		want[i] = a.Complaint(s)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 200; n++ {
				i := n % len(texts)
				if got := a.Complaint(texts[i]); got.Probability != want[i].Probability || got.Polarity != want[i].Polarity {
					t.Errorf("concurrent Complaint(%q) differs", texts[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// prf is precision, recall and F1 of the positive class.
func prf(pred, gold []bool) (p, r, f float64) {
	tp, fp, fn := 0, 0, 0
	for i := range pred {
		switch {
		case pred[i] && gold[i]:
			tp++
		case pred[i]:
			fp++
		case gold[i]:
			fn++
		}
	}
	if tp == 0 {
		return 0, 0, 0
	}
	p = float64(tp) / float64(tp+fp)
	r = float64(tp) / float64(tp+fn)
	return p, r, 2 * p * r / (p + r)
}

// TestSentimentValidation measures the negative class on public tweets kept
// outside the project (shared/external, measurement only): (a) VADER's
// compound <= -0.05 and (b) the complaint decision.
func TestSentimentValidation(t *testing.T) {
	f, err := os.Open("../../../shared/external/sentiment-val.jsonl")
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("shared/external/sentiment-val.jsonl not present")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a := analyzer(t)
	var vader, complaint, gold []bool
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct{ Label, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		gold = append(gold, rec.Label == "negative")
		vader = append(vader, a.Polarity(rec.Text).Compound <= -0.05)
		complaint = append(complaint, a.Complaint(rec.Text).Negative)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(gold) < 1000 {
		t.Fatalf("only %d records", len(gold))
	}
	vp, vr, vf := prf(vader, gold)
	cp, cr, cf := prf(complaint, gold)
	t.Logf("%d texts, negative class", len(gold))
	t.Logf("(a) VADER compound <= -0.05: P %.3f R %.3f F1 %.3f", vp, vr, vf)
	t.Logf("(b) Complaint().Negative:    P %.3f R %.3f F1 %.3f", cp, cr, cf)
	if vf < 0.50 || vf > 0.58 {
		t.Errorf("VADER port F1 %.3f is far from the reference tools' 0.534-0.546", vf)
	}
	if cf <= 0.534 {
		t.Errorf("complaint F1 %.3f does not beat VADER's 0.534", cf)
	}
}

func FuzzPolarity(f *testing.F) {
	for _, s := range []string{"", "good", "NOT BAD!!!", "kind of least but no", "😡👍🏽❤️", "a&e 4hrs @x http://y ’t",
		"never so very good?? ", "\xff\xfe", "ab\u200dcd", "İSTANBUL ǅ", "waited 6 hours. why? well done"} {
		f.Add(s)
	}
	a := analyzer(f)
	f.Fuzz(func(t *testing.T, s string) {
		p := a.Polarity(s)
		for _, v := range []float64{p.Neg, p.Neu, p.Pos} {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("Polarity(%q) = %+v: proportion out of [0, 1]", s, p)
			}
		}
		if !(p.Compound >= -1 && p.Compound <= 1) {
			t.Fatalf("Polarity(%q).Compound = %v, out of [-1, 1]", s, p.Compound)
		}
		as := a.Complaint(s)
		if !(as.Probability >= 0 && as.Probability <= 1) {
			t.Fatalf("Complaint(%q).Probability = %v", s, as.Probability)
		}
		if !(as.Polarity.Compound >= -1 && as.Polarity.Compound <= 1) {
			t.Fatalf("Complaint(%q).Polarity = %+v", s, as.Polarity)
		}
		for _, c := range as.Cues {
			if c.Start < 0 || c.End > len(s) || c.Start >= c.End {
				t.Fatalf("Complaint(%q): cue %q at bad span %d:%d", s, c.Pattern, c.Start, c.End)
			}
			if utf8.ValidString(s) && !utf8.ValidString(s[c.Start:c.End]) {
				t.Fatalf("Complaint(%q): cue span %d:%d splits a character", s, c.Start, c.End)
			}
		}
	})
}

// benchText is 280 characters, a full-length post.
const benchText = "@NHSTrust Waited 6 hours in A&E last night with my dad, nobody came to check on him and the " +
	"receptionist was SO rude when I asked why. Not good enough!! The nurses were lovely but clearly " +
	"understaffed 😡 How is this acceptable in 2026? Still no call back about his scan. Shambles!!"

func BenchmarkPolarity(b *testing.B) {
	a := analyzer(b)
	if n := utf8.RuneCountInString(benchText); n != 280 {
		b.Fatalf("benchText has %d characters", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		a.Polarity(benchText)
	}
}

func BenchmarkComplaint(b *testing.B) {
	a := analyzer(b)
	b.ReportAllocs()
	for b.Loop() {
		a.Complaint(benchText)
	}
}
