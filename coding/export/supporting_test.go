package export_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/export"
)

// evidence is a small study for the supporting-data table: three cases,
// five informants (Anna speaks in two interviews), quotes the researcher
// chose (power and proof, in an order, one trimmed for print) and quotes
// nobody chose.
func evidence(tb testing.TB) *coding.Snapshot {
	tb.Helper()
	b := newBuilder(tb, "Growth paths")
	path := b.facet("Growth path", "Organic", "Acquisition")
	learning := b.code(coding.LevelDimension, nil, "Learning by growing", path, "Organic")
	trial := b.code(coding.LevelTheme, learning, "Trial and error")
	pilots := b.code(coding.LevelConcept, trial, "Small pilots before launch")
	mistakes := b.code(coding.LevelConcept, trial, "Mistakes discussed openly")
	borrow := b.code(coding.LevelTheme, learning, "Borrowed routines")
	partners := b.code(coding.LevelConcept, borrow, "Routines copied from partners")
	acquire := b.code(coding.LevelDimension, nil, "Learning by acquiring", path, "Acquisition")
	absorb := b.code(coding.LevelTheme, acquire, "Absorbing the acquired firm")
	people := b.code(coding.LevelConcept, absorb, "Keeping the acquired firm's people")

	alder, birch, cedar := b.kase("Alder Oy"), b.kase("Birch AB"), b.kase("Cedar AS")
	informants := map[string]*coding.Informant{}
	for _, inf := range []struct{ name, label, role string }{
		{"Anna", "I-01", "CEO"}, {"Ben", "I-02", "CFO"}, {"Carla", "I-03", "CEO"}, {"Dan", "I-04", "Sales lead"}, {"Eva", "I-05", "CEO"},
	} {
		i := &coding.Informant{ID: b.id("N"), ProjectID: "P1", Label: inf.label, Pseudonym: "P" + inf.label, Role: inf.role, CreatedAt: fixed, UpdatedAt: fixed}
		informants[inf.name] = i
		b.snap.Informants = append(b.snap.Informants, i)
	}
	// speakers links a document's speakers to their informants and sets
	// the roles the document records.
	speakers := func(d *coding.Document, roles ...string) {
		for i := 0; i+1 < len(roles); i += 2 {
			for j := range d.Speakers {
				if d.Speakers[j].Name == roles[i] {
					d.Speakers[j].Role = roles[i+1]
					d.Speakers[j].InformantID = informants[roles[i]].ID
					informants[roles[i]].CaseID = d.CaseID
				}
			}
		}
	}
	a1 := b.doc("Alder, first interview", alder, "",
		"Interviewer: How did you start?",
		"Anna: We ran small pilots before every launch. Each pilot taught us what the market would pay. Nobody was blamed when a pilot failed.")
	speakers(a1, "Anna", "CEO")
	a2 := b.doc("Alder, second interview", alder, "",
		"Interviewer: And later?",
		"Anna: We copied the partner's routines for quality. That saved us a year.",
		"Ben: Our mistakes were discussed openly at the Friday meeting. Everyone learned from them.")
	speakers(a2, "Anna", "CEO", "Ben", "CFO")
	bd := b.doc("Birch interview", birch, "",
		"Interviewer: Tell me about the pilots.",
		"Carla: We tested in one region first, a small pilot with ten customers. It was cheap to fail there.",
		"Dan: Sales copied routines from our partner in Oslo. The partner showed us their pricing sheets.")
	speakers(bd, "Carla", "CEO", "Dan", "Sales lead")
	cd := b.doc("Cedar interview", cedar, "",
		"Interviewer: What happened after the acquisition?",
		"Eva: We kept every engineer of the firm we bought. Keeping them was the whole point. Their pilots ran alongside ours for a year.")
	speakers(cd, "Eva", "CEO")

	b.quote(a1, "We ran small pilots before every launch.", "anna", pilots)
	b.quote(a1, "Each pilot taught us what the market would pay.", "anna", pilots)
	b.quote(a1, "Nobody was blamed when a pilot failed.", "anna", mistakes)
	b.quote(a2, "We copied the partner's routines for quality. That saved us a year.", "anna", partners)
	b.quote(a2, "Our mistakes were discussed openly at the Friday meeting.", "anna", mistakes)
	b.quote(bd, "a small pilot with ten customers", "anna", pilots)
	b.quote(bd, "It was cheap to fail there.", "anna", pilots, mistakes)
	b.quote(bd, "Sales copied routines from our partner in Oslo.", "anna", partners)
	b.quote(cd, "We kept every engineer of the firm we bought. Keeping them was the whole point.", "anna", people)
	b.quote(cd, "Their pilots ran alongside ours for a year.", "anna", people, pilots)
	return b.done()
}

// quoteOf returns the quote of snap whose text starts with prefix.
func quoteOf(tb testing.TB, snap *coding.Snapshot, prefix string) *coding.Quote {
	tb.Helper()
	for _, q := range snap.Quotes {
		if strings.HasPrefix(q.Text, prefix) {
			return q
		}
	}
	tb.Fatalf("no quote starts with %q", prefix)
	return nil
}

