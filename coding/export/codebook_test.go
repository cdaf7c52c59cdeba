package export_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding/codebook"
	"tessera/coding/export"
)

// TestCodebookQDCSchema validates the QDC export against the REFI-QDA
// codebook schema with xmllint. Without xmllint the test is skipped,
// except under TESSERA_E2E=1 (CI), where it fails.
func TestCodebookQDCSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("TESSERA_E2E") == "1" {
			t.Fatal("xmllint is required when TESSERA_E2E=1 (install libxml2-utils)")
		}
		t.Skip("xmllint not installed (libxml2-utils)")
	}
	path := filepath.Join(t.TempDir(), "codebook.qdc")
	if err := os.WriteFile(path, mustExport(t, study(t), "codebook-qdc", export.Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "refi", "Codebook-mrt2019.xsd"), path).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint rejects the codebook: %v\n%s", err, out)
	}
}

// sortedFacets sorts the facet values of e by facet name and drops what
// only a file carries (line, guid).
func sortedFacets(e codebook.Entry) codebook.Entry {
	e.Line, e.ID = 0, ""
	e.Facets = slices.Clone(e.Facets)
	slices.SortFunc(e.Facets, func(a, b codebook.FacetValue) int { return strings.Compare(a.Facet, b.Facet) })
	return e
}

// TestCodebookRoundTrip reads each re-importable codebook export back
// with the reader of codebook imports.
func TestCodebookRoundTrip(t *testing.T) {
	snap := study(t)
	// Notes with line breaks and the words the QDC description uses.
	snap.Codes[1].Inclusion = "Use when the informant\nnames a delay.\n\nInclusion: even implicit ones."
	snap.Codes[1].Exclusion = "Not for delays caused by suppliers."
	snap.Codes[2].Definition = ""
	snap.Codes[2].Exclusion = "Never for board decisions."
	// Formula-like names and text are neutralised on export and must come
	// back as they were; an apostrophe the text holds itself stays.
	snap.Codes[0].Name = "=cmd|' /C calc'!A0"
	snap.Codes[1].Name = "-delays"
	snap.Codes[2].Name = "'quoted' code"
	snap.Codes[2].Definition = "@mention or +1"
	want := export.CodebookOf(snap)
	for _, format := range []string{"codebook-csv", "codebook-xlsx", "codebook-qdc"} {
		t.Run(format, func(t *testing.T) {
			f, _ := export.FormatByName(format)
			cb, err := codebook.Read("book"+f.Ext, mustExport(t, snap, format, export.Options{}))
			if err != nil {
				t.Fatal(err)
			}
			if len(cb.Entries) != len(want.Entries) {
				t.Fatalf("got %d entries, want %d", len(cb.Entries), len(want.Entries))
			}
			for i := range want.Entries {
				if diff := cmp.Diff(sortedFacets(want.Entries[i].Entry), sortedFacets(cb.Entries[i])); diff != "" {
					t.Errorf("entry %d (-want +got):\n%s", i, diff)
				}
			}
			if len(cb.Ignored) != 0 {
				t.Errorf("got ignored columns %v, want none", cb.Ignored)
			}
		})
	}
}
