package export

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"tessera/coding/markdown"
)

// markdown appends Markdown source as Word formatting, walking goldmark's
// syntax tree: paragraphs, headings (bold), bulleted and numbered lists
// (indented by depth), block quotes (style BlockQuote), code (monospace),
// bold, italics, strikethrough, links (hyperlinks) and line breaks. Raw
// HTML is left out, as the HTML rendering leaves it out. lead is put at
// the start of the first paragraph (a field's label). Source that cannot
// be parsed in time is written as plain text.
func (d *docx) markdown(src string, lead ...docRun) {
	doc, source, ok := markdown.Parse(src)
	if !ok {
		d.para(append(lead, docRun{text: src})...)
		return
	}
	w := &mdWriter{emit: d.paragraphIndent, src: source, lead: lead}
	w.blocks(doc, 0, false)
	if w.lead != nil {
		d.para(w.lead...) // the source had no block to carry the label
	}
}

// markdownText returns Markdown source as plain text: paragraphs
// separated by blank lines, list items on lines of their own with their
// markers, the markup of emphasis, code and links dropped. Source that
// cannot be parsed in time is returned as it is.
func markdownText(src string) string {
	doc, source, ok := markdown.Parse(src)
	if !ok {
		return src
	}
	var b strings.Builder
	w := &mdWriter{src: source, emit: func(_ string, indent int, runs ...docRun) {
		if b.Len() > 0 {
			if indent > 0 {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		for _, r := range runs {
			b.WriteString(r.text)
		}
	}}
	w.blocks(doc, 0, false)
	return b.String()
}

// mdWriter walks one Markdown tree, handing each paragraph to emit with
// its style ("" or "BlockQuote"), its indent in twips and its runs.
type mdWriter struct {
	emit func(style string, indent int, runs ...docRun)
	src  []byte
	lead []docRun // runs for the start of the first paragraph; nil once used
}

// blocks writes the block children of n; depth is the list nesting and
// quote whether they sit in a block quote.
func (w *mdWriter) blocks(n ast.Node, depth int, quote bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c, depth, quote)
	}
}

// block writes one block node.
func (w *mdWriter) block(c ast.Node, depth int, quote bool) {
	switch b := c.(type) {
	case *ast.List:
		num := b.Start
		for item := b.FirstChild(); item != nil; item = item.NextSibling() {
			marker := "• "
			if b.IsOrdered() {
				marker = itoa(num) + ". "
				num++
			}
			w.item(item, marker, depth+1, quote)
		}
	case *ast.Blockquote:
		w.blocks(b, depth, true)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var lines []string
		for i := 0; i < b.Lines().Len(); i++ {
			seg := b.Lines().At(i)
			lines = append(lines, strings.TrimRight(string(seg.Value(w.src)), "\n"))
		}
		w.para(depth, quote, []docRun{{text: strings.Join(lines, "\n"), code: true}})
	case *ast.HTMLBlock, *ast.ThematicBreak:
		// Left out, as in the HTML rendering.
	case *ast.Heading:
		w.para(depth, quote, w.inlines(b, docRun{bold: true}))
	case *east.Table:
		// A table's rows become lines, cells separated by " | ".
		for row := b.FirstChild(); row != nil; row = row.NextSibling() {
			var runs []docRun
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				if cell != row.FirstChild() {
					runs = append(runs, docRun{text: " | "})
				}
				runs = append(runs, w.inlines(cell, docRun{bold: row.Kind() == east.KindTableHeader})...)
			}
			w.para(depth, quote, runs)
		}
	default:
		if c.HasChildren() && c.FirstChild().Type() == ast.TypeBlock {
			w.blocks(c, depth, quote)
			return
		}
		w.para(depth, quote, w.inlines(c, docRun{}))
	}
}

// item writes a list item: its first paragraph starts with the marker,
// further blocks follow at the same indent.
func (w *mdWriter) item(item ast.Node, marker string, depth int, quote bool) {
	first := true
	for c := item.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			runs := w.inlines(c, docRun{})
			if first {
				runs = append([]docRun{{text: marker}}, runs...)
				first = false
			}
			w.para(depth, quote, runs)
		default:
			w.block(c, depth, quote)
		}
	}
	if first {
		w.para(depth, quote, []docRun{{text: marker}})
	}
}

// para writes one paragraph, indented for lists and styled for quotes.
func (w *mdWriter) para(depth int, quote bool, runs []docRun) {
	if w.lead != nil {
		runs = append(w.lead, runs...)
		w.lead = nil
	}
	style := ""
	if quote {
		style = "BlockQuote"
	}
	w.emit(style, depth*360, runs...)
}

// inlines returns the runs of n's inline content, each carrying the
// formatting of base plus that of the markup around it.
func (w *mdWriter) inlines(n ast.Node, base docRun) []docRun {
	var out []docRun
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch x := c.(type) {
		case *ast.Text:
			text := string(x.Value(w.src))
			switch {
			case x.HardLineBreak():
				text += "\n"
			case x.SoftLineBreak():
				text += " "
			}
			r := base
			r.text = text
			out = append(out, r)
		case *ast.String:
			r := base
			r.text = string(x.Value)
			out = append(out, r)
		case *ast.CodeSpan:
			r := base
			r.code = true
			r.text = string(nodeText(x, w.src))
			out = append(out, r)
		case *ast.Emphasis:
			r := base
			if x.Level >= 2 {
				r.bold = true
			} else {
				r.italic = true
			}
			out = append(out, w.inlines(x, r)...)
		case *east.Strikethrough:
			r := base
			r.strike = true
			out = append(out, w.inlines(x, r)...)
		case *ast.Link:
			r := base
			r.link = string(x.Destination)
			out = append(out, w.inlines(x, r)...)
		case *ast.AutoLink:
			r := base
			r.link = string(x.URL(w.src))
			r.text = string(x.Label(w.src))
			out = append(out, r)
		case *ast.Image:
			r := base
			r.text = string(nodeText(x, w.src))
			out = append(out, r)
		case *ast.RawHTML:
			// Left out, as in the HTML rendering.
		default:
			out = append(out, w.inlines(c, base)...)
		}
	}
	return out
}

// nodeText is the plain text of an inline node's children.
func nodeText(n ast.Node, src []byte) []byte {
	var out []byte
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			out = append(out, t.Value(src)...)
			continue
		}
		out = append(out, nodeText(c, src)...)
	}
	return out
}
