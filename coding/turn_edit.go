package coding

import (
	"strings"
	"time"
	"unicode"
)

// SetTurnSpeaker gives turn number Turn (counted from 1) to Speaker, new
// or existing. Role sets the role of a new speaker ("" guesses it from
// the name); an existing speaker keeps theirs.
type SetTurnSpeaker struct {
	Turn    int    `json:"-"`
	Speaker string `json:"speaker"`
	Role    string `json:"role"`
}

// Op implements TranscriptChange.
func (SetTurnSpeaker) Op() string { return "set_turn_speaker" }

// Apply implements TranscriptChange.
func (e SetTurnSpeaker) Apply(d *Document, _ []*Quote, _ time.Time, _ string) ([]*Quote, error) {
	i, err := d.turnIndex(e.Turn, "change speaker")
	if err != nil {
		return nil, err
	}
	name, err := checkSpeakerName("the turn's speaker", e.Speaker)
	if err != nil {
		return nil, err
	}
	if err := checkRole(e.Role); err != nil {
		return nil, err
	}
	if d.Turns[i].Speaker == name {
		return nil, Errorf(EINVALID, "turn %d is already spoken by %q", e.Turn, name)
	}
	if !d.hasSpeaker(name) {
		role := e.Role
		if role == "" {
			role = GuessRole(name)
		}
		d.setSpeakerRole(name, role)
	}
	d.Turns[i].Speaker = name
	return nil, d.Validate()
}

// LabelReader recognises a speaker label ("Anna:", "[00:12:31] Anna:") at
// the start of line. It returns the speaker, the time code as written
// ("" for none) and where the speech starts in line, in code points.
type LabelReader func(line string) (speaker, timestamp string, speech int, ok bool)

// SplitTurn cuts turn number Turn (counted from 1) in two at code point
// At, which must lie inside the turn's text: the first part keeps the
// turn's speaker, the second goes to Speaker. White space around the cut
// belongs to neither turn. When the second part starts with a speaker
// label that Label recognises ("Anna: Yes — fine."), the label stays out
// of the new turn, as the importer would have done, and names its
// speaker when Speaker is empty. The text does not change, so no quote
// moves.
type SplitTurn struct {
	Turn    int    `json:"-"`
	At      int    `json:"at"`
	Speaker string `json:"speaker"`
	Role    string `json:"role"`
	// Label, when set, recognises a label at the start of the new turn.
	Label LabelReader `json:"-"`
}

// Op implements TranscriptChange.
func (SplitTurn) Op() string { return "split_turn" }

// Apply implements TranscriptChange.
func (e SplitTurn) Apply(d *Document, _ []*Quote, _ time.Time, _ string) ([]*Quote, error) {
	i, err := d.turnIndex(e.Turn, "split turn")
	if err != nil {
		return nil, err
	}
	if err := checkRole(e.Role); err != nil {
		return nil, err
	}
	t := d.Turns[i]
	if e.At <= t.Start || e.At >= t.End {
		return nil, Errorf(EUNPROCESSABLE, "split turn %d: position %d is not inside the turn's text [%d,%d)", e.Turn, e.At, t.Start, t.End)
	}
	runes := []rune(Slice(d.Text, t.Start, t.End))
	cut := e.At - t.Start
	// The first part ends before the white space at the cut, the second
	// starts after it.
	end := cut
	for end > 0 && unicode.IsSpace(runes[end-1]) {
		end--
	}
	start := cut
	for start < len(runes) && unicode.IsSpace(runes[start]) {
		start++
	}
	speaker, timestamp := strings.TrimSpace(e.Speaker), ""
	if e.Label != nil && start < len(runes) {
		line := string(runes[start:])
		if nl := strings.IndexByte(line, '\n'); nl >= 0 {
			line = line[:nl]
		}
		if name, ts, speech, ok := e.Label(line); ok {
			if speaker == "" {
				speaker = name
			}
			timestamp = ts
			start += speech
			for start < len(runes) && unicode.IsSpace(runes[start]) {
				start++
			}
		}
	}
	if end == 0 || start >= len(runes) {
		return nil, Errorf(EUNPROCESSABLE, "split turn %d: both parts need some text; put the cursor between words of the turn", e.Turn)
	}
	if speaker == "" {
		return nil, Errorf(EINVALID, "split turn %d: name the speaker of the new turn", e.Turn)
	}
	if speaker, err = checkSpeakerName("the new turn's speaker", speaker); err != nil {
		return nil, err
	}
	if !d.hasSpeaker(speaker) {
		role := e.Role
		if role == "" {
			role = GuessRole(speaker)
		}
		d.setSpeakerRole(speaker, role)
	}
	first := Turn{Speaker: t.Speaker, Start: t.Start, End: t.Start + end, Timestamp: t.Timestamp}
	second := Turn{Speaker: speaker, Start: t.Start + start, End: t.End, Timestamp: timestamp}
	turns := make([]Turn, 0, len(d.Turns)+1)
	turns = append(turns, d.Turns[:i]...)
	turns = append(turns, first, second)
	d.Turns = append(turns, d.Turns[i+1:]...)
	return nil, d.Validate()
}

// MergeTurns joins turn number Turn (counted from 1) and the turn after
// it into one turn of the first turn's speaker, spanning both and the
// text between them (a label stays in the text, now inside the turn).
type MergeTurns struct {
	Turn int `json:"-"`
}

// Op implements TranscriptChange.
func (MergeTurns) Op() string { return "merge_turns" }

// Apply implements TranscriptChange.
func (e MergeTurns) Apply(d *Document, _ []*Quote, _ time.Time, _ string) ([]*Quote, error) {
	i, err := d.turnIndex(e.Turn, "merge turns")
	if err != nil {
		return nil, err
	}
	if i+1 >= len(d.Turns) {
		return nil, Errorf(EUNPROCESSABLE, "merge turns: turn %d is the last turn; there is no next turn to join", e.Turn)
	}
	d.Turns[i].End = d.Turns[i+1].End
	d.Turns = append(d.Turns[:i+1], d.Turns[i+2:]...)
	return nil, d.Validate()
}
