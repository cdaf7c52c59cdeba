package importer

import "strings"

// flow turns the paragraphs and tables of a word-processing document into
// stored text while its XML streams by: each paragraph is a line, each row
// of an outermost table is a line with its cells joined by tabs (a cell's
// paragraphs, breaks and tabs become spaces, and nested tables flatten
// into their cell). Paragraphs nested in a paragraph (text boxes) end
// with a line break inside it.
type flow struct {
	out        textBuilder
	para       strings.Builder
	paraDepth  int
	tableDepth int
	row        []string
	cell       strings.Builder
	cellSep    bool // a paragraph ended in this cell: separate what follows
}

var cellSpace = strings.NewReplacer("\n", " ", "\t", " ")

func (f *flow) startPara() { f.paraDepth++ }

func (f *flow) endPara() error {
	f.paraDepth--
	switch {
	case f.tableDepth > 0:
		f.cellSep = true
	case f.paraDepth > 0:
		f.para.WriteByte('\n')
	default:
		err := f.out.addLine(f.para.String())
		f.para.Reset()
		return err
	}
	return nil
}

func (f *flow) startTable() { f.tableDepth++ }
func (f *flow) endTable()   { f.tableDepth-- }

func (f *flow) startRow() {
	if f.tableDepth == 1 {
		f.row = f.row[:0]
	}
}

func (f *flow) endRow() error {
	if f.tableDepth == 1 {
		return f.out.addLine(strings.Join(f.row, "\t"))
	}
	return nil
}

func (f *flow) startCell() {
	if f.tableDepth == 1 {
		f.cell.Reset()
		f.cellSep = false
	}
}

func (f *flow) endCell() {
	if f.tableDepth == 1 {
		f.row = append(f.row, f.cell.String())
	}
}

// write adds text to the current paragraph or table cell.
func (f *flow) write(s string) error {
	if err := f.out.check(f.para.Len() + f.cell.Len() + len(s)); err != nil {
		return err
	}
	if f.tableDepth == 0 {
		f.para.WriteString(s)
		return nil
	}
	if f.cellSep && f.cell.Len() > 0 {
		f.cell.WriteByte(' ')
	}
	f.cellSep = false
	f.cell.WriteString(cellSpace.Replace(s))
	return nil
}

// text returns the stored text; text outside any paragraph (in broken
// files) is kept as a last line.
func (f *flow) text() (string, error) {
	if f.para.Len() > 0 {
		if err := f.out.addLine(f.para.String()); err != nil {
			return "", err
		}
	}
	return f.out.String(), nil
}
