package phrase

// Keys are words that a set's phrases need: each phrase can match only
// where a token is one of Exact, or starts with one of Prefix; a set with
// Any has a phrase of lone '*' words that matches anywhere. Prefilters use
// them to skip, with one look-up per token, the sets (and the rules) that
// cannot match a text at all.
type Keys struct {
	Exact  []string
	Prefix []string
	Any    bool
}

// KeyWords returns, for each phrase of s, one of its words (the one least
// likely to be common: not a short function word, and long), so that a text
// without any of them cannot hold a phrase of s. A nil or empty set has no
// keys: it matches nothing.
func (s *Set) KeyWords() Keys {
	var k Keys
	if s == nil {
		return k
	}
	for _, p := range s.phrases {
		best := keyWordOf(p.words)
		if best < 0 {
			k.Any = true
			continue
		}
		if w := p.words[best]; w.prefix {
			k.Prefix = append(k.Prefix, w.text)
		} else {
			k.Exact = append(k.Exact, w.text)
		}
	}
	return k
}

// commonWords are words so frequent that a phrase's key should be another.
var commonWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "of": true, "to": true,
	"in": true, "on": true, "at": true, "for": true, "with": true, "from": true, "by": true, "as": true,
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "it": true, "its": true,
	"this": true, "that": true, "i": true, "me": true, "my": true, "we": true, "our": true, "us": true,
	"you": true, "your": true, "he": true, "she": true, "his": true, "her": true, "him": true, "they": true,
	"them": true, "their": true, "not": true, "no": true, "so": true, "just": true, "all": true, "have": true,
	"has": true, "had": true, "do": true, "did": true, "will": true, "can": true, "get": true, "got": true,
	"if": true, "up": true, "out": true, "about": true, "what": true, "who": true, "there": true, "here": true,
	"u": true, "ur": true, "im": true, "i'm": true, "it's": true, "you're": true,
}

// quickFilter tells, from a token's first and last bytes and its length,
// whether a phrase of the set may start at it: most tokens are rejected
// with two array look-ups instead of three map look-ups.
type quickFilter struct {
	exact  [256]uint64 // by first byte: bit quickBit(word) of each exact first word
	prefix [256]bool   // by first byte: a prefix first word starts with it
	any    bool        // a phrase starts with a lone '*'
}

func quickBit(t string) uint64 {
	return 1 << ((uint(len(t))*31 + uint(t[len(t)-1])) & 63)
}

func (s *Set) buildQuick() {
	q := &quickFilter{any: len(s.any) > 0}
	for _, id := range s.first.ids {
		w := s.phrases[id].words[0].text
		if w == "" {
			q.any = true // cannot happen: tokens are never empty
			continue
		}
		q.exact[w[0]] |= quickBit(w)
	}
	for _, ids := range s.prefix {
		for _, id := range ids {
			w := s.phrases[id].words[0].text
			if w == "" {
				q.any = true
				continue
			}
			q.prefix[w[0]] = true
		}
	}
	s.quick = q
}

// mayStart reports whether a phrase of s may start at a token written t
// (false only when none can: the exact and prefix look-ups would find
// nothing).
func (s *Set) mayStart(t string) bool {
	q := s.quick
	if q == nil || q.any || t == "" {
		return true
	}
	return q.exact[t[0]]&quickBit(t) != 0 || q.prefix[t[0]]
}

// plainWord reports whether w is lower-case ASCII letters and digits only:
// a token of itself, as normalising it would give.
func plainWord(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
