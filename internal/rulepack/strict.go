package rulepack

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// posError is an error at a place in a rule file.
type posError struct {
	File      string
	Line, Col int
	Err       error
}

func (e *posError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Col, e.Err)
}

func (e *posError) Unwrap() error { return e.Err }

func errAt(file string, n *yaml.Node, format string, args ...any) error {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	return &posError{File: file, Line: line, Col: col, Err: fmt.Errorf(format, args...)}
}

// decodeStrict decodes n into out after checking that every mapping key in n
// names a field of out (recursively), so that a misspelt option is an error
// with its line and column rather than silently ignored.
func decodeStrict(file string, n *yaml.Node, out any) error {
	if err := checkKeys(file, n, reflect.TypeOf(out)); err != nil {
		return err
	}
	if err := n.Decode(out); err != nil {
		return errAt(file, n, "%s", cleanYAMLError(err))
	}
	return nil
}

func cleanYAMLError(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, "yaml: unmarshal errors:\n")
	return strings.TrimSpace(s)
}

func checkKeys(file string, n *yaml.Node, t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeOf(yaml.Node{}) {
		return nil
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode {
		return errAt(file, n, "aliases are not allowed in rule files")
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return errAt(file, n, "expected a mapping, found %s", kindName(n))
		}
		// Keys are looked up field by field, and duplicates among the
		// keys before: a rule pack checks thousands of small mappings,
		// and maps for them cost a cold command more than the look-ups.
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			f, ok := yamlField(t, k.Value)
			if !ok {
				return errAt(file, k, "unknown field %q (known: %s)", k.Value, known(t))
			}
			for j := 0; j < i; j += 2 {
				if n.Content[j].Value == k.Value {
					return errAt(file, k, "field %q given twice", k.Value)
				}
			}
			if f.Type == reflect.TypeOf(yaml.Node{}) || f.Type == reflect.TypeOf(&yaml.Node{}) {
				continue
			}
			if err := checkKeys(file, v, f.Type); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				if err := checkKeys(file, c, t.Elem()); err != nil {
					return err
				}
			}
		}
	case reflect.Map:
		if n.Kind == yaml.MappingNode {
			for i := 1; i < len(n.Content); i += 2 {
				if err := checkKeys(file, n.Content[i], t.Elem()); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// yamlField returns the field of struct type t that the mapping key name
// decodes into.
func yamlField(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); name != "" && yamlName(f) == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// yamlName returns the mapping key of a struct field, or "" for a field no
// key decodes into.
func yamlName(f reflect.StructField) string {
	tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if tag == "-" || !f.IsExported() {
		return ""
	}
	if tag == "" {
		tag = strings.ToLower(f.Name)
	}
	return tag
}

// known lists the mapping keys of struct type t.
func known(t reflect.Type) string {
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if name := yamlName(t.Field(i)); name != "" {
			names = append(names, name)
		}
	}
	sortStrings(names)
	return strings.Join(names, ", ")
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return "something else"
}
