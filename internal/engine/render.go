package engine

import (
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/postlint/postlint/internal/rulepack"
)

// Messages and suggestions are templates, but nearly all are text and
// {{.Match}} or {{.Note}}: those are put together from their pieces
// instead of executing the template for every finding (the same text:
// text/template prints a string field as it is).

// tmplData is what messages are executed with.
type tmplData struct{ Match, Note, Field string }

// fastTmpl is a template of text and fields of tmplData only.
type fastTmpl struct {
	parts []tmplPart
}

type tmplPart struct {
	text  string
	field int // 0: text; 1, 2, 3: Match, Note, Field
}

// compileTemplates finds the templates of the rules that can be put
// together from their pieces.
func compileTemplates(rules []*rulepack.Rule) map[*template.Template]*fastTmpl {
	out := map[*template.Template]*fastTmpl{}
	for _, r := range rules {
		for _, t := range []*template.Template{r.Message, r.Suggestion} {
			if t == nil {
				continue
			}
			if f := newFastTmpl(t); f != nil {
				out[t] = f
			}
		}
	}
	return out
}

// newFastTmpl returns the pieces of t, or nil when it has other actions.
func newFastTmpl(t *template.Template) *fastTmpl {
	if t.Tree == nil || t.Root == nil || len(t.Templates()) > 1 {
		return nil
	}
	f := &fastTmpl{}
	for _, n := range t.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			f.parts = append(f.parts, tmplPart{text: string(n.Text)})
		case *parse.ActionNode:
			p := n.Pipe
			if p == nil || p.IsAssign || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
				return nil
			}
			fn, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
			if !ok || len(fn.Ident) != 1 {
				return nil
			}
			k := 0
			switch fn.Ident[0] {
			case "Match":
				k = 1
			case "Note":
				k = 2
			case "Field":
				k = 3
			default:
				return nil
			}
			f.parts = append(f.parts, tmplPart{field: k})
		default:
			return nil
		}
	}
	return f
}

func (f *fastTmpl) render(d *tmplData) string {
	n := 0
	for _, p := range f.parts {
		n += len(p.value(d))
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range f.parts {
		b.WriteString(p.value(d))
	}
	return strings.TrimSpace(b.String())
}

func (p *tmplPart) value(d *tmplData) string {
	switch p.field {
	case 1:
		return d.Match
	case 2:
		return d.Note
	case 3:
		return d.Field
	}
	return p.text
}
