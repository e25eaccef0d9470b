package mediameta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// near reports whether two coordinates agree to about 2 cm.
func near(a, b float64) bool { return math.Abs(a-b) < 2e-7 }

func TestReadBytes(t *testing.T) {
	leTorbay := torbayPhoto()
	leTorbay.order = binary.LittleEndian
	noZone := torbayPhoto()
	noZone.offset, noZone.subSec = "", ""
	bst := torbayPhoto()
	bst.taken, bst.offset, bst.subSec = "2024:07:01 08:05:00", "+01:00", ""
	southEast := photo{gps: true, lat: -33.8568, lon: 151.2153}
	nullIsland := photo{gps: true, lat: 0, lon: 0, taken: "2024:01:01 00:00:00"}
	badRef := photo{gps: true, lat: torbayLat, lon: torbayLon, lonRef: "X"}
	unknownDate := photo{taken: "    :  :     :  :  ", make: "Canon"}
	dashedDate := photo{taken: "2024-03-05 14:30:12"}
	messyText := photo{make: "  Evil\x1b[31m  Corp\u200b ", model: strings.Repeat("M", 400)}

	tests := []struct {
		name string
		data []byte
		want Meta
	}{
		{
			name: "Torbay Hospital, big-endian",
			data: photoJPEG(t, torbayPhoto()),
			want: Meta{
				HasGPS: true, Lat: torbayLat, Lon: torbayLon,
				Taken: time.Date(2024, 3, 5, 14, 30, 12, 250_000_000, time.UTC),
				Make:  "Apple", Model: "iPhone 15", Software: "17.4.1",
			},
		},
		{
			name: "Torbay Hospital, little-endian",
			data: photoJPEG(t, leTorbay),
			want: Meta{
				HasGPS: true, Lat: torbayLat, Lon: torbayLon,
				Taken: time.Date(2024, 3, 5, 14, 30, 12, 250_000_000, time.UTC),
				Make:  "Apple", Model: "iPhone 15", Software: "17.4.1",
			},
		},
		{
			name: "no UTC offset recorded",
			data: photoJPEG(t, noZone),
			want: Meta{
				HasGPS: true, Lat: torbayLat, Lon: torbayLon,
				Taken: time.Date(2024, 3, 5, 14, 30, 12, 0, time.UTC),
				Make:  "Apple", Model: "iPhone 15", Software: "17.4.1",
			},
		},
		{
			name: "summer time offset",
			data: photoJPEG(t, bst),
			want: Meta{
				HasGPS: true, Lat: torbayLat, Lon: torbayLon,
				Taken: time.Date(2024, 7, 1, 7, 5, 0, 0, time.UTC),
				Make:  "Apple", Model: "iPhone 15", Software: "17.4.1",
			},
		},
		{
			name: "southern and eastern hemispheres",
			data: photoJPEG(t, southEast),
			want: Meta{HasGPS: true, Lat: -33.8568, Lon: 151.2153},
		},
		{
			name: "0,0 is no fix",
			data: photoJPEG(t, nullIsland),
			want: Meta{Taken: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
		},
		{
			name: "invalid longitude reference",
			data: photoJPEG(t, badRef),
			want: Meta{},
		},
		{
			name: "unknown date",
			data: photoJPEG(t, unknownDate),
			want: Meta{Make: "Canon"},
		},
		{
			name: "dashed date",
			data: photoJPEG(t, dashedDate),
			want: Meta{Taken: time.Date(2024, 3, 5, 14, 30, 12, 0, time.UTC)},
		},
		{
			name: "control characters and long text",
			data: photoJPEG(t, messyText),
			want: Meta{Make: "Evil[31m Corp", Model: strings.Repeat("M", maxTextBytes-1)},
		},
		{
			name: "PNG with eXIf chunk",
			data: pngWithExif(t, exifBlock(t, torbayPhoto())),
			want: Meta{
				HasGPS: true, Lat: torbayLat, Lon: torbayLon,
				Taken: time.Date(2024, 3, 5, 14, 30, 12, 250_000_000, time.UTC),
				Make:  "Apple", Model: "iPhone 15", Software: "17.4.1",
			},
		},
		{
			name: "labelled TIFF block (as in HEIC)",
			data: append([]byte("\x00\x00\x00\x18ftypheic....\x00\x00\x00\x06Exif\x00\x00"), exifBlock(t, torbayPhoto())...),
			want: Meta{
				HasGPS: true, Lat: torbayLat, Lon: torbayLon,
				Taken: time.Date(2024, 3, 5, 14, 30, 12, 250_000_000, time.UTC),
				Make:  "Apple", Model: "iPhone 15", Software: "17.4.1",
			},
		},
		{
			name: "TIFF file",
			data: exifBlock(t, torbayPhoto()),
			want: Meta{
				HasGPS: true, Lat: torbayLat, Lon: torbayLon,
				Taken: time.Date(2024, 3, 5, 14, 30, 12, 250_000_000, time.UTC),
				Make:  "Apple", Model: "iPhone 15", Software: "17.4.1",
			},
		},
		{
			name: "unlabelled TIFF block in an unknown container",
			data: append([]byte("RIFF....WEBPVP8 ....Exif\x00\x00junk"), exifBlock(t, torbayPhoto())...),
			want: Meta{
				HasGPS: true, Lat: torbayLat, Lon: torbayLon,
				Taken: time.Date(2024, 3, 5, 14, 30, 12, 250_000_000, time.UTC),
				Make:  "Apple", Model: "iPhone 15", Software: "17.4.1",
			},
		},
		{name: "JPEG without EXIF", data: plainJPEG(t), want: Meta{}},
		{name: "PNG without eXIf", data: plainPNG(t), want: Meta{}},
		{name: "empty", data: nil, want: Meta{}},
		{name: "text file", data: []byte("not a photo at all\n"), want: Meta{}},
		{name: "unknown container, TIFF-like bytes in image data", data: []byte("\x00\x00\x00\x18ftypheic\x17\x99MM\x00\x2a\xff\xff\xff\xf0\x01\x02"), want: Meta{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadBytes(tt.data)
			if err != nil {
				t.Fatalf("ReadBytes: %v", err)
			}
			checkMeta(t, got, tt.want)
		})
	}
}

// checkMeta compares two Metas, positions to about 2 cm and times with
// time.Time.Equal.
func checkMeta(t *testing.T, got, want Meta) {
	t.Helper()
	if got.HasGPS != want.HasGPS || !near(got.Lat, want.Lat) || !near(got.Lon, want.Lon) {
		t.Errorf("GPS = %v %.7f,%.7f; want %v %.7f,%.7f", got.HasGPS, got.Lat, got.Lon, want.HasGPS, want.Lat, want.Lon)
	}
	if !got.Taken.Equal(want.Taken) {
		t.Errorf("Taken = %v; want %v", got.Taken, want.Taken)
	}
	if got.Make != want.Make || got.Model != want.Model || got.Software != want.Software {
		t.Errorf("Make, Model, Software = %q, %q, %q; want %q, %q, %q",
			got.Make, got.Model, got.Software, want.Make, want.Model, want.Software)
	}
}

func TestTakenKeepsOffset(t *testing.T) {
	p := torbayPhoto()
	p.offset = "+01:00"
	m, err := ReadBytes(photoJPEG(t, p))
	if err != nil {
		t.Fatal(err)
	}
	if _, off := m.Taken.Zone(); off != 3600 {
		t.Errorf("Taken zone offset = %d s; want 3600", off)
	}
	if h := m.Taken.Hour(); h != 14 {
		t.Errorf("Taken wall-clock hour = %d; want 14", h)
	}
}

func TestReadBytesTruncated(t *testing.T) {
	full := photoJPEG(t, torbayPhoto())
	tiff := exifBlock(t, torbayPhoto())
	app1End := 2 + 2 + 2 + 6 + len(tiff) // SOI, marker, length, "Exif\0\0", block
	// One Reader for the many calls: ReadBytes would build one per call.
	r, err := NewReader()
	if err != nil {
		t.Fatal(err)
	}
	want, err := r.ReadBytes(full)
	if err != nil || !want.HasGPS {
		t.Fatalf("full photo: %+v, %v", want, err)
	}
	for n := 0; n <= len(full); n++ {
		got, err := r.ReadBytes(full[:n])
		switch {
		case n <= 2:
			// SOI alone or less: nothing to find.
			if err != nil || got != (Meta{}) {
				t.Errorf("prefix %d: got %+v, %v; want no metadata", n, got, err)
			}
		case n < app1End:
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("prefix %d (inside APP1): err = %v; want ErrMalformed", n, err)
			}
		default:
			if err != nil || !got.HasGPS || !got.Taken.Equal(want.Taken) {
				t.Errorf("prefix %d (after APP1): got %+v, %v; want %+v", n, got, err, want)
			}
		}
	}
	// A bare TIFF block cut anywhere must not panic.
	for n := 0; n <= len(tiff); n++ {
		_, _ = r.ReadBytes(tiff[:n])
	}
	// A PNG cut anywhere must not panic.
	p := pngWithExif(t, tiff)
	for n := 0; n <= len(p); n++ {
		_, _ = r.ReadBytes(p[:n])
	}
}

