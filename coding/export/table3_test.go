package export_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/export"
)

// Concepts of the Table-3-shaped fixture, as GIOIA.md's example.
const (
	spot    = "Founders spot the problem only when a client escalates"
	monthly = "Monthly numbers reveal the overrun too late"
	standup = "Stand-up meetings where mistakes are named openly"
	swap    = "Founders swap failure stories in a local founders' group"
	tender  = "Sales lead learns pricing from a partner's lost tender"
	cto     = "CTO's earlier start-up failure guides the new roadmap"
	release = "Release process changed after the outage"
)

// table3 builds a project shaped like a published data-structure table:
// the growth path is a facet set on concepts, the type of learning a
// facet set on themes. Two cases hold ten quotes; one quote is coded
// with a concept of each growth path under the same theme.
func table3(tb testing.TB) *coding.Snapshot {
	b := newBuilder(tb, "Learning in international growth")
	growth := b.facet("Growth path", "Early stage", "Growth stage", "Late stage")
	learning := b.facet("Type of learning", "Experiential", "Vicarious", "Congenital")
	const early, grown = "Early stage", "Growth stage"

	recognition := b.code(coding.LevelDimension, nil, "Failure recognition")
	delayed := b.code(coding.LevelTheme, recognition, "Delayed failure recognition", learning, "Experiential")
	cSpot := b.code(coding.LevelConcept, delayed, spot, growth, early)
	cMonthly := b.code(coding.LevelConcept, delayed, monthly, growth, early)
	sense := b.code(coding.LevelDimension, nil, "Interactive sensemaking")
	open := b.code(coding.LevelTheme, sense, "Open failure talk", learning, "Experiential")
	cStandup := b.code(coding.LevelConcept, open, standup, growth, early)
	peer := b.code(coding.LevelTheme, sense, "Peer exchange", learning, "Vicarious")
	cSwap := b.code(coding.LevelConcept, peer, swap, growth, early)
	cTender := b.code(coding.LevelConcept, peer, tender, growth, grown)
	adapt := b.code(coding.LevelDimension, nil, "Organisational adaptation")
	prior := b.code(coding.LevelTheme, adapt, "Prior experience", learning, "Congenital")
	cCTO := b.code(coding.LevelConcept, prior, cto, growth, grown)
	routine := b.code(coding.LevelTheme, adapt, "Routine change", learning, "Experiential")
	cRelease := b.code(coding.LevelConcept, routine, release, growth, grown)

	a := b.kase("A")
	bb := b.kase("B")
	da := b.doc("Interview A", a, "CEO",
		"CEO: We saw it when the client escalated. The numbers came too late. Founders swap stories. We lost a tender. Peers and tenders both taught us.")
	db := b.doc("Interview B", bb, "CTO",
		"CTO: Stand-ups name mistakes. A partner lost a tender. My old start-up failed. Releases changed. The monthly numbers lagged.")
	b.quote(da, "We saw it when the client escalated.", "anna", cSpot)
	b.quote(da, "The numbers came too late.", "anna", cMonthly)
	b.quote(da, "Founders swap stories.", "anna", cSwap)
	b.quote(da, "We lost a tender.", "anna", cTender)
	b.quote(da, "Peers and tenders both taught us.", "anna", cSwap, cTender)
	b.quote(db, "Stand-ups name mistakes.", "anna", cStandup)
	b.quote(db, "A partner lost a tender.", "anna", cTender)
	b.quote(db, "My old start-up failed.", "anna", cCTO)
	b.quote(db, "Releases changed.", "anna", cRelease)
	b.quote(db, "The monthly numbers lagged.", "anna", cMonthly)
	return b.done()
}

