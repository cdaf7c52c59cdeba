package codebook_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/codebook"
)

func TestReadCSV(t *testing.T) {
	data := "\uFEFFCode;Gioia level;Parent path;Description;Colour;facet:Phase;Notes\r\n" +
		"Learning;Aggregate dimension;;Top;#ABC;;ignored\r\n" +
		"Trial and error;;Learning;Try things;;Early;\r\n" +
		"\"Ask a mentor; then act\";1st-order concept;Learning > Trial and error;\"Two\nlines\";;Late;\r\n" +
		";;;;;;\r\n" +
		"Odd;sub-code;;;;;\r\n"
	cb, err := codebook.Read("prepared.csv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := &codebook.Codebook{
		Facets:  []string{"Phase"},
		Ignored: []string{"Notes"},
		Entries: []codebook.Entry{
			{Line: 2, Name: "Learning", Level: coding.LevelDimension, Parent: []string{}, Definition: "Top", Color: "#ABC", Facets: []codebook.FacetValue{}},
			{Line: 3, Name: "Trial and error", Level: coding.LevelTheme, Parent: []string{"Learning"}, Definition: "Try things", Facets: []codebook.FacetValue{{Facet: "Phase", Value: "Early"}}},
			{Line: 4, Name: "Ask a mentor; then act", Level: coding.LevelConcept, Parent: []string{"Learning", "Trial and error"}, Definition: "Two\nlines", Facets: []codebook.FacetValue{{Facet: "Phase", Value: "Late"}}},
			{Line: 7, Name: "Odd", Level: "sub-code", Parent: []string{}, Facets: []codebook.FacetValue{}},
		},
	}
	if diff := cmp.Diff(want, cb); diff != "" {
		t.Errorf("codebook (-want +got):\n%s", diff)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, file, data, want string }{
		{"no name column", "a.csv", "label,level\nx,theme\n", `no "name" column`},
		{"empty", "a.bin", "  ", "is empty"},
		{"bad xml", "a.qdc", "<CodeBook", "cannot be read"},
		{"other namespace", "a.qdc", `<CodeBook xmlns="urn:other"><Codes/></CodeBook>`, "not a REFI-QDA codebook"},
		{"bad workbook", "a.xlsx", "PK not really", "cannot be read"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := codebook.Read(tc.file, []byte(tc.data))
			if coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), tc.want) {
				t.Errorf("got %v, want an invalid error containing %q", err, tc.want)
			}
		})
	}
}

// TestReadAt reads a codebook from a reader at random positions, as the
// server does from a spooled upload, and refuses one over the size limit
// before reading it.
func TestReadAt(t *testing.T) {
	data := "name,level\n'=SUM(A1),theme\n'plain,theme\n"
	cb, err := codebook.ReadAt("book.csv", strings.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range cb.Entries {
		names = append(names, e.Name)
	}
	if want := []string{"=SUM(A1)", "'plain"}; !cmp.Equal(names, want) {
		t.Errorf("got names %q, want %q", names, want)
	}
	_, err = codebook.ReadAt("big.csv", strings.NewReader(""), codebook.MaxFileBytes+1)
	if coding.ErrorCode(err) != coding.ETOOLARGE {
		t.Errorf("got %v, want a too_large error", err)
	}
}

// TestReadForeignQDC reads a codebook written by another program:
// no Tessera metadata, levels from the nesting.
func TestReadForeignQDC(t *testing.T) {
	data := `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Other">
  <Codes>
    <Code guid="{11111111-1111-1111-1111-111111111111}" name="Learning" isCodable="true" color="#f00">
      <Description>Everything about learning</Description>
      <Code guid="22222222-2222-2222-2222-222222222222" name="Mentors" isCodable="true">
        <Code guid="33333333-3333-3333-3333-333333333333" name="Asks the board" isCodable="true">
          <Code guid="44444444-4444-4444-4444-444444444444" name="Too deep" isCodable="true"/>
        </Code>
      </Code>
    </Code>
    <Code guid="55555555-5555-5555-5555-555555555555" name="Standalone" isCodable="true"/>
  </Codes>
</CodeBook>`
	cb, err := codebook.Read("other.qdc", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		Name   string
		Level  coding.Level
		Parent string
	}
	var got []line
	for _, e := range cb.Entries {
		got = append(got, line{e.Name, e.Level, e.ParentPath()})
	}
	want := []line{
		{"Learning", coding.LevelDimension, ""},
		{"Mentors", coding.LevelTheme, "Learning"},
		{"Asks the board", coding.LevelConcept, "Learning > Mentors"},
		{"Too deep", "nested below a concept", "Learning > Mentors > Asks the board"},
		{"Standalone", coding.LevelConcept, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if cb.Entries[0].Color != "#ff0000" || cb.Entries[0].Definition != "Everything about learning" {
		t.Errorf("got colour %q and definition %q, want #ff0000 and the description", cb.Entries[0].Color, cb.Entries[0].Definition)
	}
}
