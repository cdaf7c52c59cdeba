package importer

import (
	"encoding/xml"
	"io"
)

// WordprocessingML namespaces: transitional and strict.
const (
	nsWord       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWordStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMarkup     = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// docxSkip lists Word elements whose content is not document text:
// properties, field codes, tracked deletions and moved-away text.
var docxSkip = map[string]bool{
	"del": true, "moveFrom": true, "delText": true, "instrText": true, "delInstrText": true,
	"pPr": true, "rPr": true, "sectPr": true, "tblPr": true, "tblGrid": true, "trPr": true,
	"tcPr": true, "tblPrEx": true, "sdtPr": true, "sdtEndPr": true, "sym": true, "fldData": true,
}

// readDocx reads the main story of a Word document (word/document.xml):
// paragraphs become lines joined by "\n", w:br and w:cr line breaks,
// w:tab tabs, and each table row one line with its cells joined by tabs.
// Comments (stored apart), tracked deletions and field codes are left
// out; tracked insertions are kept.
func readDocx(src source, opt Options) (*extracted, error) {
	const kind, part = ".docx", "word/document.xml"
	dec, closeFn, err := openZipXML(src, part, kind, opt)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	f := &flow{out: textBuilder{opt: opt}}
	inText := false
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
			switch {
			case t.Name.Space == nsMarkup && t.Name.Local == "Fallback":
				err = dec.Skip() // the content of mc:Choice again, for older readers
			case !isWord(t.Name):
			case docxSkip[t.Name.Local]:
				err = dec.Skip()
			default:
				inText = t.Name.Local == "t"
				err = docxStart(f, t.Name.Local)
			}
		case xml.EndElement:
			if isWord(t.Name) {
				inText = false
				err = docxEnd(f, t.Name.Local)
			}
		case xml.CharData:
			if inText {
				err = f.write(string(t))
			}
		}
		if err != nil {
			return nil, xmlError(err, kind, part, opt)
		}
	}
	text, err := f.text()
	if err != nil {
		return nil, err
	}
	return &extracted{text: text}, nil
}

func isWord(n xml.Name) bool { return n.Space == nsWord || n.Space == nsWordStrict }

func docxStart(f *flow, local string) error {
	switch local {
	case "p":
		f.startPara()
	case "tbl":
		f.startTable()
	case "tr":
		f.startRow()
	case "tc":
		f.startCell()
	case "tab", "ptab":
		return f.write("\t")
	case "br", "cr":
		return f.write("\n")
	case "noBreakHyphen":
		return f.write("-")
	}
	return nil
}

func docxEnd(f *flow, local string) error {
	switch local {
	case "p":
		return f.endPara()
	case "tc":
		f.endCell()
	case "tr":
		return f.endRow()
	case "tbl":
		f.endTable()
	}
	return nil
}
