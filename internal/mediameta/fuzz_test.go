package mediameta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"runtime/metrics"
	"testing"
	"time"
	"unicode/utf8"
)

// updateMedia rewrites the seed photos in testdata/media:
//
//	go test ./internal/mediameta -run TestMediaSeeds -update-media
var updateMedia = flag.Bool("update-media", false, "rewrite the seed photos in testdata/media")

// mediaDir holds the committed seed photos, shared with other packages'
// tests.
const mediaDir = "../../testdata/media"

// seedPhoto is a committed test photo and what reading it must give.
type seedPhoto struct {
	file    string
	build   func(t testing.TB) []byte
	want    Meta
	wantErr bool
}

func seedPhotos() []seedPhoto {
	torbay := Meta{
		HasGPS: true, Lat: torbayLat, Lon: torbayLon,
		Taken: time.Date(2024, 3, 5, 14, 30, 12, 250_000_000, time.UTC),
		Make:  "Apple", Model: "iPhone 15", Software: "17.4.1",
	}
	exeter := photo{
		make: "Google", model: "Pixel 8", taken: "2024:06:01 11:00:00",
		gps: true, lat: 50.7256, lon: -3.5269, order: binary.LittleEndian,
	}
	var fanOut, fanIn []tiffEntry
	for range 40 {
		fanOut = append(fanOut, tiffEntry{tagExifIFD, 4, 1, 600})
		fanIn = append(fanIn, tiffEntry{tagInteropIFD, 4, 1, 8})
	}
	return []seedPhoto{
		{
			file:  "torbay-hospital.jpg",
			build: func(t testing.TB) []byte { return photoJPEG(t, torbayPhoto()) },
			want:  torbay,
		},
		{
			file:  "torbay-hospital.png",
			build: func(t testing.TB) []byte { return pngWithExif(t, exifBlock(t, torbayPhoto())) },
			want:  torbay,
		},
		{
			file:  "torbay-hospital.tiff-exif",
			build: func(t testing.TB) []byte { return exifBlock(t, torbayPhoto()) },
			want:  torbay,
		},
		{
			file:  "exeter-little-endian.jpg",
			build: func(t testing.TB) []byte { return photoJPEG(t, exeter) },
			want: Meta{
				HasGPS: true, Lat: 50.7256, Lon: -3.5269,
				Taken: time.Date(2024, 6, 1, 11, 0, 0, 0, time.UTC),
				Make:  "Google", Model: "Pixel 8",
			},
		},
		{
			file:  "no-exif.jpg",
			build: func(t testing.TB) []byte { return plainJPEG(t) },
		},
		{
			file: "hostile-thumbnail-4gib.jpg",
			build: func(t testing.TB) []byte {
				return jpegWithExif(t, rawTIFF(256,
					rawIFD{off: 8, entries: []tiffEntry{{tagMake, 2, 4, 0x41424300}}, next: 64},
					rawIFD{off: 64, entries: []tiffEntry{
						{tagThumbnailOffset, 4, 1, 200},
						{tagThumbnailLength, 4, 1, 0xFFFFFFF0},
					}},
				))
			},
			want: Meta{Make: "ABC"},
		},
		{
			file: "hostile-ifd-fan-out.jpg",
			build: func(t testing.TB) []byte {
				return jpegWithExif(t, rawTIFF(600+2+12*40+4,
					rawIFD{off: 8, entries: fanOut},
					rawIFD{off: 600, entries: fanIn},
				))
			},
			wantErr: true,
		},
	}
}

// TestMediaSeeds checks the committed seed photos read as expected. They
// are made by the builders in seedPhotos; rewrite them with -update-media.
func TestMediaSeeds(t *testing.T) {
	r, err := NewReader()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range seedPhotos() {
		t.Run(s.file, func(t *testing.T) {
			path := filepath.Join(mediaDir, s.file)
			if *updateMedia {
				if err := os.WriteFile(path, s.build(t), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := r.Read(path)
			if s.wantErr {
				if !errors.Is(err, ErrMalformed) {
					t.Errorf("Read = %+v, %v; want ErrMalformed", got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			checkMeta(t, got, s.want)
		})
	}
}

// FuzzReadBytes checks that no input makes ReadBytes panic, hang, allocate
// without bound, modify its input or return an out-of-range Meta.
func FuzzReadBytes(f *testing.F) {
	for _, s := range seedPhotos() {
		f.Add(s.build(f))
	}
	if entries, err := os.ReadDir(mediaDir); err == nil {
		for _, e := range entries {
			if b, err := os.ReadFile(filepath.Join(mediaDir, e.Name())); err == nil && !e.IsDir() {
				f.Add(b)
			}
		}
	}
	f.Add([]byte{})
	f.Add([]byte("II*\x00\x08\x00\x00\x00"))
	f.Add([]byte("MM\x00*\x00\x00\x00\x08\x00\x01\x88\x25\x00\x04\x00\x00\x00\x01\x00\x00\x00\x08"))

	r, err := NewReader()
	if err != nil {
		f.Fatal(err)
	}
	sample := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		metrics.Read(sample)
		allocBefore := sample[0].Value.Uint64()
		start := time.Now()

		m, err := r.ReadBytes(data)

		elapsed := time.Since(start)
		metrics.Read(sample)
		if alloc := sample[0].Value.Uint64() - allocBefore; alloc > 256<<20 {
			t.Errorf("allocated %d MiB for a %d-byte input", alloc>>20, len(data))
		}
		if elapsed > 2*time.Second {
			t.Errorf("took %v for a %d-byte input", elapsed, len(data))
		}
		if !bytes.Equal(data, orig) {
			t.Error("ReadBytes modified its input")
		}
		if err != nil {
			if m != (Meta{}) {
				t.Errorf("non-zero Meta %+v with error %v", m, err)
			}
			return
		}
		if m.HasGPS {
			if !(math.Abs(m.Lat) <= 90) || !(math.Abs(m.Lon) <= 180) {
				t.Errorf("position out of range: %v, %v", m.Lat, m.Lon)
			}
		} else if m.Lat != 0 || m.Lon != 0 {
			t.Errorf("position %v, %v without HasGPS", m.Lat, m.Lon)
		}
		for _, s := range []string{m.Make, m.Model, m.Software} {
			if len(s) > maxTextBytes || !utf8.ValidString(s) || s != cleanText(s) {
				t.Errorf("unclean text %q", s)
			}
		}
	})
}
