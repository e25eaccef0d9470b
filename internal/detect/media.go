package detect

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/postlint/postlint/internal/mediameta"
	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/textnorm"
)

// mediaOptions configure the "media" kind, which looks at a post's
// attachments: their alt text and file names, whether consent is recorded,
// what the post's text says about them and, when asked, where the photo was
// taken.
//
// Each selected attachment is judged on its own:
//
//  1. a file that is not a photo or a video (skip_ext), a graphic rather
//     than a photograph (not_photo), or a stock or web image (stock) is
//     left alone;
//  2. unless words anywhere in the post, its alt text or file name clear it;
//  3. a cue in the alt text or file name (cues) flags it;
//  4. a photo whose EXIF position lies on one of the sites (exif) flags it;
//  5. a file-name pattern (file_patterns) or a weak cue (weak_cues) flags it
//     unless the alt text places it elsewhere (elsewhere: a beach, a
//     kitchen);
//  6. otherwise, when the alt text does not place it elsewhere, the post's
//     text cues (text_cues) flag it: "pic from the ward" with a photo.
type mediaOptions struct {
	Kind string `yaml:"kind"`
	// Consent selects media: "any" (default), "without" (no model release
	// form recorded) or "with".
	Consent string `yaml:"consent"`
	// Cues are words and phrases looked for in alt text and file names.
	Cues []string `yaml:"cues"`
	// WeakCues count like cues unless the alt text places the photo
	// elsewhere ("theatre" but not "the Princess Theatre panto").
	WeakCues []string `yaml:"weak_cues"`
	// FilePatterns are RE2 expressions matched against the lower-cased file
	// name ("ward7_bay4.jpg": `(^|[^a-z])(?P<m>(ward|bay)\d+)`); a group
	// named m narrows the span.
	FilePatterns []string `yaml:"file_patterns"`
	// TextCues are looked for in the post's text; they count only when the
	// post has a selected attachment whose alt text does not place it
	// elsewhere.
	TextCues []string `yaml:"text_cues"`
	// Unless, found in the alt text, the file name or the text, clears the
	// media item ("filmed at home", "no patients shown").
	Unless []string `yaml:"unless"`
	// Elsewhere, in the alt text, places a photo away from work (a beach, a
	// kitchen, a dog): weak cues and text cues no longer count for it.
	Elsewhere []string `yaml:"elsewhere"`
	// NotPhoto marks an attachment that is a graphic, not a photograph of a
	// scene (logo, screenshot, cartoon): matched anywhere in the file name
	// and among the first three words or as the last word of the alt text,
	// where the alt text names what the image is.
	NotPhoto []string `yaml:"not_photo"`
	// Stock marks an image taken from a stock library or the web
	// (watermark, iStock), matched anywhere in the alt text or file name.
	Stock []string `yaml:"stock"`
	// SkipExt lists file extensions that are neither photos nor videos
	// (pdf, docx).
	SkipExt []string `yaml:"skip_ext"`
	// Exif reads each photo's EXIF GPS position, when the post comes from a
	// queue file whose folder holds the photo, and flags a photo taken on
	// one of the sites listed in the pack file Sites (default sites.yaml).
	// A missing or unreadable file is not an error.
	Exif  bool   `yaml:"exif"`
	Sites string `yaml:"sites"`
	// Any flags every selected media item, with or without cues.
	Any bool `yaml:"any"`
}

type mediaDetector struct {
	consent                       string
	cues, weak, text, skip, elsew *phrase.Set
	notPhoto, stock               *phrase.Set
	filePats                      []*regexp.Regexp
	skipExt                       map[string]bool
	any                           bool
	sites                         []mediameta.Site
	exif                          bool
	readerOnce                    sync.Once
	reader                        *mediameta.Reader
}

func buildMedia(o Options, env *Env) (any, error) {
	var opts mediaOptions
	if err := o.Decode(&opts); err != nil {
		return nil, err
	}
	d := &mediaDetector{consent: opts.Consent, any: opts.Any, skipExt: map[string]bool{}}
	switch d.consent {
	case "", "any", "with", "without":
	default:
		return nil, fmt.Errorf("media: consent: %q is not any, with or without", d.consent)
	}
	var err error
	for _, t := range []struct {
		dst  **phrase.Set
		list []string
	}{{&d.cues, opts.Cues}, {&d.weak, opts.WeakCues}, {&d.text, opts.TextCues}, {&d.skip, opts.Unless},
		{&d.elsew, opts.Elsewhere}, {&d.notPhoto, opts.NotPhoto}, {&d.stock, opts.Stock}} {
		if *t.dst, err = Terms(t.list, env); err != nil {
			return nil, err
		}
	}
	for _, p := range opts.FilePatterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("media: file pattern %q: %w", p, err)
		}
		d.filePats = append(d.filePats, re)
	}
	for _, e := range opts.SkipExt {
		d.skipExt[strings.ToLower(strings.TrimPrefix(e, "."))] = true
	}
	if opts.Exif {
		name := opts.Sites
		if name == "" {
			name = "sites.yaml"
		}
		if env == nil || env.ReadFile == nil {
			return nil, fmt.Errorf("media: exif: no rule pack to read %s from", name)
		}
		data, err := env.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("media: exif: %w", err)
		}
		if d.sites, err = mediameta.LoadSites(bytes.NewReader(data), name); err != nil {
			return nil, fmt.Errorf("media: exif: %w", err)
		}
		d.exif = len(d.sites) > 0
	}
	if d.cues.Len() == 0 && d.weak.Len() == 0 && d.text.Len() == 0 && len(d.filePats) == 0 && !d.any && !d.exif {
		return nil, fmt.Errorf("media: give cues, weak_cues, file_patterns, text_cues, exif or any: true")
	}
	return d, nil
}

