package coding_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
)

func TestNextInformantLabel(t *testing.T) {
	list := []*coding.Informant{{Label: "I-02"}, {Label: "i-9"}, {Label: "INT-01"}, {Label: "Anna"}}
	if got := coding.NextInformantLabel(list, false); got != "I-10" {
		t.Errorf("got %s, want I-10", got)
	}
	if got := coding.NextInformantLabel(list, true); got != "INT-02" {
		t.Errorf("got %s, want INT-02", got)
	}
	if got := coding.NextInformantLabel(nil, false); got != "I-01" {
		t.Errorf("got %s, want I-01", got)
	}
}

// TestPlanSpeakerLinks links by name within a case, documents without a
// case on their own, and interviewers by the interviewer the metadata
// names.
func TestPlanSpeakerLinks(t *testing.T) {
	doc := func(id, caseID, interviewer string, speakers ...string) *coding.Document {
		d := &coding.Document{ID: id, ProjectID: "P", CaseID: caseID, Meta: coding.DocumentMeta{Interviewer: interviewer, InformantRole: "CEO"}}
		for _, s := range speakers {
			d.Speakers = append(d.Speakers, coding.Speaker{Name: s, Role: coding.GuessRole(s)})
		}
		return d
	}
	docs := []*coding.Document{
		doc("D1", "C1", "Mikael Öhman", "Interviewer", "Anna"),
		doc("D2", "C1", "Mikael Öhman", "Q", "ANNA"),
		doc("D3", "C2", "Elina Kärnä", "Interviewer", "Anna", "Bo"),
		doc("D4", "", "", "Interviewer", "Anna"),
		doc("D5", "", "", "Interviewer", "Anna"),
	}
	n := 0
	created, links := coding.PlanSpeakerLinks(docs, nil, func() string { n++; return fmt.Sprintf("N%d", n) })
	got := map[string]string{}
	for _, l := range links {
		got[l.DocumentID+"/"+l.Speaker] = l.InformantID
	}
	want := map[string]string{
		"D1/Interviewer": "N1", "D1/Anna": "N2", "D2/Q": "N1", "D2/ANNA": "N2",
		"D3/Interviewer": "N3", "D3/Anna": "N4", "D3/Bo": "N5",
		"D4/Interviewer": "N6", "D4/Anna": "N7", "D5/Interviewer": "N6", "D5/Anna": "N8",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
	var labels []string
	for _, i := range created {
		labels = append(labels, fmt.Sprintf("%s %s %s", i.Label, i.CaseID, i.Role))
	}
	// A document's role goes to its only informant speaker.
	wantLabels := []string{"INT-01  ", "I-01 C1 CEO", "INT-02  ", "I-02 C2 ", "I-03 C2 ", "INT-03  ", "I-04  CEO", "I-05  CEO"}
	if diff := cmp.Diff(wantLabels, labels); diff != "" {
		t.Errorf("created (-want +got):\n%s", diff)
	}
}

func TestQuoteSpeaker(t *testing.T) {
	d := &coding.Document{
		Turns:    []coding.Turn{{Speaker: "Interviewer", Start: 0, End: 10}, {Speaker: "Anna", Start: 10, End: 14}, {Speaker: "Bo", Start: 14, End: 30}},
		Speakers: []coding.Speaker{{Name: "Interviewer", Role: coding.RoleInterviewer}, {Name: "Anna", Role: coding.RoleInformant}, {Name: "Bo", Role: coding.RoleInformant}},
	}
	for _, tt := range []struct {
		start, end int
		want       string
	}{
		{0, 5, "Interviewer"}, // the interviewer alone
		{0, 12, "Anna"},       // an informant before the interviewer
		{11, 20, "Bo"},        // who says most of it
		{12, 16, "Anna"},      // a tie goes to the first
		{30, 31, ""},          // outside every turn
	} {
		sp, ok := coding.QuoteSpeaker(d, &coding.Quote{Start: tt.start, End: tt.end})
		if sp.Name != tt.want || ok != (tt.want != "") {
			t.Errorf("[%d,%d): got %q %v, want %q", tt.start, tt.end, sp.Name, ok, tt.want)
		}
	}
}