// codeOf returns the code of snap called name.
func codeOf(tb testing.TB, snap *coding.Snapshot, name string) *coding.Code {
	tb.Helper()
	for _, c := range snap.Codes {
		if c.Name == name {
			return c
		}
	}
	tb.Fatalf("no code %q", name)
	return nil
}

// chooseEvidence marks the researcher's choices on the evidence study:
// for "Trial and error", Carla's cheap failure as power quote first, then
// Anna's first pilot as proof quote, trimmed for print; for "Keeping the
// acquired firm's people", Eva's engineers as proof quote.
func chooseEvidence(tb testing.TB, snap *coding.Snapshot) {
	tb.Helper()
	cheap := quoteOf(tb, snap, "It was cheap")
	cheap.Picks = []coding.QuotePick{{CodeID: codeOf(tb, snap, "Mistakes discussed openly").ID, Kind: coding.PickPower, Order: 1}}
	first := quoteOf(tb, snap, "We ran small")
	first.Picks = []coding.QuotePick{{CodeID: codeOf(tb, snap, "Small pilots before launch").ID, Kind: coding.PickProof, Order: 2}}
	first.Excerpt = "We ran small pilots […] launch."
	if err := coding.CheckExcerpt(first.Text, first.Excerpt); err != nil {
		tb.Fatal(err)
	}
	eva := quoteOf(tb, snap, "We kept every")
	eva.Picks = []coding.QuotePick{{CodeID: codeOf(tb, snap, "Keeping the acquired firm's people").ID, Kind: coding.PickProof, Order: 1}}
}

