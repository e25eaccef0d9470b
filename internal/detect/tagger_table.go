package detect

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"
	"math/bits"
)

// weightTable maps a feature key to the weights it gives some classes: an
// open-addressing hash table whose records hold each key beside its
// weights, so that a lookup reads two places in memory (its slot and its
// record) where a Go map of strings to spans of weights reads four or so
// (control word, slot, key, weights); the models are megabytes, so each is
// a cache miss. It is built once and then only read.
type weightTable struct {
	seed maphash.Seed
	// slots hold 0 where empty, else the high 32 bits of the key's hash
	// and its record's offset + 1.
	slots []uint64
	mask  uint64
	// recs holds the records: the key's length (2 bytes) and the number n
	// of weights (1 byte), the key, n classes (1 byte each) and n weights
	// (float64 bits, 8 bytes each, little-endian).
	recs []byte
}

// newWeightTable makes a table for n keys of keyBytes bytes in all, with
// weights weights in all.
func newWeightTable(n, keyBytes, weights int) *weightTable {
	size := uint64(1) << bits.Len64(uint64(2*n)|7)
	return &weightTable{
		seed:  maphash.MakeSeed(),
		slots: make([]uint64, size),
		mask:  size - 1,
		recs:  make([]byte, 0, 3*n+keyBytes+9*weights),
	}
}

// add adds key's weights: weights[i] for class classes[i]. Each key is
// added once.
func (t *weightTable) add(key string, classes []uint8, weights []float64) error {
	if len(key) > math.MaxUint16 || len(classes) > math.MaxUint8 || len(classes) != len(weights) {
		return fmt.Errorf("feature %.40q: key of %d bytes with %d weights", key, len(key), len(classes))
	}
	if uint64(len(t.recs)) >= math.MaxUint32 {
		return fmt.Errorf("more than 4 GiB of weights")
	}
	h := maphash.String(t.seed, key)
	i := h & t.mask
	for t.slots[i] != 0 {
		i = (i + 1) & t.mask
	}
	t.slots[i] = h&^0xffffffff | uint64(len(t.recs)+1)
	t.recs = append(t.recs, byte(len(key)), byte(len(key)>>8), byte(len(classes)))
	t.recs = append(t.recs, key...)
	t.recs = append(t.recs, classes...)
	for _, w := range weights {
		t.recs = binary.LittleEndian.AppendUint64(t.recs, math.Float64bits(w))
	}
	return nil
}

// maxBatch is the most keys findAll reads the slots of at once.
const maxBatch = 32

// findAll finds many keys at once: key f is buf[ends[f-1]:ends[f]] (from 0
// for the first), and out[f] is set to its record's offset, or -1. It
// reads the slots of up to maxBatch keys before comparing any, so that the
// processor waits for them together rather than one after the other.
func (t *weightTable) findAll(buf []byte, ends []int, out []int32) {
	var hs, ss [maxBatch]uint64
	start := 0
	for len(ends) > 0 {
		batch := ends[:min(len(ends), maxBatch)]
		from := start
		for f, e := range batch {
			hs[f] = maphash.Bytes(t.seed, buf[start:e])
			start = e
		}
		for f := range batch {
			ss[f] = t.slots[hs[f]&t.mask]
		}
		start = from
		for f, e := range batch {
			out[f] = t.resolve(buf[start:e], hs[f], ss[f])
			start = e
		}
		ends, out = ends[len(batch):], out[len(batch):]
	}
}

// resolve finds key, of hash h, whose first slot holds s.
func (t *weightTable) resolve(key []byte, h, s uint64) int32 {
	tag := h &^ 0xffffffff
	for i := h & t.mask; ; {
		if s == 0 {
			return -1
		}
		if s&^0xffffffff == tag {
			off := uint32(s) - 1
			r := t.recs[off:]
			if kl := int(r[0]) | int(r[1])<<8; kl == len(key) && string(r[3:3+kl]) == string(key) {
				return int32(off)
			}
		}
		i = (i + 1) & t.mask
		s = t.slots[i]
	}
}

// record returns the classes and weights of the record at off.
func (t *weightTable) record(off int32) (classes, weights []byte) {
	r := t.recs[off:]
	kl, n := int(r[0])|int(r[1])<<8, int(r[2])
	r = r[3+kl:]
	return r[:n], r[n : n+8*n]
}

// weight returns weight i of weights from record.
func weight(weights []byte, i int) float64 {
	return math.Float64frombits(binary.LittleEndian.Uint64(weights[8*i:]))
}
