package export

import (
	"strings"

	"tessera/coding"
)

// quotesTable lists every quote once per code it carries, in project
// order: document, case, speaker (of the turn where the quote starts),
// start and end (code points), text, the code and its level, its concept,
// theme and dimension, the code's effective facet values
// (Options.Facets, default all), the coder and the memos (the quote's own
// note, then memos attached to the quote).
func quotesTable(snap *coding.Snapshot, opt Options) (*table, error) {
	facets, err := facetColumns(snap, opt.Facets, nil)
	if err != nil {
		return nil, err
	}
	ix := newIndex(snap)
	t := &table{
		Title:     "Quotes: " + snap.Project.Name,
		Sheet:     "Quotes",
		Header:    []string{"Quote ID", "Document", "Case", "Speaker", "Start", "End", "Text", "Code", "Level", "Concept", "Theme", "Dimension"},
		Widths:    []float64{1.2, 1.5, 1.2, 1, 0.6, 0.6, 5, 1.8, 0.8, 1.8, 1.8, 1.8},
		Landscape: true,
	}
	for _, f := range facets {
		t.Header = append(t.Header, f.Name)
		t.Widths = append(t.Widths, 1.2)
	}
	t.Header = append(t.Header, "Coder", "Memo")
	t.Widths = append(t.Widths, 1, 2.5)

	memos := map[string][]string{}
	for _, m := range snap.Memos {
		if m.TargetType == coding.MemoQuote {
			memos[m.TargetID] = append(memos[m.TargetID], joinNonEmpty(": ", m.Title, strings.TrimSpace(m.Body)))
		}
	}
	for _, q := range snap.Quotes {
		doc, caseName := "", ""
		if d := ix.docs[q.DocumentID]; d != nil {
			doc = d.Title
		}
		if c := ix.caseOf(q); c != nil {
			caseName = c.Name
		}
		memo := strings.Join(append([]string{strings.TrimSpace(q.Memo)}, memos[q.ID]...), "\n\n")
		for _, c := range ix.codesOf(q) {
			cells := []tableCell{
				textCell(q.ID), textCell(doc), textCell(caseName), textCell(ix.speakerOf(q)),
				intCell(q.Start), intCell(q.End), textCell(q.Text), textCell(c.Name), textCell(string(c.Level)),
				textCell(nameOf(refOf(ix.tree.Ancestor(c, coding.LevelConcept)))),
				textCell(nameOf(refOf(ix.tree.Ancestor(c, coding.LevelTheme)))),
				textCell(nameOf(refOf(ix.tree.Ancestor(c, coding.LevelDimension)))),
			}
			for _, f := range facets {
				v, _ := ix.tree.EffectiveFacet(c, f.ID)
				cells = append(cells, textCell(v))
			}
			cells = append(cells, textCell(q.Coder), textCell(strings.TrimSpace(memo)))
			t.Rows = append(t.Rows, tableRow{Cells: cells})
		}
	}
	return t, nil
}
