package coding

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SentenceAround returns the byte range of the sentence (or sentences)
// holding text[s:e]. A sentence ends after ".", "!", "?" or "…" followed
// by a space, or at a line break; it starts after the previous end. The
// range never leaves text and never includes the speaker label that opens
// a turn ("CEO (Anna): ").
func SentenceAround(text string, s, e int, speaker string) (int, int) {
	start := 0
	for i := s; i > 0; {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if r == '\n' {
			start = i
			break
		}
		if isTerminal(r) && i < len(text) && i <= s {
			next, _ := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(next) {
				start = i
				break
			}
		}
		i -= size
	}
	end := len(text)
	for i := e; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			end = i
			break
		}
		i += size
		if isTerminal(r) {
			if i >= len(text) {
				end = i
				break
			}
			next, _ := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(next) {
				end = i
				break
			}
		}
	}
	// Skip the speaker label and the spaces the sentence starts with.
	if start == 0 && speaker != "" && strings.HasPrefix(text, speaker) {
		rest := text[len(speaker):]
		if strings.HasPrefix(rest, ":") && len(speaker)+1 <= s {
			start = len(speaker) + 1
		}
	}
	for start < s {
		r, size := utf8.DecodeRuneInString(text[start:])
		if !unicode.IsSpace(r) && r != '*' {
			break
		}
		start += size
	}
	for end > e {
		r, size := utf8.DecodeLastRuneInString(text[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}

func isTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }
