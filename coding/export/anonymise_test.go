package export_test

import (
	"bytes"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/anonymise"
	"tessera/coding/export"
)

// anonStudy is a small study whose codes and texts name its firm and
// informant.
func anonStudy(t *testing.T) *coding.Snapshot {
	t.Helper()
	b := newBuilder(t, "Kohtamäki study")
	dim := b.code(coding.LevelDimension, nil, "Learning at Kohtamäki")
	theme := b.code(coding.LevelTheme, dim, "Jyrki Salo's doubts")
	concept := b.code(coding.LevelConcept, theme, "Denial in Luleå")
	other := b.code(coding.LevelConcept, theme, "Kohtamäki losing money")
	k := b.kase("Kohtamäki Analytics Oy", coding.Attribute{Name: "City", Value: "Luleå"})
	d := b.doc("CEO", k, "CEO", "Interviewer: How did Lulea go?", "Jyrki Salo: Kohtamäki Analytics lost money in Lulea.")
	q := b.quote(d, "Kohtamäki Analytics lost money in Lulea.", "anna", concept, other)
	b.memo(q, "Kohtamäki note", "Ask Jyrki Salo about Lulea.")
	snap := b.done()
	snap.Informants = []*coding.Informant{{ID: "I1", ProjectID: "P1", Label: "I-01", Role: "CEO of Kohtamäki", CaseID: k.ID,
		Attributes: []coding.Attribute{{Name: "interviewer", Type: coding.AttrText, Value: "Eva in Lulea"}}}}
	snap.Documents[0].Speakers[1].InformantID = "I1"
	snap.Models = []*coding.Model{{ID: "M1", ProjectID: "P1", Name: "Kohtamäki model",
		Boxes:  []coding.ModelBox{{ID: "b1", Text: "Jyrki Salo decides", X: 0, Y: 0, W: 160, H: 60}, {ID: "b2", CodeID: concept.ID, Text: concept.Name, X: 240, Y: 0, W: 160, H: 60}},
		Arrows: []coding.ModelArrow{{ID: "a1", From: "b1", To: "b2", Label: "in Luleå"}}}}
	snap.Anonymisation = &coding.Anonymisation{Terms: []coding.TermReplacement{{Term: "Kohtamäki", Replacement: "[firm]"}}}
	m := &coding.Model{ID: "M1", ProjectID: "P1", Name: "Kohtamäki process",
		Frames: []coding.ModelFrame{{ID: "f", Label: "Phase 1 in Luleå", X: 0, Y: 0, W: 500, H: 200}},
		Boxes: []coding.ModelBox{{ID: "b1", CodeID: dim.ID, X: 20, Y: 40, W: 200, H: 60},
			{ID: "b2", Text: "What Jyrki Salo told us", X: 280, Y: 40, W: 200, H: 60}},
		Arrows: []coding.ModelArrow{{ID: "a", From: "b2", To: "b1", Label: "Kohtamäki learns"}}}
	m.LabelBoxes(snap.Codes)
	snap.Models = []*coding.Model{m}
	return snap
}

// TestAnonymiseAppliesToEveryFormatAtOneSeam renders every format with
// the anonymise option and compares it with the same format rendered
// from the anonymised snapshot: the figures, PNG included, are drawn
// from the anonymised labels.
func TestAnonymiseAppliesToEveryFormatAtOneSeam(t *testing.T) {
	snap := anonStudy(t)
	anon := anonymise.Snapshot(snap)
	for _, f := range export.Formats() {
		var got, want, plain bytes.Buffer
		if err := export.Export(&got, snap, f.Name, export.Options{Anonymise: true}); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if err := export.Export(&want, anon, f.Name, export.Options{}); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if err := export.Export(&plain, snap, f.Name, export.Options{}); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s with the anonymise option differs from the export of the anonymised snapshot", f.Name)
		}
		if bytes.Equal(got.Bytes(), plain.Bytes()) {
			t.Errorf("%s is the same with and without the anonymise option", f.Name)
		}
	}
	var svg bytes.Buffer
	if err := export.Export(&svg, snap, "gioia-svg", export.Options{Anonymise: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Learning at [firm]", "I-01&#39;s doubts", "Denial in [City]"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("the SVG figure lacks %q:\n%s", want, svg.String())
		}
	}
}

// TestCheckAnonymisedFindsNamesLeft checks every anonymised format of the
// study: nothing is left, and the PNG and PDF figures and models are the
// formats not read.
func TestCheckAnonymisedFindsNamesLeft(t *testing.T) {
	snap := anonStudy(t)
	results, err := export.CheckAnonymised(snap, nil, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != len(export.Formats()) {
		t.Fatalf("got %d results, want one per format (%d)", len(results), len(export.Formats()))
	}
	for _, r := range results {
		f, _ := export.FormatByName(r.Format)
		image := f.Ext == ".png" || f.Ext == ".pdf" || r.Format == "gioia-png-zip"
		if r.Scanned == image || r.Error != "" {
			t.Errorf("%s: scanned %v", r.Format, r.Scanned)
		}
		for _, f := range r.Findings {
			t.Errorf("%s: %+v left", r.Format, f)
		}
	}
	// A replacement that names the term again leaves it in every format
	// that prints the text.
	snap.Anonymisation.Terms[0].Replacement = "Kohtamäki Inc"
	results, err = export.CheckAnonymised(snap, []string{"quotes-docx", "qdpx"}, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if len(r.Findings) == 0 || r.Findings[0].Term != "Kohtamäki" || r.Findings[0].Partial {
			t.Errorf("%s: findings %+v, want Kohtamäki left", r.Format, r.Findings)
		}
	}
	if _, err := export.CheckAnonymised(snap, []string{"nope"}, export.Options{}); coding.ErrorCode(err) != coding.EINVALID {
		t.Errorf("unknown format: got %v, want invalid", err)
	}
}

// TestAnonymisedOptionsNameStoredThings filters the memos by their
// author's user name, as stored, in an anonymised export that prints the
// author as a pseudonym; a table's caption, notes and headers are
// anonymised.
func TestAnonymisedOptionsNameStoredThings(t *testing.T) {
	snap := anonStudy(t)
	var buf bytes.Buffer
	if err := export.Export(&buf, snap, "memos-md", export.Options{Anonymise: true, Memos: export.MemoFilter{Author: "anna"}}); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	var table bytes.Buffer
	if err := export.Export(&table, snap, "gioia-tex", export.Options{Anonymise: true,
		Table: export.TableOptions{Caption: "Learning at Kohtamäki", Notes: "Interviews in Luleå.", Headers: []string{"Jyrki Salo's words"}}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Learning at [firm]", "Interviews in [City].", "I-01's words"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, table.String())
		}
	}
	for _, want := range []string{`\[firm\] note`, "Ask I-01 about [City].", "*Coder 1 · "} {
		if !strings.Contains(got, want) {
			t.Errorf("memos lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "anna") || strings.Contains(got, "Jyrki") {
		t.Errorf("memos name the author or the informant:\n%s", got)
	}
}
