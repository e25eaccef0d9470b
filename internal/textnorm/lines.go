package textnorm

import "sort"

// Lines finds the line and column of many offsets of one text, each in
// time independent of the text's length (for lines of ASCII text; a line
// with other characters is counted up to the offset).
type Lines struct {
	s      string
	starts []int  // byte offset where each line starts
	ascii  []bool // whether each line is ASCII
}

// NewLines indexes the lines of s.
func NewLines(s string) *Lines {
	l := &Lines{s: s, starts: []int{0}}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	l.ascii = make([]bool, len(l.starts))
	for k, a := range l.starts {
		e := len(s)
		if k+1 < len(l.starts) {
			e = l.starts[k+1]
		}
		l.ascii[k] = isASCII(s[a:e])
	}
	return l
}

// Position is Position(s, off) for the indexed text.
func (l *Lines) Position(off int) (line, col int) {
	off = min(max(off, 0), len(l.s))
	k := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	start := l.starts[k]
	if l.ascii[k] {
		return k + 1, 1 + off - start
	}
	return k + 1, 1 + GraphemeCount(l.s[start:off])
}
