package export_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/export"
)

// TestRowOrder sorts the Gioia rows, the matrix rows and the cases, and
// checks that the code hierarchy holds.
func TestRowOrder(t *testing.T) {
	snap := study(t)
	var got []string
	for _, r := range export.GioiaRows(snap, export.Options{Table: export.TableOptions{Order: export.OrderAlpha}}) {
		if r.Theme != nil && r.Theme.Name == "Routine change" {
			got = append(got, r.Concept.Name)
		}
		if r.Dimension == nil && r.Concept != nil {
			got = append(got, "ungrouped: "+r.Concept.Name)
		}
	}
	want := []string{"Checklists for entering a new market", "Post-mortem template adopted company-wide", "Release process changed after the outage", "ungrouped: Currency risk surprises"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("alphabetical concepts of Routine change (-want +got):\n%s", diff)
	}

	m, err := export.Matrix(snap, export.Options{Level: coding.LevelTheme, Table: export.TableOptions{Order: export.OrderCount}})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for i, r := range m.Rows {
		got = append(got, r.Name+"="+strconv.FormatFloat(m.RowTotals[i].Value, 'f', -1, 64))
	}
	// Dimensions' themes stay together: the first dimension's themes by
	// count, then the second's, then the theme without a dimension; ties
	// keep the codebook order.
	want = []string{"Delayed failure recognition=4", "Open failure talk=4", "Peer exchange=3", "Routine change=3", "Prior experience=2", "Strategic reorientation=2", "Customer lock-in=1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("themes by count (-want +got):\n%s", diff)
	}

	md := string(mustExport(t, snap, "cases-md", export.Options{Table: export.TableOptions{Order: "attr:employees"}}))
	if i, j, k := strings.Index(md, "| Kohtamäki Oy"), strings.Index(md, "| Luleå Stål AB"), strings.Index(md, "| Nordlys AS"); !(i < j && j < k) {
		t.Errorf("cases by employees: got\n%s\nwant Kohtamäki (45), Luleå (120), Nordlys (300)", md)
	}
	var buf strings.Builder
	err = export.Export(&buf, snap, "cases-md", export.Options{Table: export.TableOptions{Order: "attr:Revenue"}})
	if coding.ErrorCode(err) != coding.EINVALID {
		t.Errorf("order by a missing attribute: got %v, want invalid", err)
	}
}
