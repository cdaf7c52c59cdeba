package refi_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/refi"
)

// TestReadCodebookOtherTool reads the codebook of a project from another
// program: the codes are placed as Import places them, and the warnings
// say what was changed about them.
func TestReadCodebookOtherTool(t *testing.T) {
	data := otherToolArchive(t)
	codes, warnings, err := refi.ReadCodebook(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range codes {
		line := strings.Join(append(slices.Clone(c.Parent), c.Name), " > ") + " | " + string(c.Level) + " | " + c.Color
		for f, v := range c.Facets {
			line += " " + f + "=" + v
		}
		got = append(got, line)
	}
	want := []string{
		"Learning | dimension | #ff0000",
		"Learning > Experiential | theme | #00aa55 Type of learning=experiential",
		"Learning > Experiential > Trial and error | concept | ",
		"Learning > Experiential > Failures | concept | ",
		"Learning > Experiential > Failures > Frozen robots | concept | ",
		"Learning > Vicarious | theme |  Type of learning=vicarious",
		"Learning > Vicarious > Peers | concept | ",
		"Networks | theme | ",
		"Networks > Associations | concept | ",
		"Misc | concept | ",
		"misc (2) | concept | ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	if codes[0].Definition != "How the firms learned." || codes[0].GUID != "c0de0000-0000-4000-8000-000000000001" {
		t.Errorf("Learning: got definition %q and GUID %q", codes[0].Definition, codes[0].GUID)
	}
	for _, w := range []string{
		`code "misc" was renamed "misc (2)"`,
		`Set "Key sources" skipped: sets that are not facet values come with a project import, not with its codebook`,
	} {
		if !slices.ContainsFunc(warnings, func(g string) bool { return strings.Contains(g, w) }) {
			t.Errorf("warnings lack %q:\n%s", w, strings.Join(warnings, "\n"))
		}
	}
	// Nothing about the sources: they are not read.
	if slices.ContainsFunc(warnings, func(g string) bool { return strings.Contains(g, "source") && !strings.Contains(g, "Key sources") }) {
		t.Errorf("got warnings about sources:\n%s", strings.Join(warnings, "\n"))
	}
}

// TestReadCodebookRefusesBadArchives checks that a codebook is read only
// from a sound project archive.
func TestReadCodebookRefusesBadArchives(t *testing.T) {
	for name, data := range map[string][]byte{"not a zip": []byte("PK\x03\x04 not really"), "empty": nil} {
		if _, _, err := refi.ReadCodebook(bytes.NewReader(data), int64(len(data))); coding.ErrorCode(err) != coding.EINVALID {
			t.Errorf("%s: got %v, want an invalid error", name, err)
		}
	}
}
