package markdown

import (
	"bytes"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// EscapeHTML returns Markdown source with its raw HTML (inline tags and
// HTML blocks) escaped, so that any Markdown renderer shows the tags as
// text instead of running them; the rest of the Markdown, code included,
// is unchanged. Source that cannot be parsed within Budget has every '<'
// escaped.
func EscapeHTML(src string) (out string) {
	if !strings.Contains(src, "<") {
		return src
	}
	defer func() {
		if r := recover(); r != nil {
			if r != errBudget {
				panic(r)
			}
			out = strings.ReplaceAll(src, "<", "&lt;")
		}
	}()
	source := []byte(src)
	doc := parse(source, &deadline{at: time.Now().Add(Budget)})
	// Collect the byte ranges of raw HTML.
	var spans []text.Segment
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				spans = append(spans, n.Segments.At(i))
			}
		case *ast.HTMLBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				spans = append(spans, n.Lines().At(i))
			}
			if n.HasClosure() {
				spans = append(spans, n.ClosureLine)
			}
		}
		return ast.WalkContinue, nil
	})
	if len(spans) == 0 {
		return src
	}
	escape := make([]bool, len(source))
	for _, s := range spans {
		for i := s.Start; i < s.Stop && i < len(source); i++ {
			escape[i] = source[i] == '<'
		}
	}
	var b bytes.Buffer
	b.Grow(len(source) + 8*len(spans))
	for i, c := range source {
		if escape[i] {
			b.WriteString("&lt;")
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}
