package refi_test

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"

	"tessera/coding"
)

// TestExportForFileReaders checks what readers that load notes from
// files and file sources by name find: every note's text in the file its
// plainTextPath names, every note named, every source name distinct.
func TestExportForFileReaders(t *testing.T) {
	st := mustOpenStore(t)
	snap := buildSample(t, st)
	ctx := context.Background()
	// A second document with the title of the first.
	d := &coding.Document{ProjectID: snap.Project.ID, Title: snap.Documents[0].Title, Text: "Another interview, same title."}
	must(t, st.CreateDocument(ctx, d))
	snap, err := st.Snapshot(ctx, snap.Project.ID, true)
	must(t, err)

	files := zipEntries(t, exportBytes(t, snap))
	var p struct {
		Sources []struct {
			Name string `xml:"name,attr"`
		} `xml:"Sources>TextSource"`
		Notes []struct {
			Name    string `xml:"name,attr"`
			Path    string `xml:"plainTextPath,attr"`
			Content string `xml:"PlainTextContent"`
		} `xml:"Notes>Note"`
	}
	must(t, xml.Unmarshal(files["project.qde"], &p))
	if len(p.Notes) != 5 {
		t.Fatalf("got %d notes, want 5", len(p.Notes))
	}
	for _, n := range p.Notes {
		file := "sources/" + strings.TrimPrefix(n.Path, "internal://")
		if n.Name == "" || string(files[file]) != n.Content || n.Content == "" {
			t.Errorf("note %q: file %s holds %q, inline %q; want a name and the same text in both", n.Name, file, files[file], n.Content)
		}
	}
	seen := map[string]bool{}
	for _, s := range p.Sources {
		if seen[strings.ToLower(s.Name)] {
			t.Errorf("two sources named %q", s.Name)
		}
		seen[strings.ToLower(s.Name)] = true
	}
	if !seen[strings.ToLower(snap.Documents[0].Title+" (2)")] {
		t.Errorf("sources %v: want the second %q named with (2)", seen, snap.Documents[0].Title)
	}
	validateQDE(t, files["project.qde"])

	// Tessera reads its own names back: titles and untitled memos as they were.
	st2 := mustOpenStore(t)
	proj, _ := importBytes(t, st2, "", exportBytes(t, snap))
	back, err := st2.Snapshot(ctx, proj.ID, true)
	must(t, err)
	titles := map[string]int{}
	for _, d := range back.Documents {
		titles[d.Title]++
	}
	if titles[snap.Documents[0].Title] != 2 {
		t.Errorf("titles after import: %v, want %q twice", titles, snap.Documents[0].Title)
	}
	untitled := 0
	for _, m := range back.Memos {
		if m.Title == "" {
			untitled++
		}
	}
	if untitled != 1 {
		t.Errorf("untitled memos after import: got %d, want 1", untitled)
	}
}
