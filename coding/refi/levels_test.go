package refi_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/refi"
)

func marker(level string) string {
	return `<Description>Tessera: {"level":"` + level + `"}</Description>`
}

func TestImportCodeLevels(t *testing.T) {
	qde := `<Project xmlns="urn:QDA-XML:project:1.0" name="Levels"><CodeBook><Codes>
<Code guid="00000000-0000-4000-8000-00000000000a" name="A" isCodable="true">
  <Code guid="00000000-0000-4000-8000-00000000000b" name="B" isCodable="true">
    <Code guid="00000000-0000-4000-8000-00000000000c" name="C" isCodable="true"/>
  </Code>
</Code>
<Code guid="00000000-0000-4000-8000-00000000000d" name="D" isCodable="true">
  <Description>Own theme.

Tessera: {"level":"theme","facets":{"Type of learning":"vicarious"}}</Description>
  <Code guid="00000000-0000-4000-8000-00000000000e" name="E" isCodable="true"/>
</Code>
<Code guid="00000000-0000-4000-8000-00000000000f" name="F" isCodable="true">` + marker("concept") + `
  <Code guid="00000000-0000-4000-8000-000000000010" name="G" isCodable="true">` + marker("theme") + `</Code>
</Code>
<Code guid="00000000-0000-4000-8000-000000000011" name="H" isCodable="false"/>
<Code guid="00000000-0000-4000-8000-000000000012" name="I" isCodable="true">` + marker("nonsense") + `
  <Code guid="00000000-0000-4000-8000-000000000013" name="J" isCodable="true"/>
</Code>
</Codes></CodeBook></Project>`
	st := mustOpenStore(t)
	proj, rep := importBytes(t, st, "", buildZip(t, entry{name: "project.qde", data: []byte(qde)}))
	snap, err := st.Snapshot(context.Background(), proj.ID, false)
	must(t, err)
	tree := snap.Tree()
	var got []string
	tree.Walk(func(c *coding.Code, depth int) {
		line := strings.Repeat("  ", depth) + c.Name + " " + string(c.Level)
		for _, f := range snap.Facets {
			if v := c.Facets[f.ID]; v != "" {
				line += " " + f.Name + "=" + v
			}
		}
		got = append(got, line)
	})
	want := []string{
		"A dimension",
		"  B theme",
		"    C concept",
		"D theme Type of learning=vicarious",
		"  E concept",
		"G theme",
		"I theme",
		"  J concept",
		"F concept",
		"H concept",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	wantWarnings := []string{`code "G" (second-order theme) cannot sit under "F" (first-order concept); it was placed at the top level`}
	if diff := cmp.Diff(wantWarnings, rep.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if d := tree.ByID[snap.Codes[0].ID]; d.Name != "A" {
		t.Fatalf("first code: got %q", d.Name)
	}
	for _, c := range snap.Codes {
		if c.Name == "D" && c.Definition != "Own theme." {
			t.Errorf("definition of D: got %q, want %q", c.Definition, "Own theme.")
		}
	}
}

func TestExportRefusesSnapshotWithoutText(t *testing.T) {
	st := mustOpenStore(t)
	full := buildSample(t, st)
	snap, err := st.Snapshot(context.Background(), full.Project.ID, false)
	must(t, err)
	err = refi.Export(&strings.Builder{}, snap, refi.ExportOptions{})
	if coding.ErrorCode(err) != coding.EINVALID {
		t.Errorf("Export without text: got %v, want an invalid error", err)
	}
	if err := refi.Export(&strings.Builder{}, nil, refi.ExportOptions{}); coding.ErrorCode(err) != coding.EINVALID {
		t.Errorf("Export of nil: got %v, want an invalid error", err)
	}
}

func TestExportFormat(t *testing.T) {
	name, media, ext := refi.ExportFormat()
	if name != "qdpx" || media != "application/zip" || ext != ".qdpx" {
		t.Errorf("ExportFormat: got %q %q %q", name, media, ext)
	}
}
