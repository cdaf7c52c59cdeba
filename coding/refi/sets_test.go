package refi_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// qdeFacts is what the tests compare of a project.qde: its sets, users
// and the dates and people of sources, selections and notes, named by
// names and positions instead of GUIDs.
type qdeFacts struct {
	Sets    []string
	Users   []string
	Sources []string
	Notes   []string
}

// xmlFacts reads project.qde loosely, for qdeFacts.
type xmlFacts struct {
	Users []struct {
		GUID string `xml:"guid,attr"`
		Name string `xml:"name,attr"`
	} `xml:"Users>User"`
	Codes   []xmlCode `xml:"CodeBook>Codes>Code"`
	Sources []struct {
		xmlStamp
		GUID       string `xml:"guid,attr"`
		Name       string `xml:"name,attr"`
		Selections []struct {
			xmlStamp
			Start string `xml:"startPosition,attr"`
			End   string `xml:"endPosition,attr"`
		} `xml:"PlainTextSelection"`
	} `xml:"Sources>TextSource"`
	Notes []struct {
		xmlStamp
		Name string `xml:"name,attr"`
	} `xml:"Notes>Note"`
	Sets []struct {
		Name        string `xml:"name,attr"`
		Description string `xml:"Description"`
		Codes       []struct {
			Target string `xml:"targetGUID,attr"`
		} `xml:"MemberCode"`
		Sources []struct {
			Target string `xml:"targetGUID,attr"`
		} `xml:"MemberSource"`
	} `xml:"Sets>Set"`
}

type xmlCode struct {
	GUID  string    `xml:"guid,attr"`
	Name  string    `xml:"name,attr"`
	Codes []xmlCode `xml:"Code"`
}

type xmlStamp struct {
	Creator  string `xml:"creatingUser,attr"`
	Created  string `xml:"creationDateTime,attr"`
	Modifier string `xml:"modifyingUser,attr"`
	Modified string `xml:"modifiedDateTime,attr"`
}

// facts reads the sets (other than facet values), users and dates of a
// project.qde. A missing modification is that of the creation, as the
// standard's readers take it.
func facts(t *testing.T, qde []byte) qdeFacts {
	t.Helper()
	var x xmlFacts
	must(t, xml.Unmarshal(qde, &x))
	user := map[string]string{}
	var f qdeFacts
	for _, u := range x.Users {
		user[strings.ToLower(u.GUID)] = u.Name
		f.Users = append(f.Users, u.Name)
	}
	stamp := func(s xmlStamp) string {
		mod, modBy := s.Modified, s.Modifier
		if mod == "" {
			mod = s.Created
		}
		if modBy == "" {
			modBy = s.Creator
		}
		return "created " + s.Created + " by " + user[strings.ToLower(s.Creator)] + ", changed " + mod + " by " + user[strings.ToLower(modBy)]
	}
	name := map[string]string{}
	var walk func(cs []xmlCode)
	walk = func(cs []xmlCode) {
		for _, c := range cs {
			name[strings.ToLower(c.GUID)] = "code " + c.Name
			walk(c.Codes)
		}
	}
	walk(x.Codes)
	for _, s := range x.Sources {
		name[strings.ToLower(s.GUID)] = "source " + s.Name
		f.Sources = append(f.Sources, s.Name+": "+stamp(s.xmlStamp))
		for _, sel := range s.Selections {
			f.Sources = append(f.Sources, s.Name+" ["+sel.Start+","+sel.End+"): "+stamp(sel.xmlStamp))
		}
	}
	for _, n := range x.Notes {
		f.Notes = append(f.Notes, n.Name+": "+stamp(n.xmlStamp))
	}
	for _, s := range x.Sets {
		if strings.Contains(s.Description, `Tessera: {"facet"`) {
			continue
		}
		var members []string
		for _, m := range s.Codes {
			members = append(members, name[strings.ToLower(m.Target)])
		}
		for _, m := range s.Sources {
			members = append(members, name[strings.ToLower(m.Target)])
		}
		sort.Strings(members)
		desc, _, _ := strings.Cut(s.Description, "\n\nTessera: ")
		f.Sets = append(f.Sets, s.Name+" ("+desc+"): "+strings.Join(members, ", "))
	}
	sort.Strings(f.Users)
	sort.Strings(f.Sources)
	sort.Strings(f.Notes)
	return f
}

