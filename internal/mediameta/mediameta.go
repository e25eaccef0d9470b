// Package mediameta reads the metadata of photos attached to a queued post,
// as evidence for the "workplace photo" rule: staff must not post photos of
// their workplace or of patients from personal accounts.
//
// The package does three things:
//
//   - [Resolve] turns a media file named in a queue file into a path inside
//     the queue file's folder, refusing absolute paths, ".." and symlinks that
//     escape the folder;
//   - [Read] and [ReadBytes] extract EXIF metadata (GPS position, capture
//     time, camera make, model and software) from a JPEG, a PNG with an eXIf
//     chunk, a TIFF, or, on a best-effort basis, any other container holding
//     an EXIF block (HEIC, AVIF, WebP);
//   - [LoadSites] and [NearestSite] match a GPS position against the Trust's
//     hospital sites (rules/sites.yaml).
//
// Metadata is only ever read: files are opened read-only, at most
// [MaxReadBytes] of a file is read, and malformed or hostile data yields an
// error, never a panic.
package mediameta

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	exif "github.com/dsoprea/go-exif/v3"
	exifcommon "github.com/dsoprea/go-exif/v3/common"
)

// MaxReadBytes is how much of a media file is read. EXIF sits near the start
// of every supported container (a JPEG's APP1 segment is at most 64 KiB and
// comes before the image data), so the rest of the file is never needed.
const MaxReadBytes = 4 << 20

// Meta is the metadata of one photo that matters to the workplace-photo rule.
// Fields that the photo does not carry are left at their zero value.
type Meta struct {
	// HasGPS reports whether the photo carries a usable GPS position
	// (latitude and longitude both present, well formed and in range).
	HasGPS bool
	// Lat and Lon are the position in decimal degrees (WGS-84), north and
	// east positive. They are zero unless HasGPS is true.
	Lat, Lon float64
	// Taken is when the photo was taken (EXIF DateTimeOriginal, falling back
	// to DateTimeDigitized). EXIF stores a wall-clock time: when the photo
	// also records its UTC offset (OffsetTimeOriginal / OffsetTimeDigitized)
	// Taken carries that offset, otherwise the wall-clock time is returned
	// in time.UTC and should be read as local time at the place of capture.
	Taken time.Time
	// Make, Model and Software are the camera maker, camera model and the
	// software that last wrote the file, with control characters removed and
	// truncated to a sane length so that they are safe to print.
	Make, Model, Software string
}

// ErrMalformed is wrapped by the errors that [Read] and [ReadBytes] return
// when a file carries metadata that cannot be decoded (a truncated segment,
// a corrupt EXIF block, data that made the decoder fail).
var ErrMalformed = errors.New("malformed media metadata")

// Reader decodes photo metadata. It holds the EXIF tag index and IFD mapping,
// which are costly to build, so a caller reading many photos should create
// one Reader and reuse it. A Reader is safe for concurrent use.
type Reader struct {
	ifdMapping *exifcommon.IfdMapping
	tagIndex   *exif.TagIndex
}

// NewReader returns a Reader with the standard EXIF tags and IFDs loaded.
func NewReader() (*Reader, error) {
	im, err := exifcommon.NewIfdMappingWithStandard()
	if err != nil {
		return nil, fmt.Errorf("mediameta: load standard EXIF IFDs: %w", err)
	}
	ti := exif.NewTagIndex()
	// Load the tags now rather than lazily on first use: go-exif's lazy load
	// is not safe when two goroutines trigger it at once.
	if err := exif.LoadStandardTags(ti); err != nil {
		return nil, fmt.Errorf("mediameta: load standard EXIF tags: %w", err)
	}
	return &Reader{ifdMapping: im, tagIndex: ti}, nil
}

// Read returns the metadata of the media file at path, reading at most
// [MaxReadBytes] of it. A file without metadata gives a zero Meta and a nil
// error. Read builds a new [Reader] for each call; see [Reader.Read].
func Read(path string) (Meta, error) {
	r, err := NewReader()
	if err != nil {
		return Meta{}, err
	}
	return r.Read(path)
}

// ReadBytes returns the metadata held in b, the start of a media file (only
// the first [MaxReadBytes] are looked at). A file without metadata gives a
// zero Meta and a nil error. ReadBytes builds a new [Reader] for each call;
// see [Reader.ReadBytes].
func ReadBytes(b []byte) (Meta, error) {
	r, err := NewReader()
	if err != nil {
		return Meta{}, err
	}
	return r.ReadBytes(b)
}

// Read returns the metadata of the media file at path. The file is opened
// read-only and must be a regular file (a FIFO or device is refused rather
// than waited on); at most [MaxReadBytes] of it are read.
func (r *Reader) Read(path string) (Meta, error) {
	// Stat before opening so that opening a FIFO cannot block.
	fi, err := os.Stat(path)
	if err != nil {
		return Meta{}, fmt.Errorf("mediameta: read %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return Meta{}, fmt.Errorf("mediameta: read %s: not a regular file (%s)", path, fi.Mode().Type())
	}
	f, err := os.Open(path)
	if err != nil {
		return Meta{}, fmt.Errorf("mediameta: read %s: %w", path, err)
	}
	defer f.Close()
	// Check again on the open file, in case path was swapped after the Stat.
	if fi, err := f.Stat(); err != nil {
		return Meta{}, fmt.Errorf("mediameta: read %s: %w", path, err)
	} else if !fi.Mode().IsRegular() {
		return Meta{}, fmt.Errorf("mediameta: read %s: not a regular file (%s)", path, fi.Mode().Type())
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxReadBytes))
	if err != nil {
		return Meta{}, fmt.Errorf("mediameta: read %s: %w", path, err)
	}
	m, err := r.ReadBytes(b)
	if err != nil {
		return Meta{}, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// ReadBytes returns the metadata held in b, the start of a media file; only
// the first [MaxReadBytes] are looked at and b is not modified. A JPEG, PNG,
// TIFF or labelled ("Exif\0\0") EXIF block that cannot be decoded gives an
// error wrapping [ErrMalformed]; in a file of unknown layout, bytes that
// merely look like a TIFF header but do not decode count as no metadata.
// ReadBytes never panics.
func (r *Reader) ReadBytes(b []byte) (m Meta, err error) {
	defer func() {
		// go-exif reports most failures by panicking and recovering inside
		// itself, but has had panics escape (and asserts the type of what
		// it recovers); whatever gets here becomes an error.
		if p := recover(); p != nil {
			m = Meta{}
			err = fmt.Errorf("mediameta: %w: decoder panic: %v", ErrMalformed, p)
		}
	}()
	if len(b) > MaxReadBytes {
		b = b[:MaxReadBytes]
	}
	raw, guessed, err := findExif(b)
	if err != nil {
		return Meta{}, fmt.Errorf("mediameta: %w: %w", ErrMalformed, err)
	}
	if raw == nil {
		return Meta{}, nil
	}
	m, err = r.decode(raw)
	if err != nil && guessed {
		// A header found by searching a file of unknown layout that does
		// not parse is most likely image data, not a corrupt EXIF block.
		return Meta{}, nil
	}
	return m, err
}
