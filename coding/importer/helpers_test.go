package importer_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"tessera/coding"
	"tessera/coding/importer"
	"tessera/coding/store"
)

// mustOpenStore opens a real store in a temporary directory.
func mustOpenStore(tb testing.TB) *store.Store {
	tb.Helper()
	s, err := store.Open(filepath.Join(tb.TempDir(), "tessera.db"), store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// mustProject creates a project in s.
func mustProject(tb testing.TB, s coding.Store, name string) *coding.Project {
	tb.Helper()
	p := &coding.Project{Name: name}
	if err := s.CreateProject(context.Background(), p); err != nil {
		tb.Fatal(err)
	}
	return p
}

// mustParse parses or fails the test.
func mustParse(tb testing.TB, name string, data []byte) *importer.Parsed {
	tb.Helper()
	p, err := importer.Parse(name, data, importer.Options{})
	if err != nil {
		tb.Fatalf("Parse(%q): %v", name, err)
	}
	return p
}

// checkTurns fails when turns would not pass Document.Validate.
func checkTurns(tb testing.TB, text string, turns []coding.Turn) {
	tb.Helper()
	d := coding.Document{Title: "t", Text: text, Turns: turns}
	if err := d.Validate(); err != nil {
		tb.Fatalf("turns %v do not validate: %v", turns, err)
	}
}

// turnText returns the text of each turn as "speaker|text|timestamp".
func turnText(text string, turns []coding.Turn) []string {
	var out []string
	for _, t := range turns {
		s := t.Speaker + "|" + coding.Slice(text, t.Start, t.End)
		if t.Timestamp != "" {
			s += "|" + t.Timestamp
		}
		out = append(out, s)
	}
	return out
}

// wantError checks err's code and exact message.
func wantError(tb testing.TB, err error, code, msg string) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("got no error, want %s %q", code, msg)
	}
	if got := coding.ErrorCode(err); got != code {
		tb.Errorf("got code %s, want %s (%v)", got, code, err)
	}
	if got := coding.ErrorMessage(err); got != msg {
		tb.Errorf("got message %q, want %q", got, msg)
	}
}

// zipFiles builds a zip archive from name/content pairs, in order.
func zipFiles(tb testing.TB, files ...string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(files[i+1])); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// makeDocx builds a minimal Word document whose body is bodyXML.
func makeDocx(tb testing.TB, bodyXML string) []byte {
	tb.Helper()
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` +
		bodyXML + `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
	return zipFiles(tb,
		"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml", doc,
	)
}

// docxParagraphs writes each string as a Word paragraph of plain runs,
// escaping XML and splitting the text into several runs.
func docxParagraphs(paras []string) string {
	var b strings.Builder
	for _, p := range paras {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Normal"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>`)
		words := strings.SplitAfter(p, " ")
		for i, w := range words {
			if w == "" {
				continue
			}
			fmt.Fprintf(&b, `<w:r><w:rPr><w:b w:val="%t"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, i%2 == 0, xmlEscape(w))
		}
		b.WriteString(`</w:p>`)
	}
	return b.String()
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// makeODT builds a minimal OpenDocument text whose office:text holds body.
func makeODT(tb testing.TB, body string) []byte {
	tb.Helper()
	content := `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
  <office:automatic-styles/>
  <office:body>
    <office:text>
` + body + `
    </office:text>
  </office:body>
</office:document-content>`
	return zipFiles(tb,
		"mimetype", "application/vnd.oasis.opendocument.text",
		"META-INF/manifest.xml", `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
		"content.xml", content,
	)
}

// makePDF writes a valid one-font PDF with one page per content stream.
// The font is Helvetica with WinAnsiEncoding unless toUnicode is set: then
// the font has no encoding and that ToUnicode CMap.
func makePDF(tb testing.TB, toUnicode string, pages ...string) []byte {
	tb.Helper()
	var objs []string
	add := func(s string) int {
		objs = append(objs, s)
		return len(objs)
	}
	catalog := add("") // filled in below
	pagesObj := add("")
	font := `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>`
	if toUnicode != "" {
		cmap := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(toUnicode), toUnicode))
		font = fmt.Sprintf(`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>`, cmap)
	}
	fontObj := add(font)
	var kids []string
	for _, content := range pages {
		c := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
		p := add(fmt.Sprintf(`<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>`, pagesObj, fontObj, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", p))
	}
	objs[catalog-1] = fmt.Sprintf(`<< /Type /Catalog /Pages %d 0 R >>`, pagesObj)
	objs[pagesObj-1] = fmt.Sprintf(`<< /Type /Pages /Kids [%s] /Count %d >>`, strings.Join(kids, " "), len(kids))

	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, xref)
	return b.Bytes()
}

// parseWithLimit parses with a text limit of max bytes.
func parseWithLimit(name string, data []byte, max int64) (*importer.Parsed, error) {
	return importer.Parse(name, data, importer.Options{MaxTextBytes: max})
}

// cmpSortStrings compares string slices regardless of order (file systems
// order decomposed and composed names differently).
var cmpSortStrings = cmpopts.SortSlices(func(a, b string) bool { return a < b })
