package importer_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
)

func TestVTTOffsetsAndMerge(t *testing.T) {
	vtt := "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Åsa>Hej 👍</v>\n\n00:00:02.500 --> 00:00:03.000\n<v Åsa>igen.</v>\n\n00:00:04.000 --> 00:00:05.000\n<v Interviewer>Okay.\n"
	p := mustParse(t, "a.vtt", []byte(vtt))
	if want := "Åsa: Hej 👍 igen.\n\nInterviewer: Okay."; p.Text != want {
		t.Fatalf("got %q, want %q", p.Text, want)
	}
	want := []coding.Turn{
		{Speaker: "Åsa", Start: 5, End: 16, Timestamp: "00:00:01"},
		{Speaker: "Interviewer", Start: 31, End: 36, Timestamp: "00:00:04"},
	}
	if diff := cmp.Diff(want, p.Turns); diff != "" {
		t.Errorf("turns (-want +got):\n%s", diff)
	}
	checkTurns(t, p.Text, p.Turns)
}

func TestSubtitlesWithoutSpeakers(t *testing.T) {
	srt := "1\r\n00:00:01,000 --> 00:00:02,000\r\nFirst line.\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nSecond line.\r\n"
	p := mustParse(t, "a.srt", []byte(srt))
	if want := "First line.\nSecond line."; p.Text != want {
		t.Errorf("got %q, want %q", p.Text, want)
	}
	want := []coding.Turn{{Start: 0, End: 24, Timestamp: "00:00:01"}}
	if diff := cmp.Diff(want, p.Turns); diff != "" {
		t.Errorf("turns (-want +got):\n%s", diff)
	}
}

func TestSRTContinuationAndDecomposed(t *testing.T) {
	// A cue without a label continues the previous speaker; decomposed
	// text is stored composed and offsets count composed code points.
	srt := "1\n00:00:01,000 --> 00:00:02,000\nAnna: Lulea\u030a\n\n2\n00:00:02,000 --> 00:00:03,000\nis cold.\n\n3\n00:00:04,000 --> 00:00:05,000\nBjörn: Yes.\n\n4\n00:00:05,000 --> 00:00:06,000\nAnna: Very.\n\n5\n00:00:06,000 --> 00:00:07,000\nBjörn: Indeed.\n"
	p := mustParse(t, "a.srt", []byte(srt))
	want := []string{"Anna|Luleå is cold.|00:00:01", "Björn|Yes.|00:00:04", "Anna|Very.|00:00:05", "Björn|Indeed.|00:00:06"}
	if diff := cmp.Diff(want, turnText(p.Text, p.Turns)); diff != "" {
		t.Errorf("turns (-want +got):\n%s", diff)
	}
	if !p.Report.Normalized {
		t.Error("got Normalized false, want true")
	}
	checkTurns(t, p.Text, p.Turns)
}
