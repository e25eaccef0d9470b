// Package rulepack loads postlint's YAML rules strictly: unknown fields, a
// missing clause, a bad regular expression, a duplicate id or an unknown
// category are errors naming the file, line and column.
package rulepack

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"

	"go.yaml.in/yaml/v3"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/phrase"
	"github.com/postlint/postlint/internal/post"
)

// Categories are the stable category ids, in the order of the design.
var categories = []string{
	"nhs-number", "phone-number", "patient-identifier", "workplace-photo", "insult",
	"negative-reply", "colleague-criticism", "confidential-info", "security-arrangements",
	"legal-risk", "copyright", "insecure-messaging", "media-contact", "safeguarding",
	"official-capacity",
}

// Categories returns the stable category ids.
func Categories() []string { return slices.Clone(categories) }

// A Clause is one clause of the policy.
type Clause struct {
	ID    string `yaml:"-"`
	Title string `yaml:"title"`
	Text  string `yaml:"text"`
	Why   string `yaml:"why"`
}

// A Pack is a loaded, compiled set of rules.
type Pack struct {
	Clauses map[string]Clause
	Rules   []*Rule
}

// Rule returns the rule with the given id, or nil.
func (p *Pack) Rule(id string) *Rule {
	for _, r := range p.Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// When restricts the posts a rule looks at.
type When struct {
	Account     string   `yaml:"account"`
	Channel     []string `yaml:"channel"`
	HasMedia    *bool    `yaml:"has_media"`
	HasReply    *bool    `yaml:"has_reply"`
	ReplyAction []string `yaml:"reply_action"`
}

// Applies reports whether p satisfies the conditions.
func (w *When) Applies(p *post.Post) bool {
	switch w.Account {
	case "personal":
		if !p.Personal() {
			return false
		}
	case "corporate":
		if p.Personal() {
			return false
		}
	}
	if len(w.Channel) > 0 && !slices.Contains(w.Channel, p.Channel) {
		return false
	}
	if w.HasMedia != nil && *w.HasMedia != (len(p.Media) > 0) {
		return false
	}
	hasReply := p.ReplyTo != nil && (p.ReplyTo.Text != "" || p.ReplyTo.Author != "")
	if w.HasReply != nil && *w.HasReply != hasReply {
		return false
	}
	if len(w.ReplyAction) > 0 && (!hasReply || !slices.Contains(w.ReplyAction, p.ReplyTo.EffectiveAction())) {
		return false
	}
	return true
}

type contextSpec struct {
	Window   *int       `yaml:"window"`
	Require  [][]string `yaml:"require"`
	Veto     []string   `yaml:"veto"`
	Boost    []string   `yaml:"boost"`
	BoostBy  float64    `yaml:"boost_by"`
	Lower    []string   `yaml:"lower"`
	LowerBy  float64    `yaml:"lower_by"`
	PostVeto []string   `yaml:"post_veto"`
	// Near, NearVeto, QuotedVeto, Sentence and Also: see context_more.go.
	Near       *int       `yaml:"near"`
	NearVeto   []string   `yaml:"near_veto"`
	QuotedVeto []string   `yaml:"quoted_veto"`
	Sentence   bool       `yaml:"sentence"`
	Also       []alsoSpec `yaml:"also"`
	Some       *someSpec  `yaml:"some"`
}

// Context is a rule's compiled context: words around a match that require,
// veto, raise or lower it.
type Context struct {
	// Gate holds what decides whether the rule may find anything in a
	// post before its detector runs.
	Gate
	Window  int // words each side; 0: the whole field
	Veto    *phrase.Set
	Boost   *phrase.Set
	BoostBy float64
	Lower   *phrase.Set
	LowerBy float64
	// Near is the window (words each side) in which NearVeto drops a match.
	Near     int
	NearVeto *phrase.Set
	// QuotedVeto drops a match inside quotation marks when one of its
	// words occurs anywhere in the match's field: abuse reported, not
	// said ("staff are called 'useless' every day: zero tolerance").
	QuotedVeto *phrase.Set
	// Sentence keeps the window inside the match's sentence.
	Sentence bool
	// Also are conditions on other fields of the post.
	Also []Also
	// Some requires at least SomeMin of SomeGroups in the window; SomeRe
	// holds each group's "re:" entries.
	SomeMin    int
	SomeGroups []*phrase.Set
	SomeRe     []Patterns
	// VetoRe, BoostRe and LowerRe are the lists' "re:" entries: see
	// context_re.go.
	VetoRe, BoostRe, LowerRe Patterns
}

// Gate is the part of a rule's context the engine consults before running
// the rule's detector: words (or patterns) one of which each require group
// needs in the field, and words (or patterns) anywhere in the post that
// drop the rule's matches.
type Gate struct {
	Require []*phrase.Set
	// RequireRe are the "re:" entries of each Require group.
	RequireRe  []Patterns
	PostVeto   *phrase.Set
	PostVetoRe Patterns
}

// Examples are a rule's own test cases.
type Examples struct {
	Flag []Example
	Pass []Example
}

// An Example is a post with the line it is written on.
type Example struct {
	Post post.Post
	Line int
}

// A Rule is one compiled rule. Its detector and its context's word lists
// and patterns, the costly parts, are compiled at Load, or, for a rule of
// a lazy layer, at their first use (Detector, Gate, Context: see lazy.go).
type Rule struct {
	ID            string
	Category      string
	Severity      finding.Severity
	Confidence    float64
	MinConfidence float64
	Clause        Clause
	Sensitive     bool
	Message       *template.Template
	Suggestion    *template.Template
	MessageSrc    string
	SuggestionSrc string
	Description   string
	Fields        []string
	When          When
	Kind          string
	Allow         map[string]bool
	Examples      Examples
	File          string
	Line, Col     int

	src       *ruleSource
	det       any // detect.Detector, and maybe detect.PostDetector
	ctx       Context
	detStage  stage // det built
	gateStage stage // ctx.Gate compiled
	ctxStage  stage // the rest of ctx compiled
}

type ruleSpec struct {
	ID            string       `yaml:"id"`
	Category      string       `yaml:"category"`
	Severity      string       `yaml:"severity"`
	Confidence    float64      `yaml:"confidence"`
	MinConfidence float64      `yaml:"min_confidence"`
	Clause        string       `yaml:"clause"`
	Sensitive     bool         `yaml:"sensitive"`
	Message       string       `yaml:"message"`
	Suggestion    string       `yaml:"suggestion"`
	Description   string       `yaml:"description"`
	Fields        []string     `yaml:"fields"`
	When          When         `yaml:"when"`
	Detector      yaml.Node    `yaml:"detector"`
	Context       contextSpec  `yaml:"context"`
	Allow         []string     `yaml:"allow"`
	Examples      examplesSpec `yaml:"examples"`
}

type examplesSpec struct {
	Flag []yaml.Node `yaml:"flag"`
	Pass []yaml.Node `yaml:"pass"`
}

type fileSpec struct {
	Rules []yaml.Node `yaml:"rules"`
}

// A Layer is one source of rules: the default pack or an organisation's
// directory. Later layers add rules and replace rules with the same id.
type Layer struct {
	FS   fs.FS
	Name string // shown in error messages, e.g. "rules" or the directory
	// Lazy compiles each rule's detector and context lists at their first
	// use rather than at Load, so that a command checking one draft
	// compiles only what that draft needs. Load then reports only the
	// errors it finds without compiling them; one found later panics.
	// Set it only for a pack whose rules are known to compile, as the
	// embedded default pack's are (its tests compile it in full): an
	// organisation's rules must be compiled at Load so that their errors
	// name the file and line.
	Lazy bool
	// SkipExamples leaves the rules' examples out, unread: a pack loaded
	// to check posts never runs them, and they are a third of the default
	// pack's text. They are cut from each file's text before it is parsed
	// (cutExamples), which takes the layout of the default pack's files
	// for granted: set it only for a pack laid out so, as the embedded
	// default pack is (its tests load it both ways and compare).
	SkipExamples bool
}

// Load reads and compiles the layers. The first layer must hold
// clauses.yaml; later layers may add clauses of their own.
func Load(res *detect.Resources, layers ...Layer) (*Pack, error) {
	p := &Pack{Clauses: map[string]Clause{}}
	var errs []error
	byID := map[string]int{}
	for li, layer := range layers {
		if err := p.loadClauses(layer); err != nil {
			errs = append(errs, err)
			continue
		}
		files, err := fs.Glob(layer.FS, "*.yaml")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", layer.Name, err)
		}
		ymls, _ := fs.Glob(layer.FS, "*.yml")
		files = append(files, ymls...)
		sort.Strings(files)
		files = slices.DeleteFunc(files, func(f string) bool { return f == "clauses.yaml" || f == "sites.yaml" })
		// Files compile in parallel; their rules are then taken in the
		// files' order.
		type loaded struct {
			rules []*Rule
			err   error
		}
		results := make([]loaded, len(files))
		// The largest files first, so that the workers finish together.
		order := make([]int, len(files))
		sizes := make([]int64, len(files))
		for i, f := range files {
			order[i] = i
			if st, err := fs.Stat(layer.FS, f); err == nil {
				sizes[i] = st.Size()
			}
		}
		sort.SliceStable(order, func(a, b int) bool { return sizes[order[a]] > sizes[order[b]] })
		var next atomic.Int32
		var wg sync.WaitGroup
		// The layer's rules compile in one environment, which caches the
		// lists they share: at Load, from the workers, or later, from any
		// goroutine, for a lazy layer.
		env := &detect.Env{ReadList: listReader(layers[:li+1]), ReadFile: fileReader(layers[:li+1]), Open: fileOpener(layers[:li+1]), Resources: res}
		for range min(runtime.GOMAXPROCS(0), len(files)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := int(next.Add(1)) - 1; k < len(files); k = int(next.Add(1)) - 1 {
					i := order[k]
					results[i].rules, results[i].err = loadFile(layer, files[i], p.Clauses, env)
				}
			}()
		}
		wg.Wait()
		seen := map[string]string{}
		for _, lf := range results {
			rules, err := lf.rules, lf.err
			if err != nil {
				errs = append(errs, err)
				continue
			}
			for _, r := range rules {
				if prev, dup := seen[r.ID]; dup {
					errs = append(errs, &posError{File: r.File, Line: r.Line, Col: r.Col, Err: fmt.Errorf("duplicate rule id %q (first defined at %s)", r.ID, prev)})
					continue
				}
				seen[r.ID] = fmt.Sprintf("%s:%d", r.File, r.Line)
				if i, ok := byID[r.ID]; ok {
					p.Rules[i] = r
					continue
				}
				byID[r.ID] = len(p.Rules)
				p.Rules = append(p.Rules, r)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(p.Rules) == 0 {
		return nil, fmt.Errorf("no rules found")
	}
	return p, nil
}

func (p *Pack) loadClauses(layer Layer) error {
	name := path.Join(layer.Name, "clauses.yaml")
	data, err := fs.ReadFile(layer.FS, "clauses.yaml")
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %s", name, cleanYAMLError(err))
	}
	var spec struct {
		Clauses yaml.Node `yaml:"clauses"`
	}
	if err := decodeStrict(name, &doc, &spec); err != nil {
		return err
	}
	m := &spec.Clauses
	if m.Kind != yaml.MappingNode {
		return errAt(name, m, "clauses: expected a mapping of clause ids")
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		var c Clause
		if err := decodeStrict(name, m.Content[i+1], &c); err != nil {
			return err
		}
		if c.Text == "" || c.Title == "" {
			return errAt(name, m.Content[i+1], "clause %q needs a title and a text", m.Content[i].Value)
		}
		c.ID = m.Content[i].Value
		p.Clauses[c.ID] = c
	}
	return nil
}

// fileReader reads a file of the pack, from the last layer that has it.
func fileReader(layers []Layer) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) { return fromLastLayer(layers, name, fs.ReadFile) }
}

