package importer

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlSkip lists elements whose content is not visible text.
var htmlSkip = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Template: true,
	atom.Noscript: true, atom.Title: true, atom.Svg: true, atom.Math: true,
	atom.Iframe: true, atom.Object: true, atom.Canvas: true, atom.Select: true,
	atom.Audio: true, atom.Video: true,
}

// htmlBlock lists elements that start and end a line.
var htmlBlock = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true,
	atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tr: true, atom.Ul: true, atom.Caption: true, atom.Legend: true, atom.Body: true,
}

// readHTML reads the visible text of an HTML page: script, style, head,
// template, noscript and hidden elements are skipped; block elements
// (paragraphs, headings, list items, divs...) and <br> end lines; table
// rows are lines with cells separated by tabs; white space collapses as a
// browser shows it, except in <pre>.
func readHTML(data []byte, opt Options) (*extracted, error) {
	text, enc, err := Decode(data)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	w := &htmlWalker{}
	w.walk(doc)
	w.endLine(false)
	return &extracted{text: strings.Join(w.lines, "\n"), encoding: enc}, nil
}

type htmlWalker struct {
	lines []string
	cur   strings.Builder
	pre   int   // depth of <pre> elements
	cells []int // per open table row, the cells seen so far
}

func (w *htmlWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if htmlSkip[n.DataAtom] || hidden(n) {
			return
		}
	}
	switch n.DataAtom {
	case atom.Br:
		w.endLine(true)
		return
	case atom.Td, atom.Th:
		if k := len(w.cells) - 1; k >= 0 {
			if w.cells[k] > 0 {
				w.trimSpace()
				w.cur.WriteByte('\t')
			}
			w.cells[k]++
		}
	case atom.Tr:
		// A row of an outermost table is a line of its own.
		outer := len(w.cells) == 0
		if outer {
			w.endLine(false)
		}
		w.cells = append(w.cells, 0)
		defer func() {
			w.cells = w.cells[:len(w.cells)-1]
			if outer {
				w.endLine(false)
			}
		}()
	case atom.Pre:
		w.pre++
		defer func() { w.pre-- }()
	}
	block := n.Type == html.ElementNode && htmlBlock[n.DataAtom]
	if block {
		w.blockBreak()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.blockBreak()
	}
}

// hidden reports elements marked invisible with the hidden attribute,
// aria-hidden or an inline display:none.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			if strings.Contains(strings.ReplaceAll(strings.ToLower(a.Val), " ", ""), "display:none") {
				return true
			}
		}
	}
	return false
}

// blockBreak ends the line at a block boundary; inside a table row it
// separates with a space instead, so the row stays one line.
func (w *htmlWalker) blockBreak() {
	if len(w.cells) > 0 {
		if s := w.cur.String(); s != "" && !strings.HasSuffix(s, " ") && !strings.HasSuffix(s, "\t") {
			w.cur.WriteByte(' ')
		}
		return
	}
	w.endLine(false)
}

// endLine finishes the current line; forced (a <br>) it may be blank.
func (w *htmlWalker) endLine(force bool) {
	w.trimSpace()
	if w.cur.Len() > 0 || (force && len(w.lines) > 0) {
		w.lines = append(w.lines, w.cur.String())
	}
	w.cur.Reset()
}

// trimSpace drops trailing spaces of the current line.
func (w *htmlWalker) trimSpace() {
	s := w.cur.String()
	if t := strings.TrimRight(s, " "); len(t) != len(s) {
		w.cur.Reset()
		w.cur.WriteString(t)
	}
}

// text adds a text node, collapsing white space outside <pre>.
func (w *htmlWalker) text(s string) {
	if w.pre > 0 {
		for i, part := range strings.Split(s, "\n") {
			if i > 0 {
				w.lines = append(w.lines, w.cur.String())
				w.cur.Reset()
			}
			w.cur.WriteString(part)
		}
		return
	}
	for i := 0; i < len(s); {
		if strings.IndexByte(" \t\n\r\f", s[i]) >= 0 {
			if cur := w.cur.String(); cur != "" && !strings.HasSuffix(cur, " ") && !strings.HasSuffix(cur, "\t") {
				w.cur.WriteByte(' ')
			}
			i++
			continue
		}
		j := i
		for j < len(s) && strings.IndexByte(" \t\n\r\f", s[j]) < 0 {
			j++
		}
		w.cur.WriteString(s[i:j])
		i = j
	}
}
