package queue

import (
	"bytes"
	"io"
)

// A tape is an io.Reader that keeps the bytes read through it from a mark
// onwards. A parser reading from the tape reports byte offsets; the tape turns
// them into line numbers, and gives back the input after an offset so that it
// can be looked at again. Moving the mark forward releases the bytes before
// it, so memory stays bounded by what the parser holds at once.
type tape struct {
	r     io.Reader
	data  []byte // data[start:] are the bytes from offset mark to the read position
	start int
	mark  int64 // input offset of data[start]
	line  int   // 1-based line number at mark
	err   error // the first error from r other than io.EOF
}

func newTape(r io.Reader) *tape { return &tape{r: r, line: 1} }

func (t *tape) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.data = append(t.data, p[:n]...)
	if err != nil && err != io.EOF && t.err == nil {
		t.err = err
	}
	return n, err
}

// index returns the index in t.data of input offset off, clamped to the bytes
// held.
func (t *tape) index(off int64) int {
	i := off - t.mark
	if i < 0 {
		i = 0
	}
	if held := int64(len(t.data) - t.start); i > held {
		i = held
	}
	return t.start + int(i)
}

// lineAt returns the 1-based line number of input offset off, which must not
// be before the mark.
func (t *tape) lineAt(off int64) int {
	return t.line + countLines(t.data[t.start:t.index(off)])
}

// advance moves the mark forward to input offset off and returns the line
// number there.
func (t *tape) advance(off int64) int {
	i := t.index(off)
	t.line += countLines(t.data[t.start:i])
	t.mark += int64(i - t.start)
	t.start = i
	if t.start > len(t.data)/2 {
		n := copy(t.data, t.data[t.start:])
		t.data = t.data[:n]
		t.start = 0
	}
	return t.line
}

// from returns the bytes held from input offset off to the read position.
// They are valid until the next Read or advance.
func (t *tape) from(off int64) []byte { return t.data[t.index(off):] }

// skip returns the offset of the first byte at or after off that is not in
// set, or the read position if there is none.
func (t *tape) skip(off int64, set string) int64 {
	b := t.from(off)
	n := len(b) - len(bytes.TrimLeft(b, set))
	return t.mark + int64(t.index(off)-t.start+n)
}

// countLines returns the number of newlines in b.
func countLines(b []byte) int { return bytes.Count(b, []byte{'\n'}) }
