package importer

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// OpenDocument namespaces.
const (
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsSVG    = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
)

// readODT reads the body of an OpenDocument text (content.xml): text:p
// and text:h become lines, text:line-break a line break, text:tab a tab,
// text:s spaces, and each table row one line with its cells joined by
// tabs. Annotations (comments), tracked changes (which hold deleted
// text), notes and alternative text are left out. White space in the XML
// collapses as OpenDocument prescribes.
func readODT(src source, opt Options) (*extracted, error) {
	const kind, part = ".odt", "content.xml"
	dec, closeFn, err := openZipXML(src, part, kind, opt)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	w := &odtWalker{flow: flow{out: textBuilder{opt: opt}}}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlError(err, kind, part, opt)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			err = w.start(t, dec)
		case xml.EndElement:
			err = w.end(t)
		case xml.CharData:
			if w.paraDepth > 0 {
				err = w.chars(string(t))
			}
		}
		if err != nil {
			return nil, xmlError(err, kind, part, opt)
		}
	}
	text, err := w.text()
	if err != nil {
		return nil, err
	}
	return &extracted{text: text}, nil
}

// odtWalker adds OpenDocument white-space handling to flow: runs of white
// space in character data count as one space, dropped at the start and
// end of a paragraph.
type odtWalker struct {
	flow
	space bool // collapsed white space waiting for more text
	empty bool // nothing written yet in the current paragraph
}

func (w *odtWalker) start(t xml.StartElement, dec *xml.Decoder) error {
	switch {
	case t.Name.Space == nsSVG:
		return dec.Skip() // svg:title, svg:desc: alternative text
	case t.Name.Space == nsOffice && t.Name.Local == "annotation":
		return dec.Skip()
	case t.Name.Space == nsTable:
		switch t.Name.Local {
		case "table":
			w.startTable()
		case "table-row":
			w.startRow()
		case "table-cell":
			w.startCell()
		case "covered-table-cell":
			return dec.Skip()
		}
	case t.Name.Space == nsText:
		switch t.Name.Local {
		case "tracked-changes", "note", "sequence-decls", "variable-decls", "user-field-decls":
			return dec.Skip()
		case "p", "h":
			w.startPara()
			w.space, w.empty = false, true
		case "s":
			n, err := strconv.Atoi(attr(t, "c"))
			if err != nil || n < 1 {
				n = 1
			}
			return w.put(strings.Repeat(" ", min(n, 1000)))
		case "tab":
			return w.put("\t")
		case "line-break":
			return w.put("\n")
		}
	}
	return nil
}

func (w *odtWalker) end(t xml.EndElement) error {
	switch {
	case t.Name.Space == nsTable:
		switch t.Name.Local {
		case "table":
			w.endTable()
		case "table-row":
			return w.endRow()
		case "table-cell":
			w.endCell()
		}
	case t.Name.Space == nsText && (t.Name.Local == "p" || t.Name.Local == "h"):
		w.space = false
		return w.endPara()
	}
	return nil
}

// chars adds character data, collapsing white space.
func (w *odtWalker) chars(s string) error {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isXMLSpace(rune(s[i])) {
			w.space = true
			continue
		}
		if w.space && !w.empty {
			b.WriteByte(' ')
		}
		w.space = false
		j := i
		for j < len(s) && !isXMLSpace(rune(s[j])) {
			j++
		}
		b.WriteString(s[i:j])
		w.empty = false
		i = j - 1
	}
	return w.write(b.String())
}

// put writes text that is not subject to white-space collapsing.
func (w *odtWalker) put(s string) error {
	if w.space && !w.empty {
		s = " " + s
	}
	w.space, w.empty = false, false
	return w.write(s)
}

func isXMLSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }
