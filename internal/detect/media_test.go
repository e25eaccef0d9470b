package detect

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	exif "github.com/dsoprea/go-exif/v3"
	exifcommon "github.com/dsoprea/go-exif/v3/common"

	"github.com/postlint/postlint/internal/post"
)

const mediaOpts = `
cues: [ward, nurses, patient, "nurses' station", hospital]
weak_cues: [theatre, corridor]
file_patterns: ['(^|[^a-z])(?P<m>(ward|bay)[0-9]+)([^a-z]|$)']
text_cues: ["on the ward", "night shift", "pic from work"]
elsewhere: [beach, kitchen, stage, dog]
not_photo: [logo, screenshot, cartoon]
stock: [watermark, istock]
unless: ["filmed at home", "no patients"]
skip_ext: [pdf, docx]
`

const sitesYAML = `sites:
  - name: Torbay Hospital
    lat: 50.4807
    lon: -3.5468
    radius_m: 450
`

func mediaEnv() *Env {
	return &Env{ReadFile: func(name string) ([]byte, error) {
		if name == "sites.yaml" {
			return []byte(sitesYAML), nil
		}
		return nil, os.ErrNotExist
	}}
}

func buildMediaDetector(t testing.TB, opts string) PostDetector {
	t.Helper()
	det, err := buildMedia(idTestOptions("kind: media\n"+opts), mediaEnv())
	if err != nil {
		t.Fatal(err)
	}
	return det.(PostDetector)
}

func mediaHits(d PostDetector, p *post.Post, dir string) []string {
	in := NewInput(p, &Resources{})
	in.MediaDir = dir
	var out []string
	d.DetectPost(in, func(m Match) {
		out = append(out, m.Field+"="+FieldValue(p, m.Field)[m.Start:m.End])
	})
	return out
}

func TestMedia(t *testing.T) {
	d := buildMediaDetector(t, mediaOpts)
	type m = post.Media
	tests := []struct {
		name  string
		text  string
		media []m
		want  string // first hit, "" for none
	}{
		{"alt cue", "night x", []m{{File: "a.jpg", AltText: "Five nurses pulling faces"}}, "media[0].alt_text=nurses"},
		{"file pattern", "what a night", []m{{File: "ward7_bay4_0347.jpg"}}, "media[0].file=ward7"},
		{"file cue", "x", []m{{File: "IMG_2231_theatre.jpg"}}, "media[0].file=theatre"},
		{"text cue, no alt", "pic from work 😂", []m{{File: "IMG_1.jpg"}}, "text=pic from work"},
		{"text cue, neutral alt", "on the ward tonight", []m{{File: "x.jpg", AltText: "Balloons and a banner"}}, "text=on the ward"},
		{"second item", "x", []m{{File: "dog.jpg", AltText: "my dog"}, {File: "b.jpg", AltText: "A patient in bed"}}, "media[1].alt_text=patient"},
		{"weak cue", "x", []m{{File: "c.jpg", AltText: "Empty corridor at night"}}, "media[0].alt_text=corridor"},
		// clean
		{"no media", "on the ward tonight", nil, ""},
		{"elsewhere alt beats text cue", "night shift done", []m{{File: "s.jpg", AltText: "Sunrise over the beach"}}, ""},
		{"elsewhere alt beats weak cue", "panto!", []m{{File: "IMG_theatre.jpg", AltText: "The stage before the show"}}, ""},
		{"elsewhere alt beats file pattern", "x", []m{{File: "bay4.jpg", AltText: "my dog on the beach"}}, ""},
		{"logo", "new ward, new me", []m{{File: "trust_logo.png"}}, ""},
		{"screenshot head", "ward chat lol", []m{{File: "s.png", AltText: "Screenshot of the ward group chat"}}, ""},
		{"stock", "x", []m{{File: "istock-123.jpg", AltText: "Smiling nurses"}}, ""},
		{"document", "our ward newsletter", []m{{File: "ward_newsletter.pdf"}}, ""},
		{"unless text", "grwm for a night shift, filmed at home", []m{{File: "g.mp4"}}, ""},
		{"no cue at all", "sunday walkies", []m{{File: "IMG_4412.jpg", AltText: "Cocker spaniel running"}}, ""},
	}
	for _, tt := range tests {
		p := &post.Post{Text: tt.text, Media: tt.media}
		got := mediaHits(d, p, "")
		first := ""
		if len(got) > 0 {
			first = got[0]
		}
		if first != tt.want {
			t.Errorf("%s: first hit %q, want %q (all %q)", tt.name, first, tt.want, got)
		}
	}
}

