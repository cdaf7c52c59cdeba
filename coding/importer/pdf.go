package importer

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"

	"tessera/coding"
)

// maxPDFPages bounds the pages read, against corrupt page counts.
const maxPDFPages = 20000

// readPDF reads the text layer of a PDF: the glyphs of each page in
// content order, with line breaks where the baseline moves and spaces
// where a gap separates glyphs. Pages are joined with "\n\n", ligatures
// are spelled out and words hyphenated across a line break are rejoined
// when both sides are lower-case letters. A PDF without text (a scan)
// gets "no text layer; OCR it first".
func readPDF(src source, opt Options) (ex *extracted, err error) {
	defer func() {
		if r := recover(); r != nil {
			ex, err = nil, coding.Errorf(coding.EINVALID, "not a valid PDF file (%v)", r)
		}
	}()
	r, err := pdf.NewReader(src.r, src.size)
	if errors.Is(err, pdf.ErrInvalidPassword) {
		return nil, coding.Errorf(coding.EINVALID, "the PDF is protected by a password; remove the protection and import it again")
	} else if err != nil {
		return nil, coding.Errorf(coding.EINVALID, "not a valid PDF file (%s)", strings.TrimPrefix(err.Error(), "malformed PDF: "))
	}
	var pages []string
	size := 0
	for i := 1; i <= min(r.NumPage(), maxPDFPages); i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		text, err := pageText(p)
		if err != nil {
			return nil, coding.Errorf(coding.EINVALID, "page %d of the PDF cannot be read (%v)", i, err)
		}
		pages = append(pages, text)
		if size += len(text); int64(size) > opt.maxText() {
			return nil, tooLarge(opt)
		}
	}
	text := cleanPDFText(strings.Join(pages, "\n\n"))
	if strings.TrimSpace(text) == "" {
		return nil, coding.Errorf(coding.EINVALID, "no text layer; OCR it first")
	}
	return &extracted{text: text}, nil
}

// pageText lays out a page's glyphs as lines.
func pageText(p pdf.Page) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	var b strings.Builder
	var prev *pdf.Text
	glyphs := p.Content().Text
	for i := range glyphs {
		g := &glyphs[i]
		if g.S == "" || g.S == "\n" {
			continue // the library marks the end of each TJ array with "\n"
		}
		if prev != nil {
			size := math.Max(math.Max(math.Abs(g.FontSize), math.Abs(prev.FontSize)), 1)
			last, _ := utf8.DecodeLastRuneInString(b.String())
			switch {
			case math.Abs(g.Y-prev.Y) > size/2 || g.X < prev.X-2*size:
				b.WriteByte('\n')
			case g.X-(prev.X+prev.W) > size/5 && last != ' ' && g.S != " ":
				b.WriteByte(' ')
			}
		}
		b.WriteString(g.S)
		prev = g
	}
	return b.String(), nil
}

// ligatures spells out typographic ligatures, including the private-use
// code points some fonts give "fi" and "fl".
var ligatures = strings.NewReplacer(
	"\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl",
	"\uFB05", "st", "\uFB06", "st", "\uF001", "fi", "\uF002", "fl",
)

// lineHyphen matches a word hyphenated across a line break between two
// lower-case letters ("learn-\ning"); softHyphen a soft hyphen there.
var (
	lineHyphen = regexp.MustCompile(`(\p{Ll})-\n(\p{Ll})`)
	softHyphen = regexp.MustCompile("\u00AD\n")
)

func cleanPDFText(s string) string {
	s = ligatures.Replace(s)
	s = softHyphen.ReplaceAllString(s, "")
	return lineHyphen.ReplaceAllString(s, "$1$2")
}
