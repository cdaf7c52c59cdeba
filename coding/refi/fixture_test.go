package refi_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/refi"
)

// docx returns a minimal Word document with one paragraph per line.
func docx(t *testing.T, paragraphs ...string) []byte {
	t.Helper()
	var body strings.Builder
	for _, p := range paragraphs {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + p + `</w:t></w:r></w:p>`)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	must(t, err)
	_, err = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`))
	must(t, err)
	must(t, zw.Close())
	return buf.Bytes()
}

// zipFiles builds an archive from name -> content.
func zipFiles(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(files) {
		w, err := zw.Create(name)
		must(t, err)
		_, err = w.Write(files[name])
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

func sortedKeys(m map[string][]byte) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}

// otherToolArchive zips testdata/othertool and adds the two Word files
// its project names: one with a plain-text companion (whose text must
// win) and one without.
func otherToolArchive(t *testing.T) []byte {
	t.Helper()
	files := map[string][]byte{}
	root := filepath.Join("testdata", "othertool")
	must(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		b, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = b
		return err
	}))
	files["sources/5a000000-0000-4000-8000-000000000002.docx"] = docx(t, "Rich text of interview 2, which the plain-text companion replaces.")
	files["sources/5a000000-0000-4000-8000-000000000004.docx"] = docx(t, "Founder: We learned from trade fairs.", "Interviewer: Anything else?", "Founder: Clients taught us most.")
	return zipFiles(t, files)
}

func TestImportOtherToolFixture(t *testing.T) {
	ctx := context.Background()
	st := mustOpenStore(t)
	proj, rep := importBytes(t, st, "", otherToolArchive(t))
	if proj.Name != "Nordic Robotics Study" || proj.Description != "A study of how small robotics firms learn from failure." {
		t.Errorf("project: got %q / %q", proj.Name, proj.Description)
	}
	snap, err := st.Snapshot(ctx, proj.ID, true)
	must(t, err)
	tree := snap.Tree()
	path := func(id string) string { return strings.Join(tree.Path(tree.ByID[id]), " > ") }

	t.Run("codes", func(t *testing.T) {
		var got []string
		tree.Walk(func(c *coding.Code, _ int) {
			facets := ""
			for _, f := range snap.Facets {
				if v := c.Facets[f.ID]; v != "" {
					facets += " " + f.Name + "=" + v
				}
			}
			got = append(got, path(c.ID)+" | "+string(c.Level)+" | "+c.Color+facets)
		})
		want := []string{
			"Learning | dimension | #ff0000",
			"Learning > Experiential | theme | #00aa55 Type of learning=experiential",
			"Learning > Experiential > Trial and error | concept | " + coding.DefaultColor,
			"Learning > Experiential > Failures | concept | " + coding.DefaultColor,
			"Learning > Experiential > Failures > Frozen robots | concept | " + coding.DefaultColor,
			"Learning > Vicarious | theme | " + coding.DefaultColor + " Type of learning=vicarious",
			"Learning > Vicarious > Peers | concept | " + coding.DefaultColor,
			"Networks | theme | " + coding.DefaultColor,
			"Networks > Associations | concept | " + coding.DefaultColor,
			"Misc | concept | " + coding.DefaultColor,
			"misc (2) | concept | " + coding.DefaultColor,
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("codes (-want +got):\n%s", diff)
		}
		if got := tree.ByID[snap.Codes[0].ID].Definition; got != "How the firms learned." {
			t.Errorf("definition of Learning: got %q", got)
		}
	})

	t.Run("quotes", func(t *testing.T) {
		var got []string
		for _, q := range snap.Quotes {
			var codes []string
			for _, id := range q.CodeIDs {
				codes = append(codes, path(id))
			}
			got = append(got, snap.DocumentByID(q.DocumentID).Title+" | "+q.Text+" | "+q.Coder+" | "+strings.Join(codes, ", ")+" | "+q.Memo)
		}
		want := []string{
			"Interview 1 Kohtamäki | By failing first 👍. | Maria Lindqvist | Learning > Experiential > Trial and error | ",
			"Interview 1 Kohtamäki | By failing first 👍. | jk | Learning > Experiential > Trial and error | ",
			"Interview 1 Kohtamäki | Our robots froze in Luleå. | Maria Lindqvist | Learning > Experiential > Failures > Frozen robots | The winter test that failed.",
			"Interview 1 Kohtamäki | We asked peers at the fair | Maria Lindqvist | Learning > Vicarious > Peers | ",
			"Interview 1 Kohtamäki | joined the association | Maria Lindqvist | Networks > Associations | ",
			"Interview 2 Luleå | from our own mistakes | Maria Lindqvist | Learning > Experiential > Trial and error | ",
			"Interview 4 founder | Clients taught us most | jk | Learning > Vicarious | ",
			"Annual report | Exports grew | Maria Lindqvist | Networks | ",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("quotes (-want +got):\n%s", diff)
		}
	})

	t.Run("documents and cases", func(t *testing.T) {
		var got []string
		for _, d := range snap.Documents {
			cas := ""
			if c := snap.CaseByID(d.CaseID); c != nil {
				cas = c.Name
			}
			got = append(got, d.Title+" | "+cas+" | "+d.Meta.Interviewer+" | "+d.Text)
		}
		want := []string{
			"Interview 1 Kohtamäki | Kohtamäki Oy | Maria Lindqvist | Interviewer: How did you learn to export?\nJussi Kohtamäki: By failing first 👍. Our robots froze in Luleå.\nInterviewer: And then?\nJussi Kohtamäki: We asked peers at the fair and joined the association.\n",
			"Interview 2 Luleå | Luleå AB |  | Q: Where did you learn about tenders?\nA: From peers, from clients, and from our own mistakes.\n",
			"Interview 4 founder | Luleå AB |  | Founder: We learned from trade fairs.\nInterviewer: Anything else?\nFounder: Clients taught us most.",
			"Annual report |  |  | Annual report 2023\nExports grew after the association's training.\n",
			"Field note |  |  | Field note: the whiteboard lists every failure.",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("documents (-want +got):\n%s", diff)
		}
		if n := len(snap.Documents[0].Turns); n != 4 {
			t.Errorf("turns of interview 1: got %d, want 4", n)
		}
		var cases []string
		for _, c := range snap.Cases {
			line := c.Name + ":"
			for _, a := range c.Attributes {
				line += " " + a.Name + "(" + string(a.Type) + ")=" + a.String()
			}
			cases = append(cases, line)
		}
		wantCases := []string{
			"Kohtamäki Oy: Sector(text)=Robotics Employees(number)=42 Founded(date)=2009-05-01 Listed(text)=true",
			"Luleå AB: Sector(text)=Medical technology Employees(number)=120",
		}
		if diff := cmp.Diff(wantCases, cases); diff != "" {
			t.Errorf("cases (-want +got):\n%s", diff)
		}
	})

	t.Run("memos", func(t *testing.T) {
		var got []string
		for _, m := range snap.Memos {
			target := m.TargetType
			switch m.TargetType {
			case coding.MemoDocument:
				target += " " + snap.DocumentByID(m.TargetID).Title
			case coding.MemoCode:
				target += " " + path(m.TargetID)
			case coding.MemoQuote:
				for _, q := range snap.Quotes {
					if q.ID == m.TargetID {
						target += " " + q.Text
					}
				}
			}
			got = append(got, target+" | "+m.Title+" | "+m.Body+" | "+m.Author)
		}
		want := []string{
			"project | Project journal | Started coding on 2 October. | Maria Lindqvist",
			"quote Our robots froze in Luleå. | Frozen robots | A turning point for the firm. | jk",
			"project | About interview 3 | The recording failed; only notes remain. | ",
			"document Field note | Whiteboard | Photographed after the visit. | ",
			"code Learning > Experiential | Experiential? | Check against the definition in the literature. | ",
		}
		sortStrings(got)
		sortStrings(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("memos (-want +got):\n%s", diff)
		}
	})

	t.Run("report", func(t *testing.T) {
		counts := refi.ImportReport{Project: rep.Project, Cases: rep.Cases, Documents: rep.Documents, Codes: rep.Codes, Facets: rep.Facets, Sets: rep.Sets, Quotes: rep.Quotes, Memos: rep.Memos, Users: rep.Users}
		wantCounts := refi.ImportReport{Project: "Nordic Robotics Study", Cases: 2, Documents: 5, Codes: 11, Facets: 1, Sets: 1, Quotes: 8, Memos: 5, Users: 2}
		if diff := cmp.Diff(wantCounts, counts); diff != "" {
			t.Errorf("report counts (-want +got):\n%s", diff)
		}
		var skipped []string
		for _, s := range rep.Skipped {
			if s.Reason == "" {
				t.Errorf("skipped %s %q has no reason", s.Element, s.Name)
			}
			skipped = append(skipped, s.Element+" "+s.Name)
		}
		wantSkipped := []string{
			"VariableValue Mood",
			"Coding c0d10000-0000-4000-8000-000000000006",
			"Coding c0d10000-0000-4000-8000-000000000007",
			"PlainTextSelection only the dimension",
			"PlainTextSelection beyond the end",
			"Coding c0d10000-0000-4000-8000-000000000009",
			"PlainTextSelection unknown code",
			"TextSource Interview 3 (transcript lost)",
			"PlainTextSelection on the lost transcript",
			"PictureSource Whiteboard photo",
			"Selection failure list",
			"PDFSelection growth chart",
			"CodeRef c0de0000-0000-4000-8000-000000000008",
			"Link leads to",
			"NoteRef 40700000-0000-4000-8000-0000000000ff",
			"Graph Model",
		}
		if diff := cmp.Diff(wantSkipped, skipped); diff != "" {
			t.Errorf("skipped (-want +got):\n%s", diff)
		}
		wantWarnings := []string{
			`code "misc" was renamed "misc (2)"`,
			`source "Interview 1 Kohtamäki" belongs to the cases "Kohtamäki Oy" and "Luleå AB"`,
			`source "Interview 4 founder" has no plain-text file`,
			`note "About interview 3" is attached to TextSource "Interview 3 (transcript lost)", which was not imported`,
		}
		for _, w := range wantWarnings {
			found := false
			for _, g := range rep.Warnings {
				found = found || strings.Contains(g, w)
			}
			if !found {
				t.Errorf("no warning containing %q in %q", w, rep.Warnings)
			}
		}
		if len(rep.Warnings) != len(wantWarnings) {
			t.Errorf("got %d warnings, want %d: %q", len(rep.Warnings), len(wantWarnings), rep.Warnings)
		}
	})
}
