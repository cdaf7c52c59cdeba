package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bareQDE is a project file sent without its archive: one source inline,
// one whose text stayed behind.
const bareQDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Bare study" origin="MAXQDA 2022">
  <CodeBook><Codes><Code guid="c0de0000-0000-4000-8000-000000000001" name="Learning" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="50000000-0000-4000-8000-000000000001" name="Inline interview">
      <PlainTextContent>Founder: We learned from the trade fair.</PlainTextContent>
      <PlainTextSelection guid="5e1ec700-0000-4000-8000-000000000001" startPosition="9" endPosition="39">
        <Coding guid="c0d17000-0000-4000-8000-000000000001"><CodeRef targetGUID="c0de0000-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="50000000-0000-4000-8000-000000000002" name="Interview in a file" plainTextPath="internal://x.txt">
      <PlainTextSelection guid="5e1ec700-0000-4000-8000-000000000002" name="Lost passage" startPosition="0" endPosition="5"/>
    </TextSource>
  </Sources>
</Project>
`

func TestImportHandsREFIFilesToTheREFIImporter(t *testing.T) {
	data := importSample(t)
	dir := t.TempDir()
	qdpx := filepath.Join(dir, "study.qdpx")
	qdc := filepath.Join(dir, "book.qdc")
	for file, format := range map[string]string{qdpx: "qdpx", qdc: "codebook-qdc"} {
		if r := run(t, "export", "--data", data, "--project", "Failure study", "--format", format, "-o", file); r.code != 0 {
			t.Fatalf("export %s: exit %d: %s", format, r.code, r.stderr)
		}
	}
	qde := filepath.Join(dir, "project.qde")
	if err := os.WriteFile(qde, []byte(bareQDE), 0o600); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()

	r := run(t, "import", "--data", other, "--project", "Shared study", qdpx)
	if r.code != 0 || !strings.Contains(r.stdout, `imported "Shared study"`) {
		t.Fatalf("import FILE.qdpx: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, "import", "--data", other, "--project", "Bare", qde)
	if r.code != 0 || !strings.Contains(r.stdout, `imported "Bare": 0 cases, 1 documents`) || !strings.Contains(r.stdout, `skipped    PlainTextSelection "Lost passage"`) {
		t.Fatalf("import FILE.qde: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, "import-qdpx", "--data", other, "--project", "Bare again", qde)
	if r.code != 0 || !strings.Contains(r.stdout, `imported "Bare again"`) {
		t.Fatalf("import-qdpx FILE.qde: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, "import", "--data", other, "--project", "Codebook only", qdc)
	if r.code != 0 {
		t.Fatalf("import FILE.qdc: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	book := run(t, "export", "--data", other, "--project", "Codebook only", "--format", "gioia-csv")
	if want := "Old contacts became the first customers and partners,Prior experience guiding internationalisation,Organisational adaptation,"; !strings.Contains(book.stdout, want) {
		t.Errorf("code tree imported from .qdc:\n%s\nwant a row starting %q", book.stdout, want)
	}

	// Refusals: mixing a project with other inputs, a file of neither shape.
	if r := run(t, "import", "--data", other, "--project", "Mixed", "--case", "A", qdpx); r.code != 1 || !strings.Contains(r.stderr, "imported as a new project on its own") {
		t.Errorf("import .qdpx with --case: got exit %d %q", r.code, r.stderr)
	}
	junk := filepath.Join(dir, "junk.qdpx")
	if err := os.WriteFile(junk, []byte("not a project"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "import", "--data", other, "--project", "Junk", junk); r.code != 1 || !strings.Contains(r.stderr, "or a bare project.qde") {
		t.Errorf("import junk.qdpx: got exit %d %q, want an error naming both shapes", r.code, r.stderr)
	}
}
