package detect

import (
	"reflect"
	"testing"
)

func TestLexicon(t *testing.T) {
	tests := []struct {
		name, opts, text string
		want             []string
	}{
		{"whole words only", "terms: [ass, class act]", "a class act in the assessment", []string{"class act"}},
		{"case and accents", "terms: [cafe]", "the CAFÉ on level 2", []string{"CAFÉ"}},
		{"prefix", "terms: [idiot*]", "idiots and idiotic", []string{"idiots", "idiotic"}},
		{"gap word", "terms: [you * idiot]", "you utter idiot", []string{"you utter idiot"}},
		{"typographic apostrophe", "terms: [\"don't tell\"]", "don’t tell anyone", []string{"don’t tell"}},
		{"full-width and look-alikes", "terms: [shit]", "ｓｈｉｔ and ѕһіt", []string{"ｓｈｉｔ", "ѕһіt"}},
		{"not disguised by default", "terms: [shit]", "sh1t", nil},
		{"leetspeak", "disguised: true\nterms: [shit]", "total sh1t", []string{"sh1t"}},
		{"mask", "disguised: true\nterms: [fuck]", "f*ck that", []string{"f*ck"}},
		{"stretched", "disguised: true\nterms: [fuck]", "fuuuuck", []string{"fuuuuck"}},
		{"spaced", "disguised: true\nterms: [fuck]", "f u c k this", []string{"f u c k"}},
		{"dotted", "disguised: true\nterms: [shit]", "s.h.i.t day", []string{"s.h.i.t"}},
		{"zero width", "disguised: true\nterms: [fuck]", "fu\u200bck", []string{"fu\u200bck"}},
		{"scunthorpe", "disguised: true\nterms: [cunt, ass, cock, dick, shit]", "Scunthorpe, Essex, Cockington, Dickens, shiitake, a cockpit assessment", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := buildIDDetector(t, "lexicon", tt.opts)
			var got []string
			for _, m := range detectAll(t, d, tt.text) {
				got = append(got, tt.text[m.Start:m.End])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("matches %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPattern(t *testing.T) {
	tests := []struct {
		name, opts, text string
		want             []string
	}{
		{"folded", `patterns: ['\bward \d+\b']`, "On WARD 7 tonight", []string{"WARD 7"}},
		{"named group narrows", `patterns: ['dob:? (?P<m>\d\d/\d\d/\d{4})']`, "DOB: 12/03/1958", []string{"12/03/1958"}},
		{"orig keeps case", "on: orig\npatterns: ['\\bMrs [A-Z]\\w+']", "mrs smith and Mrs Jones", []string{"Mrs Jones"}},
		{"exclude", "patterns: ['\\b[a-z]{2}\\d{6}[a-d]\\b']\nexclude: ['^(?:gb|bg)']", "GB123456A and AB123456C", []string{"AB123456C"}},
		{"span maps through emoji", `patterns: ['code \d{4}']`, "👍🏽 code 4472", []string{"code 4472"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := buildIDDetector(t, "pattern", tt.opts)
			var got []string
			for _, m := range detectAll(t, d, tt.text) {
				got = append(got, tt.text[m.Start:m.End])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("matches %q, want %q", got, tt.want)
			}
		})
	}
}

func BenchmarkLexiconDisguised(b *testing.B) {
	d := buildIDDetector(b, "lexicon", "disguised: true\nterms: [fuck, shit, idiot, useless, twat, prick, wanker, bollocks]")
	text := "Long night on the ward but the team were brilliant, thanks all 💙 honestly whoever wrote this rota is a useless tw@t, sh1t planning again. Still, cake in the staff room and the sun is out on the way home"
	b.ReportAllocs()
	for b.Loop() {
		detectAll(b, d, text)
	}
}