// readFixture returns a fixture folder as a bare project.qde (when it
// has only that) or zipped as a .qdpx.
func readFixture(t *testing.T, dir string) []byte {
	t.Helper()
	files := map[string][]byte{}
	root := filepath.Join("testdata", dir)
	must(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		b, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = b
		return err
	}))
	if len(files) == 1 {
		return files["project.qde"]
	}
	return zipFiles(t, files)
}

// validate checks a project.qde against the standard's schema.
func validate(t *testing.T, qde []byte) {
	t.Helper()
	xmllint := requireXmllint(t)
	path := filepath.Join(t.TempDir(), "project.qde")
	must(t, os.WriteFile(path, qde, 0o600))
	if out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "Project-mrt2019.xsd"), path).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}

// TestSetsDatesAndUsersRoundTrip imports projects in the shapes ATLAS.ti
// (16 code and document groups, a bare project.qde) and MAXQDA (document
// sets) write, exports them, and imports and exports the export again:
// the sets, users, dates and editors of the file come out as they went
// in, the second export equals the first, and both pass the schema.
func TestSetsDatesAndUsersRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		dir      string
		sets     int
		idle     string // a user who coded nothing
		wantDocs int
	}{
		{"atlas", 16, "Ulla Nyström", 5},
		{"maxqda", 2, "Guest", 3},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			ctx := context.Background()
			in := readFixture(t, tc.dir)
			var original []byte
			if tc.dir == "atlas" {
				original = in
			} else {
				original = zipEntries(t, in)["project.qde"]
			}
			st := mustOpenStore(t)
			proj, rep := importBytes(t, st, "", in)
			if rep.Sets != tc.sets || rep.Documents != tc.wantDocs {
				t.Errorf("report: got %d sets and %d documents, want %d and %d", rep.Sets, rep.Documents, tc.sets, tc.wantDocs)
			}
			for _, s := range rep.Skipped {
				t.Errorf("skipped %s %q: %s", s.Element, s.Name, s.Reason)
			}
			snap, err := st.Snapshot(ctx, proj.ID, true)
			must(t, err)
			if len(snap.Sets) != tc.sets {
				t.Errorf("store holds %d sets, want %d", len(snap.Sets), tc.sets)
			}
			if !strings.Contains(strings.Join(snap.Project.People, "|"), tc.idle) {
				t.Errorf("project people %q lack %q, who coded nothing", snap.Project.People, tc.idle)
			}
			first := zipEntries(t, exportBytes(t, snap))["project.qde"]
			validate(t, first)
			if diff := cmp.Diff(facts(t, original), facts(t, first)); diff != "" {
				t.Errorf("sets, users and dates: the file (-) and its export (+) differ:\n%s", diff)
			}

			st2 := mustOpenStore(t)
			proj2, _ := importBytes(t, st2, "", exportBytes(t, snap))
			snap2, err := st2.Snapshot(ctx, proj2.ID, true)
			must(t, err)
			second := zipEntries(t, exportBytes(t, snap2))["project.qde"]
			validate(t, second)
			if diff := cmp.Diff(canonicalGUIDs(string(first)), canonicalGUIDs(string(second))); diff != "" {
				t.Errorf("project.qde after a second round trip (-first +second):\n%s", diff)
			}
		})
	}
}

