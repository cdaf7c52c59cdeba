package importer_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/importer"
	"tessera/coding/rounds"
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

	// Two closed rounds show the codebook's evolution.
	checkSampleRounds(t, s, p.ID, rep)
	checkSampleInformants(t, s, p.ID, rep)
	checkSampleModel(t, s, p.ID, rep)
}

// checkSampleInformants checks the sample's informants: twelve
// interviewees with pseudonyms and attributes from informants.csv, and
// the two interviewers the metadata names, each in six documents.
func checkSampleInformants(t *testing.T, s coding.Store, pid string, rep *importer.SampleReport) {
	t.Helper()
	snap, err := s.Snapshot(context.Background(), pid, true)
	if err != nil {
		t.Fatal(err)
	}
	sums := snap.InformantSummaries()
	if rep.Informants != 12 || len(sums) != 14 {
		t.Fatalf("got %d informants described, %d stored; want 12 and 14", rep.Informants, len(sums))
	}
	quotes := 0
	for _, sum := range sums[:12] {
		if sum.Pseudonym == "" || sum.Interviewer || sum.Documents != 1 || sum.Attribute("duration") == nil || sum.Case == "" {
			t.Errorf("informant %+v: want a pseudonym, a duration, a case and one document", sum)
		}
		quotes += sum.Quotes
	}
	if quotes != len(snap.Quotes) {
		t.Errorf("got %d quotes attributed to informants, want all %d", quotes, len(snap.Quotes))
	}
	for _, sum := range sums[12:] {
		if !sum.Interviewer || sum.Documents != 6 {
			t.Errorf("interviewer %s: got %d documents, want 6", sum.Label, sum.Documents)
		}
	}
	if a := sums[0]; a.Label != "I-01" || a.Pseudonym != "Aleksi" || a.Role != "CEO and co-founder" || a.Attribute("duration").String() != "64" {
		t.Errorf("got I-01 %+v, want Aleksi, the CEO, 64 minutes", a)
	}
}

// checkSampleRounds checks the sample's two rounds: the evolution from
// open to axial coding, and a saturation curve over all interviews.
func checkSampleRounds(t *testing.T, s coding.Store, pid string, rep *importer.SampleReport) {
	t.Helper()
	ctx := context.Background()
	rs, err := s.ListRounds(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rounds != 2 || len(rs) != 2 || rs[0].Name != "Open coding" || rs[1].Name != "Axial coding" {
		t.Fatalf("got %d rounds reported, %d stored, want Open coding and Axial coding", rep.Rounds, len(rs))
	}
	got := map[string]string{}
	for _, c := range rounds.Compare(rs[0], rs[1]).Codes {
		if d := c.Describe(); d != "" {
			got[c.FromName+" > "+c.ToName] = d
		}
	}
	want := map[string]string{
		"Red flags from a previous employer > ":                                                   "merged into Warning signs recognised from earlier jobs",
		"Warning signs recognised from earlier jobs > Warning signs recognised from earlier jobs": "merged from Red flags from a previous employer",
		"Client told us why > Clients explain why it really failed":                               "renamed from Client told us why",
		"Hiring people who have failed elsewhere > Hiring people who have failed elsewhere":       "moved from Prior experience guiding internationalisation to Integrated learning",
		"Cultural distance > Cultural distance":                                                   "retired",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("evolution (-want +got):\n%s", diff)
	}
	snap, err := s.Snapshot(ctx, pid, false)
	if err != nil {
		t.Fatal(err)
	}
	sat, err := rounds.Measure(snap, rounds.SaturationOptions{Order: rounds.OrderDate})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(sat.Overall.Steps); n != 12 || len(sat.Cases) != 4 {
		t.Errorf("got %d interviews and %d case curves, want 12 and 4", n, len(sat.Cases))
	}
	if last := sat.Overall.Steps[len(sat.Overall.Steps)-1]; last.Concepts != 24 {
		t.Errorf("got %d concepts at the end, want the 24 in use", last.Concepts)
	}
}

func countCodes(codes []importer.CodingCode) int {
	n := len(codes)
	for _, c := range codes {
		n += countCodes(c.Children)
	}
	return n
}
