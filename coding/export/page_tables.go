package export

import (
	"strings"

	"tessera/coding"
	"tessera/coding/codebook"
)

// The page formats (DOCX, LaTeX) print tables that must fit a page. The
// builders here reshape the spreadsheet-sized tables of the codebook, the
// quotes and the co-occurrences into the tables papers print.

// codebookPageTable is the codebook as a page table: code, level,
// definition, inclusion and exclusion criteria and the example quote,
// with the headers a reader expects.
func codebookPageTable(snap *coding.Snapshot, opt Options) (*table, error) {
	t, err := codebookTable(snap, opt)
	if err != nil {
		return nil, err
	}
	return t.keep(map[string]string{
		codebook.ColName: "Code", codebook.ColLevel: "Level", codebook.ColDefinition: "Definition",
		codebook.ColInclusion: "Inclusion", codebook.ColExclusion: "Exclusion", codebook.ColExample: "Example quote",
	}, []float64{2, 1, 3, 2, 2, 3}), nil
}

// quotesPageTable lists every quote once per code it carries: the code,
// its theme, the quote's text and where it comes from (case, speaker,
// document).
func quotesPageTable(snap *coding.Snapshot, opt Options) (*table, error) {
	t, err := quotesTable(snap, opt)
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range t.Header {
		col[h] = i
	}
	out := &table{Title: t.Title, Sheet: t.Sheet, Intro: t.Intro, Landscape: false,
		Header: []string{"Code", "Theme", "Quote", "Source"},
		Widths: []float64{2, 2, 5, 2}}
	for _, r := range t.Rows {
		text := func(h string) string { return r.Cells[col[h]].Text }
		out.Rows = append(out.Rows, tableRow{Cells: []tableCell{
			textCell(text("Code")), textCell(text("Theme")), textCell("“" + collapseSpace(text("Text")) + "”"),
			textCell(joinNonEmpty(", ", text("Case"), text("Speaker"), text("Document"))),
		}})
	}
	return out, nil
}

// cooccurrencePageTable numbers the codes of the co-occurrence matrix:
// rows read "1. Code" and the columns are headed by the numbers, as
// correlation tables are printed.
func cooccurrencePageTable(snap *coding.Snapshot, opt Options) (*table, error) {
	t, err := cooccurrenceTable(snap, opt)
	if err != nil {
		return nil, err
	}
	for i := range t.Rows {
		n := itoa(i + 1)
		t.Header[i+1] = n
		t.Rows[i].Cells[0].Text = n + ". " + t.Rows[i].Cells[0].Text
	}
	t.Landscape = len(t.Rows) > 10
	return t, nil
}

// keep returns the table with only the columns named in names, in their
// order in t, renamed; widths are the new relative widths.
func (t *table) keep(names map[string]string, widths []float64) *table {
	out := &table{Title: t.Title, Sheet: t.Sheet, Intro: t.Intro, Widths: widths, SectionColumn: t.SectionColumn}
	var idx []int
	for i, h := range t.Header {
		if n, ok := names[strings.ToLower(h)]; ok {
			idx = append(idx, i)
			out.Header = append(out.Header, n)
		}
	}
	for _, r := range t.Rows {
		nr := r
		nr.Cells = nil
		if !r.IsSection {
			for _, i := range idx {
				nr.Cells = append(nr.Cells, r.Cells[i])
			}
		}
		out.Rows = append(out.Rows, nr)
	}
	return out
}