// TestImportedProvenanceIsStored checks the dates and people the store
// keeps from the ATLAS.ti-like file.
func TestImportedProvenanceIsStored(t *testing.T) {
	ctx := context.Background()
	st := mustOpenStore(t)
	proj, _ := importBytes(t, st, "", readFixture(t, "atlas"))
	snap, err := st.Snapshot(ctx, proj.ID, false)
	must(t, err)
	var got []string
	for _, d := range snap.Documents {
		if d.Title == "Interview 03 Carin" {
			got = append(got, "document "+d.CreatedAt.Format("2006-01-02T15:04")+" "+d.CreatedBy+" / "+d.UpdatedAt.Format("2006-01-02T15:04")+" "+d.UpdatedBy)
		}
	}
	for _, q := range snap.Quotes {
		if q.Text == "we were ashamed" {
			got = append(got, "quote "+q.CreatedAt.Format("2006-01-02T15:04")+" "+q.Coder+" / "+q.UpdatedAt.Format("2006-01-02T15:04")+" "+q.UpdatedBy)
		}
	}
	for _, m := range snap.Memos {
		got = append(got, "memo "+m.CreatedAt.Format("2006-01-02T15:04")+" "+m.Author+" / "+m.UpdatedAt.Format("2006-01-02T15:04")+" "+m.UpdatedBy)
	}
	want := []string{
		"document 2021-02-23T10:00 Sofia Berg / 2021-06-01T12:00 Jonas Ek",
		"quote 2021-03-04T12:10 Jonas Ek / 2021-05-01T07:45 Sofia Berg",
		"memo 2021-03-10T08:00 Sofia Berg / 2021-03-12T16:30 Jonas Ek",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dates and people (-want +got):\n%s", diff)
	}
	var sets []string
	for _, s := range snap.Sets {
		sets = append(sets, s.Name)
	}
	if len(sets) != 16 || sets[0] != "Negative emotions" || sets[15] != "Documents and codes on shame" {
		t.Errorf("sets: got %q, want the file's 16 in order", sets)
	}
}

// TestImportSetsReportsWhatTheyLose covers the sets whose members were
// not all imported, sets of notes, a set named like a facet value that
// says it is a set, and two sets of one name.
func TestImportSetsReportsWhatTheyLose(t *testing.T) {
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Sets">
  <CodeBook><Codes><Code guid="c0de0000-0000-4000-8000-000000000001" name="Anger" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="5a000000-0000-4000-8000-000000000001" name="Kept"><PlainTextContent>Some text.</PlainTextContent></TextSource>
    <PictureSource guid="5a000000-0000-4000-8000-000000000002" name="Photo" path="internal://photo.jpg"/>
  </Sources>
  <Notes><Note guid="40700000-0000-4000-8000-000000000001" name="N"><PlainTextContent>n</PlainTextContent></Note></Notes>
  <Sets>
    <Set guid="5e700000-0000-4000-8000-000000000001" name="Mixed">
      <MemberCode targetGUID="c0de0000-0000-4000-8000-000000000001"/>
      <MemberSource targetGUID="5a000000-0000-4000-8000-000000000001"/>
      <MemberSource targetGUID="5a000000-0000-4000-8000-000000000002"/>
      <MemberNote targetGUID="40700000-0000-4000-8000-000000000001"/>
    </Set>
    <Set guid="5e700000-0000-4000-8000-000000000002" name="Pictures"><MemberSource targetGUID="5a000000-0000-4000-8000-000000000002"/></Set>
    <Set guid="5e700000-0000-4000-8000-000000000003" name="Phase: early"><Description>Tessera: {"set":true}</Description><MemberCode targetGUID="c0de0000-0000-4000-8000-000000000001"/></Set>
    <Set guid="5e700000-0000-4000-8000-000000000004" name="mixed"/>
  </Sets>
</Project>`
	st := mustOpenStore(t)
	proj, rep := importBytes(t, st, "", []byte(qde))
	snap, err := st.Snapshot(context.Background(), proj.ID, false)
	must(t, err)
	var got []string
	for _, s := range snap.Sets {
		got = append(got, fmt.Sprintf("%s: %d documents, %d codes", s.Name, len(s.DocumentIDs), len(s.CodeIDs)))
	}
	want := []string{"Mixed: 1 documents, 1 codes", "Phase: early: 0 documents, 1 codes", "mixed (2): 0 documents, 0 codes"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sets (-want +got):\n%s", diff)
	}
	if len(snap.Facets) != 0 {
		t.Errorf("facets: got %d, want none (the set marker says it is a set)", len(snap.Facets))
	}
	var skipped []string
	for _, s := range rep.Skipped {
		if strings.HasPrefix(s.Element, "Member") || s.Element == "Set" {
			skipped = append(skipped, s.Element+" "+s.Reason)
		}
	}
	wantSkipped := []string{
		`MemberSource set "Mixed" lists a source that was not imported`,
		`MemberNote set "Mixed" lists a note: sets in Tessera hold documents and codes`,
		`MemberSource set "Pictures" lists a source that was not imported`,
		`Set none of its members was imported`,
	}
	if diff := cmp.Diff(wantSkipped, skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, `set "mixed" was renamed "mixed (2)"`) }) {
		t.Errorf("warnings %q lack the renamed set", rep.Warnings)
	}
}
