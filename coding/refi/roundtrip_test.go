package refi_test

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/refi"
)

var guidRe = regexp.MustCompile(`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)

// canonicalGUIDs replaces every GUID by its rank of first appearance: a
// re-imported project has new IDs, hence new GUIDs, but the same
// structure.
func canonicalGUIDs(s string) string {
	seen := map[string]string{}
	return guidRe.ReplaceAllStringFunc(s, func(g string) string {
		g = strings.ToLower(g)
		if _, ok := seen[g]; !ok {
			seen[g] = fmt.Sprintf("GUID-%03d", len(seen)+1)
		}
		return seen[g]
	})
}

func importBytes(t *testing.T, st coding.Store, name string, data []byte) (*coding.Project, *refi.ImportReport) {
	t.Helper()
	proj, rep, err := refi.Import(context.Background(), st, name, bytes.NewReader(data), int64(len(data)), refi.ImportOptions{})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return proj, rep
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	snap1 := buildSample(t, mustOpenStore(t))
	first := exportBytes(t, snap1)

	st2 := mustOpenStore(t)
	proj, rep := importBytes(t, st2, "", first)
	if proj.Name != "Luleå SMEs" {
		t.Errorf("project name: got %q, want %q", proj.Name, "Luleå SMEs")
	}
	wantRep := &refi.ImportReport{
		Project: "Luleå SMEs", Cases: 2, Documents: 3, Codes: 8, Facets: 3, Quotes: 6, Memos: 5, Users: 2,
		Skipped: []refi.Skipped{}, Warnings: []string{},
	}
	for _, sp := range rep.Positions {
		if sp.Positions != refi.PositionsCodePoints || !sp.Sure {
			t.Errorf("positions of %q: got %s (sure %v, %s), want code points, sure", sp.Source, sp.Positions, sp.Sure, sp.Basis)
		}
	}
	if len(rep.Positions) != 3 {
		t.Errorf("report names the positions of %d sources, want 3", len(rep.Positions))
	}
	wantRep.Positions = rep.Positions
	if diff := cmp.Diff(wantRep, rep); diff != "" {
		t.Errorf("import report (-want +got):\n%s", diff)
	}
	snap2, err := st2.Snapshot(ctx, proj.ID, true)
	must(t, err)
	second := exportBytes(t, snap2)

	// project.qde: equal once GUIDs are numbered by appearance.
	f1, f2 := zipEntries(t, first), zipEntries(t, second)
	q1, q2 := canonicalGUIDs(string(f1["project.qde"])), canonicalGUIDs(string(f2["project.qde"]))
	if diff := cmp.Diff(q1, q2); diff != "" {
		t.Errorf("project.qde after a round trip (-first +second):\n%s", diff)
	}
	// Source files: the same texts.
	if diff := cmp.Diff(sortedValues(f1), sortedValues(f2)); diff != "" {
		t.Errorf("archive contents (-first +second):\n%s", diff)
	}
	// Quotes, codes, cases, memos, facets: the same in both stores.
	if diff := cmp.Diff(describeSnapshot(snap1), describeSnapshot(snap2)); diff != "" {
		t.Errorf("project after a round trip (-before +after):\n%s", diff)
	}
	// Turns are detected again from the text.
	for i, d := range snap2.Documents {
		if diff := cmp.Diff(snap1.Documents[i].Turns, d.Turns); diff != "" {
			t.Errorf("turns of %q (-before +after):\n%s", d.Title, diff)
		}
	}
}

// TestRoundTripSampleStudy exports the bundled sample study, imports it
// into a fresh store and exports it again.
func TestRoundTripSampleStudy(t *testing.T) {
	ctx := context.Background()
	snap1 := sampleStudy(t, mustOpenStore(t))
	if len(snap1.Quotes) < 80 || len(snap1.Documents) < 12 {
		t.Fatalf("sample study: got %d documents and %d quotes, want at least 12 and 80", len(snap1.Documents), len(snap1.Quotes))
	}
	first := exportBytes(t, snap1)

	st2 := mustOpenStore(t)
	proj, rep := importBytes(t, st2, "", first)
	if len(rep.Skipped) != 0 || len(rep.Warnings) != 0 {
		t.Errorf("import report: skipped %+v, warnings %q; want none", rep.Skipped, rep.Warnings)
	}
	snap2, err := st2.Snapshot(ctx, proj.ID, true)
	must(t, err)
	second := exportBytes(t, snap2)
	f1, f2 := zipEntries(t, first), zipEntries(t, second)
	if diff := cmp.Diff(canonicalGUIDs(string(f1["project.qde"])), canonicalGUIDs(string(f2["project.qde"]))); diff != "" {
		t.Errorf("project.qde after a round trip (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(describeSnapshot(snap1), describeSnapshot(snap2)); diff != "" {
		t.Errorf("sample study after a round trip (-before +after):\n%s", diff)
	}
}

// sortedValues returns the archive's files other than project.qde.
func sortedValues(files map[string][]byte) []string {
	var out []string
	for name, b := range files {
		if name != "project.qde" {
			out = append(out, string(b))
		}
	}
	sort.Strings(out)
	return out
}

// describeSnapshot writes a project without its IDs and times, one line
// per entity, to compare two stores.
func describeSnapshot(s *coding.Snapshot) []string {
	tree := s.Tree()
	facetName := map[string]string{}
	for _, f := range s.Facets {
		facetName[f.ID] = f.Name
	}
	codeLabel := func(id string) string { return strings.Join(tree.Path(tree.ByID[id]), " > ") }
	docTitle := map[string]string{}
	caseName := map[string]string{}
	var lines []string
	lines = append(lines, fmt.Sprintf("project %s | %s | %s", s.Project.Name, s.Project.Description, s.Project.Language))
	for _, c := range s.Cases {
		caseName[c.ID] = c.Name
		line := "case " + c.Name + ":"
		for _, a := range c.Attributes {
			line += fmt.Sprintf(" %s(%s)=%v", a.Name, a.Type, a.Value)
		}
		lines = append(lines, line)
	}
	for _, f := range s.Facets {
		lines = append(lines, fmt.Sprintf("facet %s: %q", f.Name, f.Values))
	}
	for _, d := range s.Documents {
		docTitle[d.ID] = d.Title
		lines = append(lines, fmt.Sprintf("document %s | case %s | %+v | %q", d.Title, caseName[d.CaseID], d.Meta, d.Text))
	}
	tree.Walk(func(c *coding.Code, depth int) {
		var facets []string
		for id, v := range c.Facets {
			facets = append(facets, facetName[id]+"="+v)
		}
		sort.Strings(facets)
		lines = append(lines, fmt.Sprintf("code %s | %s | %s | %q | %q | %q | %v", codeLabel(c.ID), c.Level, c.Color, c.Definition, c.Inclusion, c.Exclusion, facets))
	})
	quoteLabel := map[string]string{}
	for _, q := range s.Quotes {
		var codes []string
		for _, id := range q.CodeIDs {
			codes = append(codes, codeLabel(id))
		}
		label := fmt.Sprintf("%s [%d,%d) by %q", docTitle[q.DocumentID], q.Start, q.End, q.Coder)
		quoteLabel[q.ID] = label
		lines = append(lines, fmt.Sprintf("quote %s %q codes %q memo %q", label, q.Text, codes, q.Memo))
	}
	for _, m := range s.Memos {
		target := ""
		switch m.TargetType {
		case coding.MemoCase:
			target = caseName[m.TargetID]
		case coding.MemoDocument:
			target = docTitle[m.TargetID]
		case coding.MemoCode:
			target = codeLabel(m.TargetID)
		case coding.MemoQuote:
			target = quoteLabel[m.TargetID]
		}
		lines = append(lines, fmt.Sprintf("memo on %s %s | %q | %q | %q", m.TargetType, target, m.Title, m.Body, m.Author))
	}
	sort.Strings(lines)
	return lines
}
