package engine

import (
	"testing"
	"text/template"

	"github.com/postlint/postlint/internal/detect"
	"github.com/postlint/postlint/internal/rulepack"
	"github.com/postlint/postlint/rules"
)

// TestFastTemplates checks that every message and suggestion of the default
// pack put together from its pieces reads as executing its template does.
func TestFastTemplates(t *testing.T) {
	pack, err := rulepack.Load(&detect.Resources{}, rulepack.Layer{FS: rules.FS(), Name: "rules"})
	if err != nil {
		t.Fatal(err)
	}
	fast := compileTemplates(pack.Rules)
	if len(fast) == 0 {
		t.Fatal("no template put together from its pieces")
	}
	datas := []tmplData{
		{Match: "idiot", Field: "text"},
		{Match: "  07700 900123 ", Note: "a mobile number", Field: "reply_to.text"},
		{Match: "<b>&\"{{.Match}}\"</b>", Note: "x", Field: "media[0].alt_text"},
		{},
	}
	for _, r := range pack.Rules {
		for _, tm := range []*template.Template{r.Message, r.Suggestion} {
			f := fast[tm]
			if f == nil {
				continue
			}
			for _, d := range datas {
				if got, want := f.render(&d), render(tm, d); got != want {
					t.Errorf("rule %s: %q, want %q", r.ID, got, want)
				}
			}
		}
	}
	// Templates with other actions are executed.
	for _, src := range []string{`{{with .Note}}({{.}}){{end}}`, `{{.Match | printf "%q"}}`, `{{$x := .Match}}{{$x}}`, `{{.}}`} {
		tm := template.Must(template.New("t").Parse(src))
		if newFastTmpl(tm) != nil {
			t.Errorf("%s: put together from pieces", src)
		}
	}
}
