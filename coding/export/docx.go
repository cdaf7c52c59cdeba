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
}

// docRun is a piece of text with one formatting.
type docRun struct {
	text         string
	bold, italic bool
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
	b := &d.body
	b.WriteString("<w:p>")
	if style != "" || jc != "" {
		b.WriteString("<w:pPr>")
		if style != "" {
			b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
		}
		if jc != "" {
			b.WriteString(`<w:jc w:val="` + jc + `"/>`)
		}
		b.WriteString("</w:pPr>")
	}
	for _, r := range runs {
		writeRun(b, r)
	}
	b.WriteString("</w:p>")
}

// writeRun writes a run; line breaks in the text become <w:br/>.
func writeRun(b *bytes.Buffer, r docRun) {
	if r.text == "" {
		return
	}
	b.WriteString("<w:r>")
	if r.bold || r.italic {
		b.WriteString("<w:rPr>")
		if r.bold {
			b.WriteString("<w:b/>")
		}
		if r.italic {
			b.WriteString("<w:i/>")
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
	doc.WriteString(xmlHeader + `<w:document xmlns:w="` + nsW + `"><w:body>`)
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
		{"word/_rels/document.xml.rels", []byte(docxDocumentRels)},
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

const docxDocumentRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`</Relationships>`

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
	`<w:style w:type="table" w:styleId="APATable"><w:name w:val="APA Table"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style>` +
	`<w:style w:type="table" w:styleId="GridTable"><w:name w:val="Grid Table"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders></w:tblPr></w:style>` +
	`</w:styles>`
