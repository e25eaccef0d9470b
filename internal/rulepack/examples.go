package rulepack

import "bytes"

// cutExamples blanks the "examples:" entries of the rules in a rule file,
// keeping every other line where it was, so that what is left parses to
// the same rules without their examples, and an error still names the
// line it is on. It relies on the layout of the default pack's files: a
// top-level "rules:" list in block style whose rules put each key on a
// line of its own, at the indentation of the key after the first rule's
// "- ". An "examples:" line at that indentation is then a key of a rule (a
// line of a block scalar is indented more than its key), and the lines
// after it that are blank, comments or indented more are its value. The
// lines left are moved down in data itself, which is then spent.
func cutExamples(data []byte) []byte {
	inRules, cutting := false, false
	keyIndent := -1
	// What is kept of a line is never longer than the line: appending it
	// to out writes over lines already read.
	out := data[:0]
	for rest := data; len(rest) > 0; {
		line, next, found := bytes.Cut(rest, []byte{'\n'})
		rest = next
		body := bytes.TrimLeft(line, " ")
		indent := len(line) - len(body)
		blank := len(bytes.TrimSpace(body)) == 0 || body[0] == '#'
		item := bytes.HasPrefix(body, []byte("- "))
		switch {
		case cutting && (blank || indent > keyIndent):
			line = nil
		case blank:
			cutting = false
		case indent == 0 && !item:
			// A top-level key: "rules:" with its list on the next lines.
			cutting = false
			inRules = isKey(body, "rules") && isEmptyValue(body[len("rules:"):])
		case !inRules:
			cutting = false
		case keyIndent < 0:
			if !item {
				return data
			}
			keyIndent = indent + 1 + len(body[1:]) - len(bytes.TrimLeft(body[1:], " "))
		default:
			cutting = indent == keyIndent && isKey(body, "examples")
			if cutting {
				line = nil
			}
		}
		out = append(out, line...)
		if found {
			out = append(out, '\n')
		}
	}
	return out
}

// isKey reports whether a line, from its first non-blank byte, is the
// mapping key name: "name:" then the end, a space or a tab.
func isKey(body []byte, name string) bool {
	rest, ok := bytes.CutPrefix(body, []byte(name+":"))
	return ok && (len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\r')
}

// isEmptyValue reports whether what follows a key on its line is nothing
// or a comment.
func isEmptyValue(rest []byte) bool {
	rest = bytes.TrimSpace(rest)
	return len(rest) == 0 || rest[0] == '#'
}
