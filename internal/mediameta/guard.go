package mediameta

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Limits on the EXIF structure handed to go-exif. A real photo has five IFDs
// (IFD0, Exif, GPS, Interoperability, IFD1) with a few hundred entries in
// all. go-exif follows every child-IFD pointer it meets, even repeated ones,
// so a small hostile block (an IFD of thousands of Exif pointers to an IFD of
// thousands of Interoperability pointers) would make it parse billions of
// entries; these limits keep its work proportional to a real photo's.
const (
	maxIFDs       = 32
	maxIFDEntries = 4096
)

// TIFF tag IDs that the guard knows about.
const (
	tagExifIFD         = 0x8769 // IFD -> IFD/Exif
	tagGPSIFD          = 0x8825 // IFD -> IFD/GPSInfo
	tagInteropIFD      = 0xA005 // IFD/Exif -> IFD/Exif/Iop
	tagThumbnailOffset = 0x0201 // JPEGInterchangeFormat
	tagThumbnailLength = 0x0202 // JPEGInterchangeFormatLength
	tagNeutralised     = 0xFFFF // an ID no standard IFD defines
	typeLong           = 4
	ifdEntrySize       = 12
	tiffHeaderSize     = 8
)

// Kinds of IFD, by which child IFDs go-exif follows from them.
const (
	ifdKindRoot  = iota // IFD0, IFD1, ...: Exif and GPS children
	ifdKindExif         // Interoperability child
	ifdKindOther        // GPS, Interoperability: no children
)

// errTooComplex is wrapped when an EXIF block exceeds maxIFDs or
// maxIFDEntries.
var errTooComplex = errors.New("EXIF structure too large")

// guardExif walks the IFD structure of the EXIF (TIFF) block raw the way
// go-exif's Collect will, and checks it is safe to hand over:
//
//   - the work is bounded (at most maxIFDs IFD parses and maxIFDEntries
//     entries, counting repeats the way go-exif would make them);
//   - the thumbnail tags, which go-exif reads eagerly, describe bytes inside
//     raw: a thumbnail length of up to 4 GiB would otherwise be allocated.
//     An IFD whose thumbnail tags do not is given neutralised copies of
//     those tags (renamed to an unknown tag ID, which go-exif skips); the
//     thumbnail is never needed here.
//
// It returns raw itself when nothing needs changing, or a patched copy (raw
// is never modified). IFDs that cannot be read are left for go-exif to
// report.
func guardExif(raw []byte) ([]byte, error) {
	if len(raw) < tiffHeaderSize {
		return raw, nil
	}
	var bo binary.ByteOrder
	switch string(raw[:4]) {
	case tiffLE:
		bo = binary.LittleEndian
	case tiffBE:
		bo = binary.BigEndian
	default:
		return raw, nil
	}
	type visit struct {
		kind int
		off  uint32
	}
	queue := []visit{{ifdKindRoot, bo.Uint32(raw[4:8])}}
	seenNext := make(map[uint32]bool)
	out, copied := raw, false // out becomes a copy on the first patch
	parses, entries := 0, 0
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		parses++
		if parses > maxIFDs {
			return nil, fmt.Errorf("%w: more than %d IFDs", errTooComplex, maxIFDs)
		}
		off := uint64(v.off)
		if off+2 > uint64(len(raw)) {
			continue // unreadable: go-exif reports it
		}
		n := int(bo.Uint16(raw[off:]))
		entries += n
		if entries > maxIFDEntries {
			return nil, fmt.Errorf("%w: more than %d IFD entries", errTooComplex, maxIFDEntries)
		}
		first := off + 2
		end := first + uint64(n)*ifdEntrySize
		if end > uint64(len(raw)) {
			continue // truncated IFD: go-exif reports it
		}
		var thumbOff, thumbLen, thumbLenEntry, thumbOffEntry uint64
		hasThumbOff, hasThumbLen, thumbLenOK := false, false, false
		for i := range n {
			e := first + uint64(i)*ifdEntrySize
			tag := bo.Uint16(raw[e:])
			typ := bo.Uint16(raw[e+2:])
			count := bo.Uint32(raw[e+4:])
			value := bo.Uint32(raw[e+8:])
			switch {
			case v.kind == ifdKindRoot && tag == tagExifIFD:
				queue = append(queue, visit{ifdKindExif, value})
			case v.kind == ifdKindRoot && tag == tagGPSIFD:
				queue = append(queue, visit{ifdKindOther, value})
			case v.kind == ifdKindExif && tag == tagInteropIFD:
				queue = append(queue, visit{ifdKindOther, value})
			case v.kind == ifdKindRoot && tag == tagThumbnailOffset:
				thumbOff, thumbOffEntry, hasThumbOff = uint64(value), e, true
			case v.kind == ifdKindRoot && tag == tagThumbnailLength:
				thumbLen, thumbLenEntry, hasThumbLen = uint64(value), e, true
				// go-exif reads this tag's value as LONGs: anything but one
				// inline LONG is refused here.
				thumbLenOK = typ == typeLong && count == 1
			}
		}
		if hasThumbOff && hasThumbLen && (!thumbLenOK || thumbOff+thumbLen > uint64(len(raw))) {
			if !copied {
				out, copied = append([]byte(nil), raw...), true
			}
			bo.PutUint16(out[thumbOffEntry:], tagNeutralised)
			bo.PutUint16(out[thumbLenEntry:], tagNeutralised)
		}
		if end+4 > uint64(len(raw)) {
			continue
		}
		if next := bo.Uint32(raw[end:]); next != 0 && !seenNext[next] {
			seenNext[next] = true
			queue = append(queue, visit{v.kind, next})
		}
	}
	return out, nil
}
