package mediameta

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"testing"

	exif "github.com/dsoprea/go-exif/v3"
	exifcommon "github.com/dsoprea/go-exif/v3/common"
)

// Torbay Hospital, as in rules/sites.yaml.
const torbayLat, torbayLon = 50.4807, -3.5468

// photo describes the EXIF block of a test photo.
type photo struct {
	order                 binary.ByteOrder // default big-endian
	make, model, software string
	taken                 string // DateTimeOriginal, "2006:01:02 15:04:05"
	offset                string // OffsetTimeOriginal, "+01:00"
	subSec                string // SubSecTimeOriginal
	gps                   bool
	lat, lon              float64
	latRef, lonRef        string // default from the sign of lat / lon
}

// torbayPhoto describes a phone photo taken at Torbay Hospital.
func torbayPhoto() photo {
	return photo{
		make: "Apple", model: "iPhone 15", software: "17.4.1",
		taken: "2024:03:05 14:30:12", offset: "+00:00", subSec: "25",
		gps: true, lat: torbayLat, lon: torbayLon,
	}
}

// dms converts decimal degrees to EXIF degrees, minutes and seconds, the
// seconds to 1/1000.
func dms(deg float64) []exifcommon.Rational {
	deg = math.Abs(deg)
	d := math.Floor(deg)
	m := math.Floor((deg - d) * 60)
	s := math.Round(((deg-d)*60 - m) * 60 * 1000)
	return []exifcommon.Rational{
		{Numerator: uint32(d), Denominator: 1},
		{Numerator: uint32(m), Denominator: 1},
		{Numerator: uint32(s), Denominator: 1000},
	}
}

// exifBlock builds the EXIF (TIFF) block of p with go-exif's IfdBuilder.
func exifBlock(t testing.TB, p photo) []byte {
	t.Helper()
	im, err := exifcommon.NewIfdMappingWithStandard()
	if err != nil {
		t.Fatal(err)
	}
	ti := exif.NewTagIndex()
	order := p.order
	if order == nil {
		order = binary.BigEndian
	}
	root := exif.NewIfdBuilder(im, ti, exifcommon.IfdStandardIfdIdentity, order)
	set := func(ib *exif.IfdBuilder, name string, v any) {
		t.Helper()
		if err := ib.SetStandardWithName(name, v); err != nil {
			t.Fatalf("set %s: %v", name, err)
		}
	}
	if p.make != "" {
		set(root, "Make", p.make)
	}
	if p.model != "" {
		set(root, "Model", p.model)
	}
	if p.software != "" {
		set(root, "Software", p.software)
	}
	if p.taken != "" {
		ib, err := exif.GetOrCreateIbFromRootIb(root, "IFD/Exif")
		if err != nil {
			t.Fatal(err)
		}
		set(ib, "DateTimeOriginal", p.taken)
		if p.offset != "" {
			set(ib, "OffsetTimeOriginal", p.offset)
		}
		if p.subSec != "" {
			set(ib, "SubSecTimeOriginal", p.subSec)
		}
	}
	if p.gps {
		ib, err := exif.GetOrCreateIbFromRootIb(root, "IFD/GPSInfo")
		if err != nil {
			t.Fatal(err)
		}
		latRef, lonRef := p.latRef, p.lonRef
		if latRef == "" {
			latRef = "N"
			if p.lat < 0 {
				latRef = "S"
			}
		}
		if lonRef == "" {
			lonRef = "E"
			if p.lon < 0 {
				lonRef = "W"
			}
		}
		set(ib, "GPSVersionID", []byte{2, 2, 0, 0})
		set(ib, "GPSLatitudeRef", latRef)
		set(ib, "GPSLatitude", dms(p.lat))
		set(ib, "GPSLongitudeRef", lonRef)
		set(ib, "GPSLongitude", dms(p.lon))
	}
	b, err := exif.NewIfdByteEncoder().EncodeToExif(root)
	if err != nil {
		t.Fatalf("encode EXIF: %v", err)
	}
	return b
}

// tinyImage is an 8×8 grey square.
func tinyImage() image.Image {
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 4)
	}
	return img
}

// plainJPEG returns a small, valid JPEG without metadata.
func plainJPEG(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, tinyImage(), &jpeg.Options{Quality: 50}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// jpegWithExif returns a small, valid JPEG whose APP1 segment holds the EXIF
// block tiff.
func jpegWithExif(t testing.TB, tiff []byte) []byte {
	t.Helper()
	img := plainJPEG(t)
	payload := append([]byte("Exif\x00\x00"), tiff...)
	if len(payload)+2 > 0xFFFF {
		t.Fatalf("EXIF block too large for APP1: %d bytes", len(payload))
	}
	var out bytes.Buffer
	out.Write(img[:2]) // SOI
	out.Write([]byte{0xFF, 0xE1})
	_ = binary.Write(&out, binary.BigEndian, uint16(len(payload)+2))
	out.Write(payload)
	out.Write(img[2:])
	return out.Bytes()
}

// photoJPEG returns a JPEG carrying the EXIF of p.
func photoJPEG(t testing.TB, p photo) []byte {
	t.Helper()
	return jpegWithExif(t, exifBlock(t, p))
}

// plainPNG returns a small, valid PNG without metadata.
func plainPNG(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, tinyImage()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngWithExif returns a small PNG with an eXIf chunk holding tiff, placed
// after the IHDR chunk.
func pngWithExif(t testing.TB, tiff []byte) []byte {
	t.Helper()
	img := plainPNG(t)
	const ihdrEnd = 8 + 8 + 13 + 4 // signature, IHDR header, data, CRC
	var chunk bytes.Buffer
	_ = binary.Write(&chunk, binary.BigEndian, uint32(len(tiff)))
	chunk.WriteString("eXIf")
	chunk.Write(tiff)
	_ = binary.Write(&chunk, binary.BigEndian, crc32.ChecksumIEEE(chunk.Bytes()[4:]))
	out := append([]byte(nil), img[:ihdrEnd]...)
	out = append(out, chunk.Bytes()...)
	return append(out, img[ihdrEnd:]...)
}

// tiffEntry is one raw IFD entry for tiffBuilder.
type tiffEntry struct {
	tag, typ     uint16
	count, value uint32
}

// rawIFD is one IFD written by rawTIFF at a fixed offset.
type rawIFD struct {
	off     uint32
	entries []tiffEntry
	next    uint32
}

// rawTIFF writes a big-endian TIFF block of size bytes whose first IFD is at
// offset 8, with the given IFDs written at their offsets. It builds the
// malformed and hostile blocks that go-exif's builder cannot.
func rawTIFF(size int, ifds ...rawIFD) []byte {
	b := make([]byte, size)
	copy(b, tiffBE)
	binary.BigEndian.PutUint32(b[4:], 8)
	for _, ifd := range ifds {
		p := int(ifd.off)
		binary.BigEndian.PutUint16(b[p:], uint16(len(ifd.entries)))
		p += 2
		for _, e := range ifd.entries {
			binary.BigEndian.PutUint16(b[p:], e.tag)
			binary.BigEndian.PutUint16(b[p+2:], e.typ)
			binary.BigEndian.PutUint32(b[p+4:], e.count)
			binary.BigEndian.PutUint32(b[p+8:], e.value)
			p += 12
		}
		binary.BigEndian.PutUint32(b[p:], ifd.next)
	}
	return b
}
