package mediameta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	exif "github.com/dsoprea/go-exif/v3"
)

// Signatures, as strings so that they are constants.
const (
	jpegSOI      = "\xFF\xD8"
	pngSignature = "\x89PNG\r\n\x1A\n"
	exifAPP1     = "Exif\x00" // followed by one more byte, normally NUL
	tiffLE       = "II\x2A\x00"
	tiffBE       = "MM\x00\x2A"
)

// hasPrefix reports whether b begins with s.
func hasPrefix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
}

// findExif returns the EXIF (TIFF) block held in b, the start of a media
// file, from its byte-order mark to the end of its container segment. It
// returns nil and no error when b holds no EXIF block.
//
// JPEG and PNG are walked segment by segment, so that only a real EXIF
// segment is used and bytes inside compressed image data that happen to look
// like a TIFF header are not. A TIFF file is its own EXIF block. Other
// containers (HEIC, AVIF, WebP) are searched for a TIFF header labelled
// "Exif\0\0", and failing that for any TIFF header: guessed then reports
// that the block is such a guess, which may be image data that happens to
// look like a header.
func findExif(b []byte) (raw []byte, guessed bool, err error) {
	switch {
	case hasPrefix(b, jpegSOI):
		seg, err := jpegExifSegment(b)
		if err != nil || seg == nil {
			return nil, false, err
		}
		raw, err := searchSegment(seg)
		return raw, false, err
	case hasPrefix(b, pngSignature):
		chunk, err := pngExifChunk(b)
		if err != nil || chunk == nil {
			return nil, false, err
		}
		raw, err := searchSegment(chunk)
		return raw, false, err
	case hasPrefix(b, tiffLE) || hasPrefix(b, tiffBE):
		raw, err := searchExif(b)
		return raw, false, err
	}
	// A labelled block, as HEIC and most other containers store it.
	const label = exifAPP1 + "\x00"
	for rest := b; ; {
		i := bytes.Index(rest, []byte(label))
		if i < 0 {
			break
		}
		rest = rest[i+len(label):]
		if hasPrefix(rest, tiffLE) || hasPrefix(rest, tiffBE) {
			raw, err := searchExif(rest)
			return raw, false, err
		}
	}
	// The first TIFF header anywhere. Find it quickly before handing it to
	// go-exif, whose search moves one byte at a time.
	i := bytes.Index(b, []byte(tiffLE))
	if j := bytes.Index(b, []byte(tiffBE)); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i < 0 {
		return nil, false, nil
	}
	raw, err = searchExif(b[i:])
	return raw, true, err
}

// searchExif runs go-exif's search for a TIFF header over b and maps "not
// found" to nil.
func searchExif(b []byte) ([]byte, error) {
	raw, err := exif.SearchAndExtractExif(b)
	if errors.Is(err, exif.ErrNoExif) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("search EXIF header: %w", err)
	}
	return raw, nil
}

// searchSegment is searchExif for the payload of a JPEG or PNG segment that
// declares itself EXIF: finding no TIFF header in it is an error.
func searchSegment(seg []byte) ([]byte, error) {
	raw, err := searchExif(seg)
	if err == nil && raw == nil {
		return nil, errors.New("EXIF segment without a TIFF header")
	}
	return raw, err
}

// jpegExifSegment walks the marker segments of the JPEG in b up to the start
// of the image data and returns the payload of the first APP1 segment that
// holds EXIF, after its "Exif\0\0" identifier. It returns nil when there is
// none. A segment that runs past the end of b is an error.
func jpegExifSegment(b []byte) ([]byte, error) {
	pos := len(jpegSOI)
	for pos < len(b) {
		if b[pos] != 0xFF {
			return nil, fmt.Errorf("JPEG: no marker at offset %d", pos)
		}
		// Any number of 0xFF fill bytes may precede a marker.
		for pos < len(b) && b[pos] == 0xFF {
			pos++
		}
		if pos >= len(b) {
			return nil, fmt.Errorf("JPEG: truncated marker at offset %d", pos)
		}
		marker := b[pos]
		pos++
		switch {
		case marker == 0xD9 || marker == 0xDA:
			// End of image, or start of scan: metadata segments come before
			// the image data, so there is no EXIF.
			return nil, nil
		case marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7):
			// Markers without a length.
			continue
		case marker == 0x00:
			return nil, fmt.Errorf("JPEG: invalid marker 0xFF00 at offset %d", pos-2)
		}
		if len(b)-pos < 2 {
			return nil, fmt.Errorf("JPEG: truncated segment 0xFF%02X at offset %d", marker, pos-2)
		}
		n := int(binary.BigEndian.Uint16(b[pos:]))
		if n < 2 {
			return nil, fmt.Errorf("JPEG: segment 0xFF%02X at offset %d has invalid length %d", marker, pos-2, n)
		}
		if n > len(b)-pos {
			return nil, fmt.Errorf("JPEG: segment 0xFF%02X at offset %d is truncated (%d bytes declared, %d present)", marker, pos-2, n, len(b)-pos)
		}
		payload := b[pos+2 : pos+n]
		pos += n
		if marker == 0xE1 && hasPrefix(payload, exifAPP1) {
			// The identifier is "Exif" and two bytes, normally NULs.
			if len(payload) < len(exifAPP1)+1 {
				return nil, fmt.Errorf("JPEG: empty EXIF segment")
			}
			return payload[len(exifAPP1)+1:], nil
		}
	}
	return nil, nil
}

// pngExifChunk walks the chunks of the PNG in b and returns the data of its
// eXIf chunk, or nil when there is none before the image data ends.
func pngExifChunk(b []byte) ([]byte, error) {
	pos := len(pngSignature)
	for pos < len(b) {
		if len(b)-pos < 8 {
			return nil, fmt.Errorf("PNG: truncated chunk header at offset %d", pos)
		}
		n := binary.BigEndian.Uint32(b[pos:])
		typ := string(b[pos+4 : pos+8])
		start := pos + 8
		// Chunk data, then a 4-byte CRC (which is not checked).
		if uint64(n)+4 > uint64(len(b)-start) {
			if typ == "eXIf" {
				return nil, fmt.Errorf("PNG: eXIf chunk at offset %d is truncated", pos)
			}
			// A truncated chunk after the metadata chunks: no EXIF.
			return nil, nil
		}
		switch typ {
		case "eXIf":
			return b[start : start+int(n)], nil
		case "IEND":
			return nil, nil
		}
		pos = start + int(n) + 4
	}
	return nil, nil
}
