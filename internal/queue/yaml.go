package queue

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/postlint/postlint/internal/post"
)

// yamlBudget is how many nodes the fields of one YAML post, merge keys
// included, may take. Merge keys can repeat a mapping many times over, as
// aliases can; the budget keeps a small file from taking a long time.
const yamlBudget = 10000

// readYAML reads YAML: each document a list of posts, a mapping with a posts
// list, or one post mapping. The input is parsed into nodes, which keep line
// numbers and leave aliases unexpanded; the fields of each post are then read
// from its nodes.
func readYAML(s *sink, r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return s.readErr(err)
	}
	data = bytes.TrimPrefix(data, []byte(bom))
	// The YAML parser would read UTF-16 (by its byte order mark), but then
	// its lines are not the file's: ask for UTF-8, as the other formats do.
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return s.fail(1, 1, errors.New("UTF-16 text: save the queue as UTF-8"))
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			line, msg := yamlErrorLine(err, data)
			return s.fail(line, line, fmt.Errorf("invalid YAML: %s", msg))
		}
		if err := yamlDocument(s, &doc); err != nil {
			return err
		}
	}
}

// yamlDocument reads the posts of one YAML document.
func yamlDocument(s *sink, doc *yaml.Node) error {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	root := resolve(doc.Content[0])
	switch {
	case isNull(root):
		return nil
	case root.Kind == yaml.SequenceNode:
		return yamlPosts(s, root)
	case root.Kind == yaml.MappingNode:
		if posts := lookup(root, "posts"); posts != nil {
			switch v := resolve(posts); {
			case v.Kind == yaml.SequenceNode:
				return yamlPosts(s, v)
			case isNull(v):
				return nil
			default:
				return s.fail(posts.Line, posts.Line, fmt.Errorf(`"posts" must be a list, got %s`, nodeKind(v)))
			}
		}
		if lookup(root, "text") != nil {
			return yamlPost(s, root)
		}
	}
	return s.fail(root.Line, root.Line, fmt.Errorf(`want a list of posts, a mapping with "posts", or one post mapping, got %s`, nodeKind(root)))
}

// yamlPosts reads each post of a list.
func yamlPosts(s *sink, list *yaml.Node) error {
	for _, n := range list.Content {
		if err := yamlPost(s, n); err != nil {
			return err
		}
	}
	return nil
}

// yamlPost reads the post at node n.
func yamlPost(s *sink, n *yaml.Node) error {
	b := &yamlPostBuilder{budget: yamlBudget}
	p, err := b.post(n)
	if err != nil {
		line := n.Line
		var ne *nodeError
		if errors.As(err, &ne) {
			line, err = ne.line, ne.err
		}
		return s.fail(n.Line, line, err)
	}
	return s.post(n.Line, p)
}

// A nodeError is a problem at a line of the YAML input.
type nodeError struct {
	line int
	err  error
}

func (e *nodeError) Error() string { return fmt.Sprintf("line %d: %v", e.line, e.err) }

// errorAt returns an error for node n.
func errorAt(n *yaml.Node, format string, args ...any) error {
	return &nodeError{line: n.Line, err: fmt.Errorf(format, args...)}
}

// A field is one of the known fields of a post.
type field uint

const (
	fieldID field = 1 << iota
	fieldChannel
	fieldAccount
	fieldText
	fieldReplyTo
	fieldMedia
	fieldScheduledAt
	fieldDirective
)

// fieldNamed returns the field with the given key, or 0.
func fieldNamed(key string) field {
	switch key {
	case "id":
		return fieldID
	case "channel":
		return fieldChannel
	case "account":
		return fieldAccount
	case "text":
		return fieldText
	case "reply_to":
		return fieldReplyTo
	case "media":
		return fieldMedia
	case "scheduled_at":
		return fieldScheduledAt
	case "postlint":
		return fieldDirective
	}
	return 0
}

// A yamlPostBuilder reads one post from its YAML nodes.
type yamlPostBuilder struct {
	p      post.Post
	set    field // the fields set so far
	budget int   // the number of nodes still to be looked at
}

