package coding_test

import (
	"testing"
	"time"

	"tessera/coding"
)

// TestSpeakerEditsKeepInformantLinks checks that a speaker keeps the
// informant it is linked to when renamed or merged, and that merging
// speakers linked to different informants leaves the link to be chosen.
func TestSpeakerEditsKeepInformantLinks(t *testing.T) {
	doc := func() *coding.Document {
		text := "Åsa: Luleå 👍\nAnna: Kohtamäki\nBo: ok"
		d := &coding.Document{Title: "Links", Text: text, Turns: []coding.Turn{
			{Speaker: "Åsa", Start: 0, End: 12}, {Speaker: "Anna", Start: 13, End: 28}, {Speaker: "Bo", Start: 29, End: 35},
		}}
		d.Speakers = coding.SpeakersOf(d.Turns, []coding.Speaker{
			{Name: "Åsa", InformantID: "i1"}, {Name: "Anna", InformantID: "i1"}, {Name: "Bo", InformantID: "i2"},
		})
		if err := d.Validate(); err != nil {
			t.Fatal(err)
		}
		return d
	}
	links := func(d *coding.Document) map[string]string {
		out := map[string]string{}
		for _, s := range d.Speakers {
			out[s.Name] = s.InformantID
		}
		return out
	}
	for _, tt := range []struct {
		name string
		edit coding.TranscriptChange
		want map[string]string
	}{
		{"rename", coding.RenameSpeaker{From: "Bo", To: "Bo Ek"}, map[string]string{"Åsa": "i1", "Anna": "i1", "Bo Ek": "i2"}},
		{"merge one person's names into a new one", coding.MergeSpeakers{Speakers: []string{"Åsa", "Anna"}, Into: "Åsa Anna"}, map[string]string{"Åsa Anna": "i1", "Bo": "i2"}},
		{"merge into an existing speaker keeps its link", coding.MergeSpeakers{Speakers: []string{"Bo", "Anna"}, Into: "Bo"}, map[string]string{"Åsa": "i1", "Bo": "i2"}},
		{"merge two people into a new name links neither", coding.MergeSpeakers{Speakers: []string{"Anna", "Bo"}, Into: "Both"}, map[string]string{"Åsa": "i1", "Both": ""}},
		{"split gives the new speaker no link", coding.SplitSpeaker{Speaker: "Bo", Turns: []int{3}, Name: "Cleo"}, map[string]string{"Åsa": "i1", "Anna": "i1", "Cleo": ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := doc()
			if _, err := tt.edit.Apply(d, nil, time.Now(), ""); err != nil {
				t.Fatal(err)
			}
			got := links(d)
			if len(got) != len(tt.want) {
				t.Fatalf("speakers: got %v, want %v", got, tt.want)
			}
			for name, id := range tt.want {
				if got[name] != id {
					t.Errorf("speaker %q: linked to %q, want %q (all: %v)", name, got[name], id, got)
				}
			}
		})
	}
}