// fileOpener opens a file of the pack, from the last layer that has it.
func fileOpener(layers []Layer) func(string) (fs.File, error) {
	return func(name string) (fs.File, error) {
		return fromLastLayer(layers, name, func(fsys fs.FS, name string) (fs.File, error) { return fsys.Open(name) })
	}
}

// fromLastLayer gets file name with get from the last layer that has it.
func fromLastLayer[T any](layers []Layer, name string, get func(fs.FS, string) (T, error)) (T, error) {
	var zero T
	for i := len(layers) - 1; i >= 0; i-- {
		v, err := get(layers[i].FS, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return zero, fmt.Errorf("%s: %w", name, err)
		}
		return v, nil
	}
	return zero, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
}

// listReader reads a list file of the pack, from the last layer that has
// it (detect.Env caches what it reads).
func listReader(layers []Layer) func(string) ([]string, error) {
	return func(name string) ([]string, error) {
		for i := len(layers) - 1; i >= 0; i-- {
			text, err := readString(layers[i].FS, name)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("list %s: %w", name, err)
			}
			// The entries are the lines of one string: a list of
			// thousands of lines costs one allocation, not thousands.
			out := make([]string, 0, strings.Count(text, "\n")+1)
			for line := range strings.Lines(text) {
				if len(line) > 1<<20 {
					return nil, fmt.Errorf("list %s: %w", name, bufio.ErrTooLong)
				}
				line = strings.TrimSpace(line)
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				out = append(out, line)
			}
			return out, nil
		}
		return nil, fmt.Errorf("list %s: not found in the rule pack", name)
	}
}

