package store_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/codingtest"
)

// speakerLinks returns the informant label of each linked speaker of the
// project's documents, as "document title/speaker" -> label.
func speakerLinks(t *testing.T, st coding.Store, pid string) map[string]string {
	t.Helper()
	snap, err := st.Snapshot(ctx, pid, false)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range snap.Documents {
		for _, sp := range d.Speakers {
			if sp.InformantID != "" {
				out[d.Title+"/"+sp.Name] = snap.InformantByID(sp.InformantID).Label
			}
		}
	}
	return out
}

func TestLinkSpeakersByNameWithinCase(t *testing.T) {
	st := mustOpen(t)
	s := codingtest.NewInformantStudy(t, st, "Study")
	want := map[string]string{
		"Nordic Sensors – CEO/Interviewer":           "INT-01",
		"Nordic Sensors – CEO/Anna":                  "I-01",
		"Nordic Sensors – CEO follow-up/Interviewer": "INT-01",
		"Nordic Sensors – CEO follow-up/Anna":        "I-01",
		"Nordic Sensors – CTO/Interviewer":           "INT-01",
		"Nordic Sensors – CTO/Bo":                    "I-02",
		"Baltic Foods – founders/Interviewer":        "INT-01",
		"Baltic Foods – founders/Carla":              "I-03",
		"Baltic Foods – founders/Dmitri":             "I-04",
		"Luleå Metall – export/Interviewer":          "INT-01",
		"Luleå Metall – export/Eva":                  "I-05",
	}
	if diff := cmp.Diff(want, speakerLinks(t, st, s.Project.ID)); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
	anna := s.Informants["I-01"]
	if anna.CaseID != s.Cases["Nordic Sensors AB"].ID || anna.Interviewer {
		t.Errorf("I-01: got case %q interviewer %v, want Nordic Sensors, not interviewer", anna.CaseID, anna.Interviewer)
	}
	if in := s.Informants["INT-01"]; !in.Interviewer || in.CaseID != "" {
		t.Errorf("INT-01: got interviewer %v case %q, want an interviewer without case", in.Interviewer, in.CaseID)
	}
	// Linking again finds nothing new; a new document of the case
	// reuses Anna, one of another case gets a new informant.
	res, err := st.LinkSpeakers(ctx, s.Project.ID)
	if err != nil || res.Linked != 0 || len(res.Created) != 0 {
		t.Fatalf("second link: got %+v, %v; want nothing linked", res, err)
	}
	d := &coding.Document{ProjectID: s.Project.ID, CaseID: s.Cases["Baltic Foods Oy"].ID, Title: "Third", Text: "Anna: Again.\nBo: Me too.",
		Turns: []coding.Turn{{Speaker: "Anna", Start: 6, End: 12}, {Speaker: "Bo", Start: 17, End: 24}}}
	if err := st.CreateDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	res, err = st.LinkSpeakers(ctx, s.Project.ID)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, i := range res.Created {
		labels = append(labels, i.Label)
	}
	if diff := cmp.Diff([]string{"I-06", "I-07"}, labels); diff != "" {
		t.Errorf("created for another case (-want +got):\n%s", diff)
	}
}

