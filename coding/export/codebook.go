package export

import (
	"tessera/coding"
	"tessera/coding/codebook"
)

// Codebook is a project's list of codes with their definitions, as the
// codebook exports write it (tessera/coding/codebook reads them back).
type Codebook struct {
	Entries []CodebookEntry `json:"entries"`
	// Facets names the facets of the codebook, in column order.
	Facets []string `json:"facets"`
}

// CodebookEntry is one code of a project's codebook: what a codebook
// file carries (its Line stays 0), with an example quote and counts.
type CodebookEntry struct {
	codebook.Entry
	// Example and Counts are exported with a project's codebook and
	// ignored when it is read back.
	Example string `json:"example,omitempty"`
	Counts  Counts `json:"counts"`
}

// CodebookOf returns the project's codebook in codebook order, with each
// code's own facet values, an example quote (the representative quote of
// the Gioia table) and its counts.
func CodebookOf(snap *coding.Snapshot) *Codebook {
	ix := newIndex(snap)
	// Each code shows its first chosen quote, else one chosen automatically.
	examples := ix.newChooser(QuotesBoth, false)
	cb := &Codebook{Entries: []CodebookEntry{}, Facets: []string{}}
	for _, f := range snap.Facets {
		cb.Facets = append(cb.Facets, f.Name)
	}
	for _, c := range ix.order {
		path := ix.tree.Path(c)
		e := CodebookEntry{Entry: codebook.Entry{
			ID: c.ID, Name: c.Name, Level: c.Level, Parent: path[:len(path)-1],
			Definition: c.Definition, Inclusion: c.Inclusion, Exclusion: c.Exclusion,
			Color: c.Color, Facets: []codebook.FacetValue{},
		}, Counts: ix.countsOf(c.ID)}
		for _, f := range snap.Facets {
			if v := c.Facets[f.ID]; v != "" {
				e.Facets = append(e.Facets, codebook.FacetValue{Facet: f.Name, Value: v})
			}
		}
		if qs := examples.pick(c.ID, 1); len(qs) > 0 {
			e.Example = qs[0].Cite()
		}
		cb.Entries = append(cb.Entries, e)
	}
	return cb
}

// codebookTable lays the codebook out as a sheet, one row per code.
func codebookTable(snap *coding.Snapshot, _ Options) (*table, error) {
	cb := CodebookOf(snap)
	t := &table{
		Title:     "Codebook: " + snap.Project.Name,
		Sheet:     "Codebook",
		Header:    []string{codebook.ColName, codebook.ColLevel, codebook.ColParent, codebook.ColDefinition, codebook.ColInclusion, codebook.ColExclusion, codebook.ColColor},
		Widths:    []float64{2, 0.8, 2, 3, 2, 2, 0.8},
		Landscape: true,
	}
	for _, f := range cb.Facets {
		t.Header = append(t.Header, codebook.ColFacetPrefix+f)
		t.Widths = append(t.Widths, 1.2)
	}
	t.Header = append(t.Header, codebook.ColExample, codebook.ColQuotes, codebook.ColDocuments, codebook.ColCases)
	t.Widths = append(t.Widths, 3, 0.7, 0.8, 0.7)
	for _, e := range cb.Entries {
		cells := []tableCell{
			textCell(e.Name), textCell(string(e.Level)), textCell(e.ParentPath()),
			textCell(e.Definition), textCell(e.Inclusion), textCell(e.Exclusion), textCell(e.Color),
		}
		for _, f := range cb.Facets {
			cells = append(cells, textCell(e.FacetValue(f)))
		}
		cells = append(cells, textCell(e.Example), intCell(e.Counts.Quotes), intCell(e.Counts.Documents), intCell(e.Counts.Cases))
		t.Rows = append(t.Rows, tableRow{Cells: cells})
	}
	return t, nil
}