// TestTable3DOCXLayout exports the data structure with the paper's
// headers, sections labelled by the growth path alone and the type of
// learning merged per theme, and reads the rows back from the Word file.
func TestTable3DOCXLayout(t *testing.T) {
	opt := export.Options{
		Sections: "Growth path",
		Facets:   []string{"Type of learning"},
		Table: export.TableOptions{
			Headers:      []string{"Open coding: 1st-order themes", "Axial coding", "Aggregate dimensions"},
			SectionLabel: export.SectionValue,
			Number:       "3",
			Caption:      "Data structure",
			Notes:        "Made-up rows.",
		},
	}
	got := docxRows(t, mustExport(t, table3(t), "gioia-docx", opt))
	const merged = "^"
	want := [][]string{
		{"Open coding: 1st-order themes", "Axial coding", "Aggregate dimensions", "Type of learning"},
		{"Early stage"},
		{spot, "Delayed failure recognition", "Failure recognition", "Experiential"},
		{monthly, merged, merged, merged},
		{standup, "Open failure talk", "Interactive sensemaking", "Experiential"},
		{swap, "Peer exchange", merged, "Vicarious"},
		{"Growth stage"},
		{tender, "Peer exchange", "Interactive sensemaking", "Vicarious"},
		{cto, "Prior experience", "Organisational adaptation", "Congenital"},
		{release, "Routine change", merged, "Experiential"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DOCX table rows (-want +got):\n%s", diff)
	}
	text := string(zipText(t, mustExport(t, table3(t), "gioia-docx", opt)))
	for _, s := range []string{">Table 3<", ">Data structure<", ">Note. <", ">Made-up rows.<"} {
		if !strings.Contains(text, s) {
			t.Errorf("document has no %s", s)
		}
	}
}

// TestTable3FacetMerge checks that a facet set on concepts is never
// merged, while one set on a dimension spans the dimension's rows.
func TestTable3FacetMerge(t *testing.T) {
	opt := export.Options{Facets: []string{"Growth path"}}
	rows := docxRows(t, mustExport(t, table3(t), "gioia-docx", opt))
	for _, r := range rows[1:] {
		if r[3] == "^" {
			t.Errorf("growth path merged in row %q: it is set on each concept", r)
		}
	}
}

// docxRows reads the rows of the first table of a Word file: each cell's
// text, "^" for a cell that a vertical merge covers.
func docxRows(tb testing.TB, data []byte) [][]string {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var rows [][]string
	var cell *strings.Builder
	covered, inText := false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			tb.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "tr":
				rows = append(rows, nil)
			case "tc":
				cell, covered = &strings.Builder{}, false
			case "vMerge":
				covered = len(e.Attr) == 0
			case "t":
				inText = true
			case "br":
				cell.WriteString("\n")
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "tc":
				text := cell.String()
				if covered {
					text = "^"
				}
				rows[len(rows)-1] = append(rows[len(rows)-1], text)
			case "t":
				inText = false
			case "tbl":
				return rows
			}
		case xml.CharData:
			if inText && cell != nil {
				cell.Write(e)
			}
		}
	}
}

// TestMatrixFacetColumns counts themes by growth path when the growth
// path is set on concepts: each quote counts under the value of the
// concept it was coded with, and a quote coded with concepts of two
// values counts in both columns but once in the row total.
func TestMatrixFacetColumns(t *testing.T) {
	m, err := export.Matrix(table3(t), export.Options{Level: coding.LevelTheme, Columns: "facet:growth path"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]float64{}
	for r, row := range m.Rows {
		for _, c := range m.Cells[r] {
			got[row.Name] = append(got[row.Name], c.Value)
		}
		got[row.Name] = append(got[row.Name], m.RowTotals[r].Value)
	}
	for _, c := range m.ColTotals {
		got["Total"] = append(got["Total"], c.Value)
	}
	got["Total"] = append(got["Total"], m.Total.Value)
	want := map[string][]float64{ // Early, Growth, Late, row total
		"Delayed failure recognition": {3, 0, 0, 3},
		"Open failure talk":           {1, 0, 0, 1},
		"Peer exchange":               {2, 3, 0, 4},
		"Prior experience":            {0, 1, 0, 1},
		"Routine change":              {0, 1, 0, 1},
		"Total":                       {6, 5, 0, 10},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("theme x growth path counts (-want +got):\n%s", diff)
	}
	var labels []string
	for _, c := range m.Cols {
		labels = append(labels, c.Label)
	}
	if diff := cmp.Diff([]string{"Early stage", "Growth stage", "Late stage"}, labels); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
}

// TestMatrixFacetFilterRollsUp filters themes by a growth path set on
// their concepts: a theme is kept when one of its concepts carries the
// value, and only those concepts' quotes count.
func TestMatrixFacetFilterRollsUp(t *testing.T) {
	snap := table3(t)
	m, err := export.Matrix(snap, export.Options{Level: coding.LevelTheme, FacetFilter: "Growth path=Growth stage"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]float64{}
	for r, row := range m.Rows {
		for _, c := range m.Cells[r] {
			got[row.Name] = append(got[row.Name], c.Value)
		}
	}
	want := map[string][]float64{ // cases A, B
		"Peer exchange":    {2, 1},
		"Prior experience": {0, 1},
		"Routine change":   {0, 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("themes filtered by growth path (-want +got):\n%s", diff)
	}

	_, err = export.Matrix(snap, export.Options{Level: coding.LevelTheme, FacetFilter: "Growth path=Late stage"})
	if coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), "no code has that value") {
		t.Errorf("filter matching nothing: got %v, want an error saying no code has the value", err)
	}
}
