package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
)

// SARIF constants.
const (
	sarifSchema      = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifInfoURI     = "https://github.com/postlint/postlint"
	fingerprintKey   = "postlint/v1"
	securitySeverity = "8.0" // for rules of severity error (GitHub: "high")
	// maxNotifications caps the unreadable posts listed one by one in the
	// run's invocation; the rest are counted in one more notification.
	maxNotifications = 100
)

// sarifWriter streams a SARIF 2.1.0 log with one run: the tool (every rule
// of the pack) first, then one result per finding, then the invocation with
// a notification per unreadable post. It keeps only a count per
// fingerprint and the first notifications, never the posts.
type sarifWriter struct {
	*base
	buf           bytes.Buffer
	enc           *json.Encoder
	started       bool
	results       int
	seen          map[string]int // fingerprint hash -> occurrences so far
	notifications []sarifNotification
	dropped       int // notifications beyond maxNotifications
}

func newSARIFWriter(b *base) *sarifWriter {
	s := &sarifWriter{base: b, seen: map[string]int{}}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	return s
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	Help                 sarifMessage       `json:"help"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Category         string   `json:"category,omitempty"`
	Clause           string   `json:"clause,omitempty"`
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           *int               `json:"ruleIndex,omitempty"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          sarifResultProps   `json:"properties"`
}

