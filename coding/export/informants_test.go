package export_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/codingtest"
	"tessera/coding/export"
	"tessera/coding/store"
)

// informantStudy returns the snapshot (with text) of the shared
// informant study, stored in a real store.
func informantStudy(tb testing.TB) *coding.Snapshot {
	tb.Helper()
	st, err := store.Open(filepath.Join(tb.TempDir(), "tessera.db"), store.Options{Now: func() time.Time { return fixed }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	s := codingtest.NewInformantStudy(tb, st, "Growth paths")
	snap, err := st.Snapshot(context.Background(), s.Project.ID, true)
	if err != nil {
		tb.Fatal(err)
	}
	return snap
}

// informantGoldenCases cover every informant table format.
var informantGoldenCases = []struct {
	file   string
	format string
	opt    export.Options
}{
	{"informants.csv", "informants-csv", export.Options{}},
	{"informants.xlsx", "informants-xlsx", export.Options{}},
	{"informants.md", "informants-md", export.Options{}},
	{"informants.html", "informants-html", export.Options{}},
	{"informants.docx", "informants-docx", export.Options{Table: export.TableOptions{Number: "1", Notes: "Durations in minutes."}}},
	{"informants.tex", "informants-tex", export.Options{Table: export.TableOptions{Number: "1", Notes: "Durations in minutes."}}},
	{"informants-selected.md", "informants-md", export.Options{Attributes: []string{"GENDER", "interview date"}, Table: export.TableOptions{Style: export.StyleGrid}}},
}

func TestInformantsGolden(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range informantGoldenCases {
		covered[tc.format] = true
		t.Run(tc.file, func(t *testing.T) {
			got, name := mustExport(t, informantStudy(t), tc.format, tc.opt), tc.file
			if ext := filepath.Ext(name); ext == ".xlsx" || ext == ".docx" {
				got, name = zipText(t, got), name+".txt"
			}
			compareGolden(t, name, got)
		})
	}
	for _, f := range export.Formats() {
		if strings.HasPrefix(f.Name, "informants-") && !covered[f.Name] {
			t.Errorf("format %s has no golden test", f.Name)
		}
	}
}

func TestInformantsTableRefusesUnknownAttribute(t *testing.T) {
	err := export.Export(&strings.Builder{}, informantStudy(t), "informants-md", export.Options{Attributes: []string{"shoe size"}})
	if coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), `no informant has an attribute "shoe size" (attributes: interview date, gender, duration, round)`) {
		t.Errorf("got %v, want an invalid error listing the attributes", err)
	}
}

// informant adds an informant of kase and links the speaker of d to it.
func (b *builder) informant(label, pseudonym, role string, kase *coding.Case, d *coding.Document, speaker string) *coding.Informant {
	i := &coding.Informant{ID: b.id("I"), ProjectID: "P1", Label: label, Pseudonym: pseudonym, Role: role, CreatedAt: fixed, UpdatedAt: fixed}
	if kase != nil {
		i.CaseID = kase.ID
	}
	if err := i.Validate(); err != nil {
		b.tb.Fatal(err)
	}
	for k := range d.Speakers {
		if d.Speakers[k].Name == speaker {
			d.Speakers[k].InformantID = i.ID
		}
	}
	b.snap.Informants = append(b.snap.Informants, i)
	return i
}

// TestMatrixByInformant puts informants, and the values of an informant
// attribute, in the matrix columns.
func TestMatrixByInformant(t *testing.T) {
	snap := informantStudy(t)
	for _, tt := range []struct {
		opt        export.Options
		wantLabels []string
		wantCounts []float64 // row "Trade fair failure", concept level
	}{
		{export.Options{Level: coding.LevelConcept, Columns: "informant"},
			[]string{"I-01 (Aino)", "I-02 (Bertil)", "I-03 (Cecilia)", "I-04 (Daniel)", "I-05 (Elin)"}, []float64{1, 1, 1, 0, 0}},
		{export.Options{Level: coding.LevelConcept, Columns: "iattr:Gender"}, []string{"female", "male"}, []float64{2, 1}},
		{export.Options{Level: coding.LevelConcept, Columns: "iattr:duration", Bins: "50"}, []string{"under 50", "50 or more"}, []float64{1, 2}},
	} {
		m, err := export.Matrix(snap, tt.opt)
		if err != nil {
			t.Fatalf("%s: %v", tt.opt.Columns, err)
		}
		var labels []string
		for _, c := range m.Cols {
			labels = append(labels, c.Label)
		}
		var counts []float64
		for i, r := range m.Rows {
			if r.Name == "Trade fair failure" {
				for _, c := range m.Cells[i] {
					counts = append(counts, c.Value)
				}
			}
		}
		if diff := cmp.Diff(tt.wantLabels, labels); diff != "" {
			t.Errorf("%s columns (-want +got):\n%s", tt.opt.Columns, diff)
		}
		if diff := cmp.Diff(tt.wantCounts, counts); diff != "" {
			t.Errorf("%s counts (-want +got):\n%s", tt.opt.Columns, diff)
		}
	}
	_, err := export.Matrix(snap, export.Options{Columns: "iattr:shoe size"})
	if coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), `no informant has an attribute "shoe size"`) {
		t.Errorf("unknown attribute: got %v, want an invalid error naming it", err)
	}
}

// TestInformantsTableAnonymised prints no case name, also where an
// informant's role or attribute names the case.
func TestInformantsTableAnonymised(t *testing.T) {
	snap := informantStudy(t)
	snap.Informants[1].Role = "CTO at Nordic Sensors AB"
	snap.Informants[2].Attributes = append(snap.Informants[2].Attributes, coding.Attribute{Name: "employer", Type: coding.AttrText, Value: "Baltic Foods Oy"})
	for _, f := range []string{"informants-md", "informants-csv"} {
		out := string(mustExport(t, snap, f, export.Options{Anonymise: true, Attributes: []string{"employer"}}))
		for _, name := range []string{"Nordic Sensors", "Baltic Foods", "Luleå Metall"} {
			if strings.Contains(out, name) {
				t.Errorf("%s: %q appears in\n%s", f, name, out)
			}
		}
		if !strings.Contains(out, "I-02") || !strings.Contains(out, "CTO at ") {
			t.Errorf("%s: want the rows kept, got\n%s", f, out)
		}
	}
}

// TestSupportingTableNamesInformants attributes the supporting data's
// quotes to informants by ID, with the informant's role and case.
func TestSupportingTableNamesInformants(t *testing.T) {
	out := string(mustExport(t, informantStudy(t), "supporting-csv", export.Options{}))
	for _, want := range []string{"I-01,CEO,Nordic Sensors AB", "I-05,Export manager,Luleå Metall AB"} {
		if !strings.Contains(out, want) {
			t.Errorf("got\n%s\nwant the attribution %q", out, want)
		}
	}
	if strings.Contains(out, "Anna") || strings.Contains(out, "Eva") {
		t.Errorf("got\n%s\nwant no speaker names where informants are known", out)
	}
}