func TestInformantCRUDAndErrors(t *testing.T) {
	st := mustOpen(t)
	p := mustProject(t, st, "P")
	a := &coding.Informant{ProjectID: p.ID, Pseudonym: "Aino", Attributes: []coding.Attribute{{Name: "tenure", Value: 12.0}}}
	if err := st.CreateInformant(ctx, a); err != nil {
		t.Fatal(err)
	}
	if a.Label != "I-01" || a.Version != 1 {
		t.Errorf("got label %q version %d, want I-01 version 1", a.Label, a.Version)
	}
	b := &coding.Informant{ProjectID: p.ID, Label: "i-01"}
	wantCode(t, st.CreateInformant(ctx, b), coding.ECONFLICT)
	wantCode(t, st.CreateInformant(ctx, &coding.Informant{ProjectID: p.ID, CaseID: "nope"}), coding.ENOTFOUND)
	wantCode(t, st.CreateInformant(ctx, &coding.Informant{ProjectID: p.ID, Label: "I-\x009"}), coding.EINVALID)
	wantCode(t, st.CreateInformant(ctx, &coding.Informant{ProjectID: p.ID, Attributes: []coding.Attribute{{Name: "x", Type: coding.AttrNumber, Value: "many"}}}), coding.EINVALID)
	_, err := st.FindInformant(ctx, p.ID, "missing")
	wantCode(t, err, coding.ENOTFOUND)
	role := "CFO"
	got, err := st.UpdateInformant(ctx, p.ID, a.ID, coding.InformantUpdate{Role: &role, Attributes: []coding.Attribute{{Name: "tenure"}}, IfVersion: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got.Role != "CFO" || len(got.Attributes) != 0 || got.Version != 2 {
		t.Errorf("got %+v, want role CFO, no attributes, version 2", got)
	}
	_, err = st.UpdateInformant(ctx, p.ID, a.ID, coding.InformantUpdate{Role: &role, IfVersion: 1})
	wantCode(t, err, coding.ESTALE)
	for _, l := range []string{"I-10", "I-2"} {
		if err := st.CreateInformant(ctx, &coding.Informant{ProjectID: p.ID, Label: l}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.CreateInformant(ctx, &coding.Informant{ProjectID: p.ID, Interviewer: true}); err != nil {
		t.Fatal(err)
	}
	list, err := st.ListInformants(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, i := range list {
		labels = append(labels, i.Label)
	}
	if diff := cmp.Diff([]string{"I-01", "I-2", "I-10", "INT-01"}, labels); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	// Informants survive reopening the file.
	path := st.Path()
	st.Close()
	st = mustOpenAt(t, path)
	if list, err = st.ListInformants(ctx, p.ID); err != nil || len(list) != 4 {
		t.Errorf("after reopening: got %d informants, %v; want 4", len(list), err)
	}
}

func TestLinkMergeDeleteAndUndo(t *testing.T) {
	st := mustOpen(t)
	s := codingtest.NewInformantStudy(t, st, "Study")
	pid := s.Project.ID
	ceo, cto := s.Documents["Nordic Sensors – CEO"], s.Documents["Nordic Sensors – CTO"]
	// Link Bo to Anna's informant by hand, then unlink him.
	if _, err := st.LinkSpeaker(ctx, pid, coding.SpeakerLink{DocumentID: cto.ID, Speaker: "Bo", InformantID: s.Informants["I-01"].ID}); err != nil {
		t.Fatal(err)
	}
	if got := speakerLinks(t, st, pid)["Nordic Sensors – CTO/Bo"]; got != "I-01" {
		t.Errorf("Bo: got %q, want I-01", got)
	}
	d, err := st.LinkSpeaker(ctx, pid, coding.SpeakerLink{DocumentID: cto.ID, Speaker: "Bo"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Speakers[1].InformantID != "" {
		t.Errorf("Bo still linked: %+v", d.Speakers)
	}
	_, err = st.LinkSpeaker(ctx, pid, coding.SpeakerLink{DocumentID: cto.ID, Speaker: "Nobody", InformantID: s.Informants["I-01"].ID})
	wantCode(t, err, coding.ENOTFOUND)
	_, err = st.LinkSpeaker(ctx, pid, coding.SpeakerLink{DocumentID: cto.ID, Speaker: "Bo", InformantID: "missing"})
	wantCode(t, err, coding.ENOTFOUND)
	if got := speakerLinks(t, st, pid)["Nordic Sensors – CTO/Bo"]; got != "" {
		t.Errorf("a refused link changed Bo to %q", got)
	}

	// Merge I-02 (Bo, relinked) into I-01: Bo's speakers follow.
	if _, err := st.LinkSpeaker(ctx, pid, coding.SpeakerLink{DocumentID: cto.ID, Speaker: "Bo", InformantID: s.Informants["I-02"].ID}); err != nil {
		t.Fatal(err)
	}
	_, err = st.MergeInformants(ctx, pid, s.Informants["I-01"].ID, s.Informants["I-01"].ID)
	wantCode(t, err, coding.EINVALID)
	target, err := st.MergeInformants(ctx, pid, s.Informants["I-02"].ID, s.Informants["I-01"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if target.Label != "I-01" || target.Pseudonym != "Aino" {
		t.Errorf("merge target: got %s %s, want I-01 Aino", target.Label, target.Pseudonym)
	}
	if got := speakerLinks(t, st, pid)["Nordic Sensors – CTO/Bo"]; got != "I-01" {
		t.Errorf("after merge Bo: got %q, want I-01", got)
	}
	_, err = st.FindInformant(ctx, pid, s.Informants["I-02"].ID)
	wantCode(t, err, coding.ENOTFOUND)
	merge := newest(t, st, pid)
	if merge.Op != "merge_informants" {
		t.Fatalf("got op %q, want merge_informants", merge.Op)
	}
	// Undo brings I-02 back with Bo linked to it.
	if _, err := st.Undo(ctx, pid, merge.Seq); err != nil {
		t.Fatal(err)
	}
	if got := speakerLinks(t, st, pid)["Nordic Sensors – CTO/Bo"]; got != "I-02" {
		t.Errorf("after undo Bo: got %q, want I-02", got)
	}

	// Deleting Anna's informant unlinks her in both documents; undo
	// links her again.
	if err := st.DeleteInformant(ctx, pid, s.Informants["I-01"].ID); err != nil {
		t.Fatal(err)
	}
	links := speakerLinks(t, st, pid)
	if links["Nordic Sensors – CEO/Anna"] != "" || links["Nordic Sensors – CEO follow-up/Anna"] != "" {
		t.Errorf("after delete Anna is still linked: %v", links)
	}
	if _, err := st.Undo(ctx, pid, newest(t, st, pid).Seq); err != nil {
		t.Fatal(err)
	}
	if got := speakerLinks(t, st, pid)["Nordic Sensors – CEO/Anna"]; got != "I-01" {
		t.Errorf("after undoing the delete Anna: got %q, want I-01", got)
	}

	// Undoing the creation of an informant that speakers use is refused.
	x := &coding.Informant{ProjectID: pid}
	if err := st.CreateInformant(ctx, x); err != nil {
		t.Fatal(err)
	}
	created := newest(t, st, pid)
	if _, err := st.LinkSpeaker(ctx, pid, coding.SpeakerLink{DocumentID: ceo.ID, Speaker: "Anna", InformantID: x.ID}); err != nil {
		t.Fatal(err)
	}
	_, err = st.Undo(ctx, pid, created.Seq)
	wantCode(t, err, coding.ECONFLICT)

	// Renaming a speaker keeps its link; deleting the case keeps the
	// informants, without case.
	if _, err := st.UpdateDocument(ctx, pid, ceo.ID, coding.DocumentUpdate{RenameSpeakers: map[string]string{"Anna": "Anna K."}}); err != nil {
		t.Fatal(err)
	}
	if got := speakerLinks(t, st, pid)["Nordic Sensors – CEO/Anna K."]; got != x.Label {
		t.Errorf("renamed speaker: got %q, want %s", got, x.Label)
	}
	// So do the transcript edits: a rename, and a merge into a new name.
	if _, err := st.ChangeTranscript(ctx, pid, ceo.ID, coding.RenameSpeaker{From: "Anna K.", To: "Anna Kohtamäki"}, 0); err != nil {
		t.Fatal(err)
	}
	if got := speakerLinks(t, st, pid)["Nordic Sensors – CEO/Anna Kohtamäki"]; got != x.Label {
		t.Errorf("speaker renamed in the transcript: got %q, want %s", got, x.Label)
	}
	if _, err := st.ChangeTranscript(ctx, pid, ceo.ID, coding.MergeSpeakers{Speakers: []string{"Anna Kohtamäki"}, Into: "Anna Kohtamäki (CEO)"}, 0); err == nil {
		t.Error("merging one speaker into a new name: want an error (that is a rename)")
	}
	if err := st.DeleteCase(ctx, pid, s.Cases["Nordic Sensors AB"].ID); err != nil {
		t.Fatal(err)
	}
	anna, err := st.FindInformant(ctx, pid, s.Informants["I-01"].ID)
	if err != nil || anna.CaseID != "" {
		t.Errorf("after deleting the case: got %+v, %v; want I-01 without case", anna, err)
	}
}

func TestQuoteInformant(t *testing.T) {
	st := mustOpen(t)
	s := codingtest.NewInformantStudy(t, st, "Study")
	snap, err := st.Snapshot(ctx, s.Project.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range s.Quotes {
		src, ok := snap.QuoteInformant(q)
		if !ok || src.Label != s.Said[i] {
			t.Errorf("quote %q: got %+v %v, want %s", q.Text, src, ok, s.Said[i])
		}
	}
	src, _ := snap.QuoteInformant(s.Quotes[6])
	want := coding.QuoteSource{InformantID: s.Informants["I-05"].ID, Label: "I-05", Pseudonym: "Elin", Role: "Export manager", Case: "Luleå Metall AB"}
	if diff := cmp.Diff(want, src); diff != "" {
		t.Errorf("attribution (-want +got):\n%s", diff)
	}
	// A quote from the question into the answer goes to the informant.
	doc := s.Documents["Nordic Sensors – CTO"]
	q := &coding.Quote{DocumentID: doc.ID, Start: 0, End: doc.Length}
	if src, ok := snap.QuoteInformant(q); !ok || src.Label != "I-02" {
		t.Errorf("question and answer: got %+v, want I-02", src)
	}
	// Without text, a document with one informant still attributes.
	lean, err := st.Snapshot(ctx, s.Project.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if src, ok := lean.QuoteInformant(s.Quotes[3]); !ok || src.Label != "I-02" {
		t.Errorf("without text: got %+v %v, want I-02", src, ok)
	}
	if _, ok := lean.QuoteInformant(s.Quotes[4]); ok {
		t.Errorf("without text, a document with two informants attributed a quote")
	}
}

// TestUndoLinkSpeakers takes back linking by name in one step: the
// links and the informants it made.
func TestUndoLinkSpeakers(t *testing.T) {
	st := mustOpen(t)
	p := mustProject(t, st, "P")
	d := &coding.Document{ProjectID: p.ID, Title: "One", Text: "Interviewer: Hi.\nAnna: Hello.",
		Turns: []coding.Turn{{Speaker: "Interviewer", Start: 13, End: 16}, {Speaker: "Anna", Start: 23, End: 29}}}
	if err := st.CreateDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	res, err := st.LinkSpeakers(ctx, p.ID)
	if err != nil || len(res.Created) != 2 || res.Linked != 2 {
		t.Fatalf("got %+v, %v; want two informants and two links", res, err)
	}
	e := newest(t, st, p.ID)
	if e.Op != "link_speakers" {
		t.Fatalf("got op %q, want link_speakers", e.Op)
	}
	if _, err := st.Undo(ctx, p.ID, e.Seq); err != nil {
		t.Fatal(err)
	}
	list, err := st.ListInformants(ctx, p.ID)
	if err != nil || len(list) != 0 {
		t.Errorf("after undo: got %d informants, %v; want none", len(list), err)
	}
	if links := speakerLinks(t, st, p.ID); len(links) != 0 {
		t.Errorf("after undo: got links %v, want none", links)
	}
}
