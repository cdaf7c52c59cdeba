package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"tessera/coding"
)

// DetectTurns finds the speaker turns of stored text. The text is not
// changed: labels stay in it, so quotes remain faithful to the source.
//
// A line opens a turn when it starts with a speaker label, optionally
// after a time code and Markdown bold markers:
//
//	Name: ...            NAME: ...             Name (Role): ...
//	[hh:mm:ss] Name: ... hh:mm:ss Name: ...    [mm:ss] Name: ...
//	Name (hh:mm:ss): ... **Q: question?**
//	**Name:** ...        **Name**: ...         Q: / A: / I: / R: / P1:
//
// A label is at most 5 words and 40 characters (plus a role in
// parentheses of at most 60), starts with a letter, holds only letters,
// digits, spaces and . ' ’ - & _, has every word capitalised (particles
// such as "van" or "de" excepted), and its colon is followed by white
// space or the end of the line (a closing ** may come between), which
// rules out URLs and clock times. Words that head document metadata
// rather than speech ("Note", "Date", "Location", ...) are never labels.
// See docs/import.md for the full rule. A candidate is accepted as a speaker
// when it is a known transcript label (Q, A, I, R, P1, Interviewer,
// Respondent, Speaker 2, ...), when the same label occurs at least twice,
// when its line carries a time code, or, for a label occurring once, when
// it appears after the first accepted label and at least two accepted
// label lines share its style (bold, time code, role). Labels that differ
// only in letter case are one speaker, spelled as first seen.
//
// A turn starts at the first character of speech after its label and
// white space (on a following line when the label stands alone) and ends
// at the end of the last non-blank line before the next turn's label.
// Text before the first label (a title, a header) belongs to no turn. A
// text with no accepted label is one turn with an empty speaker covering
// the whole text.
func DetectTurns(text string) []coding.Turn {
	lines := splitLines(text)
	cands := make([]*label, len(lines))
	counts := map[string]int{}
	for i, ln := range lines {
		if lb, ok := parseLabel(ln.text); ok {
			cands[i] = &lb
			counts[lb.key]++
		}
	}
	accepted := acceptLabels(cands, counts)
	turns := buildTurns(lines, cands, accepted)
	if len(turns) == 0 && text != "" {
		return []coding.Turn{{Start: 0, End: utf8.RuneCountInString(text)}}
	}
	return turns
}

// line is one line of text (without its "\n") and the code-point offset
// where it starts.
type line struct {
	text  string
	start int
}

func splitLines(text string) []line {
	var out []line
	pos := 0
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return append(out, line{text: text, start: pos})
		}
		out = append(out, line{text: text[:i], start: pos})
		pos += utf8.RuneCountInString(text[:i]) + 1
		text = text[i+1:]
	}
}

// acceptLabels applies the acceptance rule of DetectTurns to the candidate
// label of each line (nil when none) and reports which lines open turns.
func acceptLabels(cands []*label, counts map[string]int) []bool {
	accepted := make([]bool, len(cands))
	first := -1
	styles := map[labelStyle]int{}
	for i, lb := range cands {
		if lb != nil && (lb.known || lb.timestamp != "" || counts[lb.key] >= 2) {
			accepted[i] = true
			styles[lb.style()]++
			if first < 0 {
				first = i
			}
		}
	}
	for i, lb := range cands {
		if lb != nil && !accepted[i] && first >= 0 && i > first && styles[lb.style()] >= 2 && lb.words <= 3 {
			accepted[i] = true
		}
	}
	return accepted
}

// buildTurns makes a turn of each accepted label line, spanning the lines
// up to the next accepted label.
func buildTurns(lines []line, cands []*label, accepted []bool) []coding.Turn {
	var turns []coding.Turn
	names := map[string]string{} // lower-case label -> first spelling
	for i := 0; i < len(lines); i++ {
		if !accepted[i] {
			continue
		}
		lb := cands[i]
		next := i + 1
		for next < len(lines) && !accepted[next] {
			next++
		}
		// The speech starts after the label, or on the next non-blank line
		// when the label stands alone.
		ln := lines[i]
		start, end := -1, -1
		if rest := strings.TrimRightFunc(ln.text[lb.speech:], unicode.IsSpace); rest != "" {
			start = ln.start + utf8.RuneCountInString(ln.text[:lb.speech])
			end = start + utf8.RuneCountInString(rest)
		}
		for k := i + 1; k < next; k++ {
			body := strings.TrimRightFunc(lines[k].text, unicode.IsSpace)
			if strings.TrimSpace(body) == "" {
				continue
			}
			if start < 0 {
				lead := len(body) - len(strings.TrimLeftFunc(body, unicode.IsSpace))
				start = lines[k].start + utf8.RuneCountInString(body[:lead])
			}
			end = lines[k].start + utf8.RuneCountInString(body)
		}
		i = next - 1
		if start < 0 || end <= start {
			continue // a label with no speech
		}
		speaker, ok := names[lb.key]
		if !ok {
			speaker = lb.speaker
			names[lb.key] = speaker
		}
		turns = append(turns, coding.Turn{Speaker: speaker, Start: start, End: end, Timestamp: lb.timestamp})
	}
	return turns
}
