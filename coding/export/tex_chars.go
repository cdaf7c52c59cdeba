package export

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/runenames"
)

// pdfTeXChars are the characters beyond ASCII that pdfLaTeX sets with the
// T1 and TS1 font encodings and utf8 input: those LaTeX's t1enc.dfu and
// ts1enc.dfu declare (TeX Live 2022), and the ellipsis, cedilla and two
// accents that utf8enc.dfu declares for every encoding.
var pdfTeXChars = &unicode.RangeTable{R16: []unicode.Range16{
	{0x00A0, 0x0125, 1}, {0x0128, 0x0137, 1}, {0x0139, 0x013E, 1}, {0x0141, 0x0148, 1},
	{0x014A, 0x0165, 1}, {0x0168, 0x017E, 1}, {0x0192, 0x0192, 1}, {0x01C4, 0x01D4, 1},
	{0x01E2, 0x01E3, 1}, {0x01E6, 0x01EB, 1}, {0x01F0, 0x01F0, 1}, {0x01F4, 0x01F5, 1},
	{0x0218, 0x021B, 1}, {0x0232, 0x0233, 1}, {0x0237, 0x0237, 1}, {0x02C6, 0x02C7, 1},
	{0x02D8, 0x02D9, 1}, {0x02DB, 0x02DD, 1}, {0x0E3F, 0x0E3F, 1}, {0x1E02, 0x1E03, 1},
	{0x1E0D, 0x1E0D, 1}, {0x1E1E, 0x1E21, 1}, {0x1E25, 0x1E25, 1}, {0x1E30, 0x1E31, 1},
	{0x1E37, 0x1E37, 1}, {0x1E43, 0x1E43, 1}, {0x1E45, 0x1E45, 1}, {0x1E47, 0x1E47, 1},
	{0x1E5B, 0x1E5B, 1}, {0x1E63, 0x1E63, 1}, {0x1E6D, 0x1E6D, 1}, {0x1E8E, 0x1E91, 1},
	{0x1E9E, 0x1E9E, 1}, {0x1EF2, 0x1EF3, 1}, {0x200C, 0x200C, 1}, {0x2010, 0x2016, 1},
	{0x2018, 0x201A, 1}, {0x201C, 0x201E, 1}, {0x2020, 0x2022, 1}, {0x2026, 0x2026, 1},
	{0x2030, 0x2031, 1}, {0x2039, 0x203B, 1}, {0x203D, 0x203D, 1}, {0x2044, 0x2044, 1},
	{0x204E, 0x204E, 1}, {0x2052, 0x2052, 1}, {0x20A1, 0x20A1, 1}, {0x20A4, 0x20A4, 1},
	{0x20A6, 0x20A6, 1}, {0x20A9, 0x20A9, 1}, {0x20AB, 0x20AC, 1}, {0x20B1, 0x20B1, 1},
	{0x2103, 0x2103, 1}, {0x2116, 0x2117, 1}, {0x211E, 0x211E, 1}, {0x2120, 0x2120, 1},
	{0x2122, 0x2122, 1}, {0x2126, 0x2127, 1}, {0x212E, 0x212E, 1}, {0x2190, 0x2193, 1},
	{0x2329, 0x232A, 1}, {0x2422, 0x2423, 1}, {0x25E6, 0x25E6, 1}, {0x25EF, 0x25EF, 1},
	{0x266A, 0x266A, 1}, {0x27E8, 0x27E9, 1}, {0x3008, 0x3009, 1}, {0xFB00, 0xFB06, 1},
	{0xFEFF, 0xFEFF, 1},
}}

// texFallbacks returns, for the pdfLaTeX branch of the preamble, a
// \DeclareUnicodeCharacter line for each character of texts that pdfLaTeX
// cannot set (emoji, other scripts): it prints the character's Unicode
// name in brackets, "[thumbs up sign]", instead of stopping with an error.
// Joiners and variation selectors print nothing. LuaLaTeX and XeLaTeX set
// the characters themselves, given a font that has them.
func texFallbacks(texts []string) string {
	seen := map[rune]bool{}
	for _, s := range texts {
		for _, r := range s {
			if r >= 0x80 && !unicode.Is(pdfTeXChars, r) {
				seen[r] = true
			}
		}
	}
	runes := make([]rune, 0, len(seen))
	for r := range seen {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	var b strings.Builder
	for _, r := range runes {
		shown := ""
		switch {
		case r == 0x200D || unicode.Is(unicode.Variation_Selector, r):
		default:
			name := strings.ToLower(runenames.Name(r))
			if name == "" || strings.HasPrefix(name, "<") {
				name = fmt.Sprintf("U+%04X", r)
			}
			shown = "[" + name + "]"
		}
		fmt.Fprintf(&b, "  \\DeclareUnicodeCharacter{%04X}{%s}\n", r, shown)
	}
	return b.String()
}
