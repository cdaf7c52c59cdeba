package importer_test

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"tessera/coding"
	"tessera/coding/importer"
)

// addFixtures seeds a fuzz target with the testdata fixtures of ext.
func addFixtures(f *testing.F, ext string) {
	f.Helper()
	paths, _ := filepath.Glob(filepath.Join("testdata", "formats", "*."+ext))
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
}

// FuzzDetectTurns checks that detected turns always fit the text they
// were detected in, as Document.Validate requires.
func FuzzDetectTurns(f *testing.F) {
	for _, s := range []string{
		"Anna: hi\nBjörn: hello\nAnna: bye",
		"**Q:** one\n\n**A:** two\n**Q:**\n**A:**three",
		"[00:01:02] Jörg: ja\n00:01:05 Interviewer: und?\n[01:02] Jörg: 👍",
		"Elina Kärnä (Interviewer): x\nZoë (CEO):\n\n  y  \n",
		"Q:\nA:\n\n", "", "\n\n\n", ":", "I: \t\n", "王：你好\n李：好",
		"Note: x\nhttp://x\n10:30 a",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text, _ := coding.NormalizeText(s)
		turns := importer.DetectTurns(text)
		if text == "" {
			if len(turns) != 0 {
				t.Fatalf("got turns %v for empty text", turns)
			}
			return
		}
		d := coding.Document{Title: "fuzz", Text: text, Turns: turns}
		if err := d.Validate(); err != nil {
			t.Fatalf("turns %v of %q: %v", turns, text, err)
		}
		// On raw text too, turns stay ordered and within it.
		prev, n := 0, utf8.RuneCountInString(s)
		for _, tr := range importer.DetectTurns(s) {
			if tr.Start < prev || tr.End <= tr.Start || tr.End > n {
				t.Fatalf("turn %v out of order or range in %q", tr, s)
			}
			prev = tr.End
		}
	})
}

// FuzzDecode checks that the decoder never panics and, with hygiene,
// always yields valid NFC UTF-8.
func FuzzDecode(f *testing.F) {
	addFixtures(f, "txt")
	for _, b := range [][]byte{
		[]byte("Kohtam\xE4ki"), []byte("\xEF\xBB\xBFLuleå"), {0xFF, 0xFE, 0x3D, 0xD8, 0x4D, 0xDC},
		{0xFE, 0xFF, 0xD8}, []byte("a\xC3"), []byte("\x81"), {},
	} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, enc, err := importer.Decode(data)
		if err != nil {
			if coding.ErrorCode(err) != coding.EINVALID {
				t.Fatalf("got error code %s", coding.ErrorCode(err))
			}
			return
		}
		if enc == "" || !utf8.ValidString(text) {
			t.Fatalf("got invalid UTF-8 %q (%s)", text, enc)
		}
		out, _ := coding.NormalizeText(text)
		if !utf8.ValidString(out) || !norm.NFC.IsNormalString(out) {
			t.Fatalf("normalised text %q is not valid NFC UTF-8", out)
		}
	})
}

// parseNeverPanics parses data as name and checks the outcome's shape.
func parseNeverPanics(t *testing.T, name string, data []byte) {
	t.Helper()
	p, err := importer.Parse(name, data, importer.Options{MaxTextBytes: 1 << 20})
	if err != nil {
		if code := coding.ErrorCode(err); code != coding.EINVALID && code != coding.ETOOLARGE {
			t.Fatalf("got error code %s: %v", code, err)
		}
		return
	}
	d := coding.Document{Title: p.Title, Text: p.Text, Turns: p.Turns}
	if err := d.Validate(); err != nil {
		t.Fatalf("parsed %s does not validate: %v", name, err)
	}
}

// FuzzDocx feeds arbitrary bytes and mutated documents to the .docx reader.
func FuzzDocx(f *testing.F) {
	f.Add(makeDocx(f, docxParagraphs([]string{"Interviewer: Hej", "Björn: Luleå 👍"})))
	f.Add(makeDocx(f, `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:del><w:r><w:delText>x</w:delText></w:r></w:del></w:p>`))
	f.Add(zipFiles(f, "word/document.xml", `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>x`))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) { parseNeverPanics(t, "f.docx", data) })
}

// FuzzVTT feeds arbitrary text to the WebVTT reader.
func FuzzVTT(f *testing.F) {
	addFixtures(f, "vtt")
	f.Add([]byte("WEBVTT\n\n00:00.000 -->\n<v A>x"))
	f.Add([]byte("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v>\n\n00:00:02.000 --> 00:00:03.000 region:x\nA: b"))
	f.Add([]byte("WEBVTT\nSTYLE\n::cue { }\n\nRegion: id=a\n"))
	f.Fuzz(func(t *testing.T, data []byte) { parseNeverPanics(t, "f.vtt", data) })
}

// FuzzHTML feeds arbitrary markup to the HTML reader.
func FuzzHTML(f *testing.F) {
	addFixtures(f, "html")
	f.Add([]byte("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table><pre>a\nb</pre>"))
	f.Add([]byte("<p>Anna: <b>x</b></p><br><br><p>Björn: y</p><script>"))
	f.Fuzz(func(t *testing.T, data []byte) { parseNeverPanics(t, "f.html", data) })
}
