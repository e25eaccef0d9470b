package queue

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/postlint/postlint/internal/post"
)

// csvReader reads a CSV queue: a header row naming the columns, then one post
// a row; or, in the Hootsuite bulk-composer layout, rows of date, message and
// link with no header.
type csvReader struct {
	s      *sink
	src    io.Reader // the input, past the byte order mark
	t      *tape     // the input as the csv.Reader reads it
	cr     *csv.Reader
	offset int // the number of input lines before the first line of cr
}

func readCSV(s *sink, r io.Reader) error {
	br := bufio.NewReader(r)
	skipBOM(br)
	c := &csvReader{s: s, src: br}
	c.restart(br, 0)

	// The first non-empty row is the header, or a Hootsuite row.
	var cols *csvColumns
	for cols == nil {
		rec, line, err := c.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if rec == nil {
			return nil // The header cannot be parsed; the error is reported.
		}
		if blankRow(rec) {
			continue
		}
		if cols = headerColumns(rec); cols != nil {
			break
		}
		if len(rec) >= 2 && isDate(rec[0]) {
			cols = &csvColumns{hootsuite: true}
			if err := c.row(cols, rec, line); err != nil {
				return err
			}
			break
		}
		return s.fail(line, line, errors.New("no text column: the header row must name one of text, message, post, content or body (or, with no header, rows must be date, message, link)"))
	}
	for {
		rec, line, err := c.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if rec == nil || blankRow(rec) {
			continue
		}
		if err := c.row(cols, rec, line); err != nil {
			return err
		}
	}
}

// restart reads on from r with a new csv.Reader, whose first line is line
// offset+1 of the input.
func (c *csvReader) restart(r io.Reader, offset int) {
	c.t = newTape(r)
	c.cr = csv.NewReader(c.t)
	c.cr.FieldsPerRecord = -1
	c.cr.ReuseRecord = true
	c.offset = offset
}

// next returns the next record and its line. A record that cannot be parsed
// is reported as an error record, and next returns a nil record for it. It
// returns io.EOF at the end of the input, and other errors from reading.
func (c *csvReader) next() ([]string, int, error) {
	rec, err := c.cr.Read()
	if err == io.EOF {
		return nil, 0, err
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line := c.offset + pe.StartLine
		detail := fmt.Sprintf("column %d", pe.Column)
		if pe.Line != pe.StartLine {
			detail = fmt.Sprintf("found at line %d, column %d", c.offset+pe.Line, pe.Column)
		}
		if pe.Line > pe.StartLine && errors.Is(pe.Err, csv.ErrQuote) {
			// A quoted field ran on over the following lines: most likely its
			// opening quote is a stray one. Read again from the next line, so
			// that the rows it swallowed are not lost.
			c.resync(pe.StartLine)
		} else {
			c.t.advance(c.cr.InputOffset())
		}
		if err := c.s.fail(line, line, fmt.Errorf("invalid CSV: %w (%s)", pe.Err, detail)); err != nil {
			return nil, 0, err
		}
		return nil, line, nil
	}
	if err != nil {
		return nil, 0, c.s.readErr(err)
	}
	line, _ := c.cr.FieldPos(0)
	c.t.advance(c.cr.InputOffset())
	return rec, c.offset + line, nil
}

// resync starts reading again from the line after line start of the current
// csv.Reader.
func (c *csvReader) resync(start int) {
	rest := c.t.from(c.t.mark)
	// Skip to the line after start, and at least one line, so that reading
	// always moves on.
	for n := max(start+1-c.t.line, 1); n > 0; n-- {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			rest = nil
			break
		}
		rest = rest[i+1:]
	}
	rest = bytes.Clone(rest)
	c.restart(io.MultiReader(bytes.NewReader(rest), c.src), c.offset+start)
}

// row yields the post of a record read from the given line.
func (c *csvReader) row(cols *csvColumns, rec []string, line int) error {
	p, err := cols.post(rec)
	if err != nil {
		return c.s.fail(line, line, err)
	}
	return c.s.post(line, p)
}

