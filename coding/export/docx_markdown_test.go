package export_test

import (
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/export"
)

// TestCodebookDOCXMarkdown checks that a definition's Markdown becomes
// Word formatting: bold, italics, a bulleted and a numbered list, a link
// with its relationship, a block quote, code; and that no Markdown marker
// or raw HTML is left in the text.
func TestCodebookDOCXMarkdown(t *testing.T) {
	b := newBuilder(t, "Markdown")
	c := b.code(coding.LevelDimension, nil, "Failure recognition")
	c.Definition = "Passages where the **failure** is *noticed* late, ~~never~~ `on time`.\n\n" +
		"- first sign\n- second sign\n  1. nested step\n\n" +
		"> Founders spot it late.\n\n" +
		"See [the paper](https://example.org/paper?a=1&b=2). <b>raw</b>"
	text := string(zipText(t, mustExport(t, b.done(), "codebook-docx", export.Options{})))
	for _, want := range []string{
		`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Definition: </w:t></w:r><w:r><w:t xml:space="preserve">Passages where the </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">failure</w:t></w:r>`,
		`<w:rPr><w:i/></w:rPr><w:t xml:space="preserve">noticed</w:t>`,
		`<w:rPr><w:strike/></w:rPr><w:t xml:space="preserve">never</w:t>`,
		`<w:rPr><w:rStyle w:val="Code"/></w:rPr><w:t xml:space="preserve">on time</w:t>`,
		`<w:p><w:pPr><w:ind w:left="360"/></w:pPr><w:r><w:t xml:space="preserve">• first sign</w:t>`,
		`<w:p><w:pPr><w:ind w:left="720"/></w:pPr><w:r><w:t xml:space="preserve">1. nested step</w:t>`,
		`<w:pStyle w:val="BlockQuote"/></w:pPr><w:r><w:t xml:space="preserve">Founders spot it late.</w:t>`,
		`<w:hyperlink r:id="rIdL1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">the paper</w:t></w:r></w:hyperlink>`,
		`<Relationship Id="rIdL1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/paper?a=1&amp;b=2" TargetMode="External"/>`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("codebook DOCX lacks %s", want)
		}
	}
	for _, bad := range []string{"**", "&gt; Founders", "[the paper]", "&lt;b&gt;", "`"} {
		if strings.Contains(text, bad) {
			t.Errorf("codebook DOCX still has %q", bad)
		}
	}
}