func (b *yamlPostBuilder) post(n *yaml.Node) (post.Post, error) {
	m := resolve(n)
	if m.Kind != yaml.MappingNode {
		return post.Post{}, errorAt(n, "post must be a mapping, got %s", nodeKind(m))
	}
	if err := b.mapping(m, 0); err != nil {
		return post.Post{}, err
	}
	if b.set&fieldText == 0 && b.p.ReplyTo == nil && len(b.p.Media) == 0 {
		return post.Post{}, errNoText
	}
	if err := checkPost(&b.p); err != nil {
		return post.Post{}, err
	}
	return b.p, nil
}

// errTooLarge is the error for a post whose fields take more nodes than the
// budget allows.
var errTooLarge = errors.New("post is too large, or has too many aliases or merge keys")

// spend takes n nodes from the budget.
func (b *yamlPostBuilder) spend(n int) error {
	b.budget -= n
	if b.budget < 0 {
		return errTooLarge
	}
	return nil
}

// mapping reads the fields of a post mapping m. Fields already set are left
// alone: they come from a mapping that m has been merged into (with "<<"),
// and a mapping's own keys take precedence over merged ones. depth is the
// number of merges that led to m.
func (b *yamlPostBuilder) mapping(m *yaml.Node, depth int) error {
	if depth > 100 {
		return errorAt(m, "merge keys (<<) nested too deep")
	}
	var own field
	var merges []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := resolve(m.Content[i]), m.Content[i+1]
		if err := b.spend(2); err != nil {
			return err
		}
		if k.Kind != yaml.ScalarNode {
			continue
		}
		if k.Value == "<<" && k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		f := fieldNamed(k.Value)
		if f == 0 {
			continue // Unknown keys, such as "expect" and "why", are ignored.
		}
		if own&f != 0 {
			return errorAt(k, "%q is given twice", k.Value)
		}
		own |= f
		if b.set&f != 0 {
			continue
		}
		if err := b.field(f, k.Value, v); err != nil {
			return err
		}
	}
	for _, v := range merges {
		if err := b.merge(v, depth); err != nil {
			return err
		}
	}
	return nil
}

