package importer

import "unicode/utf8"

// ReadLabel recognises a speaker label at the start of line by the rules
// of DetectTurns ("Anna:", "[00:12:31] Anna:", "**Q:**"), without the
// counting that decides whether a label is accepted in a whole
// transcript. It returns the speaker, the time code as written and where
// the speech starts, in code points: a coding.LabelReader, so that a turn
// split before a label leaves the label out of the new turn.
func ReadLabel(line string) (speaker, timestamp string, speech int, ok bool) {
	lb, ok := parseLabel(line)
	if !ok {
		return "", "", 0, false
	}
	return lb.speaker, lb.timestamp, utf8.RuneCountInString(line[:lb.speech]), true
}
