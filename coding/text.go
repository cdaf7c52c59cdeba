package coding

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TextReport tells what NormalizeText changed.
type TextReport struct {
	// LineEndings counts CRLF and lone CR sequences turned into "\n".
	LineEndings int `json:"line_endings"`
	// ControlRemoved counts NUL and other control characters removed.
	ControlRemoved int `json:"control_removed"`
	// Normalized is true when NFC normalisation changed the text.
	Normalized bool `json:"normalized"`
}

// NormalizeText returns text as Tessera stores it: "\n" line ends, no
// control characters other than tab and newline, NFC-normalised. Positions
// in stored text (quotes, turns, search hits) count code points in the
// result. The input must be valid UTF-8; invalid bytes become U+FFFD.
func NormalizeText(s string) (string, TextReport) {
	var rep TextReport
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			rep.LineEndings++
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\uFEFF' && b.Len() == 0:
			// A byte-order mark at the start is an encoding marker, not text.
		case unicode.IsControl(r):
			rep.ControlRemoved++
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	if !norm.NFC.IsNormalString(out) {
		out = norm.NFC.String(out)
		rep.Normalized = true
	}
	return out, rep
}

// IsStoredForm reports whether s is already as NormalizeText would leave
// it, without building a copy.
func IsStoredForm(s string) bool {
	for i, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) || (r == '\uFEFF' && i == 0) {
			return false
		}
	}
	return utf8.ValidString(s) && norm.NFC.IsNormalString(s)
}

// RuneLen returns the number of code points in s.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// Slice returns the code points [start, end) of s. Out-of-range bounds are
// clamped, so callers validate positions first where that matters.
func Slice(s string, start, end int) string {
	if start < 0 {
		start = 0
	}
	if end <= start {
		return ""
	}
	bs, be := ByteOffset(s, start), ByteOffset(s, end)
	return s[bs:be]
}

// ByteOffset returns the byte index of code point n in s (len(s) when n is
// at or beyond the end).
func ByteOffset(s string, n int) int {
	if n <= 0 {
		return 0
	}
	count := 0
	for i := range s {
		if count == n {
			return i
		}
		count++
	}
	return len(s)
}

// RuneOffset returns the code-point index of byte offset b in s. A byte
// offset inside a multi-byte sequence counts as the code point it belongs to.
func RuneOffset(s string, b int) int {
	if b > len(s) {
		b = len(s)
	}
	return utf8.RuneCountInString(s[:b])
}

// ContentHash returns the hex SHA-256 of stored text, used to flag
// duplicate imports.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// CheckLine refuses a one-line label (a name, title or label) holding a
// line break, tab or other control character; what names it in the
// error.
func CheckLine(what, s string) error {
	if strings.ContainsAny(s, "\n\r\t") {
		return Errorf(EINVALID, "%s must be a single line", what)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return Errorf(EINVALID, "%s must not contain control characters (found %U)", what, r)
		}
	}
	return nil
}

// CleanText prepares a free text (a description, definition or memo) for
// storing: CRLF and lone CR become "\n", and control characters other
// than tab and newline are refused; what names the text in the error.
func CleanText(what string, s *string) error {
	if strings.ContainsRune(*s, '\r') {
		*s = strings.ReplaceAll(strings.ReplaceAll(*s, "\r\n", "\n"), "\r", "\n")
	}
	for _, r := range *s {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return Errorf(EINVALID, "%s must not contain control characters other than tab and newline (found %U)", what, r)
		}
	}
	return nil
}
