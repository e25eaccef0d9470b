package classify

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/textnorm"
)

// A Pack holds the models of several categories in one file, scored together:
// each feature of a post is looked up once and gives the weight of every
// category, so that seven classifier rules cost about what one does.
type Pack struct {
	Version    int
	Categories []string
	Bias       []float64
	// Weights maps a feature to its weight in each category, in the order
	// of Categories. It is kept only in packs made by NewPack, for writing;
	// a parsed pack holds its weights hashed.
	Weights map[string][]float64
	// Trained records how each category's model was made.
	Trained map[string]map[string]string

	rest  []byte           // while parsing: the weight lines, to size the table
	rowOf map[uint64]int32 // feature hash → row of weights
	rows  []float32        // len(rowOf) rows of len(Categories) weights
	// known has a bit set for every feature hash in rowOf (filterBit): most
	// of a post's features are in no model, and this small table, unlike
	// rowOf, stays in cache.
	known []uint64
	shift uint
	// table is rowOf for look-ups: open addressing, at most half full,
	// each slot a hash and its row side by side, so that a look-up reads
	// one cache line where the map reads two or more. tshift turns a hash
	// into a slot (tableSlot).
	table  []rowSlot
	tshift uint
	// seen holds scratch bit sets of rows for Score (*[]uint64).
	seen sync.Pool
}

// A rowSlot of Pack.table: a feature hash and its row+1 (0: an empty
// slot).
type rowSlot struct {
	hash uint64
	row1 int32
}

// buildFilter builds the filter known from rowOf, about 16 bits per
// feature, and the look-up table.
func (p *Pack) buildFilter() {
	p.buildTable()
	bitsLog := uint(10)
	for 1<<bitsLog < 16*len(p.rowOf) && bitsLog < 28 {
		bitsLog++
	}
	p.shift = 64 - bitsLog
	p.known = make([]uint64, 1<<bitsLog/64)
	for h := range p.rowOf {
		b := p.filterBit(h)
		p.known[b/64] |= 1 << (b % 64)
	}
}

// buildTable builds table from rowOf.
func (p *Pack) buildTable() {
	tbits := uint(4)
	for 1<<tbits < 2*len(p.rowOf) {
		tbits++
	}
	p.tshift = 64 - tbits
	p.table = make([]rowSlot, 1<<tbits)
	mask := len(p.table) - 1
	for h, row := range p.rowOf {
		i := p.tableSlot(h)
		for p.table[i].row1 != 0 {
			i = (i + 1) & mask
		}
		p.table[i] = rowSlot{hash: h, row1: row + 1}
	}
}

// tableSlot is the slot of table where the look-up of a feature hash
// starts (from other bits than the filter's).
func (p *Pack) tableSlot(h uint64) int { return int((h * 0xD6E8FEB86659FD93) >> p.tshift) }

// filterBit is the bit of known that stands for a feature hash.
func (p *Pack) filterBit(h uint64) uint64 { return (h * 0x9E3779B97F4A7C15) >> p.shift }

// row returns the row of weights of a feature hash.
func (p *Pack) row(h uint64) (int32, bool) {
	if p.known != nil {
		if b := p.filterBit(h); p.known[b/64]&(1<<(b%64)) == 0 {
			return 0, false
		}
	}
	mask := len(p.table) - 1
	for i := p.tableSlot(h); ; i = (i + 1) & mask {
		sl := &p.table[i]
		if sl.row1 == 0 {
			return 0, false
		}
		if sl.hash == h {
			return sl.row1 - 1, true
		}
	}
}

// NewPack gathers trained models into a pack.
func NewPack(models []*Model) *Pack {
	p := &Pack{Version: FeatureVersion, Weights: map[string][]float64{}, Trained: map[string]map[string]string{}}
	for i, m := range models {
		p.Categories = append(p.Categories, m.Category)
		p.Bias = append(p.Bias, m.Bias)
		p.Trained[m.Category] = m.Trained
		for f, w := range m.Weights {
			row := p.Weights[f]
			if row == nil {
				row = make([]float64, len(models))
				p.Weights[f] = row
			}
			row[i] = w
		}
	}
	p.index()
	return p
}

