package refi_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"tessera/coding"
	"tessera/coding/importer"
	"tessera/coding/refi"
	"tessera/coding/store"
	samples "tessera/sample-transcripts"
)

// frozen is the clock of every test store, so two stores agree on times.
var frozen = time.Date(2024, 3, 18, 9, 30, 0, 0, time.UTC)

func mustOpenStore(tb testing.TB) *store.Store {
	tb.Helper()
	st, err := store.Open(filepath.Join(tb.TempDir(), "tessera.db"), store.Options{Now: func() time.Time { return frozen }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// sampleTexts are the documents of the sample project, as written (CRLF,
// decomposed letters); the store holds them normalised.
var sampleTexts = []struct{ title, text string }{
	{"Interview Kohtamäki CEO", "Interviewer: How did the first export go?\r\nCEO (Anna Kohtamäki): Badly 👍 — we shipped to Luleå in winter and the robots froze.\r\nInterviewer: What changed?\r\nCEO (Anna Kohtamäki): We test in the cold chamber now. Trial and error, mostly.\r\n"},
	{"Interview Lulea\u030a founder", "Q: Where did you learn about tenders?\nA: From peers at the trade fair in Lulea\u030a, and from our clients.\nQ: Anything else?\nA: The industry association ran a course 🎓.\n"},
	{"Field notes", "Visited the plant. Noise, coffee ☕, and a whiteboard full of failures."},
}

// buildSample creates the sample project in st and returns its snapshot:
// cases with typed attributes, three documents, a three-level codebook
// with facets, quotes by two coders and memos on every kind of target.
func buildSample(tb testing.TB, st coding.Store) *coding.Snapshot {
	tb.Helper()
	ctx := context.Background()
	p := &coding.Project{Name: "Luleå SMEs", Description: "Failure and learning in four SMEs.", Language: "en"}
	must(tb, st.CreateProject(ctx, p))
	pid := p.ID

	learning := &coding.Facet{ProjectID: pid, Name: "Type of learning", Values: []string{"experiential", "vicarious", "congenital", "integrated"}}
	must(tb, st.CreateFacet(ctx, learning))
	growth := &coding.Facet{ProjectID: pid, Name: "Growth path", Values: []string{"geographic diversification", "market penetration"}}
	must(tb, st.CreateFacet(ctx, growth))
	must(tb, st.CreateFacet(ctx, &coding.Facet{ProjectID: pid, Name: "Open questions"}))

	robotics := &coding.Case{ProjectID: pid, Name: "Kohtamäki Robotics", Attributes: []coding.Attribute{
		{Name: "Sector", Type: coding.AttrText, Value: "Robotics"},
		{Name: "Employees", Type: coding.AttrNumber, Value: 42.0},
		{Name: "Founded", Type: coding.AttrDate, Value: "2009-05-01"},
		{Name: "Markets", Type: coding.AttrList, Value: []string{"Sweden", "Finland", "Japan"}},
		{Name: "Revenue (M€)", Type: coding.AttrNumber, Value: 3.5},
	}}
	must(tb, st.CreateCase(ctx, robotics))
	medtech := &coding.Case{ProjectID: pid, Name: "Luleå MedTech", Attributes: []coding.Attribute{
		{Name: "Sector", Type: coding.AttrText, Value: "Medical technology"},
		{Name: "Employees", Type: coding.AttrNumber, Value: 120.0},
		{Name: "Founded", Type: coding.AttrDate, Value: "2015-11-30"},
		{Name: "Markets", Type: coding.AttrList, Value: []string{"Norway"}},
		{Name: "Revenue (M€)", Type: coding.AttrNumber, Value: 12.25},
		{Name: "Ownership", Type: coding.AttrText, Value: nil},
	}}
	must(tb, st.CreateCase(ctx, medtech))

	var docs []*coding.Document
	for i, s := range sampleTexts {
		parsed, err := importer.FromText(s.title, s.text)
		must(tb, err)
		d := &coding.Document{ProjectID: pid, Title: parsed.Title, Text: parsed.Text, Turns: parsed.Turns}
		switch i {
		case 0:
			d.CaseID = robotics.ID
			d.Meta = coding.DocumentMeta{InformantRole: "CEO", InterviewDate: "2023-02-14", Interviewer: "Björn", Language: "en"}
		case 1:
			d.CaseID = medtech.ID
			d.Meta = coding.DocumentMeta{InformantRole: "Founder"}
		}
		must(tb, st.CreateDocument(ctx, d))
		docs = append(docs, d)
	}

	code := func(name string, level coding.Level, parent *coding.Code, def string) *coding.Code {
		c := &coding.Code{ProjectID: pid, Name: name, Level: level, Definition: def}
		if parent != nil {
			c.ParentID = parent.ID
		}
		must(tb, st.CreateCode(ctx, c))
		return c
	}
	dim := code("Learning from failure", coding.LevelDimension, nil, "How firms **learn** from what went wrong.")
	exp := code("Experiential learning", coding.LevelTheme, dim, "Learning by doing.")
	trial := code("Trial and error 👍", coding.LevelConcept, exp, "Trying, failing, adjusting.\n\nSecond paragraph with <angle> & ampersand.")
	cold := code("Testing in harsh conditions", coding.LevelConcept, exp, "")
	vic := code("Vicarious learning", coding.LevelTheme, dim, "Learning from others.")
	peers := code("Peers at trade fairs", coding.LevelConcept, vic, "")
	networks := code("Networks", coding.LevelTheme, nil, "Ties to associations.")
	anecdote := code("Luleå anecdotes", coding.LevelConcept, nil, "")
	_, err := st.UpdateCode(ctx, pid, trial.ID, coding.CodeUpdate{Inclusion: ptr("The informant tells of a failed attempt."), Exclusion: ptr("Plans never tried."), Color: ptr("#1A2B3C")})
	must(tb, err)
	_, err = st.SetCodeFacet(ctx, pid, exp.ID, learning.ID, "experiential")
	must(tb, err)
	_, err = st.SetCodeFacet(ctx, pid, peers.ID, learning.ID, "vicarious")
	must(tb, err)
	_, err = st.SetCodeFacet(ctx, pid, cold.ID, growth.ID, "geographic diversification")
	must(tb, err)

	quote := func(d *coding.Document, phrase, coder string, codes ...*coding.Code) *coding.Quote {
		tb.Helper()
		i := strings.Index(d.Text, phrase)
		if i < 0 {
			tb.Fatalf("phrase %q not in %q", phrase, d.Title)
		}
		start := coding.RuneOffset(d.Text, i)
		q := &coding.Quote{ProjectID: pid, DocumentID: d.ID, Start: start, End: start + coding.RuneLen(phrase), Coder: coder}
		for _, c := range codes {
			q.CodeIDs = append(q.CodeIDs, c.ID)
		}
		must(tb, st.CreateQuote(ctx, q))
		return q
	}
	q1 := quote(docs[0], "Badly 👍 — we shipped to Luleå in winter and the robots froze.", "Anna Kohtamäki", trial, cold)
	quote(docs[0], "Badly 👍 — we shipped to Luleå in winter and the robots froze.", "Björn", trial)
	quote(docs[0], "We test in the cold chamber now.", "Björn", cold)
	q4 := quote(docs[1], "From peers at the trade fair in Luleå", "Anna Kohtamäki", peers, anecdote)
	quote(docs[1], "The industry association ran a course 🎓.", "Anna Kohtamäki", networks)
	quote(docs[2], "a whiteboard full of failures", "", exp)
	_, err = st.UpdateQuote(ctx, pid, q4.ID, coding.QuoteUpdate{Memo: ptr("Peers *and* place: Luleå.")})
	must(tb, err)

	memo := func(typ, target, title, body, author string) {
		must(tb, st.CreateMemo(ctx, &coding.Memo{ProjectID: pid, TargetType: typ, TargetID: target, Title: title, Body: body, Author: author}))
	}
	memo(coding.MemoProject, pid, "Research question", "How do SMEs **learn** from failure?\n\n- one\n- two", "Anna Kohtamäki")
	memo(coding.MemoCase, robotics.ID, "About the firm", "Family-owned; Kohtamäki is the founder's name.", "Björn")
	memo(coding.MemoDocument, docs[0].ID, "", "Recorded in Luleå, 👍 quality.", "Björn")
	memo(coding.MemoCode, trial.ID, "Boundary", "Overlaps with *Testing in harsh conditions*.", "Anna Kohtamäki")
	memo(coding.MemoQuote, q1.ID, "Key quote", "Use in the paper.", "")

	snap, err := st.Snapshot(ctx, pid, true)
	must(tb, err)
	return snap
}

// sampleStudy imports the bundled sample study (twelve interviews, case
// sheet, starter coding) into st and returns its snapshot.
func sampleStudy(tb testing.TB, st coding.Store) *coding.Snapshot {
	tb.Helper()
	ctx := context.Background()
	p := &coding.Project{Name: "Sample study"}
	must(tb, st.CreateProject(ctx, p))
	im := &importer.Importer{Store: st, Coder: "sample"}
	if _, err := im.ImportSampleFS(ctx, p.ID, samples.FS); err != nil {
		tb.Fatal(err)
	}
	snap, err := st.Snapshot(ctx, p.ID, true)
	must(tb, err)
	return snap
}

func ptr[T any](v T) *T { return &v }

// exportBytes exports snap and returns the archive.
func exportBytes(tb testing.TB, snap *coding.Snapshot) []byte {
	tb.Helper()
	var buf bytes.Buffer
	must(tb, refi.Export(&buf, snap, refi.ExportOptions{}))
	return buf.Bytes()
}

// zipEntries returns the archive's files by name.
func zipEntries(tb testing.TB, data []byte) map[string][]byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(tb, err)
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		must(tb, err)
		b, err := io.ReadAll(rc)
		must(tb, err)
		rc.Close()
		out[f.Name] = b
	}
	return out
}

// requireXmllint returns the path of xmllint, skipping the test when it
// is missing unless TESSERA_E2E=1 asks for every check.
func requireXmllint(tb testing.TB) string {
	tb.Helper()
	path, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("TESSERA_E2E") == "1" {
			tb.Fatal("xmllint is required (Debian package libxml2-utils)")
		}
		tb.Skip("xmllint not installed (Debian package libxml2-utils)")
	}
	return path
}

func sortStrings(s []string) { sort.Strings(s) }
