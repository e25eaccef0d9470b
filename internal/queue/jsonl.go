package queue

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// maxLine is the length of the longest JSON Lines line read. A longer line is
// an error record; reading goes on after it.
const maxLine = 128 << 20

// jsonSpace is the white space JSON allows between tokens.
const jsonSpace = " \t\r\n"

// readJSONL reads JSON Lines: one post object a line, blank lines skipped.
// Lines longer than max bytes are error records.
func readJSONL(s *sink, r io.Reader, max int) error {
	br := bufio.NewReaderSize(r, 64<<10)
	skipBOM(br)
	var buf []byte
	for line := 1; ; line++ {
		data, tooLong, err := readLine(br, &buf, max)
		if err != nil && err != io.EOF {
			return s.readErr(err)
		}
		var yerr error
		switch {
		case tooLong:
			yerr = s.fail(line, line, fmt.Errorf("line is longer than %d bytes", max))
		case len(bytes.Trim(data, jsonSpace)) == 0:
			// A blank line.
		default:
			if p, perr := decodeJSONPost(data); perr != nil {
				yerr = s.fail(line, line, perr)
			} else {
				yerr = s.post(line, p)
			}
		}
		if yerr != nil {
			return yerr
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine reads the next line of br, without its line ending. It returns
// err == io.EOF with the last line, which may be empty, at the end of the
// input. A line longer than max bytes is read to its end but not kept:
// tooLong is true and line is nil. The line may be held in *buf, or in br's
// buffer; either way it is valid until the next call.
func readLine(br *bufio.Reader, buf *[]byte, max int) (line []byte, tooLong bool, err error) {
	if cap(*buf) > 1<<20 {
		*buf = nil // Do not hold on to the memory of one long line.
	}
	*buf = (*buf)[:0]
	for {
		var frag []byte
		frag, err = br.ReadSlice('\n')
		switch {
		case tooLong:
		case len(*buf)+len(frag) > max+2: // +2 for "\r\n"
			tooLong = true
			*buf = (*buf)[:0]
		case err == bufio.ErrBufferFull || len(*buf) > 0:
			*buf = append(*buf, frag...)
			line = *buf
		default:
			line = frag
		}
		if err != bufio.ErrBufferFull {
			break
		}
	}
	line = bytes.TrimSuffix(line, []byte{'\n'})
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if tooLong || len(line) > max {
		return nil, true, err
	}
	return line, false, err
}
