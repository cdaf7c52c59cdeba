package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// label is a speaker label found at the start of a line.
type label struct {
	speaker   string // "Name" or "Name (Role)", white space collapsed
	key       string // lower-case speaker, for counting
	timestamp string // the time code as written, without brackets
	speech    int    // byte offset in the line where the speech starts
	bold      bool
	hasRole   bool
	known     bool // a well-known transcript label such as Q or Interviewer
	words     int
}

// labelStyle is how a label is written; labels of one transcript share it.
type labelStyle struct{ bold, timestamp, role bool }

func (l *label) style() labelStyle {
	return labelStyle{bold: l.bold, timestamp: l.timestamp != "", role: l.hasRole}
}

// Limits of a label, in code points and words.
const (
	maxNameRunes = 40
	maxNameWords = 5
	maxRoleRunes = 60
)

// knownLabel matches labels transcripts use for interviewers and
// informants, compared in lower case with a trailing "." removed.
var knownLabel = regexp.MustCompile(`^(q|a|i|r|iv|ip|int|resp|question|answer|interviewer|interviewee|respondent|informant|participant|moderator|researcher|facilitator|haastattelija|haastateltava|intervjuare|[pri]\d{1,3}|(participant|speaker|respondent|interviewer|informant) (\d{1,3}|[a-z]))$`)

// notSpeakers are words that head metadata or notes, never speech.
var notSpeakers = map[string]bool{
	"note": true, "notes": true, "nb": true, "ps": true, "date": true, "time": true,
	"duration": true, "location": true, "place": true, "venue": true, "interview": true,
	"transcript": true, "transcription": true, "participants": true, "attendees": true,
	"present": true, "subject": true, "title": true, "topic": true, "summary": true,
	"source": true, "language": true, "keywords": true, "comment": true, "comments": true,
	"edit": true, "update": true, "example": true, "tip": true, "warning": true,
	"important": true, "file": true, "recording": true, "audio": true, "video": true,
	"project": true, "case": true, "company": true, "firm": true, "organisation": true,
	"organization": true, "role": true, "position": true, "length": true, "start": true,
	"end": true, "version": true, "status": true, "abstract": true, "background": true,
}

// nameParticles may start a word of a name in lower case.
var nameParticles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "del": true, "della": true,
	"da": true, "di": true, "du": true, "la": true, "le": true, "af": true, "al": true,
	"bin": true, "ibn": true, "y": true, "dos": true, "das": true, "ter": true, "ten": true, "zu": true,
}

// parseLabel recognises a speaker label at the start of ln (see
// DetectTurns for the conventions and limits).
func parseLabel(ln string) (label, bool) {
	var lb label
	i := skipBlank(ln, 0)
	if i > 8 || i >= len(ln) {
		return lb, false
	}
	if ts, n := parseTimestamp(ln[i:]); n > 0 {
		lb.timestamp = ts
		i = skipBlank(ln, i+n)
	}
	if strings.HasPrefix(ln[i:], "**") {
		lb.bold = true
		i += 2
	}
	// The name runs up to a colon, a role in parentheses or a bold marker.
	start := i
	for i < len(ln) {
		r, size := utf8.DecodeRuneInString(ln[i:])
		if r == ':' || r == '：' || r == '(' || r == '*' {
			break
		}
		if !nameRune(r) || i-start > 4*maxNameRunes {
			return lb, false
		}
		i += size
	}
	name := strings.Join(strings.Fields(ln[start:i]), " ")
	role := ""
	if strings.HasPrefix(ln[i:], "(") {
		j := strings.IndexByte(ln[i:], ')')
		if j < 0 {
			return lb, false
		}
		role = strings.Join(strings.Fields(ln[i+1:i+j]), " ")
		if m := timeCode.FindString(role); m != "" && m == role && lb.timestamp == "" {
			lb.timestamp, role = role, "" // "Name (00:12:31):"
		} else if role == "" || utf8.RuneCountInString(role) > maxRoleRunes || strings.ContainsAny(role, "(:?!") {
			return lb, false
		}
		i = skipBlank(ln, i+j+1)
	}
	closed := false
	if lb.bold && strings.HasPrefix(ln[i:], "**") {
		i += 2
		closed = true
	}
	wide := false
	switch {
	case strings.HasPrefix(ln[i:], ":"):
		i++
	case strings.HasPrefix(ln[i:], "："):
		i += len("：")
		wide = true
	default:
		return lb, false
	}
	switch {
	case lb.bold && !closed && strings.HasPrefix(ln[i:], "**"):
		i += 2 // "**Name:**"
	case !wide && i < len(ln) && ln[i] != ' ' && ln[i] != '\t':
		// "http://", "10:30"; a bold label without its closing marker
		// ("**Q: What failed?**") keeps the marker in its speech.
		return lb, false
	}
	if !lb.checkName(name) {
		return lb, false
	}
	lb.speaker = name
	if role != "" {
		lb.speaker += " (" + role + ")"
		lb.hasRole = true
	}
	lb.key = strings.ToLower(lb.speaker)
	lb.speech = skipBlank(ln, i)
	return lb, true
}

// checkName applies the name rules and sets known and words.
func (lb *label) checkName(name string) bool {
	n := utf8.RuneCountInString(name)
	if n == 0 || n > maxNameRunes {
		return false
	}
	lower := strings.ToLower(name)
	if notSpeakers[strings.TrimSuffix(lower, ".")] {
		return false
	}
	words := strings.Fields(name)
	if len(words) > maxNameWords {
		return false
	}
	lb.words = len(words)
	first, _ := utf8.DecodeRuneInString(name)
	if !unicode.IsLetter(first) {
		return false
	}
	if knownLabel.MatchString(strings.TrimSuffix(lower, ".")) {
		lb.known = true
		return true
	}
	for k, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && (k == 0 || !nameParticles[w]) {
			return false
		}
	}
	return true
}

func nameRune(r rune) bool {
	switch r {
	case ' ', '\t', '.', '\'', '’', '-', '&', '_':
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func skipBlank(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// timeCode matches h:mm:ss, hh:mm:ss and mm:ss, with optional fractions.
var timeCode = regexp.MustCompile(`^\d{1,2}:\d{2}(:\d{2})?([.,]\d{1,3})?`)

// parseTimestamp reads a time code at the start of s, bare (followed by
// white space) or in brackets or parentheses, and returns it as written
// without brackets and the number of bytes it took.
func parseTimestamp(s string) (string, int) {
	if s == "" {
		return "", 0
	}
	if s[0] == '[' || s[0] == '(' {
		closer := byte(']')
		if s[0] == '(' {
			closer = ')'
		}
		m := timeCode.FindString(s[1:])
		if m == "" || len(s) <= 1+len(m) || s[1+len(m)] != closer {
			return "", 0
		}
		return m, len(m) + 2
	}
	if s[0] < '0' || s[0] > '9' {
		return "", 0
	}
	m := timeCode.FindString(s)
	if m == "" || len(s) == len(m) || (s[len(m)] != ' ' && s[len(m)] != '\t') {
		return "", 0
	}
	return m, len(m)
}
