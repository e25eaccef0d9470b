package postlint_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/postlint/postlint"
)

func ExampleLinter_Lint() {
	l, err := postlint.New()
	if err != nil {
		panic(err)
	}
	res, err := l.Lint(context.Background(), postlint.Post{
		Text: "Mrs Ellis on the stroke unit wants her son to ring her",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Verdict)
	for _, f := range res.Findings {
		fmt.Printf("%s %s (%s) at column %d\n", f.Severity, f.Category, f.Clause, f.Span.Column)
	}
	// Output:
	// block
	// error patient-identifier (9.6.1 b1) at column 1
}

func ExampleLinter_LintAll() {
	l, err := postlint.New()
	if err != nil {
		panic(err)
	}
	drafts := []postlint.Post{
		{ID: "a", Text: "Our flu clinic is open all week, call 01803 217398 to book"},
		{ID: "b", Text: "DOB 12/03/1958, same lady every friday night in bay 2"},
	}
	for res, err := range l.LintAll(context.Background(), slices.Values(drafts)) {
		if err != nil {
			panic(err)
		}
		fmt.Println(res.ID, res.Verdict)
	}
	// Output:
	// a ok
	// b block
}

func ExampleWithDisabled() {
	l, err := postlint.New(postlint.WithDisabled("patient-identifier"))
	if err != nil {
		panic(err)
	}
	res, _ := l.Lint(context.Background(), postlint.Post{Text: "DOB 12/03/1958"})
	fmt.Println(res.Verdict, len(res.Findings))
	// Output: ok 0
}

func ExampleWithAllow() {
	l, err := postlint.New(postlint.WithAllow("phone-number", "07700 900123"))
	if err != nil {
		panic(err)
	}
	res, _ := l.Lint(context.Background(), postlint.Post{Text: "Book your jab with the vaccination team: 07700 900123"})
	fmt.Println(res.Verdict)
	// Output: ok
}