// The pack file format, line by line (UTF-8, "\n" line ends):
//
//	postlint-classifier 1                      magic and FeatureVersion
//	categories confidential-info legal-risk    the outputs, in order
//	bias -6.03 -5.66                           one bias per output
//	trained legal-risk examples=1522 ...       how each was trained (optional)
//	weights                                    then one feature a line:
//	code #d4<TAB>1:0.9453 3:-0.02              output:weight, zeros left out
//
// It is read without building a string per feature. That is the text form
// (Marshal); the binary form (MarshalBinary, what the trainer writes) has
// the same lines up to the weights, then
//
//	binary-weights 48136                       the number of rows, then the rows
//
// and the rows of the weight table, packed: each is the hash of its
// features (8 bytes), a mask of the outputs it weighs in ((outputs+7)/8
// bytes, bit i for output i) and those weights as float32 (4 bytes each),
// all little-endian. Reading it parses no number and no feature, so that a
// cold command loads the default pack's models in a millisecond or two
// rather than the text form's fifteen; both give the same table, so the
// same scores.
const packMagic = "postlint-classifier"

// ParsePack reads a pack, checking every line; errors name the line.
func ParsePack(data []byte) (*Pack, error) {
	return parsePack(data, nil, 0)
}

// ReadPack reads a pack of size bytes from r, as ParsePack does, without
// holding the whole of its binary form: its rows are read into the table
// a piece at a time.
func ReadPack(r io.Reader, size int64) (*Pack, error) {
	br := bufio.NewReaderSize(r, 4<<10)
	var head []byte
	for {
		line, err := br.ReadSlice('\n')
		head = append(head, line...)
		if err == nil && bytes.HasPrefix(line, []byte("binary-weights")) {
			return parsePack(head, br, int(size)-len(head))
		}
		if err != nil || bytes.HasPrefix(line, []byte("weights")) {
			// The text form, or no form: read as a whole.
			if err != nil && err != bufio.ErrBufferFull && err != io.EOF {
				return nil, fmt.Errorf("model: %w", err)
			}
			rest, err := io.ReadAll(br)
			if err != nil {
				return nil, fmt.Errorf("model: %w", err)
			}
			return ParsePack(append(head, rest...))
		}
	}
}

// parsePack reads a pack from data; the rows of a binary form may go on in
// more, which holds size bytes.
func parsePack(data []byte, more io.Reader, size int) (*Pack, error) {
	p := &Pack{Trained: map[string]map[string]string{}}
	line := 0
	next := func() ([]byte, bool) {
		if len(data) == 0 {
			return nil, false
		}
		line++
		l, rest, _ := bytes.Cut(data, []byte{'\n'})
		data = rest
		return bytes.TrimSuffix(l, []byte{'\r'}), true
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("model:%d: %s", line, fmt.Sprintf(format, args...))
	}
	l, ok := next()
	if !ok {
		line = 1
	}
	magic, version, _ := strings.Cut(string(l), " ")
	if magic != packMagic {
		return nil, bad("not a classifier pack (want %q first)", packMagic)
	}
	if v, err := strconv.Atoi(version); err != nil || v != FeatureVersion {
		return nil, bad("feature version %q, want %d (retrain it)", version, FeatureVersion)
	}
	p.Version = FeatureVersion
	for {
		l, ok := next()
		if !ok {
			return nil, bad("no weights line")
		}
		key, rest, _ := strings.Cut(string(l), " ")
		fields := strings.Fields(rest)
		switch key {
		case "categories":
			if p.Categories != nil {
				return nil, bad("categories twice")
			}
			seen := map[string]bool{}
			for _, c := range fields {
				if seen[c] {
					return nil, bad("category %q twice", c)
				}
				seen[c] = true
			}
			p.Categories = fields
		case "bias":
			for _, f := range fields {
				b, err := parseWeight(f)
				if err != nil {
					return nil, bad("bias: %v", err)
				}
				p.Bias = append(p.Bias, b)
			}
		case "trained":
			if len(fields) == 0 {
				return nil, bad("trained: no category")
			}
			m := map[string]string{}
			for _, kv := range fields[1:] {
				k, v, _ := strings.Cut(kv, "=")
				m[k] = v
			}
			p.Trained[fields[0]] = m
		case "weights", "binary-weights":
			if len(p.Categories) == 0 {
				return nil, bad("no categories before the weights")
			}
			if len(p.Bias) != len(p.Categories) {
				return nil, bad("%d biases for %d categories", len(p.Bias), len(p.Categories))
			}
			if key == "binary-weights" {
				src := &rowReader{buf: data, r: more, total: len(data) + max(size, 0)}
				if err := p.readBinary(src, fields, bad); err != nil {
					return nil, err
				}
				return p, nil
			}
			p.rest = data
			if err := p.readWeights(next, bad); err != nil {
				return nil, err
			}
			return p, nil
		case "":
			if rest != "" {
				return nil, bad("line starts with a space")
			}
		default:
			if !strings.HasPrefix(key, "#") {
				return nil, bad("unknown line %q", key)
			}
		}
	}
}

