package engine

import mathbits "math/bits"

// litMatcher finds, in one pass over a text, which of many literal sets
// have a member in it: an Aho-Corasick automaton over every literal of
// every set, each state knowing the sets whose literals end there, turned
// into a table with one row per state and one column per class of bytes.
//
// Literals of one byte (" ", ",", "a": the separators and letters of the
// pack's expressions) are left out of the automaton: a text holds one
// when it holds the byte, and the scan notes the bytes it reads. In the
// automaton they would end at most positions of every text, each time
// setting the same bits again.
type litMatcher struct {
	// byByte lists, per byte, the sets with that one-byte literal.
	byByte [256][]int32
	next   []map[byte]int32 // goto function while building
	fail   []int32
	out    [][]int32 // sets whose literals end at the state (with suffixes)
	nsets  int
	class  [256]uint8 // byte -> column; 0 for bytes in no literal
	ncols  int
	delta  []int32 // state*ncols + column -> state
	// small is delta in half the memory, for automata of fewer than
	// 1<<15 states: the state in the low bits, outFlag when the state has
	// outputs, so that a scan reads out only where a literal ends. The
	// table is the scan's working set: it stays in cache better.
	small []uint16
}

// outFlag marks, in litMatcher.small, a state where literals end.
const outFlag = 1 << 15

func newLitMatcher(sets [][]string) *litMatcher {
	m := &litMatcher{next: []map[byte]int32{nil}, fail: []int32{0}, out: [][]int32{nil}, nsets: len(sets)}
	for id, set := range sets {
		for _, lit := range set {
			if len(lit) == 1 {
				if o := m.byByte[lit[0]]; len(o) == 0 || o[len(o)-1] != int32(id) {
					m.byByte[lit[0]] = append(o, int32(id))
				}
				continue
			}
			s := int32(0)
			for i := 0; i < len(lit); i++ {
				c := lit[i]
				t, ok := m.next[s][c]
				if !ok {
					t = int32(len(m.next))
					m.next = append(m.next, nil)
					m.fail = append(m.fail, 0)
					m.out = append(m.out, nil)
					if m.next[s] == nil {
						m.next[s] = map[byte]int32{}
					}
					m.next[s][c] = t
				}
				s = t
			}
			if o := m.out[s]; len(o) == 0 || o[len(o)-1] != int32(id) {
				m.out[s] = append(o, int32(id))
			}
		}
	}
	// Breadth first: fail links and inherited outputs.
	queue := []int32{}
	var order []int32
	for _, t := range m.next[0] {
		queue = append(queue, t)
		order = append(order, t)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c, t := range m.next[s] {
			queue = append(queue, t)
			f := m.fail[s]
			for {
				if u, ok := m.next[f][c]; ok && u != t {
					m.fail[t] = u
					break
				}
				if f == 0 {
					m.fail[t] = 0
					break
				}
				f = m.fail[f]
			}
			m.out[t] = mergeIDs(m.out[t], m.out[m.fail[t]])
			order = append(order, t)
		}
	}
	// The table: bytes that occur in no literal share column 0.
	m.ncols = 1
	for _, set := range sets {
		for _, lit := range set {
			if len(lit) == 1 {
				continue
			}
			for i := 0; i < len(lit); i++ {
				if m.class[lit[i]] == 0 {
					if m.ncols == 256 {
						break
					}
					m.class[lit[i]] = uint8(m.ncols)
					m.ncols++
				}
			}
		}
	}
	m.delta = make([]int32, len(m.next)*m.ncols)
	var byCol [256]byte
	for b := 0; b < 256; b++ {
		if c := m.class[b]; c != 0 {
			byCol[c] = byte(b)
		}
	}
	// States in breadth-first order: a state's fail link is filled first.
	for _, st := range append([]int32{0}, order...) {
		for col := 1; col < m.ncols; col++ {
			c := byCol[col]
			if t, ok := m.next[st][c]; ok {
				m.delta[int(st)*m.ncols+col] = t
			} else if st != 0 {
				m.delta[int(st)*m.ncols+col] = m.delta[int(m.fail[st])*m.ncols+col]
			}
		}
	}
	m.next = nil
	if len(m.fail) < outFlag {
		m.small = make([]uint16, len(m.delta))
		for i, t := range m.delta {
			m.small[i] = uint16(t)
			if len(m.out[t]) > 0 {
				m.small[i] |= outFlag
			}
		}
		m.delta = nil
	}
	return m
}

func mergeIDs(a, b []int32) []int32 {
	for _, id := range b {
		found := false
		for _, x := range a {
			if x == id {
				found = true
				break
			}
		}
		if !found {
			a = append(a, id)
		}
	}
	return a
}

// scan returns the sets with a literal in s, in dst when it is large
// enough.
func (m *litMatcher) scan(dst bits, s string) bits {
	b := resizeBits(dst, m.nsets)
	var seen [4]uint64 // the bytes of s
	if m.small != nil {
		st := 0
		for i := 0; i < len(s); i++ {
			c := s[i]
			seen[c>>6] |= 1 << (c & 63)
			t := m.small[st*m.ncols+int(m.class[c])]
			st = int(t &^ outFlag)
			if t&outFlag != 0 {
				for _, id := range m.out[st] {
					b.set(id)
				}
			}
		}
	} else {
		st := int32(0)
		for i := 0; i < len(s); i++ {
			c := s[i]
			seen[c>>6] |= 1 << (c & 63)
			st = m.delta[int(st)*m.ncols+int(m.class[c])]
			for _, id := range m.out[st] {
				b.set(id)
			}
		}
	}
	for w, bs := range seen {
		for bs != 0 {
			c := w*64 + mathbits.TrailingZeros64(bs)
			bs &= bs - 1
			for _, id := range m.byByte[c] {
				b.set(id)
			}
		}
	}
	return b
}
