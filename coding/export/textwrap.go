package export

import (
	"strings"
	"unicode"
)

// textWidth estimates the width of s in pixels at the figure's font size
// from its characters: narrow, average, wide and double-width (emoji and
// East Asian) classes. Bold text is taken 8% wider. The estimate errs on
// the wide side so that text stays inside its box in common sans fonts.
func textWidth(s string, bold bool) float64 {
	em := 0.0
	for _, r := range s {
		em += runeEm(r)
	}
	w := em * figFont
	if bold {
		w *= 1.08
	}
	return w
}

func runeEm(r rune) float64 {
	switch {
	case strings.ContainsRune(" .,;:'|!iIjlft()[]", r):
		return 0.3
	case strings.ContainsRune("mwMW@%", r):
		return 0.9
	case r >= 0x1100 && (unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) || r >= 0x1F000):
		return 1.15
	case unicode.IsUpper(r):
		return 0.68
	}
	return 0.55
}

// wrapText breaks s into lines no wider than width, at spaces where it
// can and inside words that are too long on their own.
func wrapText(s string, width float64, bold bool) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		for textWidth(word, bold) > width {
			// Split an over-long word at the last rune that still fits.
			if line != "" {
				lines, line = append(lines, line), ""
			}
			rs := []rune(word)
			n := 1
			for n < len(rs) && textWidth(string(rs[:n+1]), bold) <= width {
				n++
			}
			lines = append(lines, string(rs[:n]))
			word = string(rs[n:])
		}
		switch {
		case word == "":
		case line == "":
			line = word
		case textWidth(line+" "+word, bold) <= width:
			line += " " + word
		default:
			lines, line = append(lines, line), word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
