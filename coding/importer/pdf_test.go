package importer_test

import (
	"testing"
)

func TestPDF(t *testing.T) {
	// Page 1: lines placed with Td, a hyphenated word across lines, a
	// hyphen between capitals that stays, words spaced by TJ kerning.
	page1 := `BT /F1 12 Tf 72 720 Td (Interviewer: How did you learn-) Tj 0 -14 Td (ing from peers work?) Tj ET
BT /F1 12 Tf 72 690 Td (Jyrki: Through the Kohtam\344ki EU-) Tj 0 -14 Td (Network.) Tj ET
BT /F1 12 Tf 72 650 Td [(Separate)-400(words)] TJ ET`
	page2 := `BT /F1 12 Tf 72 720 Td (Interviewer: Thanks.) Tj 0 -14 Td (Jyrki: Welcome.) Tj ET`
	p := mustParse(t, "interview.pdf", makePDF(t, "", page1, page2))
	want := "Interviewer: How did you learning from peers work?\n" +
		"Jyrki: Through the Kohtamäki EU-\nNetwork.\n" +
		"Separate words\n\n" +
		"Interviewer: Thanks.\nJyrki: Welcome."
	if p.Text != want {
		t.Errorf("got\n%q\nwant\n%q", p.Text, want)
	}
	if p.Format != "pdf" || p.Report.Turns != 4 {
		t.Errorf("got format %q, %d turns", p.Format, p.Report.Turns)
	}
}

func TestPDFLigatures(t *testing.T) {
	// A font whose ToUnicode map gives code 1 the ligature U+FB01 "ﬁ" and
	// code 2 the private-use "fl" U+F002.
	cmap := `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Test def
1 begincodespacerange
<00> <FF>
endcodespacerange
2 beginbfchar
<01> <FB01>
<02> <F002>
endbfchar
1 beginbfrange
<20> <7E> <0020>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`
	page := `BT /F1 12 Tf 72 720 Td (Our \001rst \002ight to Oulu) Tj ET`
	p := mustParse(t, "l.pdf", makePDF(t, cmap, page))
	if want := "Our first flight to Oulu"; p.Text != want {
		t.Errorf("got %q, want %q", p.Text, want)
	}
}