func (p *Pack) readWeights(next func() ([]byte, bool), bad func(string, ...any) error) error {
	k := len(p.Categories)
	lines := bytes.Count(p.rest, []byte{'\n'}) + 1
	p.rowOf = make(map[uint64]int32, lines)
	p.rows = make([]float32, 0, lines*k)
	p.rest = nil
	for {
		l, ok := next()
		if !ok {
			p.buildFilter()
			return nil
		}
		if len(l) == 0 {
			continue
		}
		feature, ws, ok := bytes.Cut(l, []byte{'\t'})
		if !ok {
			return bad("feature line without a tab")
		}
		h := hash(feature)
		row, ok := p.rowOf[h]
		if !ok {
			row = int32(len(p.rows) / k)
			p.rowOf[h] = row
			p.rows = append(p.rows, make([]float32, k)...)
		}
		for len(ws) > 0 {
			var pair []byte
			pair, ws, _ = bytes.Cut(ws, []byte{' '})
			is, w, ok := bytes.Cut(pair, []byte{':'})
			if !ok {
				return bad("weight %q is not OUTPUT:WEIGHT", pair)
			}
			i, ok := smallInt(is)
			if !ok || i >= k {
				return bad("output %q is not one of 0..%d", is, k-1)
			}
			v, ok := decimal(w)
			if !ok {
				var err error
				if v, err = parseWeight(string(w)); err != nil {
					return bad("%v", err)
				}
			}
			p.rows[int(row)*k+i] += float32(v)
		}
	}
}

// rowReader gives the bytes of a binary form's rows: those of buf, then
// those read from r, a piece at a time.
type rowReader struct {
	buf   []byte
	r     io.Reader // nil at its end
	total int       // bytes in buf and r
	piece []byte
}

// next returns the next n bytes, or nil when fewer are left.
func (s *rowReader) next(n int) []byte {
	if len(s.buf) < n && s.r != nil {
		if s.piece == nil {
			s.piece = make([]byte, 32<<10)
		}
		kept := copy(s.piece, s.buf)
		read, err := io.ReadAtLeast(s.r, s.piece[kept:], n-kept)
		s.buf = s.piece[:kept+read]
		if err != nil {
			s.r = nil
		}
	}
	if len(s.buf) < n {
		return nil
	}
	b := s.buf[:n]
	s.buf = s.buf[n:]
	return b
}

