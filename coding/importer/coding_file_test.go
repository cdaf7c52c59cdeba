package importer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/importer"
)

const smallCoding = `{
  "facets": [{"name": "Type of learning", "values": ["experiential", "vicarious"]}],
  "codes": [
    {"name": "Learning", "level": "dimension", "color": "#1F77B4", "definition": "How firms **learn**.",
     "children": [
       {"name": "Learning from others", "level": "theme", "facets": {"Type of learning": "Vicarious"},
        "children": [
          {"name": "Peers at fairs", "level": "concept", "inclusion": "Fairs.", "exclusion": "Clients."},
          {"name": "Clients teach us", "facets": {"type of learning": "experiential"}}
        ]}
     ]},
    {"name": "Ungrouped theme", "children": [{"name": "Lonely concept"}]}
  ],
  "quotes": [
    {"document": "Pöllö Robotics Oy/ceo.txt", "text": "We went to Hannover once.", "codes": ["Peers at fairs"], "memo": "Fair visit."},
    {"document": "Pöllö Robotics Oy/ceo.txt", "text": "We went to Hannover once.", "codes": ["clients teach us"]},
    {"document": "Pöllö Robotics Oy/ceo.txt", "text": "Luleå 👍 was next.", "codes": ["Learning from others"]},
    {"document": "Pöllö Robotics Oy/ceo.txt", "text": "Words nobody said.", "codes": ["Peers at fairs"]},
    {"document": "Pöllö Robotics Oy/missing.txt", "text": "x", "codes": ["Peers at fairs"]},
    {"document": "Pöllö Robotics Oy/ceo.txt", "text": "Luleå", "codes": ["No such code"]},
    {"document": "Pöllö Robotics Oy/ceo.txt", "text": "Luleå", "codes": ["Learning"]}
  ]
}`

func TestApplyCoding(t *testing.T) {
	s := mustOpenStore(t)
	p := mustProject(t, s, "Study")
	ctx := context.Background()
	im := &importer.Importer{Store: s, Coder: "anna"}
	text := "I: How?\nR: We went to Hannover once. Then Lulea\u030a 👍 was next.\nI: And?\nR: Fine."
	rep, err := im.Import(ctx, p.ID, []importer.File{{Name: "Pöllö Robotics Oy/ceo.txt", Case: "Pöllö Robotics Oy", Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	docID := rep.Files[0].DocumentID
	docs := map[string]string{"Pöllö Robotics Oy/ceo.txt": docID}

	crep, err := im.ApplyCoding(ctx, p.ID, []byte(smallCoding), docs)
	if err != nil {
		t.Fatal(err)
	}
	want := &importer.CodingReport{FacetsCreated: 1, CodesCreated: 6, QuotesCreated: 2, QuotesMerged: 1, Errors: []string{
		`quote 4 (Pöllö Robotics Oy/ceo.txt): text not found: "Words nobody said."`,
		`quote 5 (Pöllö Robotics Oy/missing.txt): the document was not imported`,
		`quote 6 (Pöllö Robotics Oy/ceo.txt): no code is named "No such code"`,
		`quote 7 (Pöllö Robotics Oy/ceo.txt): quotes are coded with concepts or themes, not with the aggregate dimension "Learning"`,
	}}
	if diff := cmp.Diff(want, crep); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}

	// The codebook: levels from the file or implied by the tree, facets
	// by name, colours normalised and passed down to codes without one.
	snap, err := s.Snapshot(ctx, p.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	tree := snap.Tree()
	facet := snap.FacetByName("type of learning")
	var codes []string
	tree.Walk(func(c *coding.Code, depth int) {
		v, inherited := tree.EffectiveFacet(c, facet.ID)
		codes = append(codes, c.Name+"|"+string(c.Level)+"|"+c.Color+"|"+v+map[bool]string{true: " (inherited)"}[inherited])
	})
	wantCodes := []string{
		"Learning|dimension|#1f77b4|",
		"Learning from others|theme|#1f77b4|vicarious",
		"Peers at fairs|concept|#1f77b4|vicarious (inherited)",
		"Clients teach us|concept|#1f77b4|experiential",
		"Ungrouped theme|theme|" + coding.DefaultColor + "|",
		"Lonely concept|concept|" + coding.DefaultColor + "|",
	}
	if diff := cmp.Diff(wantCodes, codes); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}

	// Quotes: exact text at code-point offsets, merged codes, memo, coder.
	quotes, err := s.ListQuotes(ctx, p.ID, coding.QuoteFilter{DocumentID: docID})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range quotes {
		var names []string
		for _, id := range q.CodeIDs {
			names = append(names, tree.ByID[id].Name)
		}
		got = append(got, q.Text+"|"+q.Coder+"|"+q.Memo+"|"+strings.Join(names, "+"))
	}
	wantQuotes := []string{
		"We went to Hannover once.|anna|Fair visit.|Peers at fairs+Clients teach us",
		"Luleå 👍 was next.|anna||Learning from others",
	}
	if diff := cmp.Diff(wantQuotes, got); diff != "" {
		t.Errorf("quotes (-want +got):\n%s", diff)
	}
	if quotes[1].Start != 42 || quotes[1].End != 59 {
		t.Errorf("got range [%d,%d), want [42,59)", quotes[1].Start, quotes[1].End)
	}

	// Applying the file again reuses codes and quotes.
	again, err := im.ApplyCoding(ctx, p.ID, []byte(smallCoding), docs)
	if err != nil {
		t.Fatal(err)
	}
	if again.FacetsCreated != 0 || again.CodesCreated != 0 || again.QuotesCreated != 0 || again.QuotesMerged != 3 {
		t.Errorf("got %+v on the second run, want nothing new and 3 merged", again)
	}
}

func TestApplyCodingErrors(t *testing.T) {
	tests := []struct {
		name, json, code, msg string
	}{
		{"not json", `{"codes": [`, coding.EINVALID, "the coding file is not valid: unexpected EOF"},
		{"unknown field", `{"codez": []}`, coding.EINVALID, `the coding file is not valid: json: unknown field "codez"`},
		{"unknown facet", `{"codes": [{"name": "A", "level": "theme", "facets": {"Mood": "x"}}]}`, coding.EINVALID, `the coding file: code "A": facet "Mood" is not listed in "facets"`},
		{"bad facet value", `{"facets": [{"name": "F", "values": ["a"]}], "codes": [{"name": "A", "level": "theme", "facets": {"F": "b"}}]}`, coding.EINVALID, `the coding file: code "A": "b" is not a value of facet "F"`},
		{"bad nesting", `{"codes": [{"name": "D", "level": "dimension", "children": [{"name": "C", "level": "concept"}]}]}`, coding.EUNPROCESSABLE, `the coding file: code "C": a first-order concept can only be grouped under a second-order theme or another first-order concept, and "D" is an aggregate dimension`},
		{"bad colour", `{"codes": [{"name": "A", "color": "red"}]}`, coding.EINVALID, `the coding file: code "A": code colour "red" is not of the form #rrggbb`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustOpenStore(t)
			p := mustProject(t, s, "Study")
			im := &importer.Importer{Store: s}
			_, err := im.ApplyCoding(context.Background(), p.ID, []byte(tt.json), nil)
			wantError(t, err, tt.code, tt.msg)
		})
	}
}
