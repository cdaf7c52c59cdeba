package search_test

import (
	"testing"

	"tessera/coding"
)

// fixture is a small study: two firms, two interviews, a codebook with a
// facet, two quotes and a memo.
type fixture struct {
	*env
	robotics, medsense      *coding.Case
	ceo, founder            *coding.Document
	dimension               *coding.Code
	experiential, vicarious *coding.Code
	learningByDoing, peer   *coding.Code
	facet                   *coding.Facet
	quoteDoing, quotePeer   *coding.Quote
	memo                    *coding.Memo
}

const ceoText = "Interviewer: How did you find your first customers abroad?\n" +
	"CEO (Anna): We went to a trade fair in Hannover. Trade fairs were where we learned the most.\n" +
	"Interviewer: And the distributors?\n" +
	"CEO (Anna): Our distributor in Japan taught us about the market. We were learning by doing, honestly.\n"

const founderText = "Interviewer: What about Luleå?\n" +
	"Founder: Luleå is small, but the fair in Stockholm brought our first partner. 👍 We learned from peers.\n" +
	"Interviewer: Peer learning then?\n" +
	"Founder: Yes, peer learning through the network, and trial and error.\n"

func mustFixture(tb testing.TB) *fixture {
	tb.Helper()
	f := &fixture{env: mustEnv(tb)}
	f.robotics = f.caseNamed("Robotics Oy",
		coding.Attribute{Name: "sector", Value: "robotics"},
		coding.Attribute{Name: "employees", Value: float64(45)},
		coding.Attribute{Name: "markets", Value: []string{"Sweden", "Japan"}},
		coding.Attribute{Name: "founded", Value: "2011-05-01"})
	f.medsense = f.caseNamed("Luleå MedSense AB",
		coding.Attribute{Name: "sector", Value: "medical"},
		coding.Attribute{Name: "employees", Value: float64(12)},
		coding.Attribute{Name: "markets", Value: []string{"Norway"}},
		coding.Attribute{Name: "founded", Value: "2018-02-01"})
	f.ceo = f.doc("Interview Robotics CEO", f.robotics.ID, ceoText)
	f.founder = f.doc("Interview MedSense founder", f.medsense.ID, founderText)
	f.setDate(f.ceo, "2024-03-05")
	f.setDate(f.founder, "2024-06-10")

	f.dimension = f.code("Learning", coding.LevelDimension, "")
	f.experiential = f.code("Experiential learning", coding.LevelTheme, f.dimension.ID)
	f.vicarious = f.code("Vicarious learning", coding.LevelTheme, f.dimension.ID)
	f.learningByDoing = f.code("Learning by doing", coding.LevelConcept, f.experiential.ID)
	f.peer = f.code("Peer learning", coding.LevelConcept, f.vicarious.ID)
	f.facet = &coding.Facet{ProjectID: f.pid, Name: "Type of learning", Values: []string{"experiential", "vicarious"}}
	if err := f.st.CreateFacet(ctx, f.facet); err != nil {
		tb.Fatal(err)
	}
	for code, v := range map[*coding.Code]string{f.experiential: "experiential", f.vicarious: "vicarious"} {
		if _, err := f.st.SetCodeFacet(ctx, f.pid, code.ID, f.facet.ID, v); err != nil {
			tb.Fatal(err)
		}
	}
	f.quoteDoing = f.quoteOf(f.ceo, "learning by doing", f.learningByDoing.ID)
	f.quotePeer = f.quoteOf(f.founder, "peer learning through the network", f.peer.ID)
	f.memo = &coding.Memo{ProjectID: f.pid, TargetType: coding.MemoDocument, TargetID: f.founder.ID,
		Title: "Network effects", Body: "The founder stresses the fair in Stockholm.", Author: "mikko"}
	if err := f.st.CreateMemo(ctx, f.memo); err != nil {
		tb.Fatal(err)
	}
	return f
}

func (f *fixture) setDate(d *coding.Document, date string) {
	f.tb.Helper()
	meta := d.Meta
	meta.InterviewDate = date
	if _, err := f.st.UpdateDocument(ctx, f.pid, d.ID, coding.DocumentUpdate{Meta: &meta}); err != nil {
		f.tb.Fatal(err)
	}
}

// quoteOf codes the first occurrence of s in document d.
func (f *fixture) quoteOf(d *coding.Document, s string, codes ...string) *coding.Quote {
	f.tb.Helper()
	start := runeIndex(d.Text, s)
	if start < 0 {
		f.tb.Fatalf("%q not in %s", s, d.Title)
	}
	return f.quote(d.ID, start, start+coding.RuneLen(s), codes...)
}

// runeIndex returns the code-point offset of the first s in text, or -1.
func runeIndex(text, s string) int {
	for i := range text {
		if len(text)-i >= len(s) && text[i:i+len(s)] == s {
			return coding.RuneLen(text[:i])
		}
	}
	return -1
}