// readBinary reads the rows of the binary form (fields: the rest of the
// "binary-weights" line, the number of rows).
func (p *Pack) readBinary(src *rowReader, fields []string, bad func(string, ...any) error) error {
	k := len(p.Categories)
	maskLen := (k + 7) / 8
	if len(fields) != 1 {
		return bad("binary-weights: want the number of rows")
	}
	n, err := strconv.Atoi(fields[0])
	if err != nil || n < 0 || n > src.total/(8+maskLen) {
		return bad("binary-weights: %q rows do not fit in the %d bytes that follow", fields[0], src.total)
	}
	p.rowOf = make(map[uint64]int32, n)
	p.rows = make([]float32, n*k)
	mask := make([]byte, maskLen) // a copy: src.next reuses its bytes
	for row := range n {
		b := src.next(8 + maskLen)
		if b == nil {
			return bad("binary-weights: row %d is cut short", row)
		}
		h := binary.LittleEndian.Uint64(b)
		copy(mask, b[8:])
		p.rowOf[h] = int32(row)
		if len(p.rowOf) != row+1 {
			return bad("binary-weights: row %d: hash %#x twice", row, h)
		}
		ones := 0
		for i, m := range mask {
			if i*8+bits.Len8(m) > k {
				return bad("binary-weights: row %d: output %d is not one of 0..%d", row, i*8+bits.Len8(m)-1, k-1)
			}
			ones += bits.OnesCount8(m)
		}
		ws := src.next(4 * ones)
		if ws == nil {
			return bad("binary-weights: row %d is cut short", row)
		}
		out := p.rows[row*k : row*k+k]
		for i := range k {
			if mask[i/8]&(1<<(i%8)) == 0 {
				continue
			}
			w := math.Float32frombits(binary.LittleEndian.Uint32(ws))
			ws = ws[4:]
			if !(math.Abs(float64(w)) <= maxWeight) {
				return bad("binary-weights: row %d: weight %v is not between -%d and %d", row, w, maxWeight, maxWeight)
			}
			out[i] = w
		}
	}
	if rest := src.next(1); rest != nil {
		return bad("binary-weights: bytes after the last row")
	}
	p.buildFilter()
	return nil
}