func TestMediaConsent(t *testing.T) {
	d := buildMediaDetector(t, "consent: without\ncues: [nurses]")
	p := &post.Post{Media: []post.Media{{File: "a.jpg", AltText: "Three nurses", Consent: true}, {File: "b.jpg", AltText: "Two nurses"}}}
	got := mediaHits(d, p, "")
	if len(got) != 1 || !strings.HasPrefix(got[0], "media[1]") {
		t.Errorf("hits %q, want only media[1]", got)
	}
}

// gpsJPEG returns a small JPEG whose EXIF block records lat, lon.
func gpsJPEG(t testing.TB, lat, lon float64) []byte {
	t.Helper()
	im, err := exifcommon.NewIfdMappingWithStandard()
	if err != nil {
		t.Fatal(err)
	}
	ti := exif.NewTagIndex()
	root := exif.NewIfdBuilder(im, ti, exifcommon.IfdStandardIfdIdentity, binary.BigEndian)
	gps, err := exif.GetOrCreateIbFromRootIb(root, "IFD/GPSInfo")
	if err != nil {
		t.Fatal(err)
	}
	dms := func(deg float64) []exifcommon.Rational {
		deg = math.Abs(deg)
		d := math.Floor(deg)
		m := math.Floor((deg - d) * 60)
		s := math.Round(((deg-d)*60 - m) * 60 * 1000)
		return []exifcommon.Rational{{Numerator: uint32(d), Denominator: 1}, {Numerator: uint32(m), Denominator: 1}, {Numerator: uint32(s), Denominator: 1000}}
	}
	latRef, lonRef := "N", "E"
	if lat < 0 {
		latRef = "S"
	}
	if lon < 0 {
		lonRef = "W"
	}
	for _, kv := range []struct {
		name string
		v    any
	}{{"GPSVersionID", []byte{2, 2, 0, 0}}, {"GPSLatitudeRef", latRef}, {"GPSLatitude", dms(lat)}, {"GPSLongitudeRef", lonRef}, {"GPSLongitude", dms(lon)}} {
		if err := gps.SetStandardWithName(kv.name, kv.v); err != nil {
			t.Fatal(err)
		}
	}
	tiff, err := exif.NewIfdByteEncoder().EncodeToExif(root)
	if err != nil {
		t.Fatal(err)
	}
	var img bytes.Buffer
	if err := jpeg.Encode(&img, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	raw := img.Bytes()
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	out := append([]byte{}, raw[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, raw[2:]...)
}

func TestMediaExif(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("at_work.jpg", gpsJPEG(t, 50.4809, -3.5470))
	write("beach.jpg", gpsJPEG(t, 50.4215, -3.5570)) // Goodrington, 6 km away
	write("plain.jpg", []byte("not a jpeg"))
	d := buildMediaDetector(t, "exif: true\ncues: [nurses]")
	for _, tt := range []struct {
		file, dir string
		want      bool
	}{
		{"at_work.jpg", dir, true},
		{"at_work.jpg", "", false}, // no queue folder: files are not read
		{"beach.jpg", dir, false},
		{"plain.jpg", dir, false},
		{"missing.jpg", dir, false},
		{"../at_work.jpg", dir, false},
	} {
		p := &post.Post{Text: "morning all", Media: []post.Media{{File: tt.file}}}
		got := mediaHits(d, p, tt.dir)
		if (len(got) > 0) != tt.want {
			t.Errorf("%s in %q: hits %q, want %v", tt.file, tt.dir, got, tt.want)
		}
	}
}

func TestMediaBuildErrors(t *testing.T) {
	for _, opts := range []string{
		"consent: maybe\ncues: [x]",
		"text_cues: []",
		"cues: [x]\nfile_patterns: ['(']",
		"cues: [x]\nexif: true\nsites: nope.yaml",
	} {
		if _, err := buildMedia(idTestOptions("kind: media\n"+opts), mediaEnv()); err == nil {
			t.Errorf("options %q: no error", opts)
		}
	}
}

func BenchmarkMedia(b *testing.B) {
	d := buildMediaDetector(b, mediaOpts)
	p := &post.Post{Text: "sunday walkies on the beach 🐶 then nights, pic from work tomorrow",
		Media: []post.Media{{File: "IMG_4412.jpg", AltText: "Cocker spaniel running on a sandy beach"}, {File: "ward7_0347.jpg"}}}
	for i := 0; i < b.N; i++ {
		if len(mediaHits(d, p, "")) == 0 {
			b.Fatal("no hit")
		}
	}
}
