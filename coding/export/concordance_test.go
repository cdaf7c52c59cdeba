package export_test

import (
	"bytes"
	"testing"

	"tessera/coding"
	"tessera/coding/export"
)

// concordance is a search's concordance with Nordic letters, emoji, a
// memo hit, characters every format must escape and context that reads
// like a spreadsheet formula.
func concordance() *export.Concordance {
	return &export.Concordance{
		Project: "Born globals in the Nordics",
		Query:   `"trade fair"~5`,
		Filters: []string{"case: Luleå MedSense AB", "speaker: CEO (Anna)"},
		Units:   3,
		Omitted: 2,
		Lines: []export.ConcordanceLine{
			{Document: "Kohtamäki CEO", Case: "Luleå MedSense AB", Speaker: "CEO (Anna)", Start: 120, End: 130,
				Left: "Honestly, the ", Match: "trade fair", Right: " in Luleå 👍 was a turning point", Codes: []string{"Trade fairs as door openers", "Networks"}},
			{Document: "Kohtamäki CEO", Case: "Luleå MedSense AB", Speaker: "CEO (Anna)", Start: 410, End: 433,
				Left: `costs | "50%" & <more>, `, Match: "fair, organised by the trade", Right: " association, =SUM(A1)"},
			{Unit: "memo: Fairs & forums", Start: 0, End: 10, Left: "=1+1 @here - ", Match: "trade fair", Right: " notes: ask Björn"},
		},
	}
}

// TestConcordanceFormats writes the concordance in every format: the
// text formats against golden files, the workbook through its parts.
func TestConcordanceFormats(t *testing.T) {
	for _, f := range export.ConcordanceFormats {
		t.Run(f.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.WriteConcordance(&buf, concordance(), f.Name); err != nil {
				t.Fatal(err)
			}
			got, name := buf.Bytes(), "concordance"+f.Ext
			if f.Ext == ".xlsx" {
				got, name = zipText(t, got), name+".txt"
				// Context that looks like a formula stays text.
				if bytes.Contains(got, []byte("<f>")) || !bytes.Contains(got, []byte("=1+1 @here - ")) {
					t.Errorf("the workbook holds a formula, or lacks the context \"=1+1 @here - \":\n%s", got)
				}
			}
			compareGolden(t, name, got)
		})
	}
	err := export.WriteConcordance(&bytes.Buffer{}, concordance(), "pdf")
	if coding.ErrorCode(err) != coding.EINVALID {
		t.Errorf("unknown format: got %v, want EINVALID", err)
	}
	if _, err := export.ConcordanceFormat("xlsx"); err != nil {
		t.Error("xlsx is not a concordance format")
	}
}