// smallInt parses a small non-negative decimal integer.
func smallInt(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 4 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// decimal parses the plain decimals a trained pack is written in
// ("-0.0134", "2"), without allocating; ok is false for anything else
// (exponents, too many digits), which ParseFloat then reads.
func decimal(b []byte) (float64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 12 {
		return 0, false
	}
	var n, scale int64 = 0, 1
	dot, digits := false, 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int64(c-'0')
			digits++
			if dot {
				scale *= 10
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	v := float64(n) / float64(scale)
	if v > maxWeight {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

func parseWeight(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(math.Abs(v) <= maxWeight) {
		return 0, fmt.Errorf("weight %q is not a number between -%d and %d", s, maxWeight, maxWeight)
	}
	return v, nil
}

func (p *Pack) index() {
	k := len(p.Categories)
	keys := make([]string, 0, len(p.Weights))
	for f := range p.Weights {
		keys = append(keys, f)
	}
	sort.Strings(keys) // rows in a fixed order: the same pack always scores the same
	p.rowOf = make(map[uint64]int32, len(keys))
	p.rows = make([]float32, 0, len(keys)*k)
	for _, f := range keys {
		h := hash([]byte(f))
		row, ok := p.rowOf[h]
		if !ok {
			row = int32(len(p.rows) / k)
			p.rowOf[h] = row
			p.rows = append(p.rows, make([]float32, k)...)
		}
		for i, w := range p.Weights[f] {
			p.rows[int(row)*k+i] += float32(w)
		}
	}
	p.buildFilter()
}

// Marshal writes the pack in its text form, features sorted, so that a
// retrained pack diffs cleanly. Only a pack made by NewPack has its
// features' names to write.
func (p *Pack) Marshal() ([]byte, error) {
	if p.Weights == nil {
		return nil, fmt.Errorf("model: a pack read from a file has no feature names to write as text")
	}
	var b bytes.Buffer
	if err := p.writeHead(&b, "# Logistic-regression weights of postlint's classifier rules: a feature,\n# a tab, then OUTPUT:WEIGHT for each category it counts in.\n"); err != nil {
		return nil, err
	}
	b.WriteString("weights\n")
	keys := make([]string, 0, len(p.Weights))
	for f := range p.Weights {
		keys = append(keys, f)
	}
	sort.Strings(keys)
	for _, f := range keys {
		if f == "" || strings.ContainsAny(f, "\t\n\r") {
			return nil, fmt.Errorf("model: feature %q cannot be written", f)
		}
		b.WriteString(f)
		sep := byte('\t')
		for i, w := range p.Weights[f] {
			if w == 0 {
				continue
			}
			b.WriteByte(sep)
			sep = ' '
			b.WriteString(strconv.Itoa(i) + ":" + strconv.FormatFloat(w, 'g', -1, 64))
		}
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// MarshalBinary writes the pack in its binary form: its rows of weights as
// they are held, so that the pack read back scores exactly as p does.
func (p *Pack) MarshalBinary() ([]byte, error) {
	k := len(p.Categories)
	maskLen := (k + 7) / 8
	n := len(p.rowOf)
	if k == 0 || len(p.rows) != n*k {
		return nil, fmt.Errorf("model: %d rows of weights for %d features and %d categories", len(p.rows), n, k)
	}
	hashes := make([]uint64, n)
	for h, row := range p.rowOf {
		hashes[row] = h
	}
	var b bytes.Buffer
	if err := p.writeHead(&b, "# Logistic-regression weights of postlint's classifier rules: the table of\n# weights, in binary after the binary-weights line (internal/classify/pack.go).\n"); err != nil {
		return nil, err
	}
	fmt.Fprintf(&b, "binary-weights %d\n", n)
	b.Grow(n * (8 + maskLen + 4*k))
	mask := make([]byte, maskLen)
	for row, h := range hashes {
		b.Write(binary.LittleEndian.AppendUint64(nil, h))
		ws := p.rows[row*k : row*k+k]
		clear(mask)
		for i, w := range ws {
			if w != 0 {
				mask[i/8] |= 1 << (i % 8)
			}
		}
		b.Write(mask)
		for _, w := range ws {
			if w == 0 {
				continue
			}
			if !(math.Abs(float64(w)) <= maxWeight) {
				return nil, fmt.Errorf("model: weight %v is not between -%d and %d", w, maxWeight, maxWeight)
			}
			b.Write(binary.LittleEndian.AppendUint32(nil, math.Float32bits(w)))
		}
	}
	return b.Bytes(), nil
}

// writeHead writes the lines of both forms before the weights; about is
// comment lines on the form.
func (p *Pack) writeHead(b *bytes.Buffer, about string) error {
	fmt.Fprintf(b, "%s %d\n", packMagic, FeatureVersion)
	b.WriteString(about)
	b.WriteString("# Retrain with go run ./internal/classify/cmd/train (see rules/implied.yaml).\n")
	for _, c := range p.Categories {
		if c == "" || strings.ContainsAny(c, " \t\n") {
			return fmt.Errorf("model: category %q is empty or has spaces", c)
		}
	}
	fmt.Fprintf(b, "categories %s\nbias", strings.Join(p.Categories, " "))
	for _, v := range p.Bias {
		b.WriteString(" " + strconv.FormatFloat(v, 'g', -1, 64))
	}
	b.WriteString("\n")
	for _, c := range p.Categories {
		t := p.Trained[c]
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("trained " + c)
		for _, k := range keys {
			b.WriteString(" " + k + "=" + t[k])
		}
		b.WriteString("\n")
	}
	return nil
}

// Output returns the index of a category's output, or false.
func (p *Pack) Output(category string) (int, bool) {
	for i, c := range p.Categories {
		if c == category {
			return i, true
		}
	}
	return 0, false
}

// PackScores are a post's scores in every category of a pack.
type PackScores struct {
	pack *Pack
	z    []float64
	hits []hit
}

type hit struct {
	token int32 // the text token a feature starts at, -1 for the post
	row   int32
}

// Score rates a post from its hashed features in every category. A feature
// counts once however often it occurs, as in training (Features); its first
// occurrence carries its weight to the span.
func (p *Pack) Score(features []Hashed) *PackScores {
	sc := p.newScorer()
	var buf [maxStackHits]hit
	hits := buf[:0]
	for _, f := range features {
		hits = sc.add(hits, f.Token, f.Hash)
	}
	return sc.done(hits)
}

// ScoreView rates a post from its views (as Hash takes them), hashing its
// features as it goes: Score(Hash(po, text, other)) without the list of
// features, most of which are in no model.
func (p *Pack) ScoreView(po *post.Post, text *textnorm.View, other []Field) *PackScores {
	sc := p.newScorer()
	var buf [maxStackHits]hit
	hits := buf[:0]
	eachFeature(po, text, other, func(tok int, a, b, c string) {
		hits = sc.add(hits, tok, hashString(hashString(hashString(hashOffset, a), b), c))
	})
	return sc.done(hits)
}

// maxStackHits is how many of a post's features found in the pack Score
// gathers on the stack; done copies them to the heap, once, at their
// number.
const maxStackHits = 128

// A scorer gathers the rows of a post's features (its hits), each once.
type scorer struct {
	p *Pack
	// seen has a bit per row met, so that a repeat costs one look-up, not
	// a sort; from p.seen, given back clear by done.
	seen *[]uint64
}

func (p *Pack) newScorer() scorer {
	seen, _ := p.seen.Get().(*[]uint64)
	if seen == nil {
		b := make([]uint64, (len(p.rows)/max(len(p.Categories), 1)+63)/64)
		seen = &b
	}
	return scorer{p: p, seen: seen}
}

// add returns hits with the feature of hash h, starting at text token tok
// (-1: of the post as a whole), when the pack has it: a new hit for a row
// not met yet, else the row's hit keeps its first occurrence (see order).
func (sc scorer) add(hits []hit, tok int, h uint64) []hit {
	row, ok := sc.p.row(h)
	if !ok {
		return hits
	}
	bits := *sc.seen
	if w, b := row/64, uint64(1)<<(row%64); bits[w]&b == 0 {
		bits[w] |= b
		return append(hits, hit{int32(tok), row})
	}
	for i := range hits {
		if h := &hits[i]; h.row == row {
			if order(tok) < order(int(h.token)) {
				h.token = int32(tok)
			}
			break
		}
	}
	return hits
}

// done returns the scores of the hits, and gives back the scratch bits.
func (sc scorer) done(hits []hit) *PackScores {
	p := sc.p
	bits := *sc.seen
	for _, h := range hits {
		bits[h.row/64] = 0
	}
	p.seen.Put(sc.seen)
	s := &PackScores{pack: p, z: append([]float64(nil), p.Bias...), hits: slices.Clone(hits)}
	k := len(p.Categories)
	for _, h := range s.hits {
		for i, w := range p.rows[int(h.row)*k : int(h.row)*k+k] {
			s.z[i] += float64(w)
		}
	}
	return s
}

// order puts a feature of the post as a whole (token -1) after those of
// the text, so that a text occurrence carries the weight to the span.
func order(token int) int {
	if token < 0 {
		return math.MaxInt
	}
	return token
}

// P is the probability of the category with output index i.
func (s *PackScores) P(i int) float64 { return sigmoid(s.z[i]) }

// TokenWeights returns, for output i, the weight each of the text's tokens
// contributed (the features starting at it).
func (s *PackScores) TokenWeights(i, tokens int) []float64 {
	k := len(s.pack.Categories)
	out := make([]float64, tokens)
	for _, h := range s.hits {
		if h.token >= 0 && int(h.token) < tokens {
			out[h.token] += float64(s.pack.rows[int(h.row)*k+i])
		}
	}
	return out
}
