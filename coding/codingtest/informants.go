// Package codingtest builds fixed projects in a real store for the tests
// of any package: the store, the server, exports, search.
package codingtest

import (
	"context"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/importer"
)

// InformantStudy is a small interview study with three cases and five
// informants, one of whom (Anna, I-01) speaks in two documents, plus one
// interviewer who speaks in every document. Its quotes are coded with
// two concepts under one theme and dimension.
type InformantStudy struct {
	Project *coding.Project
	// Cases by name: "Nordic Sensors AB", "Baltic Foods Oy", "Luleå Metall AB".
	Cases map[string]*coding.Case
	// Documents by title.
	Documents map[string]*coding.Document
	// Informants by label: I-01 Anna (CEO, Nordic Sensors, two
	// documents), I-02 Bo (CTO, Nordic Sensors), I-03 Carla and I-04
	// Dmitri (founders, Baltic Foods, one document together), I-05 Eva
	// (export manager, Luleå Metall), INT-01 the interviewer.
	Informants map[string]*coding.Informant
	// Codes by name: "Learning" (dimension), "Experiential learning"
	// (theme), "Trade fair failure" and "Customer feedback" (concepts).
	Codes map[string]*coding.Code
	// Quotes in the order made; Said[i] is the label of the informant
	// who said Quotes[i].
	Quotes []*coding.Quote
	Said   []string
}

// studyDocs are the fixture's documents: case, title, informant role of
// the metadata, interview date, text.
var studyDocs = []struct{ caseName, title, role, date, text string }{
	{"Nordic Sensors AB", "Nordic Sensors – CEO", "CEO", "2024-02-05",
		"Interviewer: How did the first trade fair go?\nAnna: We failed at the trade fair in Hannover and learned to listen.\nInterviewer: What changed?\nAnna: Customers told us what they needed, so we rebuilt the sensor.\n"},
	{"Nordic Sensors AB", "Nordic Sensors – CEO follow-up", "CEO", "2024-09-12",
		"Interviewer: A year later, what stayed?\nAnna: We still ask every customer for feedback before we design.\nInterviewer: Thank you.\n"},
	{"Nordic Sensors AB", "Nordic Sensors – CTO", "CTO", "2024-02-06",
		"Interviewer: What did engineering learn?\nBo: Our prototype broke on the stand, and that failure taught us testing.\nInterviewer: Thank you.\n"},
	{"Baltic Foods Oy", "Baltic Foods – founders", "", "2024-03-01",
		"Interviewer: How did you enter Sweden?\nCarla: Our first export failed because the labels were wrong.\nDmitri: Retail buyers gave us feedback that changed the packaging.\nInterviewer: Thank you.\n"},
	{"Luleå Metall AB", "Luleå Metall – export", "Export manager", "2024-04-15",
		"Interviewer: Where do new ideas come from?\nEva: Customer feedback from Norway shaped our whole export plan.\nInterviewer: Thank you.\n"},
}

// studyInformants give the linked informants their details.
var studyInformants = []struct {
	label, pseudonym, role, gender string
	duration, round                float64
}{
	{"I-01", "Aino", "CEO", "female", 62, 1},
	{"I-02", "Bertil", "CTO", "male", 45, 1},
	{"I-03", "Cecilia", "Co-founder", "female", 50, 1},
	{"I-04", "Daniel", "Co-founder", "male", 50, 1},
	{"I-05", "Elin", "Export manager", "female", 38, 2},
}

// studyQuotes are the coded passages: document title, exact text,
// concept, label of the informant who says it.
var studyQuotes = []struct{ doc, text, concept, said string }{
	{"Nordic Sensors – CEO", "We failed at the trade fair in Hannover and learned to listen.", "Trade fair failure", "I-01"},
	{"Nordic Sensors – CEO", "Customers told us what they needed, so we rebuilt the sensor.", "Customer feedback", "I-01"},
	{"Nordic Sensors – CEO follow-up", "We still ask every customer for feedback before we design.", "Customer feedback", "I-01"},
	{"Nordic Sensors – CTO", "Our prototype broke on the stand, and that failure taught us testing.", "Trade fair failure", "I-02"},
	{"Baltic Foods – founders", "Our first export failed because the labels were wrong.", "Trade fair failure", "I-03"},
	{"Baltic Foods – founders", "Retail buyers gave us feedback that changed the packaging.", "Customer feedback", "I-04"},
	{"Luleå Metall – export", "Customer feedback from Norway shaped our whole export plan.", "Customer feedback", "I-05"},
}

