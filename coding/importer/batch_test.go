package importer_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"tessera/coding"
	"tessera/coding/importer"
)

func TestImportMixedBatch(t *testing.T) {
	s := mustOpenStore(t)
	p := mustProject(t, s, "Study")
	ctx := context.Background()
	var progress []importer.Progress
	im := &importer.Importer{
		Store:    s,
		Progress: func(pr importer.Progress) { progress = append(progress, pr) },
		Metadata: map[string]importer.Metadata{
			"Kohtamäki Analytics Oy/ceo.txt": {DocumentMeta: coding.DocumentMeta{InformantRole: "CEO", InterviewDate: "2026-02-10", Interviewer: "Mikael Öhman", Language: "en"}},
		},
	}
	files := []importer.File{
		{Name: "Kohtamäki Analytics Oy/ceo.txt", Case: "Kohtamäki Analytics Oy", Data: []byte("Mikael: Welcome.\r\nJyrki: Thanks\x00.\r\nMikael: Start?\r\nJyrki: 2012.")},
		{Name: "Kohtamäki Analytics Oy/broken.txt", Case: "Kohtamäki Analytics Oy", Data: []byte("Luleå\xFF")},
		{Name: "empty.md", Data: nil},
		{Name: "slides.pptx", Data: []byte("x")},
		// The same case spelled differently and decomposed: one case.
		{Name: "kohtamaki/cto.docx", Case: "KOHTAMA\u0308KI ANALYTICS OY", Data: makeDocx(t, docxParagraphs([]string{"Q: Role?", "A: CTO."}))},
		// The same text again: a duplicate.
		{Name: "copy of ceo.txt", Data: []byte("Mikael: Welcome.\nJyrki: Thanks.\nMikael: Start?\nJyrki: 2012.")},
	}
	rep, err := im.Import(ctx, p.ID, files)
	if err != nil {
		t.Fatal(err)
	}
	want := []importer.FileReport{
		{File: "Kohtamäki Analytics Oy/ceo.txt", OK: true, Title: "ceo", Case: "Kohtamäki Analytics Oy", Format: "txt", Encoding: "UTF-8",
			Turns: 4, Speakers: []string{"Mikael", "Jyrki"}, ControlRemoved: 1, LineEndings: 3},
		{File: "Kohtamäki Analytics Oy/broken.txt", Error: "not valid UTF-8 at byte offset 6", ErrorCode: coding.EINVALID},
		{File: "empty.md", Error: "the file is empty", ErrorCode: coding.EINVALID},
		{File: "slides.pptx", Error: `unsupported file type ".pptx" (Tessera imports .txt, .md, .docx, .odt, .pdf, .vtt, .srt, .html, .htm)`, ErrorCode: coding.EINVALID},
		{File: "kohtamaki/cto.docx", OK: true, Title: "cto", Case: "KOHTAMÄKI ANALYTICS OY", Format: "docx", Turns: 2, Speakers: []string{"Q", "A"}},
		{File: "copy of ceo.txt", Title: "copy of ceo", Format: "txt", Encoding: "UTF-8", Turns: 4, Speakers: []string{"Mikael", "Jyrki"},
			Duplicate: true, Error: `the project already has this text as document "ceo"; skipped`, ErrorCode: coding.ECONFLICT},
	}
	if diff := cmp.Diff(want, rep.Files, cmpopts.IgnoreFields(importer.FileReport{}, "DocumentID", "DuplicateOf")); diff != "" {
		t.Errorf("reports (-want +got):\n%s", diff)
	}
	if rep.Imported != 2 || rep.Failed != 3 || rep.Duplicates != 1 {
		t.Errorf("got imported %d failed %d duplicates %d, want 2 3 1", rep.Imported, rep.Failed, rep.Duplicates)
	}
	if rep.Files[5].DuplicateOf != rep.Files[0].DocumentID {
		t.Errorf("got duplicate of %q, want %q", rep.Files[5].DuplicateOf, rep.Files[0].DocumentID)
	}

	// One case holds both documents; metadata and speaker roles are set.
	cases, err := s.ListCases(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 1 || cases[0].Name != "Kohtamäki Analytics Oy" {
		t.Fatalf("got cases %v, want one named Kohtamäki Analytics Oy", cases)
	}
	doc, err := s.FindDocument(ctx, p.ID, rep.Files[0].DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if doc.CaseID != cases[0].ID || doc.Meta.InformantRole != "CEO" || doc.Meta.InterviewDate != "2026-02-10" || doc.SourceFormat != "txt" {
		t.Errorf("got document %+v", doc)
	}
	// The speakers are linked to informants: I-01 the CEO, I-02 "A" of
	// the other document, INT-01 and INT-02 the interviewers Mikael and Q.
	informants, err := s.ListInformants(ctx, p.ID)
	if err != nil || len(informants) != 4 {
		t.Fatalf("got informants %v, %v; want four", informants, err)
	}
	ceo, interviewer := informants[0], informants[2]
	if ceo.Label != "I-01" || ceo.Role != "CEO" || ceo.CaseID != cases[0].ID || interviewer.Label != "INT-01" || !interviewer.Interviewer {
		t.Errorf("got informants %+v and %+v, want I-01 the CEO of the case and INT-01 the interviewer", ceo, interviewer)
	}
	if rep.InformantsCreated != 4 || rep.SpeakersLinked != 4 {
		t.Errorf("got %d informants created, %d speakers linked; want 4 and 4", rep.InformantsCreated, rep.SpeakersLinked)
	}
	wantSpeakers := []coding.Speaker{{Name: "Mikael", Role: coding.RoleInterviewer, InformantID: interviewer.ID}, {Name: "Jyrki", Role: coding.RoleInformant, InformantID: ceo.ID}}
	if diff := cmp.Diff(wantSpeakers, doc.Speakers); diff != "" {
		t.Errorf("speakers (-want +got):\n%s", diff)
	}
	if doc.Text != "Mikael: Welcome.\nJyrki: Thanks.\nMikael: Start?\nJyrki: 2012." {
		t.Errorf("got text %q", doc.Text)
	}

	// Progress after every file, ending at the totals.
	if len(progress) != len(files) {
		t.Fatalf("got %d progress calls, want %d", len(progress), len(files))
	}
	last := progress[len(progress)-1]
	if last.Files != last.TotalFiles || last.Bytes != last.TotalBytes || last.TotalFiles != len(files) {
		t.Errorf("got last progress %+v", last)
	}
}

func TestImportAllowDuplicates(t *testing.T) {
	s := mustOpenStore(t)
	p := mustProject(t, s, "Study")
	im := &importer.Importer{Store: s, AllowDuplicates: true}
	f := importer.File{Name: "a.txt", Data: []byte("Same text.")}
	rep, err := im.Import(context.Background(), p.ID, []importer.File{f, f})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 2 || rep.Duplicates != 0 {
		t.Errorf("got imported %d duplicates %d, want 2 0", rep.Imported, rep.Duplicates)
	}
}

func TestImportUnknownProject(t *testing.T) {
	s := mustOpenStore(t)
	im := &importer.Importer{Store: s}
	_, err := im.Import(context.Background(), "nope", []importer.File{{Name: "a.txt", Data: []byte("x")}})
	if coding.ErrorCode(err) != coding.ENOTFOUND {
		t.Errorf("got %v, want not_found", err)
	}
}

func TestImportCancelled(t *testing.T) {
	s := mustOpenStore(t)
	p := mustProject(t, s, "Study")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Cancel after the first file: the batch stops with what it did.
	im := &importer.Importer{Store: s, Progress: func(importer.Progress) { cancel() }}
	files := []importer.File{{Name: "a.txt", Data: []byte("a")}, {Name: "b.txt", Data: []byte("b")}}
	rep, err := im.Import(ctx, p.ID, files)
	if err != context.Canceled || len(rep.Files) != 1 || !rep.Files[0].OK {
		t.Errorf("got %v with %+v, want context.Canceled after one file", err, rep)
	}
}
