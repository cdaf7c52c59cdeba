package export_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tessera/coding"
	"tessera/coding/export"
)

// formulaStudy is a project whose names, attributes, quotes and memos read
// like spreadsheet formulas.
func formulaStudy(tb testing.TB) *coding.Snapshot {
	tb.Helper()
	b := newBuilder(tb, "=HYPERLINK(\"http://evil\")")
	f := b.facet("@Kind", "+Tacit", "Explicit")
	dim := b.code(coding.LevelDimension, nil, "=cmd|' /C calc'!A0")
	theme := b.code(coding.LevelTheme, dim, "-2+3", f, "+Tacit")
	concept := b.code(coding.LevelConcept, theme, "@SUM(1+1)")
	other := b.code(coding.LevelConcept, theme, "=B1")
	kase := b.kase("\tTab case", coding.Attribute{Name: "Sector", Value: "=1+1"})
	d := b.doc("\r=Doc", kase, "", "CEO: +SUM(A1) is how we counted the fairs, -12 of them")
	b.informant("=I-01", "+Anna", "@CEO", kase, d, "CEO")
	q := b.quote(d, "+SUM(A1) is how we counted", "anna", concept, other)
	b.memo(q, "=memo", "@here")
	return b.done()
}

// formulaStart reports whether s would run as a formula.
func formulaStart(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && coding.SpreadsheetSafe(s) != s
}

// exportCells returns every cell of a CSV or XLSX export.
func exportCells(t *testing.T, snap *coding.Snapshot, f export.Format, raw bool) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := export.Export(&buf, snap, f.Name, export.Options{Raw: raw, Counts: true, Quotes: true}); err != nil {
		t.Fatal(err)
	}
	var cells []string
	switch f.Ext {
	case ".csv":
		r := csv.NewReader(&buf)
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs {
			cells = append(cells, rec...)
		}
	case ".xlsx":
		wb, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer wb.Close()
		for _, sheet := range wb.GetSheetList() {
			rows, err := wb.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				cells = append(cells, row...)
			}
		}
	}
	return cells
}

func TestSpreadsheetExportsNeutraliseFormulas(t *testing.T) {
	snap := formulaStudy(t)
	for _, f := range export.Formats() {
		if f.Ext != ".csv" && f.Ext != ".xlsx" {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			safe, raw := exportCells(t, snap, f, false), exportCells(t, snap, f, true)
			for _, c := range safe {
				if formulaStart(c) {
					t.Errorf("cell %q runs as a formula", c)
				}
			}
			risky := 0
			for _, c := range raw {
				if formulaStart(c) {
					risky++
				}
			}
			if risky == 0 {
				t.Errorf("raw export: got no cell starting like a formula, want the names as they are")
			}
			neutral := 0
			for _, c := range safe {
				if strings.HasPrefix(c, "'") && formulaStart(c[1:]) {
					neutral++
				}
			}
			if neutral != risky {
				t.Errorf("got %d cells with a leading apostrophe, want %d (one per formula-like cell of the raw export)", neutral, risky)
			}
		})
	}
}

func TestConcordanceNeutralisesFormulas(t *testing.T) {
	for _, format := range []string{"csv", "xlsx"} {
		for _, raw := range []bool{false, true} {
			c := concordance()
			c.Raw = raw
			var buf bytes.Buffer
			if err := export.WriteConcordance(&buf, c, format); err != nil {
				t.Fatal(err)
			}
			text := buf.String()
			if format == "xlsx" {
				text = string(zipText(t, buf.Bytes()))
			}
			hasRaw := strings.Contains(text, ",=1+1 @here") || strings.Contains(text, `">=1+1 @here`)
			if hasRaw != raw {
				t.Errorf("%s raw=%v: got the formula-like context unprefixed %v, want %v", format, raw, hasRaw, raw)
			}
		}
	}
}

func TestMarkdownExportsEscapeRawHTML(t *testing.T) {
	b := newBuilder(t, "<b>Study</b>")
	dim := b.code(coding.LevelDimension, nil, "<img src=x onerror=alert(1)>")
	concept := b.code(coding.LevelConcept, nil, "Trust <script>alert(2)</script>")
	kase := b.kase("<svg onload=alert(3)>")
	d := b.doc("Interview <iframe>", kase, "", "CEO: we said <script>alert(4)</script> openly")
	q := b.quote(d, "we said <script>alert(4)</script> openly", "anna", concept)
	b.memo(q, "<img src=y onerror=alert(5)>", "<script>alert(6)</script>")
	snap := b.done()
	for _, c := range snap.Codes {
		if c.ID == dim.ID {
			c.Definition = "A **dimension**.\n\n<script>alert(7)</script>\n\nSee <img src=z onerror=alert(8)> and `<code>`."
			c.Inclusion = "<iframe src=javascript:alert(9)></iframe>"
		}
	}
	for _, f := range export.Formats() {
		if f.Ext != ".md" {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.Export(&buf, snap, f.Name, export.Options{Counts: true, Quotes: true}); err != nil {
				t.Fatal(err)
			}
			got := buf.String()
			for _, tag := range []string{"<script", "<img", "<iframe", "<svg", "<b>"} {
				if strings.Contains(got, tag) {
					t.Errorf("got raw %s in:\n%s", tag, got)
				}
			}
		})
	}
	var buf bytes.Buffer
	if err := export.Export(&buf, snap, "codebook-md", export.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"A **dimension**.", "&lt;script>alert(7)", "`<code>`"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("codebook-md lacks %q:\n%s", want, buf.String())
		}
	}
}
