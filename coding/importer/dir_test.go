package importer_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/importer"
)

func TestCollectDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("top.txt", "top")
	write("cases.csv", "case")
	write(".DS_Store", "x")
	write(".git/config", "x")
	write("Lulea\u030a MedSense AB/ceo.txt", "ceo")
	write("Luleå MedSense AB/sub/notes.md", "notes")
	write("Luleå MedSense AB/.hidden.txt", "x")
	write("Pöllö Robotics Oy/coding.json", "{}")
	write("Pöllö Robotics Oy/cases.xlsx", "x")
	write("Pöllö Robotics Oy/slides.pptx", "x")

	got, err := importer.CollectDir(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range got {
		names = append(names, f.Name+"|"+f.Case+"|"+string(f.Data))
	}
	want := []string{
		"Luleå MedSense AB/ceo.txt|Luleå MedSense AB|ceo",
		"Luleå MedSense AB/sub/notes.md|Luleå MedSense AB|notes",
		"Pöllö Robotics Oy/slides.pptx|Pöllö Robotics Oy|x",
		"top.txt||top",
	}
	if diff := cmp.Diff(want, names, cmpSortStrings); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	flat, err := importer.CollectDir(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range flat {
		if f.Case != "" {
			t.Errorf("%s: got case %q without casePerFolder", f.Name, f.Case)
		}
	}

	_, err = importer.CollectDir(filepath.Join(dir, "top.txt"), true)
	wantError(t, err, coding.EINVALID, filepath.Join(dir, "top.txt")+" is not a folder")
	_, err = importer.CollectDir(filepath.Join(dir, "absent"), true)
	wantError(t, err, coding.EINVALID, "cannot read the folder "+filepath.Join(dir, "absent")+": no such file or directory")
}

// TestCollectDirPathForms gives the same folder in the forms people type
// or paste: through a parent with spaces and non-ASCII letters, with a
// trailing separator, through "..", relative. Case names come from the
// folder names below it, whatever the form: the folder path itself is
// never read as a string of parts.
func TestCollectDirPathForms(t *testing.T) {
	root := filepath.Join(t.TempDir(), "Interviews – Müller & Co (2026)")
	for _, f := range []string{"Firma Ä/ceo.txt", "Firma Ä/cfo.txt", "Ørsted A-S/sales.txt"} {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("text"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, root)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Firma Ä/ceo.txt|Firma Ä", "Firma Ä/cfo.txt|Firma Ä", "Ørsted A-S/sales.txt|Ørsted A-S"}
	for _, dir := range []string{
		root,
		root + string(filepath.Separator),
		filepath.Join(root, "Firma Ä") + string(filepath.Separator) + ".." + string(filepath.Separator),
		rel,
	} {
		files, err := importer.CollectDir(dir, true)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		var got []string
		for _, f := range files {
			got = append(got, f.Name+"|"+f.Case)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", dir, diff)
		}
	}
}