// TestSupportingChosen checks that the table holds the chosen quotes in
// order, with their attribution, in every format, and that rows with
// nothing chosen get automatic quotes (mode both) or none (mode chosen).
func TestSupportingChosen(t *testing.T) {
	snap := evidence(t)
	chooseEvidence(t, snap)
	rows, err := export.SupportingRows(snap, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	byTheme := map[string]export.SupportingRow{}
	for _, r := range rows {
		byTheme[r.Theme.Name] = r
	}
	type cited struct{ text, kind, informant, role, kase string }
	got := func(r export.SupportingRow) []cited {
		var out []cited
		for _, q := range r.Quotes {
			out = append(out, cited{q.Text, q.Kind, q.Informant, q.Role, q.Case})
		}
		return out
	}
	want := []cited{
		{"It was cheap to fail there.", "power", "I-03", "CEO", "Birch AB"},
		{"We ran small pilots […] launch.", "proof", "I-01", "CEO", "Alder Oy"},
	}
	if g := got(byTheme["Trial and error"]); !slices.Equal(g, want) {
		t.Errorf("Trial and error: got %+v, want %+v", g, want)
	}
	want = []cited{{"We kept every engineer of the firm we bought. Keeping them was the whole point.", "proof", "I-05", "CEO", "Cedar AS"}}
	if g := got(byTheme["Absorbing the acquired firm"]); !slices.Equal(g, want) {
		t.Errorf("Absorbing the acquired firm: got %+v, want %+v", g, want)
	}
	// Nothing is chosen for Borrowed routines: automatic quotes fill it.
	// Anna speaks in both Alder interviews: her quote from the second is
	// hers too.
	if g := got(byTheme["Borrowed routines"]); len(g) != 2 || g[0].kind != "auto" || g[0].informant != "I-01" || g[1].informant != "I-04" {
		t.Errorf("Borrowed routines: got %+v, want two automatic quotes, by I-01 and I-04", g)
	}
	chosenOnly, err := export.SupportingRows(snap, export.Options{QuoteMode: export.QuotesChosen})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range chosenOnly {
		if r.Theme.Name == "Borrowed routines" && len(r.Quotes) != 0 {
			t.Errorf("mode chosen: got %d quotes for a theme with none chosen, want 0", len(r.Quotes))
		}
	}

	// Every format prints the chosen quotes in order, each followed by
	// its attribution.
	for _, format := range []string{"supporting-md", "supporting-html", "supporting-tex", "supporting-csv", "supporting-docx", "supporting-xlsx"} {
		out := string(mustExport(t, snap, format, export.Options{}))
		if strings.HasSuffix(format, "docx") || strings.HasSuffix(format, "xlsx") {
			out = string(zipText(t, []byte(out)))
		}
		out = strings.ReplaceAll(out, "\\", "") // LaTeX escapes
		seq := []string{"It was cheap to fail there.", "I-03", "CEO", "Birch AB", "We ran small pilots", "I-01", "CEO", "Alder Oy"}
		if strings.HasSuffix(format, "xlsx") {
			seq = []string{"It was cheap to fail there.", "We ran small pilots"} // shared strings
		}
		at := 0
		for _, s := range seq {
			i := strings.Index(out[at:], s)
			if i < 0 {
				t.Errorf("%s: %q missing after offset %d (want the chosen quotes in order with their attribution)", format, s, at)
				break
			}
			at += i + len(s)
		}
	}
}

// TestSupportingAutoFair checks automatic choice: no quote serves two
// rows, rows draw on several cases, and the output is deterministic.
func TestSupportingAutoFair(t *testing.T) {
	snap := evidence(t)
	chooseEvidence(t, snap) // ignored in mode auto
	opt := export.Options{Level: coding.LevelConcept, QuoteMode: export.QuotesAuto, PerRow: 2}
	rows, err := export.SupportingRows(snap, opt)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, r := range rows {
		for _, q := range r.Quotes {
			if q.Kind != "auto" {
				t.Errorf("%s: got a %s quote in mode auto", r.Concept.Name, q.Kind)
			}
			if prev, ok := seen[q.QuoteID]; ok {
				t.Errorf("quote %s serves %q and %q, want one row", q.QuoteID, prev, r.Concept.Name)
			}
			seen[q.QuoteID] = r.Concept.Name
		}
	}
	// Small pilots before launch has quotes from all three cases: its two
	// quotes come from two of them, Alder's second pilot quote left out.
	var pilots export.SupportingRow
	for _, r := range rows {
		if r.Concept.Name == "Small pilots before launch" {
			pilots = r
		}
	}
	if len(pilots.Quotes) != 2 || pilots.Quotes[0].Case == pilots.Quotes[1].Case {
		t.Errorf("Small pilots before launch: got %+v, want two quotes from two cases", pilots.Quotes)
	}
	// A quote coded mid-sentence prints its whole sentence.
	for _, q := range pilots.Quotes {
		if strings.Contains(q.Text, "a small pilot with ten customers") && q.Text != "We tested in one region first, a small pilot with ten customers." {
			t.Errorf("got %q, want the whole sentence", q.Text)
		}
	}
	again, _ := export.SupportingRows(evidence(t), opt)
	for i := range rows {
		for j := range rows[i].Quotes {
			if rows[i].Quotes[j].QuoteID != again[i].Quotes[j].QuoteID {
				t.Fatalf("two runs chose differently at row %d", i)
			}
		}
	}
}

// TestSupportingOptions checks the options the table shares with the
// Gioia table, and the errors of bad ones.
func TestSupportingOptions(t *testing.T) {
	snap := evidence(t)
	chooseEvidence(t, snap)
	out := mustExport(t, snap, "supporting-csv", export.Options{Sections: "Growth path", Level: coding.LevelConcept})
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHead := []string{"Growth path", "Aggregate dimensions", "2nd-order themes", "1st-order concepts", "Representative quotes", "Informant", "Role", "Case", "Choice", "Quote ID"}
	if !slices.Equal(recs[0], wantHead) {
		t.Errorf("got header %q, want %q", recs[0], wantHead)
	}
	if recs[1][0] != "Organic" || recs[len(recs)-1][0] != "Acquisition" {
		t.Errorf("got sections %q first and %q last, want Organic and Acquisition", recs[1][0], recs[len(recs)-1][0])
	}
	for _, tc := range []struct {
		opt  export.Options
		want string
	}{
		{export.Options{Level: coding.LevelDimension}, "theme or concept"},
		{export.Options{PerRow: 9}, "between 1 and 6"},
		{export.Options{QuoteMode: "best"}, "chosen, auto or both"},
		{export.Options{Facets: []string{"Nope"}}, "no facet"},
	} {
		err := export.Export(&bytes.Buffer{}, snap, "supporting-md", tc.opt)
		if coding.ErrorCode(err) != coding.EINVALID || !strings.Contains(coding.ErrorMessage(err), tc.want) {
			t.Errorf("options %+v: got %v, want invalid saying %q", tc.opt, err, tc.want)
		}
	}
}

// TestSupportingGolden exports the evidence study's supporting-data table
// in every format, by theme with facet columns, and by concept in
// sections in the grid style, and compares them with the golden files.
func TestSupportingGolden(t *testing.T) {
	byTheme := export.Options{Table: export.TableOptions{Number: "2", Notes: "Power quotes first."}}
	byConcept := export.Options{Level: coding.LevelConcept, Sections: "Growth path", Facets: []string{}, PerRow: 2,
		Table: export.TableOptions{Style: export.StyleGrid}}
	for _, f := range export.Formats() {
		if !strings.HasPrefix(f.Name, "supporting-") {
			continue
		}
		for name, opt := range map[string]export.Options{"": byTheme, "-concepts": byConcept} {
			file := "supporting" + name + f.Ext
			t.Run(file, func(t *testing.T) {
				snap := evidence(t)
				chooseEvidence(t, snap)
				got := mustExport(t, snap, f.Name, opt)
				if f.Ext == ".xlsx" || f.Ext == ".docx" {
					got, file = zipText(t, got), file+".txt"
				}
				compareGolden(t, file, got)
			})
		}
	}
}
