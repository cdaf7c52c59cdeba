package importer_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/importer"
)

func TestReadMetadata(t *testing.T) {
	csv := "File,Case,Informant Role,Interview-Date,interviewer,language\r\n" +
		"./Kohtamäki Analytics Oy/ceo.txt,Kohtamäki Analytics Oy,CEO,2026-02-10,Mikael Öhman,fi\r\n" +
		"Lulea\u030a MedSense AB\\sales.md,,Head of Sales,,,\r\n"
	got, err := importer.ReadMetadata([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]importer.Metadata{
		"Kohtamäki Analytics Oy/ceo.txt": {Case: "Kohtamäki Analytics Oy", DocumentMeta: coding.DocumentMeta{
			InformantRole: "CEO", InterviewDate: "2026-02-10", Interviewer: "Mikael Öhman", Language: "fi"}},
		"Luleå MedSense AB/sales.md": {DocumentMeta: coding.DocumentMeta{InformantRole: "Head of Sales"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadMetadataErrors(t *testing.T) {
	tests := []struct{ name, data, msg string }{
		{"empty", "", "the metadata sheet is empty"},
		{"unknown column", "file,notes\n", `metadata sheet: unknown column "notes" (use file, case, informant_role, interview_date, interviewer, language)`},
		{"no file column", "case,language\n", `metadata sheet: the column "file" is missing`},
		{"bad date", "file,interview_date\na.txt,10.2.2026\n", `metadata sheet, row 2: interview date "10.2.2026" is not a date (YYYY-MM-DD)`},
		{"twice", "file\na.txt\n./a.txt\n", `metadata sheet, row 3: "a.txt" appears twice`},
		{"missing file", "file,case\n,A\n", "metadata sheet, row 2: the file is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := importer.ReadMetadata([]byte(tt.data))
			wantError(t, err, coding.EINVALID, tt.msg)
		})
	}
}

// TestMetadataMatching imports files whose names match metadata entries
// by path, by letter case, by a trailing path and by file name.
func TestMetadataMatching(t *testing.T) {
	s := mustOpenStore(t)
	p := mustProject(t, s, "Study")
	im := &importer.Importer{Store: s, Metadata: map[string]importer.Metadata{
		"A/one.txt":   {DocumentMeta: coding.DocumentMeta{InformantRole: "exact"}},
		"b/TWO.txt":   {DocumentMeta: coding.DocumentMeta{InformantRole: "case"}},
		"C/three.txt": {DocumentMeta: coding.DocumentMeta{InformantRole: "suffix"}},
		"four.txt":    {DocumentMeta: coding.DocumentMeta{InformantRole: "base"}, Case: "From sheet"},
		"X/same.txt":  {DocumentMeta: coding.DocumentMeta{InformantRole: "ambiguous"}},
		"Y/same.txt":  {DocumentMeta: coding.DocumentMeta{InformantRole: "ambiguous"}},
	}}
	files := []importer.File{
		{Name: "A/one.txt", Data: []byte("1")},
		{Name: "B/two.txt", Data: []byte("2")},
		{Name: "study/C/three.txt", Data: []byte("3")},
		{Name: "D/four.txt", Case: "D", Data: []byte("4")},
		{Name: "Z/same.txt", Data: []byte("5")},
	}
	rep, err := im.Import(t.Context(), p.ID, files)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Files {
		d, err := s.FindDocument(t.Context(), p.ID, f.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, d.Meta.InformantRole+"/"+f.Case)
	}
	if diff := cmp.Diff([]string{"exact/", "case/", "suffix/", "base/From sheet", "/"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
