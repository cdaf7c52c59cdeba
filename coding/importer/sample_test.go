package importer_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"tessera/coding"
	"tessera/coding/importer"
)

// TestImportSampleDir imports the bundled sample study and checks that
// every part of it arrives: cases with attributes, every transcript with
// its speakers and metadata, the codebook and every coded quote.
func TestImportSampleDir(t *testing.T) {
	dir := filepath.Join("..", "..", "sample-transcripts")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("sample-transcripts is absent")
	}
	s := mustOpenStore(t)
	p := mustProject(t, s, "Sample")
	im := &importer.Importer{Store: s, Coder: "sample"}
	ctx := context.Background()
	rep, err := im.ImportSampleDir(ctx, p.ID, dir)
	if err != nil {
		t.Fatal(err)
	}

	// Every transcript imports, with speakers and metadata.
	if rep.Batch.Failed != 0 || rep.Batch.Duplicates != 0 || rep.Batch.Imported < 12 {
		t.Errorf("got %d imported, %d failed, %d duplicates; want at least 12, 0, 0", rep.Batch.Imported, rep.Batch.Failed, rep.Batch.Duplicates)
	}
	for _, f := range rep.Batch.Files {
		if !f.OK {
			t.Errorf("%s: %s", f.File, f.Error)
			continue
		}
		d, err := s.FindDocument(ctx, p.ID, f.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		roles := map[string]int{}
		for _, sp := range d.Speakers {
			roles[sp.Role]++
		}
		if roles[coding.RoleInterviewer] != 1 || roles[coding.RoleInformant] < 1 {
			t.Errorf("%s: got speakers %v, want one interviewer and informants", f.File, d.Speakers)
		}
		if f.Turns < 10 || d.CaseID == "" || d.Meta.InformantRole == "" || d.Meta.InterviewDate == "" {
			t.Errorf("%s: got %d turns, case %q, meta %+v", f.File, f.Turns, d.CaseID, d.Meta)
		}
	}

	// Cases come from the folders and carry the sheet's attributes.
	cases, err := s.ListCases(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 4 || rep.CasesCreated != 4 {
		t.Errorf("got %d cases (%d created), want 4", len(cases), rep.CasesCreated)
	}
	for _, c := range cases {
		if a := c.Attribute("employees"); a == nil || a.Type != coding.AttrNumber {
			t.Errorf("case %s: got employees %v, want a number", c.Name, a)
		}
		if a := c.Attribute("markets"); a == nil || a.Type != coding.AttrList {
			t.Errorf("case %s: got markets %v, want a list", c.Name, a)
		}
	}

	// The starter coding loads completely.
	data, err := os.ReadFile(filepath.Join(dir, "coding.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cf importer.CodingFile
	if err := json.Unmarshal(data, &cf); err != nil {
		t.Fatal(err)
	}
	if len(rep.Coding.Errors) != 0 {
		t.Errorf("got coding errors %q", rep.Coding.Errors)
	}
	if n := countCodes(cf.Codes); rep.Coding.CodesCreated != n {
		t.Errorf("got %d codes, want %d", rep.Coding.CodesCreated, n)
	}
	if got := rep.Coding.QuotesCreated + rep.Coding.QuotesMerged; got != len(cf.Quotes) || len(cf.Quotes) < 80 {
		t.Errorf("got %d quotes placed, want all %d (at least 80)", got, len(cf.Quotes))
	}
	quotes, err := s.ListQuotes(ctx, p.ID, coding.QuoteFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(quotes) != rep.Coding.QuotesCreated {
		t.Errorf("got %d stored quotes, want %d", len(quotes), rep.Coding.QuotesCreated)
	}
}

func countCodes(codes []importer.CodingCode) int {
	n := len(codes)
	for _, c := range codes {
		n += countCodes(c.Children)
	}
	return n
}
