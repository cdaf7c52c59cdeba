package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/datadir"
)

// TestExportChosenQuotes chooses a power quote in a stored project and
// exports the supporting-data table with --quotes chosen and auto, and
// rejects a mode and a count it does not know.
func TestExportChosenQuotes(t *testing.T) {
	data, dir := t.TempDir(), t.TempDir()
	codebook := filepath.Join(dir, "codebook.csv")
	if err := os.WriteFile(codebook, []byte("name,level,parent\nFailure recognition,dimension,\nDelayed recognition,theme,\"Failure recognition\"\nLate alarms,concept,\"Delayed recognition\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	transcript := filepath.Join(dir, "interview.txt")
	if err := os.WriteFile(transcript, []byte("Interviewer: How did it start?\nCEO: We saw it late. The numbers came in months after the damage.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "import", "--data", data, "--project", "Evidence", "--codebook", codebook, transcript); r.code != 0 {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}

	// Code both sentences and choose the second as power quote.
	ctx := context.Background()
	a, err := datadir.Open(ctx, data, datadir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := a.Store.ListProjects(ctx)
	pid := ps[0].ID
	docs, _ := a.Store.ListDocuments(ctx, pid, coding.DocumentFilter{})
	codes, _ := a.Store.ListCodes(ctx, pid)
	var late string
	for _, c := range codes {
		if c.Name == "Late alarms" {
			late = c.ID
		}
	}
	doc, _ := a.Store.FindDocument(ctx, pid, docs[0].ID)
	var second *coding.Quote
	for _, s := range []string{"We saw it late.", "The numbers came in months after the damage."} {
		start := coding.RuneOffset(doc.Text, strings.Index(doc.Text, s))
		q := &coding.Quote{ProjectID: pid, DocumentID: doc.ID, Start: start, End: start + coding.RuneLen(s), CodeIDs: []string{late}}
		if err := a.Store.CreateQuote(ctx, q); err != nil {
			t.Fatal(err)
		}
		second = q
	}
	if _, err := a.Store.UpdateQuote(ctx, pid, second.ID, coding.QuoteUpdate{Pick: &coding.QuotePick{CodeID: late, Kind: coding.PickPower}}); err != nil {
		t.Fatal(err)
	}
	a.Close()

	r := run(t, "export", "--data", data, "--project", "Evidence", "--format", "supporting-csv", "--quotes", "chosen")
	if r.code != 0 {
		t.Fatalf("export: exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "“The numbers came in months after the damage.”") || strings.Contains(r.stdout, "We saw it late") || !strings.Contains(r.stdout, ",power,") {
		t.Errorf("--quotes chosen: got %s, want the power quote alone", r.stdout)
	}
	r = run(t, "export", "--data", data, "--project", "Evidence", "--format", "supporting-csv", "--quotes", "auto", "--per-row", "2")
	if r.code != 0 || strings.Count(r.stdout, ",auto,") != 2 {
		t.Errorf("--quotes auto: exit %d, got %s; want two automatic quotes", r.code, r.stdout)
	}
	r = run(t, "export", "--data", data, "--project", "Evidence", "--format", "gioia-md", "--quotes", "chosen")
	if r.code != 0 || !strings.Contains(r.stdout, "Representative quote") || !strings.Contains(r.stdout, "The numbers came in") {
		t.Errorf("gioia --quotes chosen: exit %d, got %s; want the quote column with the chosen quote", r.code, r.stdout)
	}
	r = run(t, "export", "--list")
	if !strings.Contains(r.stdout, "supporting-docx") || !strings.Contains(r.stdout, "level, quotes, per_row") {
		t.Errorf("--list: got %s, want the supporting-data formats with their options", r.stdout)
	}
	for _, bad := range [][]string{{"--quotes", "best"}, {"--per-row", "9"}} {
		r = run(t, append([]string{"export", "--data", data, "--project", "Evidence", "--format", "supporting-md"}, bad...)...)
		if r.code == 0 || r.stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want a failure", bad, r.code, r.stderr)
		}
	}
}
