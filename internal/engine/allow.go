package engine

import (
	"regexp"
	"strings"

	"github.com/postlint/postlint/internal/rulepack"
)

// An allowList holds the extra allow-list entries of one rule (see
// Options.Allow). An entry takes one of three forms:
//
//   - "@example.org": an email domain. A match that contains email
//     addresses is allowed when every one of them is at that domain or one
//     of its subdomains ("jo@trust.example.org").
//   - "*suffix": a match that ends with suffix, ignoring case, is allowed.
//   - anything else: compared with the match as rules' own allow lists are
//     (rulepack.NormaliseAllow: case, spaces and punctuation ignored, +44
//     read as 0), and also with the match less a leading courtesy title, so
//     that "Doris Ellis" allows "Mrs Doris Ellis".
type allowList struct {
	exact    map[string]bool
	suffixes []string
	domains  []string
}

// emailRe finds email addresses and captures their domain.
var emailRe = regexp.MustCompile(`(?i)[a-z0-9._%+'-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)`)

// courtesyTitles are dropped from the start of a match before comparing it
// with a name.
var courtesyTitles = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true}

// buildAllow resolves entries keyed by rule or category id into one list per
// rule id.
func buildAllow(rules []*rulepack.Rule, byID map[string][]string) map[string]*allowList {
	if len(byID) == 0 {
		return nil
	}
	out := map[string]*allowList{}
	for _, r := range rules {
		var entries []string
		entries = append(entries, byID[r.Category]...)
		if r.ID != r.Category {
			entries = append(entries, byID[r.ID]...)
		}
		if len(entries) == 0 {
			continue
		}
		a := &allowList{exact: map[string]bool{}}
		for _, e := range entries {
			e = strings.TrimSpace(e)
			switch {
			case strings.HasPrefix(e, "@") && len(e) > 1:
				a.domains = append(a.domains, strings.ToLower(e[1:]))
			case strings.HasPrefix(e, "*") && len(e) > 1:
				a.suffixes = append(a.suffixes, strings.ToLower(e[1:]))
			default:
				if n := rulepack.NormaliseAllow(e); n != "" {
					a.exact[n] = true
				}
			}
		}
		out[r.ID] = a
	}
	return out
}

// allows reports whether match is on the list. A nil list allows nothing.
func (a *allowList) allows(match string) bool {
	if a == nil {
		return false
	}
	m := strings.TrimSpace(match)
	if m == "" {
		return false
	}
	if a.exact[rulepack.NormaliseAllow(m)] {
		return true
	}
	if f := strings.Fields(m); len(f) > 1 && courtesyTitles[strings.ToLower(strings.TrimSuffix(f[0], "."))] {
		if a.exact[rulepack.NormaliseAllow(strings.Join(f[1:], " "))] {
			return true
		}
	}
	lower := strings.ToLower(m)
	for _, s := range a.suffixes {
		if strings.HasSuffix(lower, s) {
			return true
		}
	}
	if len(a.domains) > 0 {
		addrs := emailRe.FindAllStringSubmatch(m, -1)
		if len(addrs) == 0 {
			return false
		}
		for _, addr := range addrs {
			if !a.domainAllowed(strings.ToLower(addr[1])) {
				return false
			}
		}
		return true
	}
	return false
}

func (a *allowList) domainAllowed(domain string) bool {
	for _, d := range a.domains {
		if domain == d || strings.HasSuffix(domain, "."+d) {
			return true
		}
	}
	return false
}
