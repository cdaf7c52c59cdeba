package importer_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/importer"
)

func TestParseErrors(t *testing.T) {
	const formats = ".txt, .md, .docx, .odt, .pdf, .vtt, .srt, .html, .htm"
	tests := []struct {
		name string
		file string
		data []byte
		opt  importer.Options
		code string
		msg  string
	}{
		{"empty", "a.txt", nil, importer.Options{}, coding.EINVALID, "the file is empty"},
		{"white space only", "a.md", []byte(" \r\n\t\n  \x00"), importer.Options{}, coding.EINVALID, "the file holds no text, only white space"},
		{"unknown extension", "notes.rtf", []byte("x"), importer.Options{}, coding.EINVALID, `unsupported file type ".rtf" (Tessera imports ` + formats + ")"},
		{"no extension", "dir/README", []byte("x"), importer.Options{}, coding.EINVALID, `the file name "README" has no extension, so its format is unknown (Tessera imports ` + formats + ")"},
		{"invalid utf-8", "a.txt", []byte("Kohtamäki\xFF\xFE"), importer.Options{}, coding.EINVALID, "not valid UTF-8 at byte offset 10"},
		{"too large", "a.txt", []byte(strings.Repeat("Luleå ", 200)), importer.Options{MaxTextBytes: 1 << 10}, coding.ETOOLARGE, "the text is larger than the import limit of 1 KB"},
		{"too large before decoding", "a.txt", make([]byte, 5000), importer.Options{MaxTextBytes: 1000}, coding.ETOOLARGE, "the text is larger than the import limit of 1000 bytes"},
		{"docx not a zip", "a.docx", []byte("plain text"), importer.Options{}, coding.EINVALID, "not a valid .docx file (it is not a zip archive)"},
		{"docx without document.xml", "a.docx", zipFiles(t, "word/styles.xml", "<x/>"), importer.Options{}, coding.EINVALID, "not a valid .docx file (word/document.xml is missing)"},
		{"docx broken xml", "a.docx", zipFiles(t, "word/document.xml", "<w:document><w:body>"), importer.Options{}, coding.EINVALID, "not a valid .docx file (word/document.xml: XML syntax error on line 1: unexpected EOF)"},
		{"docx without text", "a.docx", makeDocx(t, `<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>`), importer.Options{}, coding.EINVALID, "the file holds no text, only white space"},
		{"odt without content.xml", "a.odt", zipFiles(t, "mimetype", "application/vnd.oasis.opendocument.text"), importer.Options{}, coding.EINVALID, "not a valid .odt file (content.xml is missing)"},
		{"pdf without text", "scan.pdf", makePDF(t, "", "0.5 g 72 72 468 648 re f"), importer.Options{}, coding.EINVALID, "no text layer; OCR it first"},
		{"not a pdf", "a.pdf", []byte("%PDF-1.4 but nothing else at all"), importer.Options{}, coding.EINVALID, "not a valid PDF file (not a PDF file: invalid header)"},
		{"vtt without header", "a.vtt", []byte("00:00:01.000 --> 00:00:02.000\nHello"), importer.Options{}, coding.EINVALID, "not a WebVTT file (it must start with the line WEBVTT)"},
		{"vtt without cues", "a.vtt", []byte("WEBVTT\n\nNOTE nothing here\n"), importer.Options{}, coding.EINVALID, "the file holds no subtitle text"},
		{"srt with a bad time", "a.srt", []byte("1\n00:00:xx,000 --> 00:00:02,000\nHello\n"), importer.Options{}, coding.EINVALID, `not a valid SubRip (.srt) file (line 2: parsing srt duration 00:00:xx,000 failed)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := importer.Parse(tt.file, tt.data, tt.opt)
			wantError(t, err, tt.code, tt.msg)
		})
	}
}

func TestParseHygiene(t *testing.T) {
	// CRLF and a lone CR, a NUL and a bell, a decomposed å, an emoji.
	data := []byte("Anna: Lulea\u030a\x00 👍\r\nBjörn: ok\x07\rAnna: bye\r\nBjörn: hej")
	p := mustParse(t, "a.txt", data)
	if want := "Anna: Luleå 👍\nBjörn: ok\nAnna: bye\nBjörn: hej"; p.Text != want {
		t.Errorf("got text %q, want %q", p.Text, want)
	}
	want := importer.TextStats{
		TextReport: coding.TextReport{LineEndings: 3, ControlRemoved: 2, Normalized: true},
		Turns:      4,
		Speakers:   []string{"Anna", "Björn"},
	}
	if diff := cmp.Diff(want, p.Report); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	if got := coding.Slice(p.Text, p.Turns[0].Start, p.Turns[0].End); got != "Luleå 👍" {
		t.Errorf("got first turn %q, want %q", got, "Luleå 👍")
	}
}

func TestParseTitleAndFormat(t *testing.T) {
	tests := []struct{ file, title, format string }{
		{"Case A/ceo-interview.TXT", "ceo-interview", "txt"},
		{`C:\data\Luleå\intervju 1.md`, "intervju 1", "md"},
		{"page.htm", "page", "html"},
		{"Lulea\u030a.txt", "Luleå", "txt"},
	}
	for _, tt := range tests {
		p := mustParse(t, tt.file, []byte("Some text."))
		if p.Title != tt.title || p.Format != tt.format {
			t.Errorf("%s: got title %q format %q, want %q %q", tt.file, p.Title, p.Format, tt.title, tt.format)
		}
		if !importer.Supported(tt.file) {
			t.Errorf("Supported(%q) = false", tt.file)
		}
	}
	if importer.Supported("x.rtf") {
		t.Error("Supported(x.rtf) = true")
	}
}

func TestFromText(t *testing.T) {
	p, err := importer.FromText(" Interview 1 ", "Q: Where?\r\nA: Lulea\u030a.")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Interview 1" || p.Format != "text" || p.Text != "Q: Where?\nA: Luleå." {
		t.Errorf("got %q %q %q", p.Title, p.Format, p.Text)
	}
	if diff := cmp.Diff([]string{"Q|Where?", "A|Luleå."}, turnText(p.Text, p.Turns)); diff != "" {
		t.Errorf("turns (-want +got):\n%s", diff)
	}
	_, err = importer.FromText("", "text")
	wantError(t, err, coding.EINVALID, "document title is required")
	_, err = importer.FromText("t", "   ")
	wantError(t, err, coding.EINVALID, "the file holds no text, only white space")
}

func TestNoSpeakersIsOneTurn(t *testing.T) {
	text := "Field notes from Oulu.\nThe bakery had two lines."
	p := mustParse(t, "notes.txt", []byte(text))
	want := []coding.Turn{{Start: 0, End: coding.RuneLen(text)}}
	if diff := cmp.Diff(want, p.Turns); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(p.Report.Speakers) != 0 || p.Report.Turns != 1 {
		t.Errorf("got report %+v", p.Report)
	}
}

func TestFormats(t *testing.T) {
	want := []string{"txt", "md", "docx", "odt", "pdf", "vtt", "srt", "html", "htm"}
	if diff := cmp.Diff(want, importer.Formats()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