// blankRow reports whether every field of rec is empty or white space, as in
// the rows of commas that spreadsheets leave at the end of a sheet.
func blankRow(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// csvColumns says which column holds which field of a post; -1 means none.
type csvColumns struct {
	hootsuite bool // date, message, link; the other fields are unused

	text, id, channel, account, scheduledAt int
	replyText, replyAuthor, replyAction     int
	media, altText, consent                 int
	names                                   []string // the header, for messages
}

// csvRole returns the field of a post that a column with the given header
// holds, and for text columns a preference (lower is preferred).
func csvRole(name string) (role string, pref int) {
	switch name {
	case "text":
		return "text", 0
	case "message":
		return "text", 1
	case "post":
		return "text", 2
	case "content":
		return "text", 3
	case "body":
		return "text", 4
	case "id", "post_id":
		return "id", 0
	case "channel", "network", "platform":
		return "channel", 0
	case "account":
		return "account", 0
	case "scheduled_at", "scheduled", "date", "datetime", "date_time", "publish_at":
		return "scheduled_at", 0
	case "reply_to", "reply_text", "in_reply_to":
		return "reply_to", 0
	case "reply_author":
		return "reply_author", 0
	case "reply_action":
		return "reply_action", 0
	case "media", "file", "files", "image", "images":
		return "media", 0
	case "alt_text", "alt":
		return "alt_text", 0
	case "consent":
		return "consent", 0
	}
	return "", 0
}

// headerColumns returns the columns that a header row names, or nil if it
// does not name a text column.
func headerColumns(header []string) *csvColumns {
	cols := &csvColumns{
		text: -1, id: -1, channel: -1, account: -1, scheduledAt: -1,
		replyText: -1, replyAuthor: -1, replyAction: -1,
		media: -1, altText: -1, consent: -1,
		names: make([]string, len(header)),
	}
	textPref := -1
	for i, h := range header {
		cols.names[i] = strings.TrimSpace(h)
		name := strings.ToLower(strings.TrimSpace(h))
		name = strings.NewReplacer(" ", "_", "-", "_").Replace(name)
		role, pref := csvRole(name)
		var col *int
		switch role {
		case "text":
			if textPref < 0 || pref < textPref {
				cols.text, textPref = i, pref
			}
			continue
		case "id":
			col = &cols.id
		case "channel":
			col = &cols.channel
		case "account":
			col = &cols.account
		case "scheduled_at":
			col = &cols.scheduledAt
		case "reply_to":
			col = &cols.replyText
		case "reply_author":
			col = &cols.replyAuthor
		case "reply_action":
			col = &cols.replyAction
		case "media":
			col = &cols.media
		case "alt_text":
			col = &cols.altText
		case "consent":
			col = &cols.consent
		default:
			continue // Unknown columns, such as "expect" and "why", are ignored.
		}
		if *col < 0 {
			*col = i
		}
	}
	if cols.text < 0 {
		return nil
	}
	return cols
}

// post returns the post of one record.
func (cols *csvColumns) post(rec []string) (post.Post, error) {
	if cols.hootsuite {
		// date, message, link: the link is posted with the message.
		if len(rec) < 2 {
			return post.Post{}, errors.New("want date, message and link (Hootsuite layout), got one column")
		}
		p := post.Post{ScheduledAt: strings.TrimSpace(rec[0]), Text: rec[1]}
		if err := checkText(p.Text); err != nil {
			return post.Post{}, errors.New("no message in column 2")
		}
		if len(rec) > 2 {
			if link := strings.TrimSpace(rec[2]); link != "" && !strings.Contains(p.Text, link) {
				p.Text += " " + link
			}
		}
		return p, nil
	}
	get := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return rec[i]
	}
	p := post.Post{
		ID:          strings.TrimSpace(get(cols.id)),
		Channel:     strings.TrimSpace(get(cols.channel)),
		Account:     strings.TrimSpace(get(cols.account)),
		Text:        get(cols.text),
		ScheduledAt: strings.TrimSpace(get(cols.scheduledAt)),
	}
	reply := post.Reply{
		Text:   get(cols.replyText),
		Author: strings.TrimSpace(get(cols.replyAuthor)),
		Action: normalAction(get(cols.replyAction)),
	}
	if reply != (post.Reply{}) {
		p.ReplyTo = &reply
	}
	media, err := csvMedia(get(cols.media), get(cols.altText), get(cols.consent))
	if err != nil {
		if cols.consent >= 0 {
			err = fmt.Errorf("column %q: %w", cols.names[cols.consent], err)
		}
		return post.Post{}, err
	}
	p.Media = media
	if err := checkPost(&p); err != nil {
		return post.Post{}, fmt.Errorf("no text in column %q", cols.names[cols.text])
	}
	return p, nil
}

// csvMedia returns the media of a row: file names separated by ';' or '|',
// their alt texts, separated in the same way or one for a single file, and
// their consent, one value for all files or one for each.
func csvMedia(files, altText, consent string) ([]post.Media, error) {
	names := splitList(files)
	alts := []string{strings.TrimSpace(altText)}
	if len(names) > 1 {
		if a := splitList(altText); len(a) == len(names) {
			alts = a
		}
	}
	consents := []string{consent}
	if c := splitList(consent); len(names) > 1 && len(c) == len(names) {
		consents = c
	}
	if len(names) == 0 {
		if alts[0] == "" {
			return nil, nil
		}
		names = []string{""} // Alt text with no file name is still worth checking.
	}
	media := make([]post.Media, len(names))
	for i, name := range names {
		media[i].File = name
		if i < len(alts) {
			media[i].AltText = alts[i]
		}
		c := consents[0]
		if i < len(consents) {
			c = consents[i]
		}
		ok, err := parseConsent(c)
		if err != nil {
			return nil, err
		}
		media[i].Consent = ok
	}
	return media, nil
}

// splitList splits s at ';' and '|', trims space and drops empty items.
func splitList(s string) []string {
	items := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' })
	list := items[:0]
	for _, item := range items {
		if item = strings.TrimSpace(item); item != "" {
			list = append(list, item)
		}
	}
	return list
}

// parseConsent reads a consent cell: yes or no in one of several spellings;
// empty means no.
func parseConsent(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "false", "no", "n", "0":
		return false, nil
	case "true", "yes", "y", "1":
		return true, nil
	}
	return false, fmt.Errorf("want yes or no, got %q", s)
}

// isDate reports whether s is a date, or a date and time, in one of the
// layouts that mark the first column of the Hootsuite bulk-composer layout:
// Hootsuite writes day/month/year and a 24-hour time; month/day/year, ISO 8601
// and 12-hour times are accepted too.
func isDate(s string) bool {
	s = strings.TrimSpace(s)
	for _, layout := range [...]string{
		time.RFC3339,
		"2006-01-02T15:04:05",
		"2006-01-02T15:04",
		"2006-01-02 15:04:05",
		"2006-01-02 15:04",
		"2006-01-02",
		"2/1/2006 15:04",
		"2/1/2006 15:04:05",
		"1/2/2006 15:04",
		"1/2/2006 15:04:05",
		"2/1/2006 3:04 PM",
		"1/2/2006 3:04 PM",
		"2/1/2006",
		"1/2/2006",
	} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