// merge reads the value of a merge key: a mapping or a list of mappings.
func (b *yamlPostBuilder) merge(v *yaml.Node, depth int) error {
	v = resolve(v)
	switch v.Kind {
	case yaml.MappingNode:
		return b.mapping(v, depth+1)
	case yaml.SequenceNode:
		for _, item := range v.Content {
			if err := b.spend(1); err != nil {
				return err
			}
			m := resolve(item)
			if m.Kind != yaml.MappingNode {
				return errorAt(item, "merge key (<<) must be a mapping or a list of mappings, got a list holding %s", nodeKind(m))
			}
			if err := b.mapping(m, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return errorAt(v, "merge key (<<) must be a mapping or a list of mappings, got %s", nodeKind(v))
}

// field sets field f, whose key is key, from node v.
func (b *yamlPostBuilder) field(f field, key string, v *yaml.Node) error {
	v = resolve(v)
	if isNull(v) {
		if f != fieldText {
			return nil // A null field is as good as a missing one.
		}
		return errNoText
	}
	b.set |= f
	var err error
	switch f {
	case fieldID:
		b.p.ID, err = scalar(v, key)
	case fieldChannel:
		b.p.Channel, err = scalar(v, key)
	case fieldAccount:
		b.p.Account, err = scalar(v, key)
	case fieldText:
		b.p.Text, err = scalar(v, key)
	case fieldScheduledAt:
		b.p.ScheduledAt, err = scalar(v, key)
	case fieldReplyTo:
		b.p.ReplyTo, err = b.reply(v)
	case fieldMedia:
		b.p.Media, err = b.media(v)
	case fieldDirective:
		b.p.Directive, err = b.directive(v)
	}
	return err
}

// reply reads reply_to: a mapping, or the text of the comment.
func (b *yamlPostBuilder) reply(v *yaml.Node) (*post.Reply, error) {
	var r post.Reply
	if v.Kind == yaml.ScalarNode {
		r.Text = v.Value
		return &r, nil
	}
	err := b.fields(v, "reply_to", "a mapping or a string", func(key string, v *yaml.Node) (err error) {
		switch key {
		case "author":
			r.Author, err = scalar(v, "reply_to.author")
		case "text":
			r.Text, err = scalar(v, "reply_to.text")
		case "action":
			r.Action, err = scalar(v, "reply_to.action")
			r.Action = normalAction(r.Action)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// media reads media: a list of items, one item, or one file name.
func (b *yamlPostBuilder) media(v *yaml.Node) ([]post.Media, error) {
	if v.Kind != yaml.SequenceNode {
		m, err := b.mediaItem(v)
		if err != nil {
			return nil, err
		}
		return []post.Media{m}, nil
	}
	if err := b.spend(len(v.Content)); err != nil {
		return nil, err
	}
	media := make([]post.Media, 0, len(v.Content))
	for _, item := range v.Content {
		item = resolve(item)
		if isNull(item) {
			continue
		}
		m, err := b.mediaItem(item)
		if err != nil {
			return nil, err
		}
		media = append(media, m)
	}
	return media, nil
}

// mediaItem reads one media item: a mapping or a file name.
func (b *yamlPostBuilder) mediaItem(v *yaml.Node) (post.Media, error) {
	var m post.Media
	if v.Kind == yaml.ScalarNode {
		m.File = v.Value
		return m, nil
	}
	err := b.fields(v, "media item", "a mapping or a file name", func(key string, v *yaml.Node) (err error) {
		switch key {
		case "file":
			m.File, err = scalar(v, "media.file")
		case "alt_text":
			m.AltText, err = scalar(v, "media.alt_text")
		case "consent":
			m.Consent, err = boolean(v, "media.consent")
		}
		return err
	})
	return m, err
}

// directive reads the postlint field: ignore, a list or one rule, and reason.
func (b *yamlPostBuilder) directive(v *yaml.Node) (*post.Directive, error) {
	var d post.Directive
	err := b.fields(v, "postlint", "a mapping", func(key string, v *yaml.Node) (err error) {
		switch key {
		case "ignore":
			d.Ignore, err = b.strings(v, "postlint.ignore")
		case "reason":
			d.Reason, err = scalar(v, "postlint.reason")
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// strings reads a list of strings, or one string.
func (b *yamlPostBuilder) strings(v *yaml.Node, name string) ([]string, error) {
	if v.Kind == yaml.ScalarNode {
		return []string{v.Value}, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, errorAt(v, "%q must be a string or a list of strings, got %s", name, nodeKind(v))
	}
	if err := b.spend(len(v.Content)); err != nil {
		return nil, err
	}
	list := make([]string, 0, len(v.Content))
	for _, item := range v.Content {
		s, err := scalar(resolve(item), name)
		if err != nil {
			return nil, err
		}
		list = append(list, s)
	}
	return list, nil
}

// fields calls set for each key of the mapping v, with the key's value
// resolved; null values are skipped. name and want describe v for errors.
func (b *yamlPostBuilder) fields(v *yaml.Node, name, want string, set func(key string, v *yaml.Node) error) error {
	if v.Kind != yaml.MappingNode {
		return errorAt(v, "%q must be %s, got %s", name, want, nodeKind(v))
	}
	if err := b.spend(len(v.Content)); err != nil {
		return err
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := resolve(v.Content[i]), resolve(v.Content[i+1])
		if k.Kind != yaml.ScalarNode || isNull(val) {
			continue
		}
		if err := set(k.Value, val); err != nil {
			return err
		}
	}
	return nil
}

// scalar returns the text of a scalar node, as written.
func scalar(v *yaml.Node, name string) (string, error) {
	if v.Kind != yaml.ScalarNode {
		return "", errorAt(v, "%q must be a string, got %s", name, nodeKind(v))
	}
	if isNull(v) {
		return "", nil
	}
	return v.Value, nil
}

// boolean reads a YAML boolean, accepting yes/no and on/off as well as
// true/false, as yaml.v3 does when decoding into a bool.
func boolean(v *yaml.Node, name string) (bool, error) {
	if v.Kind == yaml.ScalarNode {
		switch strings.ToLower(v.Value) {
		case "true", "yes", "y", "on":
			return true, nil
		case "false", "no", "n", "off":
			return false, nil
		}
	}
	if v.Kind == yaml.ScalarNode {
		return false, errorAt(v, "%q must be true or false, got %q", name, v.Value)
	}
	return false, errorAt(v, "%q must be true or false, got %s", name, nodeKind(v))
}

// resolve follows an alias to the node it names. The node returned for an
// alias is a copy of that node placed where the alias is, so that problems
// with it are reported where it is used.
func resolve(n *yaml.Node) *yaml.Node {
	if n.Kind != yaml.AliasNode || n.Alias == nil {
		return n
	}
	v := *n.Alias
	v.Line, v.Column = n.Line, n.Column
	return &v
}

// isNull reports whether n is a null scalar.
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// lookup returns the value of key in mapping m, or nil.
func lookup(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// nodeKind names the kind of a node for error messages.
func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		if isNull(n) {
			return "null"
		}
		return "a scalar"
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

// yamlErrorLine returns the line and message of an error from parsing data.
// Some errors from the parser carry no line: for those, the line is found
// in data if possible, and is 1 otherwise.
func yamlErrorLine(err error, data []byte) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if line, err := strconv.Atoi(num); err == nil && line > 0 {
				if parserProblem(text) {
					// yaml.v3 counts lines from 0 in the errors of its
					// parser (though from 1 in those of its scanner).
					line++
				}
				// The end of the input may be reported on the line after
				// the last.
				return min(line, yamlLine(data, len(data))), text
			}
		}
	}
	at := unprintable(data)
	if _, rest, ok := strings.Cut(msg, "unknown anchor '"); ok {
		if name, _, ok := strings.Cut(rest, "' referenced"); ok {
			at = bytes.Index(data, []byte("*"+name))
		}
	}
	if at < 0 {
		return 1, msg
	}
	return yamlLine(data, at), msg
}

// yamlLine returns the line number of offset at in data, counting line
// breaks as YAML does: "\r\n", "\r", "\n", and the Unicode next line, line
// separator and paragraph separator. A break at the very end of data does not
// start a line.
func yamlLine(data []byte, at int) int {
	line := 1
	for i := 0; i < at && i < len(data); i++ {
		n := 0 // the length of a line break at i
		switch c := data[i]; {
		case c == '\n':
			n = 1
		case c == '\r':
			n = 1
			if i+1 < len(data) && data[i+1] == '\n' {
				n = 2
			}
		case c == 0xc2 && i+1 < len(data) && data[i+1] == 0x85:
			n = 2
		case c == 0xe2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xa8 || data[i+2] == 0xa9):
			n = 3
		}
		if n == 0 {
			continue
		}
		if i+n <= at && i+n < len(data) {
			line++
		}
		i += n - 1
	}
	return line
}

// parserProblem reports whether msg is one of the problems that the yaml.v3
// parser, rather than its scanner, reports.
func parserProblem(msg string) bool {
	switch msg {
	case "did not find expected <stream-start>",
		"did not find expected <document start>",
		"did not find expected node content",
		"did not find expected '-' indicator",
		"did not find expected key",
		"did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
		"found undefined tag handle",
		"found duplicate %YAML directive",
		"found duplicate %TAG directive",
		"found incompatible YAML document":
		return true
	}
	return false
}

// unprintable returns the offset of the first byte of data that YAML does not
// allow: invalid UTF-8 and most control characters. It returns -1 if there is
// none.
func unprintable(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1,
			r < 0x20 && r != '\t' && r != '\n' && r != '\r',
			r >= 0x7f && r <= 0x9f && r != 0x85,
			r == 0xfffe || r == 0xffff:
			return i
		}
		i += size
	}
	return -1
}
