package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// Page geometry of Word documents, in twentieths of a point: A4 with 2 cm
// margins.
const (
	a4Short    = 11906
	a4Long     = 16838
	pageMargin = 1134
)

// docx builds a Word document by hand: WordprocessingML parts in a zip.
// The standard library is enough for the few elements exports need
// (headings, paragraphs, tables with merged cells), and the result stays
// byte-for-byte deterministic.
type docx struct {
	title     string
	landscape bool
	body      bytes.Buffer
	links     []string // hyperlink targets; link i has relationship rIdL<i+1>
}

// docRun is a piece of text with one formatting: bold, italic,
// struck through, monospace (code), or a hyperlink to link.
type docRun struct {
	text                       string
	bold, italic, strike, code bool
	link                       string
}

func newDocx(title string, landscape bool) *docx {
	return &docx{title: title, landscape: landscape}
}

// textWidth returns the width between the margins.
func (d *docx) textWidth() int {
	if d.landscape {
		return a4Long - 2*pageMargin
	}
	return a4Short - 2*pageMargin
}

// heading adds a heading; level 0 is the document title.
func (d *docx) heading(level int, text string) {
	style := "Title"
	if level > 0 {
		style = "Heading" + strconv.Itoa(min(level, 3))
	}
	d.paragraph(style, "", docRun{text: text})
}

// para adds a body paragraph.
func (d *docx) para(runs ...docRun) { d.paragraph("", "", runs...) }

// paragraph writes a <w:p> with an optional style and justification.
func (d *docx) paragraph(style, jc string, runs ...docRun) {
	d.paragraphWith(style, jc, 0, runs...)
}

// paragraphIndent writes a <w:p> with an optional style, indented from
// the left by indent twips.
func (d *docx) paragraphIndent(style string, indent int, runs ...docRun) {
	d.paragraphWith(style, "", indent, runs...)
}

func (d *docx) paragraphWith(style, jc string, indent int, runs ...docRun) {
	b := &d.body
	b.WriteString("<w:p>")
	if style != "" || jc != "" || indent > 0 {
		b.WriteString("<w:pPr>")
		if style != "" {
			b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
		}
		if indent > 0 {
			b.WriteString(`<w:ind w:left="` + strconv.Itoa(indent) + `"/>`)
		}
		if jc != "" {
			b.WriteString(`<w:jc w:val="` + jc + `"/>`)
		}
		b.WriteString("</w:pPr>")
	}
	for _, r := range mergeRuns(runs) {
		if r.link == "" || r.text == "" {
			writeRun(b, r)
			continue
		}
		d.links = append(d.links, r.link)
		b.WriteString(`<w:hyperlink r:id="rIdL` + strconv.Itoa(len(d.links)) + `">`)
		writeRun(b, r)
		b.WriteString(`</w:hyperlink>`)
	}
	b.WriteString("</w:p>")
}

// mergeRuns joins neighbouring runs of the same formatting.
func mergeRuns(runs []docRun) []docRun {
	var out []docRun
	for _, r := range runs {
		if r.text == "" {
			continue
		}
		if n := len(out); n > 0 {
			last := out[n-1]
			last.text = r.text
			if last == r {
				out[n-1].text += r.text
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// writeRun writes a run; line breaks in the text become <w:br/>.
func writeRun(b *bytes.Buffer, r docRun) {
	if r.text == "" {
		return
	}
	b.WriteString("<w:r>")
	if r.bold || r.italic || r.strike || r.code || r.link != "" {
		b.WriteString("<w:rPr>")
		switch {
		case r.link != "":
			b.WriteString(`<w:rStyle w:val="Hyperlink"/>`)
		case r.code:
			b.WriteString(`<w:rStyle w:val="Code"/>`)
		}
		if r.bold {
			b.WriteString("<w:b/>")
		}
		if r.italic {
			b.WriteString("<w:i/>")
		}
		if r.strike {
			b.WriteString("<w:strike/>")
		}
		b.WriteString("</w:rPr>")
	}
	for i, line := range strings.Split(r.text, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		b.WriteString(`<w:t xml:space="preserve">`)
		xml.EscapeText(b, []byte(line))
		b.WriteString("</w:t>")
	}
	b.WriteString("</w:r>")
}

// writeTo writes the document's zip package.
func (d *docx) writeTo(w io.Writer) error {
	pw, ph := a4Short, a4Long
	orient := ""
	if d.landscape {
		pw, ph, orient = a4Long, a4Short, ` w:orient="landscape"`
	}
	m := strconv.Itoa(pageMargin)
	var doc bytes.Buffer
	doc.WriteString(xmlHeader + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	doc.Write(d.body.Bytes())
	doc.WriteString(`<w:sectPr><w:pgSz w:w="` + strconv.Itoa(pw) + `" w:h="` + strconv.Itoa(ph) + `"` + orient + `/>`)
	doc.WriteString(`<w:pgMar w:top="` + m + `" w:right="` + m + `" w:bottom="` + m + `" w:left="` + m + `" w:header="567" w:footer="567" w:gutter="0"/>`)
	doc.WriteString(`</w:sectPr></w:body></w:document>`)

	var core bytes.Buffer
	core.WriteString(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>`)
	xml.EscapeText(&core, []byte(d.title))
	core.WriteString(`</dc:title><dc:creator>Tessera</dc:creator></cp:coreProperties>`)

	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(docxContentTypes)},
		{"_rels/.rels", []byte(docxRootRels)},
		{"docProps/core.xml", core.Bytes()},
		{"word/_rels/document.xml.rels", d.documentRels()},
		{"word/document.xml", doc.Bytes()},
		{"word/styles.xml", []byte(docxStyles)},
	}
	zw := zip.NewWriter(w)
	for _, p := range parts {
		// A zero modification time keeps the archive identical across runs.
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if _, err := f.Write(p.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

const docxContentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`</Types>`

const docxRootRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>`

// documentRels lists the document's relationships: its styles and one
// external target per hyperlink.
func (d *docx) documentRels() []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	for i, l := range d.links {
		b.WriteString(`<Relationship Id="rIdL` + strconv.Itoa(i+1) + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="`)
		xml.EscapeText(&b, []byte(l))
		b.WriteString(`" TargetMode="External"/>`)
	}
	b.WriteString(`</Relationships>`)
	return b.Bytes()
}

// docxStyles defines the paragraph styles the exports use: Normal,
// Title, Heading1-3, TableText (9 pt, no spacing), TableSubsection
// (indented), TableNumber, TableTitle and TableNote for the lines above
// and below an APA table; and the table styles APATable and GridTable. A
// journal template restyles the exports by redefining them.
const docxStyles = xmlHeader + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:i/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableSubsection"><w:name w:val="Table Subsection"/><w:basedOn w:val="TableText"/><w:qFormat/><w:pPr><w:ind w:left="227"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableNumber"><w:name w:val="Table Number"/><w:basedOn w:val="Normal"/><w:next w:val="TableTitle"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableTitle"><w:name w:val="Table Title"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after="120"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableNote"><w:name w:val="Table Note"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="60" w:after="240"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="BlockQuote"><w:name w:val="Block Quote"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="567" w:right="567"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>` +
	`<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>` +
	`<w:style w:type="character" w:styleId="Code"><w:name w:val="Code"/><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/></w:rPr></w:style>` +
	`<w:style w:type="table" w:styleId="APATable"><w:name w:val="APA Table"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style>` +
	`<w:style w:type="table" w:styleId="GridTable"><w:name w:val="Grid Table"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders></w:tblPr></w:style>` +
	`</w:styles>`