func TestReadBytesMalformed(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"JPEG segment length below 2", []byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01, 0, 0}},
		{"JPEG garbage after SOI", []byte{0xFF, 0xD8, 'x', 'y', 'z'}},
		{"JPEG marker FF00", []byte{0xFF, 0xD8, 0xFF, 0x00, 0, 4}},
		{"JPEG APP1 with Exif header only", jpegWithExif(t, []byte("MM\x00\x2a"))},
		{"JPEG APP1 first IFD out of range", jpegWithExif(t, []byte("MM\x00\x2a\xff\xff\xff\x00"))},
		{"labelled EXIF block in an unknown container", []byte("\x00\x00\x00\x18ftypheic..Exif\x00\x00MM\x00\x2a\xff\xff\xff\x00")},
		{"PNG eXIf chunk truncated", append([]byte(pngSignature), 0, 0, 1, 0, 'e', 'X', 'I', 'f', 'M', 'M')},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ReadBytes(tt.data)
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("ReadBytes = %+v, %v; want an error wrapping ErrMalformed", m, err)
			}
		})
	}
}

// TestReadBytesHostile feeds EXIF blocks built to exhaust go-exif: they must
// be refused or handled quickly and without large allocations.
func TestReadBytesHostile(t *testing.T) {
	const long, ascii = 4, 2
	// IFD0 at 8 holds 2000 Exif-IFD pointers to the IFD at 0x8000, which
	// holds 2000 Interoperability pointers: go-exif alone would parse
	// 2000×2000 IFDs.
	var ptrs, iops []tiffEntry
	for range 2000 {
		ptrs = append(ptrs, tiffEntry{tagExifIFD, long, 1, 0x8000})
		iops = append(iops, tiffEntry{tagInteropIFD, long, 1, 0x10})
	}
	fanOut := rawTIFF(0x8000+2+12*2000+4, rawIFD{off: 8, entries: ptrs}, rawIFD{off: 0x8000, entries: iops})

	// IFD1 whose thumbnail claims 4 GiB, and a length tag with a huge count.
	thumb := rawTIFF(256,
		rawIFD{off: 8, entries: []tiffEntry{{tagMake, ascii, 4, 0x41424300}}, next: 64},
		rawIFD{off: 64, entries: []tiffEntry{
			{tagThumbnailOffset, long, 1, 200},
			{tagThumbnailLength, long, 1, 0xFFFFFFF0},
		}},
	)
	thumbCount := rawTIFF(256,
		rawIFD{off: 8, entries: []tiffEntry{
			{tagThumbnailOffset, long, 1, 200},
			{tagThumbnailLength, long, 0x3FFFFFFF, 100},
		}},
	)
	// GPS tags whose values claim gigabytes.
	gpsHuge := rawTIFF(256,
		rawIFD{off: 8, entries: []tiffEntry{{tagGPSIFD, long, 1, 64}}},
		rawIFD{off: 64, entries: []tiffEntry{
			{tagGPSLatitudeRef, ascii, 0x7FFFFFFF, 100},
			{tagGPSLatitude, 5, 0x1FFFFFFF, 100},
		}},
	)
	// An IFD chain that loops back on itself.
	loop := rawTIFF(256,
		rawIFD{off: 8, entries: []tiffEntry{{tagMake, ascii, 4, 0x41424300}}, next: 64},
		rawIFD{off: 64, entries: []tiffEntry{{tagModel, ascii, 4, 0x41424300}}, next: 8},
	)

	tests := []struct {
		name    string
		data    []byte
		wantErr bool
		want    Meta
	}{
		{"fan-out of child IFDs", jpegWithExif(t, fanOut), true, Meta{}},
		{"4 GiB thumbnail", jpegWithExif(t, thumb), false, Meta{Make: "ABC"}},
		{"thumbnail length with huge count", jpegWithExif(t, thumbCount), false, Meta{}},
		{"GPS values claiming gigabytes", jpegWithExif(t, gpsHuge), false, Meta{}},
		{"IFD chain loop", jpegWithExif(t, loop), false, Meta{Make: "ABC"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			got, err := ReadBytes(tt.data)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if tt.wantErr != (err != nil) {
				t.Errorf("err = %v; want error %v", err, tt.wantErr)
			}
			if tt.wantErr && !errors.Is(err, ErrMalformed) {
				t.Errorf("err = %v; want it to wrap ErrMalformed", err)
			}
			if err == nil {
				checkMeta(t, got, tt.want)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}
			if elapsed > 5*time.Second {
				t.Errorf("took %v", elapsed)
			}
		})
	}
}

