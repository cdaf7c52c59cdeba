package importer_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
)

// TestDocxRoundTrip proves that the stored text of a .docx is its
// paragraphs joined by "\n".
func TestDocxRoundTrip(t *testing.T) {
	paras := []string{
		"Interviewer: Thank you for seeing me, Björn.",
		"Björn: Of course. We started MedSense in Luleå in 2009 👍.",
		"",
		"Interviewer: What went wrong in Germany?",
		"Björn: We trusted one distributor & <no> plan B.",
		"  Indented text keeps its spaces.  ",
		"Kohtamäki, Pöllö, Nebelhöhle: names with diacritics.",
		"Interviewer: Thanks.",
		"Björn: Thank you.",
	}
	p := mustParse(t, "founder.docx", makeDocx(t, docxParagraphs(paras)))
	if want := strings.Join(paras, "\n"); p.Text != want {
		t.Errorf("got text\n%q\nwant\n%q", p.Text, want)
	}
	if p.Format != "docx" || p.Encoding != "" {
		t.Errorf("got format %q encoding %q", p.Format, p.Encoding)
	}
	want := []string{
		"Interviewer|Thank you for seeing me, Björn.",
		"Björn|Of course. We started MedSense in Luleå in 2009 👍.",
		"Interviewer|What went wrong in Germany?",
		"Björn|We trusted one distributor & <no> plan B.\n  Indented text keeps its spaces.  \nKohtamäki, Pöllö, Nebelhöhle: names with diacritics.",
		"Interviewer|Thanks.",
		"Björn|Thank you.",
	}
	if diff := cmp.Diff(want, turnText(p.Text, p.Turns)); diff != "" {
		t.Errorf("turns (-want +got):\n%s", diff)
	}
}

func TestDocxStructure(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{
			name: "breaks and tabs in runs, tab stops ignored",
			body: `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>one</w:t><w:br/><w:t>two</w:t><w:tab/><w:t>three</w:t><w:cr/><w:t>four</w:t></w:r></w:p>`,
			want: "one\ntwo\tthree\nfour",
		},
		{
			name: "tables: one line per row, cells joined by tabs",
			body: `<w:p><w:r><w:t>Before</w:t></w:r></w:p>` +
				`<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>` +
				`<w:tr><w:tc><w:p><w:r><w:t>Market</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Year</w:t></w:r></w:p></w:tc></w:tr>` +
				`<w:tr><w:tc><w:p><w:r><w:t>Sweden</w:t></w:r></w:p><w:p><w:r><w:t>(first)</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2017</w:t><w:br/><w:t>Q3</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>` +
				`</w:tbl><w:p><w:r><w:t>After</w:t></w:r></w:p>`,
			want: "Before\nMarket\tYear\nSweden (first)\t2017 Q3\t\nAfter",
		},
		{
			name: "tracked deletions dropped, insertions kept",
			body: `<w:p><w:r><w:t xml:space="preserve">We went to </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>Germany</w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>Sweden</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>`,
			want: "We went to Sweden.",
		},
		{
			name: "moved text appears once",
			body: `<w:p><w:moveFrom w:id="3"><w:r><w:t>old place</w:t></w:r></w:moveFrom><w:r><w:t>text</w:t></w:r><w:moveTo w:id="4"><w:r><w:t xml:space="preserve"> new place</w:t></w:r></w:moveTo></w:p>`,
			want: "text new place",
		},
		{
			name: "comments and field codes left out",
			body: `<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Luleå</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>` +
				`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> 7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
			want: "Luleå 7",
		},
		{
			name: "text box alternate content read once",
			body: `<w:p><w:r><w:t>Main</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
			want: "MainBox\n",
		},
		{
			name: "hyperlinks, content controls and non-breaking hyphens",
			body: `<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:p><w:hyperlink w:anchor="a"><w:r><w:t>Anna</w:t></w:r></w:hyperlink><w:r><w:noBreakHyphen/><w:t>Liisa</w:t></w:r></w:p></w:sdtContent></w:sdt>`,
			want: "Anna-Liisa",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, "a.docx", makeDocx(t, tt.body))
			if p.Text != tt.want {
				t.Errorf("got %q, want %q", p.Text, tt.want)
			}
		})
	}
}

func TestDocxTextLimit(t *testing.T) {
	body := docxParagraphs([]string{strings.Repeat("Kohtamäki ", 300)})
	_, err := parseWithLimit("a.docx", makeDocx(t, body), 1000)
	wantError(t, err, coding.ETOOLARGE, "the text is larger than the import limit of 1000 bytes")
}
