package rulepack

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"go.yaml.in/yaml/v3"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/phrase"
)

// ruleSource is what a rule's detector and context lists are compiled
// from.
type ruleSource struct {
	detector    *yaml.Node
	context     *contextSpec
	contextNode *yaml.Node  // where context errors are reported
	env         *detect.Env // shared by the layer's rules
}

// stage is one part of a rule, compiled once.
type stage struct {
	once sync.Once
	err  error
	done atomic.Bool // compiled
}

// do runs compile the first time it is called and returns its error, then
// and every later time.
func (s *stage) do(compile func() error) error {
	s.once.Do(func() {
		s.err = compile()
		s.done.Store(true)
	})
	return s.err
}

// compile compiles the rule's detector and context lists now, if not yet
// done, and returns the first error, naming the file and line.
func (r *Rule) compile() error {
	if err := r.detStage.do(r.buildDetector); err != nil {
		return err
	}
	if err := r.gateStage.do(r.compileGate); err != nil {
		return err
	}
	return r.ctxStage.do(r.compileLists)
}

// Compile compiles the rules of lazy layers that are not compiled yet, and
// returns their errors: the tests of a pack loaded lazily call it to prove
// that no rule can panic at its first use.
func (p *Pack) Compile() error {
	var errs []error
	for _, r := range p.Rules {
		if err := r.compile(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Detector returns the rule's detector, a detect.Detector and maybe a
// detect.PostDetector, building it at the first call.
func (r *Rule) Detector() any {
	mustCompile(r, r.detStage.do(r.buildDetector))
	return r.det
}

// Gate returns the part of the rule's context consulted before its
// detector runs, compiling it at the first call. It is cheaper than
// Context: a rule that finds nothing in a post never needs the rest.
func (r *Rule) Gate() *Gate {
	mustCompile(r, r.gateStage.do(r.compileGate))
	return &r.ctx.Gate
}

// Context returns the rule's context, compiling its lists at the first
// call.
func (r *Rule) Context() *Context {
	r.Gate()
	mustCompile(r, r.ctxStage.do(r.compileLists))
	return &r.ctx
}

// mustCompile panics with err, an error compiling a rule at its first use.
// Only the rules of a lazy layer compile then, and a lazy layer is a pack
// whose tests compile every rule (Pack.Compile), as regexp.MustCompile is
// for an expression written in the code.
func mustCompile(r *Rule, err error) {
	if err != nil {
		panic(fmt.Sprintf("rulepack: rule %s of a lazily loaded pack does not compile: %v", r.ID, err))
	}
}

// buildDetector builds the rule's detector.
func (r *Rule) buildDetector() error {
	dn := r.src.detector
	det, err := detect.Kinds()[r.Kind](nodeOptions{file: r.File, node: dn}, r.src.env)
	if err != nil {
		var pe *posError
		if errors.As(err, &pe) {
			return err
		}
		return errAt(r.File, dn, "rule %s: %v", r.ID, err)
	}
	if _, ok := det.(detect.Detector); !ok {
		return errAt(r.File, dn, "rule %s: kind %q built no detector", r.ID, r.Kind)
	}
	r.det = det
	return nil
}

// compileGate compiles the context's require groups and post_veto list.
func (r *Rule) compileGate() error {
	var err error
	r.ctx.Gate, err = compileGate(r.src.context, r.src.env)
	return r.contextError(err)
}

// compileLists compiles the rest of the context's lists.
func (r *Rule) compileLists() error {
	return r.contextError(r.ctx.compileLists(r.src.context, r.src.env))
}

func (r *Rule) contextError(err error) error {
	if err == nil {
		return nil
	}
	return errAt(r.File, r.src.contextNode, "rule %s: context: %v", r.ID, err)
}

// RequireUnmet reports whether a field fails one of the rule's require
// groups, as the compiled gate would tell: no phrase of the group matches
// in it (s, the sieve of its tokens) and none of the group's "re:" entries
// matches its text, orig. It reads the groups as written, compiling only
// their "re:" entries, so that the rules a draft does not meet are never
// compiled for it. False when a list cannot be read.
func (r *Rule) RequireUnmet(s *phrase.Sieve, orig string) bool {
	env := r.src.env
	for _, group := range r.src.context.Require {
		may := false
		err := detect.EachTerm(group, env, func(e string) bool {
			if src, ok := strings.CutPrefix(strings.TrimSpace(e), RePrefix); ok {
				re, err := env.Regexp(src)
				may = err != nil || re.MatchString(orig)
				return !may
			}
			if strings.HasPrefix(e, "@") {
				// A list's own includes: compileList's words are
				// expanded again (detect.Terms), as phrases.
				err := detect.EachTerm([]string{e}, env, func(e string) bool {
					may = s.Matches(e)
					return !may
				})
				may = may || err != nil
				return !may
			}
			may = s.Matches(e)
			return !may
		})
		if err != nil {
			return false // compiling the gate reports it
		}
		if !may {
			return true
		}
	}
	return false
}

// FindsNothing reports whether the rule's detector would find nothing in
// the field of in (detect.FindsNothing), reading its options without
// building it.
func (r *Rule) FindsNothing(in *detect.Input, field string, sv *detect.Sieves) bool {
	return detect.FindsNothing(r.Kind, nodeOptions{file: r.File, node: r.src.detector}, r.src.env, in, field, sv)
}

// DetectorBuilt reports whether the rule's detector is built.
func (r *Rule) DetectorBuilt() bool { return r.detStage.done.Load() }
