package importer_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/importer"
)

func TestDetectTurnsConventions(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // speaker|text[|timestamp]
	}{
		{
			name: "Name:",
			text: "Anna: Hello there.\nBjörn: Hi Anna.\nAnna: How are you?",
			want: []string{"Anna|Hello there.", "Björn|Hi Anna.", "Anna|How are you?"},
		},
		{
			name: "NAME: with first spelling kept",
			text: "INTERVIEWER: Start.\nEETU RÄSÄNEN: Yes.\nInterviewer: Next.\nEETU RÄSÄNEN: Sure.",
			want: []string{"INTERVIEWER|Start.", "EETU RÄSÄNEN|Yes.", "INTERVIEWER|Next.", "EETU RÄSÄNEN|Sure."},
		},
		{
			name: "Name (Role):",
			text: "Elina Kärnä (Interviewer): Thanks.\nZoë Karlsson (Quality and Operations Manager): Sure.\nElina Kärnä (Interviewer): Good.",
			want: []string{"Elina Kärnä (Interviewer)|Thanks.", "Zoë Karlsson (Quality and Operations Manager)|Sure.", "Elina Kärnä (Interviewer)|Good."},
		},
		{
			name: "[hh:mm:ss] Name:",
			text: "[00:00:11] Jörg: We started in 2014.\n[00:01:02] Interviewer: And then?\n[00:01:05] Jörg: Then Japan.",
			want: []string{"Jörg|We started in 2014.|00:00:11", "Interviewer|And then?|00:01:02", "Jörg|Then Japan.|00:01:05"},
		},
		{
			name: "hh:mm:ss Name: and [mm:ss]",
			text: "00:12:31 Maria: First.\n[12:40] Tomás: Second.\n1:02:03.5 Maria: Third.",
			want: []string{"Maria|First.|00:12:31", "Tomás|Second.|12:40", "Maria|Third.|1:02:03.5"},
		},
		{
			name: "Name (hh:mm:ss):",
			text: "Anna (00:00:05): Hej.\nSpeaker 2 (00:07): Hello.\nAnna (00:00:09): Bye.",
			want: []string{"Anna|Hej.|00:00:05", "Speaker 2|Hello.|00:07", "Anna|Bye.|00:00:09"},
		},
		{
			name: "**Name:** and **Name**:",
			text: "# Interview\n\n**Interviewer:** Tell me.\n\n**Märta Öberg**: We sell abroad.\n\n**Interviewer:** Why?",
			want: []string{"Interviewer|Tell me.", "Märta Öberg|We sell abroad.", "Interviewer|Why?"},
		},
		{
			name: "bold question lines",
			text: "**Q: What failed?**\nA: The German entry.\n**Q: Why?**\nA: Too early.",
			want: []string{"Q|What failed?**", "A|The German entry.", "Q|Why?**", "A|Too early."},
		},
		{
			name: "Q: A:",
			text: "Q: What failed?\nA: The German entry.\nQ: Why?\nA: We hired too early.",
			want: []string{"Q|What failed?", "A|The German entry.", "Q|Why?", "A|We hired too early."},
		},
		{
			name: "I: R: P1: known labels count once",
			text: "I: Welcome.\nR: Thanks.\nP1: Hello 👍",
			want: []string{"I|Welcome.", "R|Thanks.", "P1|Hello 👍"},
		},
		{
			name: "multi-line turns end at the last non-blank line",
			text: "Title line\n\nAnna: First paragraph.\n\nSecond paragraph.  \n\n\nBjörn: Reply.\n\nAnna: Yes.\nBjörn: No.\n\n",
			want: []string{"Anna|First paragraph.\n\nSecond paragraph.", "Björn|Reply.", "Anna|Yes.", "Björn|No."},
		},
		{
			name: "label alone on its line",
			text: "Interviewer:\n  What happened next?\nRespondent:\nWe left.",
			want: []string{"Interviewer|What happened next?", "Respondent|We left."},
		},
		{
			name: "single interjection in an established style",
			text: "Anna: One.\nBjörn: Two.\nAnna: Three.\nCecilia: Just once.\nBjörn: Four.",
			want: []string{"Anna|One.", "Björn|Two.", "Anna|Three.", "Cecilia|Just once.", "Björn|Four."},
		},
		{
			name: "full-width colon",
			text: "王: 你好\n李：你好吗\n王：很好",
			want: []string{"王|你好", "李|你好吗", "王|很好"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			turns := importer.DetectTurns(tt.text)
			checkTurns(t, tt.text, turns)
			if diff := cmp.Diff(tt.want, turnText(tt.text, turns)); diff != "" {
				t.Errorf("turns (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetectTurnsFalsePositives(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"note in prose", "We met in Luleå.\nNote: this was before the recall.\nThen we left.\nNote: again."},
		{"urls and times", "See http://example.com for details.\nhttp://example.org again\nWe met at 10:30 and left at 11:45.\n10:30 was early."},
		{"sentences ending in a colon", "The reason was simple: money.\nThe reason was simple: time."},
		{"lower-case words", "so: we tried\nso: we failed"},
		{"long phrase", "What we learned from the German market entry: patience.\nWhat we learned from the German market entry: patience."},
		{"a label appearing once", "Anna: hello\nand nothing more"},
		{"metadata header", "Date: 2026-02-10\nLocation: Oulu\nThe interview covered the first export."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			turns := importer.DetectTurns(tt.text)
			want := []coding.Turn{{Start: 0, End: coding.RuneLen(tt.text)}}
			if diff := cmp.Diff(want, turns); diff != "" {
				t.Errorf("got speakers where there are none (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetectTurnsOffsetsAreCodePoints(t *testing.T) {
	text := "Header with 👍 and Luleå\nÅsa: Jag heter Åsa 👍.\nJyrki: Kohtamäki.\nÅsa: Ja.\nJyrki: Nej."
	turns := importer.DetectTurns(text)
	want := []coding.Turn{
		{Speaker: "Åsa", Start: 29, End: 45},
		{Speaker: "Jyrki", Start: 53, End: 63},
		{Speaker: "Åsa", Start: 69, End: 72},
		{Speaker: "Jyrki", Start: 80, End: 84},
	}
	if diff := cmp.Diff(want, turns); diff != "" {
		t.Errorf("turns (-want +got):\n%s", diff)
	}
	if got := coding.Slice(text, 29, 45); got != "Jag heter Åsa 👍." {
		t.Errorf("got %q", got)
	}
}

func TestDetectTurnsEdgeCases(t *testing.T) {
	if got := importer.DetectTurns(""); len(got) != 0 {
		t.Errorf("got %v for empty text, want no turns", got)
	}
	// Labels without speech make no turns; the text is then one turn.
	text := "Anna:\nAnna:\n"
	got := importer.DetectTurns(text)
	if diff := cmp.Diff([]coding.Turn{{Start: 0, End: coding.RuneLen(text)}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
