package importer

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/asticode/go-astisub"

	"tessera/coding"
)

// readVTT reads a WebVTT file; see buildTranscript for the text made.
func readVTT(data []byte, opt Options) (*extracted, error) {
	text, enc, err := Decode(data)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(strings.TrimLeft(strings.TrimPrefix(text, "\uFEFF"), " \t\r\n"), "WEBVTT") {
		return nil, coding.Errorf(coding.EINVALID, "not a WebVTT file (it must start with the line WEBVTT)")
	}
	subs, err := readSubtitles(text, astisub.ReadFromWebVTT)
	if err != nil {
		return nil, coding.Errorf(coding.EINVALID, "not a valid WebVTT file (%v)", err)
	}
	return buildTranscript(subs, enc)
}

// readSRT reads a SubRip file; see buildTranscript for the text made.
func readSRT(data []byte, opt Options) (*extracted, error) {
	text, enc, err := Decode(data)
	if err != nil {
		return nil, err
	}
	subs, err := readSubtitles(text, astisub.ReadFromSRT)
	if err != nil {
		return nil, coding.Errorf(coding.EINVALID, "not a valid SubRip (.srt) file (%v)", err)
	}
	return buildTranscript(subs, enc)
}

// readSubtitles runs a go-astisub reader, turning its panics on malformed
// input into errors.
func readSubtitles(text string, read func(io.Reader) (*astisub.Subtitles, error)) (subs *astisub.Subtitles, err error) {
	defer func() {
		if r := recover(); r != nil {
			subs, err = nil, fmt.Errorf("malformed cue: %v", r)
		}
	}()
	subs, err = read(strings.NewReader(text))
	if err != nil {
		// Keep the library's first sentence ("line 2: parsing srt duration
		// ... failed"), not the chain of causes behind it.
		msg := strings.TrimPrefix(err.Error(), "astisub: ")
		if i := strings.Index(msg, ": astisub: "); i >= 0 {
			msg = msg[:i]
		}
		return nil, fmt.Errorf("%s", strings.Join(strings.Fields(msg), " "))
	}
	return subs, nil
}

// cueLine is one line of a cue with its speaker, if it names one.
type cueLine struct {
	speaker string
	label   *label // a "Name:" prefix, still to be accepted
	text    string
	at      time.Duration
}

// buildTranscript turns subtitle cues into a transcript. A line's speaker
// is its WebVTT voice tag (<v Name>), else a "Name:" prefix accepted by
// the rule of DetectTurns; a line with neither continues the previous
// speaker. Consecutive lines of one speaker merge into one turn, written
// as a "Name: text" paragraph (lines joined by spaces); paragraphs are
// separated by "\n\n". Lines before any speaker form a turn with an empty
// speaker, one line per cue. Each turn's timestamp is the start time of
// its first cue, as hh:mm:ss.
func buildTranscript(subs *astisub.Subtitles, enc string) (*extracted, error) {
	ex := &extracted{encoding: enc, structured: true}
	lines, counts := collectCueLines(subs, &ex.report)
	var b strings.Builder
	pos := 0
	write := func(s string) {
		b.WriteString(s)
		pos += coding.RuneLen(s)
	}
	speaker := ""
	for i := 0; i < len(lines); {
		// Resolve this line's speaker, then gather the speech of the lines
		// that follow with the same one.
		speaker = lineSpeaker(lines[i], counts, speaker)
		j, parts := i, []string{}
		for ; j < len(lines) && lineSpeaker(lines[j], counts, speaker) == speaker; j++ {
			if s := lines[j].speech(counts); s != "" {
				parts = append(parts, s)
			}
		}
		if len(parts) > 0 {
			if b.Len() > 0 {
				write("\n\n")
			}
			if speaker != "" {
				write(speaker + ": ")
			}
			sep := " "
			if speaker == "" {
				sep = "\n"
			}
			start := pos
			write(strings.Join(parts, sep))
			ex.turns = append(ex.turns, coding.Turn{Speaker: speaker, Start: start, End: pos, Timestamp: clock(lines[i].at)})
		}
		i = j
	}
	if b.Len() == 0 {
		return nil, coding.Errorf(coding.EINVALID, "the file holds no subtitle text")
	}
	ex.text = b.String()
	// Text built from normalised pieces is normalised but for exotic
	// combining sequences at piece boundaries; then detect turns afresh.
	if norm, _ := coding.NormalizeText(ex.text); norm != ex.text {
		ex.text, ex.turns = norm, DetectTurns(norm)
	}
	return ex, nil
}

// collectCueLines normalises the text of every cue line and counts the
// "Name:" prefixes, for the acceptance rule.
func collectCueLines(subs *astisub.Subtitles, rep *coding.TextReport) ([]cueLine, map[string]int) {
	var out []cueLine
	counts := map[string]int{}
	names := map[string]string{} // lower-case label -> first spelling
	for _, item := range subs.Items {
		for _, l := range item.Lines {
			text, r := coding.NormalizeText(l.String())
			addReport(rep, r)
			text = strings.TrimSpace(text)
			voice, r := coding.NormalizeText(l.VoiceName)
			addReport(rep, r)
			cl := cueLine{speaker: strings.Join(strings.Fields(voice), " "), text: text, at: item.StartAt}
			if cl.speaker == "" {
				if lb, ok := parseLabel(text); ok {
					if first, ok := names[lb.key]; ok {
						lb.speaker = first
					} else {
						names[lb.key] = lb.speaker
					}
					cl.label = &lb
					counts[lb.key]++
				}
			}
			if cl.text != "" || cl.speaker != "" {
				out = append(out, cl)
			}
		}
	}
	return out, counts
}

// accepted reports whether a line's "Name:" prefix names a speaker.
func (c cueLine) accepted(counts map[string]int) bool {
	return c.label != nil && (c.label.known || counts[c.label.key] >= 2)
}

// lineSpeaker returns the speaker of c, or prev when it names none.
func lineSpeaker(c cueLine, counts map[string]int, prev string) string {
	switch {
	case c.speaker != "":
		return c.speaker
	case c.accepted(counts):
		return c.label.speaker
	}
	return prev
}

// speech returns the line's text without an accepted "Name:" prefix.
func (c cueLine) speech(counts map[string]int) string {
	if c.accepted(counts) {
		return strings.TrimSpace(c.text[c.label.speech:])
	}
	return c.text
}

func addReport(to *coding.TextReport, r coding.TextReport) {
	to.LineEndings += r.LineEndings
	to.ControlRemoved += r.ControlRemoved
	to.Normalized = to.Normalized || r.Normalized
}

// clock formats a cue time as hh:mm:ss.
func clock(d time.Duration) string {
	s := int64(d / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}
