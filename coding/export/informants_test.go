package export_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
