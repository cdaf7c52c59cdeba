package export

import (
	"strings"

	"tessera/coding"
)

// TableTexts returns the texts a page format (DOCX, LaTeX) prints for the
// table of the named format family (gioia, codebook, matrix, cases,
// cooccurrence, quotes) as page formats lay it out, in reading order: the table number, the title,
// the headers, each row's section label or the texts of its cells that a
// merge does not cover, and the notes. Empty texts are left out.
func TableTexts(snap *coding.Snapshot, format string, opt Options) ([]string, error) {
	builders := map[string]func(*coding.Snapshot, Options) (*table, error){
		"gioia": gioiaTable, "codebook": codebookPageTable, "matrix": matrixTable,
		"cases": casesTable, "cooccurrence": cooccurrencePageTable, "quotes": quotesPageTable,
		"supporting": supportingTable,
	}
	family, _, _ := strings.Cut(format, "-")
	t, err := builders[family](snap, opt)
	if err != nil {
		return nil, err
	}
	if err := opt.Table.apply(t); err != nil {
		return nil, err
	}
	var out []string
	add := func(s string) {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	add(t.numberLabel())
	add(t.Title)
	for _, h := range t.Header {
		add(h)
	}
	for _, r := range t.Rows {
		add(r.Section)
		for _, c := range r.Cells {
			if !c.Covered {
				add(c.Text)
			}
		}
	}
	if t.Style == StyleGrid {
		add(t.Notes)
	} else {
		add(t.noteText())
	}
	return out, nil
}
