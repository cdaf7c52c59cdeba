package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is a token of a text: its byte range and its term (lowercased,
// accents folded: "Luleå" -> "lulea").
type word struct {
	start, end int
	term       string
}

// wordByte tells for each ASCII byte whether it is part of words.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// isWordRune reports whether r belongs to words: letters, digits and
// combining marks.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return wordByte[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// isIdeograph reports whether r is written without spaces between words
// (Han, kana): each such character is a word of its own.
func isIdeograph(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// isJoiner reports whether r joins the word characters around it into one
// word: apostrophes (don't, Anna's), and "." or "," between digits (3.5,
// 1,000).
func isJoiner(r rune, digits bool) bool {
	return r == '\'' || r == '’' || (digits && (r == '.' || r == ','))
}

// tokenize calls fn for each word of s in order. Words are runs of
// letters, digits and marks, joined across apostrophes and decimal points;
// everything else (spaces, punctuation, symbols, emoji) separates them.
// It is the one tokenizer of both indexing and querying, so that both see
// the same words; an ASCII fast path keeps it quick.
func tokenize(s string, fn func(w word)) {
	var fold []byte
	i := 0
	for i < len(s) {
		// Skip separators.
		c := s[i]
		if c < utf8.RuneSelf {
			if !wordByte[c] {
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if isIdeograph(r) {
				fn(word{start: i, end: i + size, term: s[i : i+size]})
				i += size
				continue
			}
			if !isWordRune(r) {
				i += size
				continue
			}
		}
		// Scan the word.
		start, ascii, upper := i, true, false
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if wordByte[c] {
					upper = upper || (c >= 'A' && c <= 'Z')
					i++
					continue
				}
				if (c == '\'' || c == '.' || c == ',') && i+1 < len(s) {
					digits := c != '\'' && s[i-1] >= '0' && s[i-1] <= '9'
					if isJoiner(rune(c), digits) && joinsNext(s[i+1:], digits) {
						i++
						continue
					}
				}
				break
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) && !isIdeograph(r) {
				ascii = false
				i += size
				continue
			}
			if r == '’' && joinsNext(s[i+size:], false) {
				ascii = false
				i += size
				continue
			}
			break
		}
		term := s[start:i]
		switch {
		case ascii && !upper:
		case ascii:
			fold = append(fold[:0], term...)
			for j, c := range fold {
				if c >= 'A' && c <= 'Z' {
					fold[j] = c + 'a' - 'A'
				}
			}
			term = string(fold)
		default:
			term = foldWord(term)
		}
		fn(word{start: start, end: i, term: term})
	}
}

// joinsNext reports whether the text after a joiner continues the word:
// a letter or digit (a digit after a decimal point).
func joinsNext(rest string, digits bool) bool {
	if rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if digits {
		return r >= '0' && r <= '9'
	}
	return isWordRune(r) && !isIdeograph(r)
}

// foldWord lowercases a non-ASCII word and folds it to ASCII where a
// folding exists (å -> a, ß -> ss, ø -> o), so accent-free queries find
// accented words. Curly apostrophes become straight ones.
func foldWord(w string) string {
	w = strings.ToLower(w)
	w = strings.ReplaceAll(w, "’", "'")
	return string(folder.Filter([]byte(w)))
}

// words returns the words of s.
func words(s string) []word {
	var out []word
	tokenize(s, func(w word) { out = append(out, w) })
	return out
}
