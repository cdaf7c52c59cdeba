package agreement_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"tessera/coding/agreement"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// exampleNames gives the worked example's codes names that need escaping
// in Markdown and quoting in CSV.
var exampleNames = map[string]string{"trust": "Tillit, förtroende", "risk": "Risk | osäkerhet 👍"}

// TestWriteTables compares the CSV and Markdown exports of the worked
// example with the files in testdata.
func TestWriteTables(t *testing.T) {
	rep := mustCompute(t, exampleInput(t))
	tests := []struct {
		golden string
		write  func(*bytes.Buffer) error
	}{
		{"example.csv", func(b *bytes.Buffer) error { return agreement.WriteCSV(b, rep, exampleNames, agreement.SheetOptions{}) }},
		{"example.md", func(b *bytes.Buffer) error { return agreement.WriteMarkdown(b, rep, exampleNames) }},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var got bytes.Buffer
			if err := tt.write(&got); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.golden)
			if *update {
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", tt.golden, diff)
			}
		})
	}
}

// TestWriteXLSX reads the workbook back and checks its header, numbers
// and empty cells for undefined figures.
func TestWriteXLSX(t *testing.T) {
	rep := mustCompute(t, exampleInput(t))
	rep.Character.PerCode[0].Kappa = nil // shown as an empty cell
	var buf bytes.Buffer
	if err := agreement.WriteXLSX(&buf, rep, exampleNames, agreement.SheetOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Agreement", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	// Spreadsheets keep 15 significant digits: −11/68 and 1354/1591.
	want := [][]string{
		{"Level", "Code", "Code ID", "Units", "Coded by aino", "Coded by bjorn", "Coded by all", "Coded by none",
			"Segments", "Matched segments", "Agreement (%)", "Cohen's kappa", "Krippendorff's alpha"},
		{"Character", "Risk | osäkerhet 👍", "risk", "40", "6", "6", "0", "28", "", "", "70", "", "-0.161764705882353"},
		{"Character", "Tillit, förtroende", "trust", "40", "20", "17", "17", "20", "", "", "92.5", "0.85", "0.851037083595223"},
	}
	if len(rows) != 7 {
		t.Fatalf("got %d rows, want 7 (header, 3 character, 3 segment)", len(rows))
	}
	if diff := cmp.Diff(want, rows[:3]); diff != "" {
		t.Errorf("first rows mismatch (-want +got):\n%s", diff)
	}
	if got := rows[6][1]; got != "All codes (pooled)" {
		t.Errorf("got last row label %q, want %q", got, "All codes (pooled)")
	}
}

// TestWriteSheetsNeutraliseFormulas writes code names that read like
// formulas: they get a leading apostrophe in CSV and XLSX unless raw.
func TestWriteSheetsNeutraliseFormulas(t *testing.T) {
	rep := mustCompute(t, exampleInput(t))
	names := map[string]string{"trust": "=cmd|' /C calc'!A0", "risk": "@SUM(1)"}
	for _, raw := range []bool{false, true} {
		var csvBuf, xlsxBuf bytes.Buffer
		opt := agreement.SheetOptions{Raw: raw}
		if err := agreement.WriteCSV(&csvBuf, rep, names, opt); err != nil {
			t.Fatal(err)
		}
		if err := agreement.WriteXLSX(&xlsxBuf, rep, names, opt); err != nil {
			t.Fatal(err)
		}
		wb, err := excelize.OpenReader(&xlsxBuf)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := wb.GetRows("Agreement")
		wb.Close()
		if err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, row := range rows {
			cells = append(cells, row...)
		}
		want := "'=cmd|' /C calc'!A0"
		if raw {
			want = "=cmd|' /C calc'!A0"
		}
		if !bytes.Contains(csvBuf.Bytes(), []byte(","+want+",")) && !bytes.Contains(csvBuf.Bytes(), []byte(`,"`+want)) {
			t.Errorf("raw=%v: CSV lacks the cell %q:\n%s", raw, want, csvBuf.String())
		}
		found := false
		for _, c := range cells {
			found = found || c == want
		}
		if !found {
			t.Errorf("raw=%v: workbook lacks the cell %q: %q", raw, want, cells)
		}
	}
}