// readString reads a file of fsys as a string, with no copy of it beside.
func readString(fsys fs.FS, name string) (string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	if st, err := f.Stat(); err == nil && st.Size() < 1<<30 {
		b.Grow(int(st.Size()))
	}
	if _, err := io.Copy(&b, f); err != nil {
		return "", err
	}
	return b.String(), nil
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func loadFile(layer Layer, file string, clauses map[string]Clause, env *detect.Env) ([]*Rule, error) {
	name := path.Join(layer.Name, file)
	data, err := fs.ReadFile(layer.FS, file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if layer.SkipExamples {
		data = cutExamples(data)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %s", name, cleanYAMLError(err))
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	var spec fileSpec
	if err := decodeStrict(name, &doc, &spec); err != nil {
		return nil, err
	}
	var rules []*Rule
	var errs []error
	for i := range spec.Rules {
		r, err := compileRule(name, &spec.Rules[i], clauses, env)
		if err == nil && !layer.Lazy {
			err = r.compile()
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rules = append(rules, r)
	}
	return rules, errors.Join(errs...)
}

type nodeOptions struct {
	file string
	node *yaml.Node
}

func (o nodeOptions) Decode(v any) error { return decodeStrict(o.file, o.node, v) }

// compileRule reads a rule and checks it, all but its detector and
// context lists, which it keeps for compile (lazy.go) to compile.
func compileRule(file string, n *yaml.Node, clauses map[string]Clause, env *detect.Env) (*Rule, error) {
	var s ruleSpec
	if err := decodeStrict(file, n, &s); err != nil {
		return nil, err
	}
	field := func(key string) *yaml.Node {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1]
			}
		}
		return n
	}
	r := &Rule{ID: s.ID, Category: s.Category, Confidence: s.Confidence, MinConfidence: s.MinConfidence,
		Sensitive: s.Sensitive, Description: s.Description, Fields: s.Fields, When: s.When,
		MessageSrc: s.Message, SuggestionSrc: s.Suggestion, File: file, Line: n.Line, Col: n.Column}
	if !idPattern.MatchString(s.ID) {
		return nil, errAt(file, field("id"), "rule id %q must be lower-case words joined by '-'", s.ID)
	}
	if !slices.Contains(categories, s.Category) {
		return nil, errAt(file, field("category"), "rule %s: unknown category %q (known: %s)", s.ID, s.Category, strings.Join(categories, ", "))
	}
	sev, err := finding.ParseSeverity(s.Severity)
	if err != nil {
		return nil, errAt(file, field("severity"), "rule %s: %v", s.ID, err)
	}
	r.Severity = sev
	c, ok := clauses[s.Clause]
	if !ok {
		return nil, errAt(file, field("clause"), "rule %s: clause %q is not in clauses.yaml", s.ID, s.Clause)
	}
	r.Clause = c
	if r.Confidence == 0 {
		r.Confidence = 0.8
	}
	if r.MinConfidence == 0 {
		r.MinConfidence = 0.5
	}
	if r.Confidence < 0 || r.Confidence > 1 || r.MinConfidence < 0 || r.MinConfidence > 1 {
		return nil, errAt(file, field("confidence"), "rule %s: confidences lie between 0 and 1", s.ID)
	}
	if s.Message == "" {
		return nil, errAt(file, n, "rule %s: no message", s.ID)
	}
	if r.Message, err = template.New(s.ID).Option("missingkey=error").Parse(s.Message); err != nil {
		return nil, errAt(file, field("message"), "rule %s: message: %v", s.ID, err)
	}
	if r.Suggestion, err = template.New(s.ID).Option("missingkey=error").Parse(s.Suggestion); err != nil {
		return nil, errAt(file, field("suggestion"), "rule %s: suggestion: %v", s.ID, err)
	}
	for _, f := range s.Fields {
		if !detect.ValidField(f) {
			return nil, errAt(file, field("fields"), "rule %s: unknown field %q (text, reply, alt_text, file, author)", s.ID, f)
		}
	}
	switch s.When.Account {
	case "", "personal", "corporate":
	default:
		return nil, errAt(file, field("when"), "rule %s: account %q is neither personal nor corporate", s.ID, s.When.Account)
	}
	// Detector.
	dn := &s.Detector
	if dn.Kind != yaml.MappingNode {
		return nil, errAt(file, field("detector"), "rule %s: detector: expected a mapping with a kind", s.ID)
	}
	for i := 0; i+1 < len(dn.Content); i += 2 {
		if dn.Content[i].Value == "kind" {
			r.Kind = dn.Content[i+1].Value
		}
	}
	if _, ok := detect.Kinds()[r.Kind]; !ok {
		names := make([]string, 0)
		for k := range detect.Kinds() {
			names = append(names, k)
		}
		sort.Strings(names)
		return nil, errAt(file, dn, "rule %s: unknown detector kind %q (known: %s)", s.ID, r.Kind, strings.Join(names, ", "))
	}
	// Context: the window and weights now, the lists with the detector.
	if err := r.ctx.setScalars(&s.Context); err != nil {
		return nil, errAt(file, field("context"), "rule %s: context: %v", s.ID, err)
	}
	r.src = &ruleSource{detector: dn, context: &s.Context, contextNode: field("context"), env: env}
	r.Allow = map[string]bool{}
	for _, a := range s.Allow {
		r.Allow[NormaliseAllow(a)] = true
	}
	// Examples.
	for _, set := range []struct {
		nodes []yaml.Node
		dst   *[]Example
	}{{s.Examples.Flag, &r.Examples.Flag}, {s.Examples.Pass, &r.Examples.Pass}} {
		for i := range set.nodes {
			en := &set.nodes[i]
			var ex Example
			ex.Line = en.Line
			switch en.Kind {
			case yaml.ScalarNode:
				ex.Post.Text = en.Value
			case yaml.MappingNode:
				if err := decodeStrict(file, en, &ex.Post); err != nil {
					return nil, err
				}
			default:
				return nil, errAt(file, en, "rule %s: an example is a text or a post", s.ID)
			}
			*set.dst = append(*set.dst, ex)
		}
	}
	return r, nil
}

// setScalars sets the context's window, distances and weights, checking
// them.
func (c *Context) setScalars(s *contextSpec) error {
	c.Window = 8
	if s.Window != nil {
		c.Window = *s.Window
	}
	if c.Window < 0 {
		return fmt.Errorf("window %d is negative", c.Window)
	}
	c.Near = 3
	if s.Near != nil {
		c.Near = *s.Near
	}
	if c.Near < 0 {
		return fmt.Errorf("near %d is negative", c.Near)
	}
	c.Sentence = s.Sentence
	if s.Some != nil {
		if s.Some.Min < 1 || s.Some.Min > len(s.Some.Groups) {
			return fmt.Errorf("some: min %d must be between 1 and the number of groups (%d)", s.Some.Min, len(s.Some.Groups))
		}
		c.SomeMin = s.Some.Min
	}
	for i, a := range s.Also {
		if !detect.ValidField(a.Field) {
			return fmt.Errorf("also[%d]: unknown field %q (text, reply, alt_text, file, author)", i, a.Field)
		}
		negativity := a.MinNegativity != nil || a.MaxNegativity != nil
		if len(a.Require) == 0 && len(a.Veto) == 0 && !negativity {
			if len(a.Unless) > 0 {
				return fmt.Errorf("also[%d]: unless needs require, veto, min_negativity or max_negativity to waive", i)
			}
			return fmt.Errorf("also[%d]: give require, veto, min_negativity or max_negativity", i)
		}
		if negativity != (a.Sentiment != "") {
			return fmt.Errorf("also[%d]: sentiment and min_negativity or max_negativity go together", i)
		}
		for _, n := range []*float64{a.MinNegativity, a.MaxNegativity} {
			if n != nil && (*n < 0 || *n > 1) {
				return fmt.Errorf("also[%d]: negativity %v is not between 0 and 1", i, *n)
			}
		}
		if a.MinNegativity != nil && a.MaxNegativity != nil && *a.MinNegativity > *a.MaxNegativity {
			return fmt.Errorf("also[%d]: min_negativity %v is above max_negativity %v", i, *a.MinNegativity, *a.MaxNegativity)
		}
	}
	c.BoostBy, c.LowerBy = s.BoostBy, s.LowerBy
	if c.BoostBy == 0 {
		c.BoostBy = 0.15
	}
	if c.LowerBy == 0 {
		c.LowerBy = 0.3
	}
	return nil
}

// compileGate compiles the require groups and the post_veto list.
func compileGate(s *contextSpec, env *detect.Env) (Gate, error) {
	var g Gate
	for _, group := range s.Require {
		set, res, err := compileList(group, env)
		if err != nil {
			return Gate{}, err
		}
		g.Require = append(g.Require, set)
		g.RequireRe = append(g.RequireRe, res)
	}
	var err error
	if g.PostVeto, g.PostVetoRe, err = compileList(s.PostVeto, env); err != nil {
		return Gate{}, err
	}
	return g, nil
}

// compileLists compiles the lists the context weighs a match with: veto,
// boost, lower and those of compileMore.
func (c *Context) compileLists(s *contextSpec, env *detect.Env) error {
	for _, t := range []struct {
		set *(*phrase.Set)
		res *Patterns
		src []string
	}{{&c.Veto, &c.VetoRe, s.Veto}, {&c.Boost, &c.BoostRe, s.Boost}, {&c.Lower, &c.LowerRe, s.Lower}} {
		var err error
		if *t.set, *t.res, err = compileList(t.src, env); err != nil {
			return err
		}
	}
	return c.compileMore(s, env)
}

// compileList compiles a context list: its words and phrases, and its "re:"
// entries.
func compileList(entries []string, env *detect.Env) (*phrase.Set, Patterns, error) {
	words, res, err := splitPatterns(entries, env)
	if err != nil {
		return nil, nil, err
	}
	set, err := detect.Terms(words, env)
	if err != nil {
		return nil, nil, err
	}
	return set, res, nil
}

// NormaliseAllow folds an allow-list entry or a match for comparison: lower
// case, only letters and digits kept, a leading +44 or 0044 read as 0.
func NormaliseAllow(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	out := b.String()
	if strings.HasPrefix(strings.TrimSpace(s), "+44") {
		out = "0" + strings.TrimPrefix(out, "44")
	} else if strings.HasPrefix(out, "0044") {
		out = "0" + strings.TrimPrefix(out, "0044")
	}
	return out
}

func sortStrings(s []string) { sort.Strings(s) }