// NewInformantStudy creates the study as a new project named name in st,
// linking speakers to informants with st.LinkSpeakers, and fails tb on
// any error.
func NewInformantStudy(tb testing.TB, st coding.Store, name string) *InformantStudy {
	tb.Helper()
	ctx := context.Background()
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	s := &InformantStudy{Project: &coding.Project{Name: name}, Cases: map[string]*coding.Case{}, Documents: map[string]*coding.Document{},
		Informants: map[string]*coding.Informant{}, Codes: map[string]*coding.Code{}}
	must(st.CreateProject(ctx, s.Project))
	pid := s.Project.ID
	for i, sector := range []string{"software", "food", "metal"} {
		c := &coding.Case{ProjectID: pid, Name: []string{"Nordic Sensors AB", "Baltic Foods Oy", "Luleå Metall AB"}[i],
			Attributes: []coding.Attribute{{Name: "sector", Value: sector}}}
		must(st.CreateCase(ctx, c))
		s.Cases[c.Name] = c
	}
	for _, d := range studyDocs {
		p, err := importer.FromText(d.title, d.text)
		must(err)
		doc := &coding.Document{ProjectID: pid, CaseID: s.Cases[d.caseName].ID, Title: p.Title, Text: p.Text, Turns: p.Turns,
			Meta: coding.DocumentMeta{InformantRole: d.role, InterviewDate: d.date, Language: "en"}}
		must(st.CreateDocument(ctx, doc))
		s.Documents[doc.Title] = doc
	}
	_, err := st.LinkSpeakers(ctx, pid)
	must(err)
	informants, err := st.ListInformants(ctx, pid)
	must(err)
	for _, i := range informants {
		s.Informants[i.Label] = i
	}
	for _, want := range studyInformants {
		i := s.Informants[want.label]
		if i == nil {
			tb.Fatalf("linking speakers made no informant %s", want.label)
		}
		u := coding.InformantUpdate{Pseudonym: &want.pseudonym, Role: &want.role, Attributes: []coding.Attribute{
			{Name: "gender", Value: want.gender},
			{Name: coding.InformantAttrDuration, Type: coding.AttrNumber, Value: want.duration},
			{Name: coding.InformantAttrRound, Type: coding.AttrNumber, Value: want.round},
		}}
		s.Informants[want.label], err = st.UpdateInformant(ctx, pid, i.ID, u)
		must(err)
	}
	dim := &coding.Code{ProjectID: pid, Name: "Learning", Level: coding.LevelDimension}
	must(st.CreateCode(ctx, dim))
	theme := &coding.Code{ProjectID: pid, Name: "Experiential learning", Level: coding.LevelTheme, ParentID: dim.ID}
	must(st.CreateCode(ctx, theme))
	s.Codes[dim.Name], s.Codes[theme.Name] = dim, theme
	for _, n := range []string{"Trade fair failure", "Customer feedback"} {
		c := &coding.Code{ProjectID: pid, Name: n, Level: coding.LevelConcept, ParentID: theme.ID}
		must(st.CreateCode(ctx, c))
		s.Codes[n] = c
	}
	for _, want := range studyQuotes {
		doc := s.Documents[want.doc]
		start := runeIndex(doc.Text, want.text)
		if start < 0 {
			tb.Fatalf("fixture: %q is not in %q", want.text, want.doc)
		}
		q := &coding.Quote{ProjectID: pid, DocumentID: doc.ID, Start: start, End: start + coding.RuneLen(want.text),
			CodeIDs: []string{s.Codes[want.concept].ID}, Coder: "anna"}
		must(st.CreateQuote(ctx, q))
		s.Quotes = append(s.Quotes, q)
		s.Said = append(s.Said, want.said)
	}
	return s
}

// runeIndex returns the code-point offset of sub in s, or -1.
func runeIndex(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return coding.RuneLen(s[:i])
}