type sarifResultProps struct {
	Post       string  `json:"post,omitempty"`
	Field      string  `json:"field"`
	Category   string  `json:"category,omitempty"`
	Clause     string  `json:"clause,omitempty"`
	Confidence float64 `json:"confidence"`
	Match      string  `json:"match,omitempty"`
	Verdict    string  `json:"verdict"`
	Score      int     `json:"score"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

// Post implements Writer.
func (s *sarifWriter) Post(r *finding.Result) error {
	if err := s.begin(r); err != nil {
		return err
	}
	s.start()
	if r.Err != nil {
		if len(s.notifications) >= maxNotifications {
			s.dropped++
			return s.err
		}
		s.notifications = append(s.notifications, sarifNotification{
			Level:     "error",
			Message:   sarifMessage{Text: "Post could not be read: " + errorText(r)},
			Locations: []sarifLocation{s.location(r.Source, sarifRegion{StartLine: lineOf(r.Source)})},
		})
		return s.err
	}
	key := fingerprintSubject(r)
	for i := range r.Findings {
		res := s.result(r, &r.Findings[i], key)
		text, err := s.marshal(res, "        ")
		if err != nil {
			return err
		}
		if s.results > 0 {
			s.write(",")
		}
		s.write("\n        " + text)
		s.results++
	}
	return s.err
}

// Close implements Writer.
func (s *sarifWriter) Close() error {
	if s.closed {
		return s.finish()
	}
	s.start()
	if s.results > 0 {
		s.write("\n      ],\n")
	} else {
		s.write("],\n")
	}
	inv := sarifInvocation{ExecutionSuccessful: s.sum.Unreadable == 0, ToolExecutionNotifications: s.notifications}
	if s.dropped > 0 {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level:   "error",
			Message: sarifMessage{Text: fmt.Sprintf("%d more posts could not be read.", s.dropped)},
		})
	}
	text, err := s.marshal([]sarifInvocation{inv}, "      ")
	if err != nil {
		return err
	}
	s.write("      \"invocations\": " + text + ",\n")
	text, err = s.marshal(map[string]Summary{"summary": s.sum}, "      ")
	if err != nil {
		return err
	}
	s.write("      \"properties\": " + text + "\n    }\n  ]\n}\n")
	return s.finish()
}

// start writes the head of the log, up to the opening of "results", once.
func (s *sarifWriter) start() {
	if s.started {
		return
	}
	s.started = true
	tool := sarifTool{Driver: sarifDriver{
		Name:           s.opts.Tool,
		Version:        s.opts.Version,
		InformationURI: sarifInfoURI,
		Rules:          make([]sarifRule, len(s.opts.Rules)),
	}}
	for i, ri := range s.opts.Rules {
		tool.Driver.Rules[i] = sarifRuleOf(ri)
	}
	text, err := s.marshal(tool, "      ")
	if err != nil {
		s.err = err
		return
	}
	s.write("{\n  \"$schema\": \"" + sarifSchema + "\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n")
	s.write("      \"tool\": " + text + ",\n")
	s.write("      \"columnKind\": \"unicodeCodePoints\",\n")
	s.write("      \"results\": [")
}

// result converts one finding.
func (s *sarifWriter) result(r *finding.Result, f *finding.Finding, subject string) sarifResult {
	ri, idx, known := s.rule(f.Rule)
	show := s.opts.ShowMatches
	m := match(f, show)
	id := postID(r)
	field := fieldName(f)

	text := strings.TrimSpace(scrub(f.Message, f, show))
	if text == "" {
		text = f.Rule
	}
	var where []string
	if id != "" {
		where = append(where, "post "+id)
	}
	if field != "text" {
		where = append(where, field)
	}
	detail := strings.Join(where, ", ")
	if m != "" {
		if detail != "" {
			detail += ": "
		}
		detail += strconv.Quote(m)
	}
	if detail != "" {
		text += " (" + detail + ")"
	}

	line, col, endLine, endCol := region(r, f)
	reg := sarifRegion{StartLine: line, StartColumn: col}
	if col > 0 && endLine >= line && endCol > 0 {
		reg.EndLine, reg.EndColumn = endLine, endCol
	}

	clause := f.Clause
	if clause == "" {
		clause = ri.Clause
	}
	category := f.Category
	if category == "" {
		category = ri.Category
	}
	res := sarifResult{
		RuleID:              f.Rule,
		Level:               sarifLevel(f.Severity),
		Message:             sarifMessage{Text: text},
		Locations:           []sarifLocation{s.location(sourceOf(r, f), reg)},
		PartialFingerprints: map[string]string{fingerprintKey: s.fingerprint(f, subject)},
		Properties: sarifResultProps{
			Post:       id,
			Field:      field,
			Category:   category,
			Clause:     clause,
			Confidence: f.Confidence,
			Match:      m,
			Verdict:    string(verdictOf(r)),
			Score:      r.Score,
		},
	}
	if known {
		res.RuleIndex = &idx
	}
	if f.Suppressed != nil {
		kind := "external"
		if f.Suppressed.Kind == "inline" {
			kind = "inSource"
		}
		res.Suppressions = []sarifSuppression{{Kind: kind, Status: "accepted", Justification: f.Suppressed.Reason}}
	}
	return res
}

// location builds a physical location in the source file.
func (s *sarifWriter) location(src *post.Source, reg sarifRegion) sarifLocation {
	return sarifLocation{PhysicalLocation: sarifPhysical{
		ArtifactLocation: sarifArtifact{URI: fileURI(s.relPath(src))},
		Region:           reg,
	}}
}

// fingerprint hashes what identifies a finding whatever the post's position:
// the rule, the field, the post (its id, else its normalised text) and the
// masked match; a counter tells identical findings apart.
func (s *sarifWriter) fingerprint(f *finding.Finding, subject string) string {
	m := f.Match
	if f.Sensitive {
		m = Mask(m)
	}
	h := sha256.New()
	for _, part := range []string{f.Rule, fieldName(f), subject, m} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	sum := hex.EncodeToString(h.Sum(nil)[:16])
	s.seen[sum]++
	return sum + ":" + strconv.Itoa(s.seen[sum])
}

// fingerprintSubject identifies a post independently of its position: its
// own id, else its normalised text (and the text it replies to) with the
// sensitive matches masked, so that the hash cannot be used to confirm a
// guessed identifier.
func fingerprintSubject(r *finding.Result) string {
	if r.Post.ID != "" {
		return "id:" + r.Post.ID
	}
	masked := func(field, text string) string {
		var spans [][2]int
		for i := range r.Findings {
			f := &r.Findings[i]
			if f.Sensitive && fieldName(f) == field {
				spans = append(spans, [2]int{f.Span.Start, f.Span.End})
			}
		}
		text, _ = maskSpans(text, spans)
		return normalise(text)
	}
	subject := "text:" + masked("text", r.Post.Text)
	if r.Post.ReplyTo != nil {
		subject += "\x00" + masked("reply_to.text", r.Post.ReplyTo.Text)
	}
	if subject == "text:" {
		subject = "result:" + r.ID
	}
	return subject
}

// normalise lower-cases s and collapses its white space.
func normalise(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// marshal encodes v indented, with prefix before every line but the first.
func (s *sarifWriter) marshal(v any, prefix string) (string, error) {
	s.buf.Reset()
	s.enc.SetIndent(prefix, "  ")
	if err := s.enc.Encode(v); err != nil {
		return "", fmt.Errorf("report: encoding sarif: %w", err)
	}
	return strings.TrimSuffix(s.buf.String(), "\n"), nil
}

// sarifRuleOf describes a rule for the SARIF driver.
func sarifRuleOf(ri RuleInfo) sarifRule {
	sev, err := finding.ParseSeverity(ri.Severity)
	if err != nil {
		sev = finding.Warning
	}
	short := firstNonEmpty(ri.ClauseTitle, ri.Message, ri.ID)
	full := firstNonEmpty(ri.ClauseText, ri.Description, ri.Message, short)

	help := firstNonEmpty(ri.Message, ri.Description, short)
	md := help
	if ri.Description != "" && ri.Description != help {
		help += "\n\n" + ri.Description
		md += "\n\n" + ri.Description
	}
	if ri.Suggestion != "" {
		help += "\n\nWhat to do instead: " + ri.Suggestion
		md += "\n\n**What to do instead:** " + ri.Suggestion
	}
	if ri.Clause != "" {
		ref := "Policy clause " + ri.Clause
		if ri.ClauseTitle != "" {
			ref += " (" + ri.ClauseTitle + ")"
		}
		help += "\n\n" + ref
		md += "\n\n" + ref
		if ri.ClauseText != "" {
			help += ": " + ri.ClauseText
			md += ":\n\n> " + strings.ReplaceAll(ri.ClauseText, "\n", "\n> ")
		}
	}

	props := sarifRuleProps{
		Category: ri.Category,
		Clause:   ri.Clause,
		Tags:     uniqueTags("postlint", "compliance", ri.Category),
	}
	if sev == finding.Error {
		props.SecuritySeverity = securitySeverity
		props.Tags = uniqueTags(append(props.Tags, "security")...)
	}
	return sarifRule{
		ID:                   ri.ID,
		Name:                 camelCase(ri.ID),
		ShortDescription:     sarifMessage{Text: short},
		FullDescription:      sarifMessage{Text: full},
		Help:                 sarifMessage{Text: help, Markdown: md},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(sev)},
		Properties:           props,
	}
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	case finding.Info:
		return "note"
	}
	return "none"
}

// camelCase turns a rule id such as "nhs-number" into "NhsNumber".
func camelCase(id string) string {
	var b strings.Builder
	upper := true
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fileURI turns a forward-slash path into a URI reference.
func fileURI(p string) string {
	u := url.URL{Path: p}
	if strings.HasPrefix(p, "/") {
		u.Scheme = "file"
	}
	return u.String()
}

// lineOf returns the source line, at least 1.
func lineOf(s *post.Source) int {
	if s == nil || s.Line < 1 {
		return 1
	}
	return s.Line
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func uniqueTags(tags ...string) []string {
	out := make([]string, 0, len(tags))
	seen := map[string]bool{}
	for _, t := range tags {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
