package export_test

import (
	"testing"

	"tessera/coding"
)

// study builds the fixed project of the golden tests: two aggregate
// dimensions, six themes under them plus one ungrouped theme, seventeen
// concepts (one ungrouped), a "Growth path" facet with three values that
// splits themes across sections, a "Type of learning" facet, three cases
// with attributes and a document without a case, and quotes in several
// scripts (Luleå, Kohtamäki written decomposed, 👍, CRLF line ends).
func study(tb testing.TB) *coding.Snapshot {
	tb.Helper()
	b := newBuilder(tb, "Learning from failure in Nordic SMEs")
	growth := b.facet("Growth path", "Geographic diversification", "Market penetration", "Product development")
	learning := b.facet("Type of learning", "Experiential", "Vicarious", "Congenital", "Integrated")
	const geo, pen, prod = "Geographic diversification", "Market penetration", "Product development"

	recognition := b.code(coding.LevelDimension, nil, "Failure recognition", learning, "Experiential")
	delayed := b.code(coding.LevelTheme, recognition, "Delayed failure recognition", growth, geo)
	spot := b.code(coding.LevelConcept, delayed, "Founders spot the problem only when a client escalates")
	monthly := b.code(coding.LevelConcept, delayed, "Monthly numbers reveal the overrun too late")
	warning := b.code(coding.LevelConcept, delayed, "Warning signs from the Luleå plant are ignored")
	open := b.code(coding.LevelTheme, recognition, "Open failure talk", growth, pen)
	standup := b.code(coding.LevelConcept, open, "Stand-up meetings where mistakes are named openly")
	praise := b.code(coding.LevelConcept, open, "Kohtamäki's CFO praises honest post-mortems 👍")
	pilots := b.code(coding.LevelConcept, open, "R&D shares <50% of failed pilots | rarely more", growth, prod)
	peer := b.code(coding.LevelTheme, recognition, "Peer exchange", learning, "Vicarious", growth, pen)
	swap := b.code(coding.LevelConcept, peer, "Founders swap failure stories in a local founders' group")
	tender := b.code(coding.LevelConcept, peer, "Sales lead learns pricing from a partner's lost tender", growth, prod)
	board := b.code(coding.LevelConcept, peer, "Board members bring lessons from other firms")

	adaptation := b.code(coding.LevelDimension, nil, "Organisational adaptation")
	prior := b.code(coding.LevelTheme, adaptation, "Prior experience", learning, "Congenital", growth, prod)
	cto := b.code(coding.LevelConcept, prior, "CTO's earlier start-up failure guides the new roadmap")
	hiring := b.code(coding.LevelConcept, prior, "Hiring managers who have failed abroad", growth, geo)
	routine := b.code(coding.LevelTheme, adaptation, "Routine change", learning, "Experiential", growth, pen)
	release := b.code(coding.LevelConcept, routine, "Release process changed after the outage")
	checklists := b.code(coding.LevelConcept, routine, "Checklists for entering a new market", growth, geo)
	template := b.code(coding.LevelConcept, routine, "Post-mortem template adopted company-wide", learning, "Integrated")
	reorient := b.code(coding.LevelTheme, adaptation, "Strategic reorientation", growth, geo)
	exit := b.code(coding.LevelConcept, reorient, "Exit from the German market after two failed launches")
	nordic := b.code(coding.LevelConcept, reorient, "Refocus on Nordic customers")

	lockin := b.code(coding.LevelTheme, nil, "Customer lock-in")
	currency := b.code(coding.LevelConcept, nil, "Currency risk surprises", learning, "Experiential")

	lulea := b.kase("Luleå Stål AB",
		coding.Attribute{Name: "Sector", Value: "Manufacturing"},
		coding.Attribute{Name: "Employees", Value: 120.0},
		coding.Attribute{Name: "Founded", Value: "1998-05-01"},
		coding.Attribute{Name: "Markets", Type: coding.AttrList, Value: "Sweden; Norway; Germany"})
	kohta := b.kase("Kohtamäki Oy",
		coding.Attribute{Name: "Sector", Value: "Software"},
		coding.Attribute{Name: "Employees", Value: 45.0},
		coding.Attribute{Name: "Founded", Value: "2011-09-15"},
		coding.Attribute{Name: "Markets", Type: coding.AttrList, Value: "Finland; Estonia"})
	nordlys := b.kase("Nordlys AS",
		coding.Attribute{Name: "Sector", Value: "Manufacturing"},
		coding.Attribute{Name: "Employees", Value: 300.0})

	ceo := b.doc("Interview: Luleå CEO", lulea, "CEO",
		"Interviewer: How did you notice the problems in Germany?",
		"CEO (Anna): Honestly, we only saw the cost overrun when the client complained. Founders spot the problem only when a client escalates, that is how it was for us in Luleå.",
		"Interviewer: And the numbers?",
		"CEO (Anna): The monthly numbers showed it, but far too late, months after the damage was done. After two failed launches we left the German market and refocused on Nordic customers, which felt like a relief. 👍",
		"CEO (Anna): Our CTO had failed with a start-up before, and that experience guides the new roadmap every single quarter.")
	cfo := b.doc("Interview: Kohtamäki CFO", kohta, "CFO",
		"Interviewer: What happens when something goes wrong?",
		"CFO (Mikko): We hold stand-up meetings where mistakes are named openly, nobody hides anything from the team.",
		"CFO (Mikko): At Kohtama\u0308ki we praise honest post-mortems; the template was adopted company-wide after the outage in 2019.",
		"CFO (Mikko): The release process changed after the outage,\r\nwith checklists for entering a new market.",
		"CFO (Mikko): Currency risk surprised us twice: the euro moved and our margins were gone.")
	sales := b.doc("Interview: Nordlys sales lead", nordlys, "",
		"Q: Where did you learn about pricing?",
		"Kari: I learned pricing from a partner's lost tender; they priced too low and we saw exactly why it failed.",
		"Kari: Our founders swap failure stories in a local founders' group every month, and board members bring lessons from other firms.",
		"Kari: R&D shares <50% of failed pilots, rarely more; we hire managers who have failed abroad because they know the traps.")
	notes := b.doc("Workshop notes", nil, "",
		"Notes from the workshop in Luleå. Warning signs from the plant were ignored for a year; customers are locked in by long contracts.")

	b.quote(ceo, "we only saw the cost overrun when the client complained", "anna", spot)
	b.quote(ceo, "Founders spot the problem only when a client escalates, that is how it was for us in Luleå.", "anna", spot)
	b.quote(ceo, "The monthly numbers showed it, but far too late, months after the damage was done.", "anna", monthly)
	b.quote(ceo, "After two failed launches we left the German market", "anna", exit)
	b.quote(ceo, "After two failed launches we left the German market and refocused on Nordic customers, which felt like a relief. 👍", "anna", nordic)
	b.quote(ceo, "Our CTO had failed with a start-up before, and that experience guides the new roadmap every single quarter.", "anna", cto)
	q := b.quote(cfo, "We hold stand-up meetings where mistakes are named openly, nobody hides anything from the team.", "mikko", standup)
	q.Memo = "Strong example of openness."
	b.memo(q, "Follow-up", "Ask about | pipes & <tags> in the next round.")
	b.quote(cfo, "At Kohtama\u0308ki we praise honest post-mortems", "mikko", praise)
	b.quote(cfo, "we praise honest post-mortems; the template was adopted company-wide after the outage in 2019.", "mikko", template, praise)
	b.quote(cfo, "The release process changed after the outage", "mikko", release)
	b.quote(cfo, "with checklists for entering a new market", "mikko", checklists)
	b.quote(cfo, "Currency risk surprised us twice: the euro moved and our margins were gone.", "mikko", currency)
	b.quote(sales, "I learned pricing from a partner's lost tender; they priced too low and we saw exactly why it failed.", "mikko", tender)
	b.quote(sales, "Our founders swap failure stories in a local founders' group every month", "mikko", swap)
	b.quote(sales, "board members bring lessons from other firms", "mikko", board)
	b.quote(sales, "R&D shares <50% of failed pilots, rarely more", "mikko", pilots)
	b.quote(sales, "we hire managers who have failed abroad because they know the traps", "mikko", hiring)
	b.quote(notes, "Warning signs from the plant were ignored for a year", "anna", warning)
	b.quote(notes, "customers are locked in by long contracts", "anna", lockin)
	snap := b.done()
	// A process model: two phases, boxes on codes and a free note, and an
	// arrow of each style.
	m := &coding.Model{ID: "M1", ProjectID: "P1", Name: "Failure learning process", CreatedAt: fixed, UpdatedAt: fixed, Version: 1,
		Frames: []coding.ModelFrame{
			{ID: "f1", Label: "Phase 1: Noticing", X: 100, Y: 80, W: 440, H: 300},
			{ID: "f2", Label: "Phase 2: Changing", X: 620, Y: 80, W: 300, H: 300},
		},
		Boxes: []coding.ModelBox{
			{ID: "b1", CodeID: recognition.ID, FrameID: "f1", X: 120, Y: 130, W: 190, H: 70},
			{ID: "b2", CodeID: pilots.ID, FrameID: "f1", X: 330, Y: 260, W: 190, H: 90},
			{ID: "b3", CodeID: adaptation.ID, FrameID: "f2", X: 660, Y: 170, W: 220, H: 80},
			{ID: "b4", Text: "R&D \"lessons\" <shared>\nacross firms", X: 380, Y: 440, W: 220, H: 70},
		},
		Arrows: []coding.ModelArrow{
			{ID: "a1", From: "b1", To: "b2", Label: "names", Style: coding.ArrowSolid},
			{ID: "a2", From: "b2", To: "b3", Label: "drives", Style: coding.ArrowDashed},
			{ID: "a3", From: "b4", To: "f1", Style: coding.ArrowBidirectional},
			{ID: "a4", From: "f2", To: "b4", Label: "feeds back", Style: coding.ArrowFeedback},
		},
	}
	if err := m.Validate(); err != nil {
		tb.Fatal(err)
	}
	m.LabelBoxes(snap.Codes)
	snap.Models = []*coding.Model{m}
	return snap
}
