package postlint

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"runtime"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/engine"
	"github.com/postlint/postlint/internal/finding"
	"github.com/postlint/postlint/internal/post"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/rules"
)

// Public types are aliases of the internal ones, so values pass between the
// library and postlint's own packages without conversion.
type (
	// Post is a draft: only Text is required.
	Post = post.Post
	// Reply is the comment a post answers, likes or shares.
	Reply = post.Reply
	// Media is an attachment.
	Media = post.Media
	// Source says where a post was read from.
	Source = post.Source
	// Finding is one breach of a policy clause.
	Finding = finding.Finding
	// Span locates a finding in the post's text.
	Span = finding.Span
	// Result is the verdict on one post.
	Result = finding.Result
	// Severity is error, warning or info.
	Severity = finding.Severity
	// Verdict is ok, review or block.
	Verdict = finding.Verdict
)

// Severities and verdicts.
const (
	Info    = finding.Info
	Warning = finding.Warning
	Error   = finding.Error

	OK     = finding.OK
	Review = finding.Review
	Block  = finding.Block
)

// Linter checks posts against a rule pack. Build it once with New; it is
// safe for concurrent use.
type Linter struct {
	eng *engine.Linter
}

type config struct {
	layers    []rulepack.Layer
	noDefault bool
	opts      engine.Options
}

// An Option configures New.
type Option func(*config) error

// WithRulesDir adds the rules of a directory to the pack: they add to the
// default rules and replace default rules of the same id.
func WithRulesDir(dir string) Option {
	return func(c *config) error {
		st, err := os.Stat(dir)
		if err != nil {
			return fmt.Errorf("rules directory: %w", err)
		}
		if !st.IsDir() {
			return fmt.Errorf("rules directory %s: not a directory", dir)
		}
		c.layers = append(c.layers, rulepack.Layer{FS: os.DirFS(dir), Name: dir})
		return nil
	}
}

// WithRulesFS adds the rules of fsys, named name in error messages.
func WithRulesFS(fsys fs.FS, name string) Option {
	return func(c *config) error {
		c.layers = append(c.layers, rulepack.Layer{FS: fsys, Name: name})
		return nil
	}
}

// WithoutDefaultRules starts from an empty pack instead of the embedded one;
// the first rules given must then hold a clauses.yaml.
func WithoutDefaultRules() Option {
	return func(c *config) error { c.noDefault = true; return nil }
}

// WithDisabled turns off rules or whole categories by id.
func WithDisabled(ids ...string) Option {
	return func(c *config) error { c.opts.Disable = append(c.opts.Disable, ids...); return nil }
}

// WithSeverity overrides the severity of a rule or a category.
func WithSeverity(id string, s Severity) Option {
	return func(c *config) error {
		if c.opts.Severity == nil {
			c.opts.Severity = map[string]finding.Severity{}
		}
		c.opts.Severity[id] = s
		return nil
	}
}

// WithAllow allows matches of a rule or a whole category: the
// organisation's published phone numbers ("01803 217398"), its email
// domains ("@nhs.net"), the names of people who gave consent. Entries are
// compared as the rules' own allow-lists are (case, spaces and punctuation
// ignored; +44 read as 0).
func WithAllow(id string, entries ...string) Option {
	return func(c *config) error {
		if c.opts.Allow == nil {
			c.opts.Allow = map[string][]string{}
		}
		c.opts.Allow[id] = append(c.opts.Allow[id], entries...)
		return nil
	}
}

// New builds a linter from the embedded default rule pack and the options.
func New(opts ...Option) (*Linter, error) {
	var c config
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	layers := c.layers
	if !c.noDefault {
		layers = append([]rulepack.Layer{{FS: rules.FS(), Name: "rules"}}, layers...)
	}
	if len(layers) == 0 {
		return nil, errors.New("no rules: WithoutDefaultRules needs WithRulesDir or WithRulesFS")
	}
	res := &detect.Resources{}
	pack, err := rulepack.Load(res, layers...)
	if err != nil {
		return nil, err
	}
	eng, err := engine.New(pack, res, c.opts)
	if err != nil {
		return nil, err
	}
	return &Linter{eng: eng}, nil
}

// Lint checks one post. It returns an error only when ctx is done.
func (l *Linter) Lint(ctx context.Context, p Post) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	return l.eng.Lint(&p, nil), nil
}

// LintAll checks many posts on all CPUs and yields their results in input
// order, streaming: memory does not grow with the number of posts. It stops
// when ctx is done (yielding ctx's error) or when the caller stops ranging.
func (l *Linter) LintAll(ctx context.Context, posts iter.Seq[Post]) iter.Seq2[Result, error] {
	return func(yield func(Result, error) bool) {
		next, stop := iter.Pull(posts)
		defer stop()
		errStop := errors.New("stop")
		err := l.eng.Stream(ctx, runtime.GOMAXPROCS(0), func() (engine.Item, bool) {
			p, ok := next()
			return engine.Item{Post: p}, ok
		}, func(r *finding.Result) error {
			if !yield(*r, nil) {
				return errStop
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			yield(Result{}, err)
		}
	}
}
