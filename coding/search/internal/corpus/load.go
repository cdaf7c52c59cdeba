package corpus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"tessera/coding"
)

// Load stores a project of docs synthetic transcripts of about words
// words each in st, with 40 cases (an attribute "sector" each), a code
// "Peer learning" and one coded quote per transcript, and writes each
// transcript as a text file under dir/text (for grep). It returns the
// project's ID and the bytes of text.
func Load(ctx context.Context, st coding.Store, dir string, docs, words int) (string, int64, error) {
	p := &coding.Project{Name: "Benchmark", Language: "en"}
	if err := st.CreateProject(ctx, p); err != nil {
		return "", 0, err
	}
	var cases []string
	for i := 0; i < 40; i++ {
		c := &coding.Case{ProjectID: p.ID, Name: fmt.Sprintf("Firm %02d", i+1), Attributes: []coding.Attribute{
			{Name: "sector", Value: []string{"robotics", "analytics", "medical", "games"}[i%4]},
		}}
		if err := st.CreateCase(ctx, c); err != nil {
			return "", 0, err
		}
		cases = append(cases, c.ID)
	}
	code := &coding.Code{ProjectID: p.ID, Name: "Peer learning", Level: coding.LevelConcept}
	if err := st.CreateCode(ctx, code); err != nil {
		return "", 0, err
	}
	textDir := filepath.Join(dir, "text")
	if err := os.MkdirAll(textDir, 0o700); err != nil {
		return "", 0, err
	}
	gen := newCorpus(1)
	var total int64
	for i := 0; i < docs; i++ {
		cd := gen.document(i, words)
		d := &coding.Document{ProjectID: p.ID, Title: cd.Title, CaseID: cases[cd.Case], Text: cd.Text, Turns: cd.Turns}
		if err := st.CreateDocument(ctx, d); err != nil {
			return "", 0, err
		}
		if err := os.WriteFile(filepath.Join(textDir, fmt.Sprintf("%04d.txt", i+1)), []byte(cd.Text), 0o600); err != nil {
			return "", 0, err
		}
		total += int64(len(cd.Text))
		// One coded quote per transcript, for code filters.
		t := cd.Turns[1]
		q := &coding.Quote{ProjectID: p.ID, DocumentID: d.ID, Start: t.Start, End: t.End, CodeIDs: []string{code.ID}, Coder: "bench"}
		if err := st.CreateQuote(ctx, q); err != nil {
			return "", 0, err
		}
	}
	return p.ID, total, nil
}