func TestGuardLeavesInputAlone(t *testing.T) {
	thumb := rawTIFF(128, rawIFD{off: 8, entries: []tiffEntry{
		{tagThumbnailOffset, 4, 1, 100},
		{tagThumbnailLength, 4, 1, 0xFFFFFFF0},
	}})
	orig := append([]byte(nil), thumb...)
	out, err := guardExif(thumb)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(thumb, orig) {
		t.Error("guardExif modified its input")
	}
	if bytes.Equal(out, orig) {
		t.Error("guardExif did not neutralise the out-of-range thumbnail")
	}
	good := exifBlock(t, torbayPhoto())
	if out, _ := guardExif(good); &out[0] != &good[0] {
		t.Error("guardExif copied a block that needed no change")
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "torbay.jpg")
	data := photoJPEG(t, torbayPhoto())
	if err := os.WriteFile(path, data, 0o444); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Read(path)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if !m.HasGPS || !near(m.Lat, torbayLat) || !near(m.Lon, torbayLon) {
		t.Errorf("Read = %+v; want GPS at Torbay Hospital", m)
	}
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, data) || !after.ModTime().Equal(before.ModTime()) || after.Mode() != before.Mode() {
		t.Error("Read changed the file")
	}

	t.Run("large file is read only up to the cap", func(t *testing.T) {
		big := filepath.Join(dir, "big.jpg")
		padded := append(append([]byte(nil), data...), make([]byte, MaxReadBytes+1<<20)...)
		if err := os.WriteFile(big, padded, 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := Read(big)
		if err != nil || !m.HasGPS {
			t.Errorf("Read = %+v, %v; want GPS", m, err)
		}
	})
	t.Run("missing", func(t *testing.T) {
		_, err := Read(filepath.Join(dir, "nope.jpg"))
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v; want fs.ErrNotExist", err)
		}
	})
	t.Run("directory", func(t *testing.T) {
		if _, err := Read(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("err = %v; want not a regular file", err)
		}
	})
	t.Run("malformed names the file", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.jpg")
		if err := os.WriteFile(bad, []byte{0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF}, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Read(bad)
		if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), bad) {
			t.Errorf("err = %v; want ErrMalformed naming %s", err, bad)
		}
	})
}

func TestReaderConcurrent(t *testing.T) {
	r, err := NewReader()
	if err != nil {
		t.Fatal(err)
	}
	data := photoJPEG(t, torbayPhoto())
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				m, err := r.ReadBytes(data)
				if err != nil || !m.HasGPS {
					t.Errorf("ReadBytes = %+v, %v", m, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Canon\x00\x00", "Canon"},
		{"  NIKON   CORPORATION ", "NIKON CORPORATION"},
		{"a\nb\tc", "a b c"},
		{"bad\xffutf8", "badutf8"},
		{"\x1b]0;title\x07x", "]0;titlex"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkRead(b *testing.B) {
	path := filepath.Join(b.TempDir(), "torbay.jpg")
	if err := os.WriteFile(path, photoJPEG(b, torbayPhoto()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("Read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Read(path); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Reader.Read", func(b *testing.B) {
		r, err := NewReader()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.Read(path); err != nil {
				b.Fatal(err)
			}
		}
	})
}
