package importer_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"tessera/coding"
	"tessera/coding/importer"
)

func TestReadCaseSheetCSV(t *testing.T) {
	csv := "\uFEFFcase,sector,employees,founded,first entry,markets,note\r\n" +
		"Kohtamäki Analytics Oy,Software,38,2012-03-01,2015,Sweden;Netherlands,\r\n" +
		"Luleå MedSense AB,\"Medical technology, wearables\",52.5,2009-06-15,2013,Norway,n/a\r\n" +
		"\r\n"
	cases, err := importer.ReadCaseSheet("cases.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	want := []coding.Case{
		{Name: "Kohtamäki Analytics Oy", Attributes: []coding.Attribute{
			{Name: "sector", Type: coding.AttrText, Value: "Software"},
			{Name: "employees", Type: coding.AttrNumber, Value: 38.0},
			{Name: "founded", Type: coding.AttrDate, Value: "2012-03-01"},
			{Name: "first entry", Type: coding.AttrNumber, Value: 2015.0},
			{Name: "markets", Type: coding.AttrList, Value: []string{"Sweden", "Netherlands"}},
		}},
		{Name: "Luleå MedSense AB", Attributes: []coding.Attribute{
			{Name: "sector", Type: coding.AttrText, Value: "Medical technology, wearables"},
			{Name: "employees", Type: coding.AttrNumber, Value: 52.5},
			{Name: "founded", Type: coding.AttrDate, Value: "2009-06-15"},
			{Name: "first entry", Type: coding.AttrNumber, Value: 2013.0},
			{Name: "markets", Type: coding.AttrList, Value: []string{"Norway"}},
			{Name: "note", Type: coding.AttrText, Value: "n/a"},
		}},
	}
	if diff := cmp.Diff(want, cases); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadCaseSheetSemicolonsAndMixedTypes(t *testing.T) {
	// European Excel: semicolons between fields, Windows-1252 bytes.
	csv := "Firm;Employees\nP\xF6ll\xF6 Robotics Oy;44\nNebelh\xF6hle Games GmbH;about 30\n"
	cases, err := importer.ReadCaseSheet("cases.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	got := []string{cases[0].Name, cases[1].Name, string(cases[0].Attributes[0].Type), cases[0].Attributes[0].String()}
	want := []string{"Pöllö Robotics Oy", "Nebelhöhle Games GmbH", "text", "44"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadCaseSheetXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Case", "Employees", "Revenue", "Founded", "Markets"},
		{"Pöllö Robotics Oy", 44, 6.5, time.Date(2015, 4, 1, 0, 0, 0, 0, time.UTC), "Sweden; Norway"},
		{"Nebelhöhle Games GmbH", 1200, 3.1, time.Date(2014, 9, 30, 0, 0, 0, 0, time.UTC), "Japan"},
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellStyle("Sheet1", "D2", "D3", dateStyle); err != nil {
		t.Fatal(err)
	}
	numStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	f.SetCellStyle("Sheet1", "B3", "B3", numStyle)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	cases, err := importer.ReadCaseSheet("cases.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cases {
		for _, a := range c.Attributes {
			got = append(got, c.Name+"/"+a.Name+"="+string(a.Type)+":"+a.String())
		}
	}
	want := []string{
		"Pöllö Robotics Oy/Employees=number:44",
		"Pöllö Robotics Oy/Revenue=number:6.5",
		"Pöllö Robotics Oy/Founded=date:2015-04-01",
		"Pöllö Robotics Oy/Markets=list:Sweden; Norway",
		"Nebelhöhle Games GmbH/Employees=number:1200",
		"Nebelhöhle Games GmbH/Revenue=number:3.1",
		"Nebelhöhle Games GmbH/Founded=date:2014-09-30",
		"Nebelhöhle Games GmbH/Markets=list:Japan",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadCaseSheetErrors(t *testing.T) {
	tests := []struct {
		name, file, data, msg string
	}{
		{"wrong type", "cases.ods", "x", `a case sheet must be a .csv or .xlsx file, not ".ods"`},
		{"empty", "cases.csv", "\n\n", "the case sheet is empty"},
		{"no name", "cases.csv", "case,sector\n,Software\n", "case sheet, row 2: the case name (first column) is empty"},
		{"twice", "cases.csv", "case\nA\nB\na\n", `case sheet: case "a" appears twice (rows 2 and 4)`},
		{"bad xlsx", "cases.xlsx", "not a zip", "the case sheet is not a readable .xlsx file (zip: not a valid zip file)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := importer.ReadCaseSheet(tt.file, []byte(tt.data))
			wantError(t, err, coding.EINVALID, tt.msg)
		})
	}
}

func TestApplyCases(t *testing.T) {
	s := mustOpenStore(t)
	p := mustProject(t, s, "Study")
	ctx := context.Background()
	old := &coding.Case{ProjectID: p.ID, Name: "Luleå MedSense AB", Attributes: []coding.Attribute{
		{Name: "sector", Value: "Medtech"}, {Name: "city", Value: "Luleå"},
	}}
	if err := s.CreateCase(ctx, old); err != nil {
		t.Fatal(err)
	}
	cases, err := importer.ReadCaseSheet("cases.csv", []byte("case,sector,employees\nLULEÅ MEDSENSE AB,Medical technology,52\nPöllö Robotics Oy,Robotics,44\n"))
	if err != nil {
		t.Fatal(err)
	}
	im := &importer.Importer{Store: s}
	created, updated, err := im.ApplyCases(ctx, p.ID, cases)
	if err != nil {
		t.Fatal(err)
	}
	if created != 1 || updated != 1 {
		t.Errorf("got created %d updated %d, want 1 1", created, updated)
	}
	got, err := s.FindCase(ctx, p.ID, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	var attrs []string
	for _, a := range got.Attributes {
		attrs = append(attrs, a.Name+"="+a.String())
	}
	if diff := cmp.Diff([]string{"sector=Medical technology", "city=Luleå", "employees=52"}, attrs); diff != "" {
		t.Errorf("attributes (-want +got):\n%s", diff)
	}
}
