package anonymise_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/anonymise"
	"tessera/coding/codingtest"
	"tessera/coding/store"
)

var ctx = context.Background()

// study stores a small project in a real store and returns its snapshot
// with texts: two firms, a city attribute, a transcript with a named
// informant and a named interviewer, quotes and a memo.
func study(t *testing.T, profile func(cases []*coding.Case) *coding.Anonymisation) *coding.Snapshot {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "tessera.db"), store.Options{Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p := &coding.Project{Name: "Northern SMEs"}
	must(t, s.CreateProject(ctx, p))
	north := &coding.Case{ProjectID: p.ID, Name: "Luleå MedSense AB", Attributes: []coding.Attribute{{Name: "City", Value: "Luleå"}, {Name: "Sector", Value: "Medtech"}}}
	must(t, s.CreateCase(ctx, north))
	south := &coding.Case{ProjectID: p.ID, Name: "Kohtamäki Analytics Oy", Attributes: []coding.Attribute{{Name: "City", Value: "Tampere"}}}
	must(t, s.CreateCase(ctx, south))
	text, _ := coding.NormalizeText("Interviewer: Welcome, Björn.\nBjörn Lind: We left Lulea for Oslo. MedSense grew; Kohtamäki Analytics did not.\n")
	d := &coding.Document{ProjectID: p.ID, CaseID: north.ID, Title: "Björn Lind, Luleå MedSense AB", Text: text,
		Meta:  coding.DocumentMeta{Interviewer: "Eva Berg"},
		Turns: []coding.Turn{{Speaker: "Interviewer", Start: 0, End: 28}, {Speaker: "Björn Lind", Start: 29, End: coding.RuneLen(text) - 1}}}
	must(t, s.CreateDocument(ctx, d))
	code := &coding.Code{ProjectID: p.ID, Name: "Leaving Luleå", Level: coding.LevelConcept, Definition: "Moves away from Lulea."}
	must(t, s.CreateCode(ctx, code))
	at := func(passage string) (int, int) {
		i := strings.Index(text, passage)
		start := coding.RuneLen(text[:i])
		return start, start + coding.RuneLen(passage)
	}
	for _, passage := range []string{"We left Lulea for Oslo.", "Kohtamäki Analytics did not", "ulea"} {
		start, end := at(passage)
		must(t, s.CreateQuote(ctx, &coding.Quote{ProjectID: p.ID, DocumentID: d.ID, Start: start, End: end, CodeIDs: []string{code.ID}, Memo: "Björn on Luleå", Coder: "olga"}))
	}
	must(t, s.CreateMemo(ctx, &coding.Memo{ProjectID: p.ID, TargetType: coding.MemoProject, Title: "Björn Lind", Body: "Ask **Björn Lind** about Tampere.", Author: "tuomas"}))
	if profile != nil {
		if _, err := s.SetAnonymisation(ctx, p.ID, profile([]*coding.Case{north, south})); err != nil {
			t.Fatal(err)
		}
	}
	snap, err := s.Snapshot(ctx, p.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestSnapshotReplacesKnownNames(t *testing.T) {
	oslo := func([]*coding.Case) *coding.Anonymisation {
		return &coding.Anonymisation{Terms: []coding.TermReplacement{{Term: "Oslo", Replacement: "[capital]"}}}
	}
	snap := study(t, oslo)
	before := study(t, oslo)
	anon := anonymise.Snapshot(snap)

	// The input is left as it was.
	if diff := cmp.Diff(before.Documents[0].Text, snap.Documents[0].Text); diff != "" {
		t.Errorf("the original snapshot changed:\n%s", diff)
	}
	if got, want := anon.Cases[0].Name, "Firm A"; got != want {
		t.Errorf("case 1 = %q, want %q", got, want)
	}
	if got, want := anon.Cases[1].Name, "Firm B"; got != want {
		t.Errorf("case 2 = %q, want %q", got, want)
	}
	if got, want := anon.Cases[0].Attributes[0].Value, "[City]"; got != want {
		t.Errorf("city = %v, want %q", got, want)
	}
	if got, want := anon.Cases[0].Attributes[1].Value, "Medtech"; got != want {
		t.Errorf("sector = %v, want %q", got, want)
	}
	d := anon.Documents[0]
	// "MedSense" and "Björn" alone are not names the project knows.
	wantText := "Interviewer: Welcome, Björn.\nInformant 1: We left [City] for [capital]. MedSense grew; Firm B did not.\n"
	if d.Text != wantText {
		t.Errorf("text = %q, want %q", d.Text, wantText)
	}
	if got, want := d.Title, "Informant 1, Firm A"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := d.Meta.Interviewer, "Interviewer"; got != want {
		t.Errorf("interviewer = %q, want %q", got, want)
	}
	if got, want := d.Turns[1].Speaker, "Informant 1"; got != want {
		t.Errorf("speaker = %q, want %q", got, want)
	}
	// Turns cover the same passages of the new text.
	if got := coding.Slice(d.Text, d.Turns[1].Start, d.Turns[1].End); !strings.HasPrefix(got, "Informant 1: ") || !strings.HasSuffix(got, "did not.") {
		t.Errorf("turn 2 = %q, want the informant's whole turn", got)
	}
	// Each quote covers the anonymised form of its passage: the range
	// inside a replaced name widens to the replacement.
	wantQuotes := []string{"We left [City] for [capital].", "[City]", "Firm B did not"}
	for i, q := range anon.Quotes {
		if q.Text != wantQuotes[i] || coding.Slice(d.Text, q.Start, q.End) != q.Text {
			t.Errorf("quote %d = %q at [%d,%d) (%q), want %q", i, q.Text, q.Start, q.End, coding.Slice(d.Text, q.Start, q.End), wantQuotes[i])
		}
		if q.Memo != "Björn on [City]" {
			t.Errorf("quote memo = %q", q.Memo)
		}
		if orig := snap.Quotes[i]; orig.Text == q.Text {
			t.Errorf("stored quote %d changed to %q", i, orig.Text)
		}
	}
	if got, want := anon.Codes[0].Name+" / "+anon.Codes[0].Definition, "Leaving [City] / Moves away from [City]."; got != want {
		t.Errorf("code = %q, want %q", got, want)
	}
	// User names become "Coder N" in order of first appearance.
	if got := anon.Quotes[0].Coder + " / " + anon.Quotes[2].Coder + " / " + anon.Memos[0].Author; got != "Coder 1 / Coder 1 / Coder 2" {
		t.Errorf("users = %q, want Coder 1 / Coder 1 / Coder 2", got)
	}
	m := anon.Memos[0]
	if m.Title != "Informant 1" || m.Body != "Ask **Informant 1** about [City]." || !strings.Contains(m.HTML, "<strong>Informant 1</strong>") {
		t.Errorf("memo = %q / %q / %q", m.Title, m.Body, m.HTML)
	}
}

func TestSnapshotChosenPseudonyms(t *testing.T) {
	snap := study(t, func(cases []*coding.Case) *coding.Anonymisation {
		return &coding.Anonymisation{
			CaseLabel: "Company",
			Cases:     map[string]string{cases[1].ID: "Company A"},
			Speakers:  map[string]string{"Björn Lind": "I-07", "Eva Berg": "Eva Berg"},
			Places:    map[string]string{"Luleå": "a northern town"},
			KeepUsers: true,
		}
	})
	anon := anonymise.Snapshot(snap)
	// The chosen "Company A" is taken: the first case gets the next letter.
	if got := anon.Cases[0].Name + " / " + anon.Cases[1].Name; got != "Company B / Company A" {
		t.Errorf("cases = %q, want Company B / Company A", got)
	}
	want := "Interviewer: Welcome, Björn.\nI-07: We left a northern town for Oslo. MedSense grew; Company A did not.\n"
	if got := anon.Documents[0].Text; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	if got := anon.Quotes[0].Coder + " / " + anon.Memos[0].Author; got != "olga / tuomas" {
		t.Errorf("users kept by choice = %q, want olga / tuomas", got)
	}
	if got := anon.Documents[0].Meta.Interviewer; got != "Eva Berg" {
		t.Errorf("interviewer kept by choice = %q, want Eva Berg", got)
	}
}

func TestRulesLeaveLabelsThatAreNotNames(t *testing.T) {
	snap := study(t, nil)
	snap.Documents[0].Speakers = append(snap.Documents[0].Speakers, coding.Speaker{Name: "CEO", Role: coding.RoleInformant}, coding.Speaker{Name: "Q", Role: coding.RoleInterviewer})
	for _, sp := range anonymise.SpeakerPseudonyms(snap) {
		switch sp.Name {
		case "CEO", "Q", "Interviewer":
			if sp.Pseudonym != sp.Name {
				t.Errorf("label %q gets pseudonym %q, want it kept", sp.Name, sp.Pseudonym)
			}
		case "Björn Lind":
			if sp.Pseudonym != "Informant 1" {
				t.Errorf("Björn Lind = %q, want Informant 1", sp.Pseudonym)
			}
		}
	}
	var terms []string
	for _, r := range anonymise.Rules(snap) {
		terms = append(terms, r.Kind+":"+r.Term+"="+r.Replacement)
	}
	want := []string{
		"case:Luleå MedSense AB=Firm A", "case:Luleå MedSense=Firm A",
		"case:Kohtamäki Analytics Oy=Firm B", "case:Kohtamäki Analytics=Firm B",
		"speaker:Eva Berg=Interviewer", "speaker:Björn Lind=Informant 1",
		"place:Luleå=[City]", "place:Tampere=[City]",
	}
	if diff := cmp.Diff(want, terms); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
}

// TestInformantPseudonymsOrIDs names the speakers of the fixed informant
// study by their informants' pseudonyms, or by their IDs when the
// profile asks for them.
func TestInformantPseudonymsOrIDs(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "tessera.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	study := codingtest.NewInformantStudy(t, s, "Informants")
	doc := func(profile *coding.Anonymisation) string {
		t.Helper()
		if _, err := s.SetAnonymisation(ctx, study.Project.ID, profile); err != nil {
			t.Fatal(err)
		}
		snap, err := s.Snapshot(ctx, study.Project.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		anon := anonymise.Snapshot(snap)
		for i, d := range snap.Documents {
			if d.ID == study.Documents["Baltic Foods – founders"].ID {
				return anon.Documents[i].Text
			}
		}
		t.Fatal("no founders' interview")
		return ""
	}
	if got := doc(&coding.Anonymisation{}); !strings.Contains(got, "\nCecilia: Our first export failed") || !strings.Contains(got, "\nDaniel: Retail buyers") {
		t.Errorf("with pseudonyms: %q", got)
	}
	if got := doc(&coding.Anonymisation{InformantIDs: true}); !strings.Contains(got, "\nI-03: Our first export failed") || !strings.Contains(got, "\nI-04: Retail buyers") {
		t.Errorf("with IDs: %q", got)
	}
}