func has(set *phrase.Set, v *textnorm.View) (phrase.Match, bool) {
	return set.FindIn(v.Tokens, 0, len(v.Tokens))
}

// head reports whether set matches among the first n words of v or as its
// last word.
func head(set *phrase.Set, v *textnorm.View, n int) bool {
	if set.Has(v.Tokens, 0, n) {
		return true
	}
	if k := len(v.Tokens); k > 0 {
		if m, ok := set.FindIn(v.Tokens, k-1, k); ok && m.Last == k-1 {
			return true
		}
	}
	return false
}

func (d *mediaDetector) span(v *textnorm.View, m phrase.Match) (int, int) {
	return v.OrigRange(v.Tokens[m.First].Start, v.Tokens[m.Last].End)
}

func (d *mediaDetector) DetectPost(in *Input, emit func(Match)) {
	p := in.Post
	if len(p.Media) == 0 {
		return
	}
	text := in.Text()
	if _, ok := has(d.skip, text); ok {
		return
	}
	eligible := false
	for i, m := range p.Media {
		if (d.consent == "without" && m.Consent) || (d.consent == "with" && !m.Consent) {
			continue
		}
		ext := strings.ToLower(strings.TrimPrefix(path.Ext(m.File), "."))
		if d.skipExt[ext] {
			continue
		}
		idx := "media[" + strconv.Itoa(i) + "]"
		altF, fileF := idx+".alt_text", idx+".file"
		alt, file := in.View(altF), in.View(fileF)
		if _, ok := has(d.skip, alt); ok {
			continue
		}
		if _, ok := has(d.skip, file); ok {
			continue
		}
		if _, ok := has(d.notPhoto, file); ok || head(d.notPhoto, alt, 3) {
			continue
		}
		if _, ok := has(d.stock, alt); ok {
			continue
		}
		if _, ok := has(d.stock, file); ok {
			continue
		}
		if d.item(in, i, alt, file, altF, fileF, emit) {
			continue
		}
		if _, away := has(d.elsew, alt); !away {
			eligible = true
		}
	}
	if !eligible {
		return
	}
	if m, ok := has(d.text, text); ok {
		a, b := d.span(text, m)
		emit(Match{Field: FieldText, Start: a, End: b})
	}
}

// item looks for evidence in one attachment and reports whether it emitted.
func (d *mediaDetector) item(in *Input, i int, alt, file *textnorm.View, altF, fileF string, emit func(Match)) bool {
	for _, f := range []struct {
		name string
		v    *textnorm.View
	}{{altF, alt}, {fileF, file}} {
		if m, ok := has(d.cues, f.v); ok {
			a, b := d.span(f.v, m)
			emit(Match{Field: f.name, Start: a, End: b})
			return true
		}
	}
	if site, ok := d.takenAtSite(in, i); ok {
		m := in.Post.Media[i]
		emit(Match{Field: fileF, Start: 0, End: len(m.File), Confidence: 0.9, Note: "the photo was taken at " + site})
		return true
	}
	if _, away := has(d.elsew, alt); !away {
		name := strings.ToLower(in.Post.Media[i].File)
		for _, re := range d.filePats {
			if loc := re.FindStringSubmatchIndex(name); loc != nil {
				a, b := loc[0], loc[1]
				if k := re.SubexpIndex("m"); k > 0 && loc[2*k] >= 0 {
					a, b = loc[2*k], loc[2*k+1]
				}
				emit(Match{Field: fileF, Start: a, End: b})
				return true
			}
		}
		for _, f := range []struct {
			name string
			v    *textnorm.View
		}{{altF, alt}, {fileF, file}} {
			if m, ok := has(d.weak, f.v); ok {
				a, b := d.span(f.v, m)
				emit(Match{Field: f.name, Start: a, End: b})
				return true
			}
		}
	}
	if d.any {
		emit(Match{Field: fileF, Start: 0, End: len(in.Post.Media[i].File)})
		return true
	}
	return false
}

// takenAtSite reads the EXIF position of media item i from the post's queue
// folder and reports the site it lies on. Missing files, files outside the
// folder and photos without a position report false.
func (d *mediaDetector) takenAtSite(in *Input, i int) (string, bool) {
	if !d.exif || in.MediaDir == "" {
		return "", false
	}
	name := in.Post.Media[i].File
	if name == "" {
		return "", false
	}
	p, err := mediameta.Resolve(in.MediaDir, name)
	if err != nil {
		return "", false
	}
	d.readerOnce.Do(func() { d.reader, _ = mediameta.NewReader() })
	if d.reader == nil {
		return "", false
	}
	meta, err := d.reader.Read(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) || !meta.HasGPS {
		return "", false
	}
	site, _, ok := mediameta.NearestSite(d.sites, meta.Lat, meta.Lon)
	if !ok {
		return "", false
	}
	return site.Name, true
}

// Detect makes mediaDetector a Detector too; the engine prefers DetectPost.
func (d *mediaDetector) Detect(in *Input, _ string, _ *textnorm.View, emit func(Match)) {
	d.DetectPost(in, emit)
}
