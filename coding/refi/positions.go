package refi

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"tessera/coding"
)

// Positions names how the startPosition and endPosition of a
// PlainTextSelection count characters. The standard says "character
// position" without saying which characters; programs differ: NVivo
// counts UTF-16 code units, QualCoder (Python strings) and Tessera count
// Unicode code points. The two agree until the first character outside
// the Basic Multilingual Plane (most emoji, rare CJK, historic scripts),
// which is one code point but two UTF-16 units.
type Positions string

// The position conventions.
const (
	PositionsCodePoints Positions = "codepoints"
	PositionsUTF16      Positions = "utf16"
)

// DefaultPositions is the convention Export writes when none is asked for.
const DefaultPositions = PositionsCodePoints

// ParsePositions reads a convention name: "codepoints" or "utf16" (""
// gives the default). Other names are EINVALID.
func ParsePositions(s string) (Positions, error) {
	switch p := Positions(strings.ToLower(strings.TrimSpace(s))); p {
	case "":
		return DefaultPositions, nil
	case PositionsCodePoints, PositionsUTF16:
		return p, nil
	}
	return "", coding.Errorf(coding.EINVALID, "unknown position convention %q: use codepoints or utf16", s)
}

// astralIndex lists the code-point indexes of a text's characters outside
// the Basic Multilingual Plane, the only ones where code points and UTF-16
// code units part.
type astralIndex []int

// newAstralIndex indexes s; it is nil when s has no such character.
func newAstralIndex(s string) astralIndex {
	var idx astralIndex
	i := 0
	for _, r := range s {
		if r > 0xFFFF {
			idx = append(idx, i)
		}
		i++
	}
	return idx
}

// toUTF16 converts a code-point position to UTF-16 code units.
func (a astralIndex) toUTF16(cp int) int {
	return cp + sort.SearchInts(a, cp) // astral characters before cp
}

// fromUTF16 converts a UTF-16 position to code points. ok is false when u
// falls between the two halves of a surrogate pair; cp is then the
// position of that character.
func (a astralIndex) fromUTF16(u int) (cp int, ok bool) {
	// k = astral characters that end at or before u.
	k := sort.Search(len(a), func(k int) bool { return a[k]+k+2 > u })
	if k < len(a) && a[k]+k+1 == u {
		return a[k], false
	}
	return u - k, true
}

// differs reports whether a UTF-16 position u reads differently as code
// points: it lies after the first astral character.
func (a astralIndex) differs(u int) bool {
	return len(a) > 0 && u > a[0]
}

// SourcePositions tells which convention the import read a source's
// selections in, and why.
type SourcePositions struct {
	// Source is the document title.
	Source string `json:"source"`
	// Positions is "codepoints" or "utf16".
	Positions Positions `json:"positions"`
	// Basis says what decided: the text has no character outside the
	// Basic Multilingual Plane (both readings agree), the file's origin or
	// marker, or the count of selection boundaries that fall on word and
	// line boundaries under each reading.
	Basis string `json:"basis"`
	// Sure is false when the evidence did not settle the question; the
	// report then also carries a warning.
	Sure bool `json:"sure"`
}

// originPositions returns the convention a file's origin or Tessera
// marker implies, and how it is named in the report; "" when unknown.
func originPositions(origin string, marker Positions) (Positions, string) {
	if marker != "" {
		return marker, "the file's Tessera marker"
	}
	o := strings.ToLower(origin)
	switch {
	case strings.Contains(o, "nvivo"):
		return PositionsUTF16, "the file's origin (" + cleanLine(origin) + " counts UTF-16 code units)"
	case strings.Contains(o, "qualcoder"):
		return PositionsCodePoints, "the file's origin (" + cleanLine(origin) + " counts code points)"
	case strings.HasPrefix(o, "tessera"):
		return PositionsCodePoints, "the file's origin (" + cleanLine(origin) + " counts code points)"
	}
	return "", ""
}

// boundaryScore counts, over the selection ends whose readings differ
// (n of them), how many fall on a word or line boundary of raw when read
// as code points (cp) and as UTF-16 units (u16), and how many do so under
// one reading only (cpOnly, u16Only): those are the ends that tell.
type boundaryScore struct{ cp, u16, cpOnly, u16Only, n int }

func scoreBoundaries(raw []rune, idx astralIndex, sels []inSelection) boundaryScore {
	var b boundaryScore
	for _, sel := range sels {
		for _, s := range []string{sel.Start, sel.End} {
			pos, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || !idx.differs(pos) {
				continue
			}
			b.n++
			c, ok := idx.fromUTF16(pos)
			asCP, asU16 := atBoundary(raw, pos), ok && atBoundary(raw, c)
			if asCP {
				b.cp++
			}
			if asU16 {
				b.u16++
			}
			switch {
			case asCP && !asU16:
				b.cpOnly++
			case asU16 && !asCP:
				b.u16Only++
			}
		}
	}
	return b
}

// winner returns the reading the boundaries favour, "" for a tie, and
// whether they favour it clearly: three telling ends for it to every one
// against it.
func (b boundaryScore) winner() (Positions, bool) {
	switch {
	case b.u16Only > b.cpOnly:
		return PositionsUTF16, b.u16Only >= 3*b.cpOnly
	case b.cpOnly > b.u16Only:
		return PositionsCodePoints, b.cpOnly >= 3*b.u16Only
	}
	return "", false
}

// String writes the counts for the report.
func (b boundaryScore) String() string {
	return strconv.Itoa(b.u16) + " of " + strconv.Itoa(b.n) + " selection ends fall on word or line boundaries read as UTF-16 units, " + strconv.Itoa(b.cp) + " read as code points"
}

// atBoundary reports whether code-point position p of raw lies outside a
// word: at either end, or next to a character that is not a letter,
// digit or combining mark.
func atBoundary(raw []rune, p int) bool {
	switch {
	case p < 0 || p > len(raw):
		return false
	case p == 0 || p == len(raw):
		return true
	}
	return !isWordRune(raw[p-1]) || !isWordRune(raw[p])
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// decidePositions chooses the convention of one source from its raw text,
// its selections and the file's prior (origin or marker). It records the
// choice in the report and warns when unsure.
func (p *planner) decidePositions(title, raw string, idx astralIndex, exact bool, sels []inSelection) Positions {
	prior, priorWhy := originPositions(p.xp.Origin, p.marker.Positions)
	sp := SourcePositions{Source: title, Positions: prior, Basis: priorWhy, Sure: prior != ""}
	if sp.Positions == "" {
		sp.Positions = PositionsCodePoints
		sp.Basis = "default (the file's origin does not tell)"
	}
	switch {
	case len(idx) == 0:
		sp.Basis = "the text has no character outside the Basic Multilingual Plane, so code points and UTF-16 units agree"
		sp.Sure = true
	case !exact:
		sp.Basis += "; the text was extracted from a rich file, so boundaries were not checked"
	default:
		b := scoreBoundaries([]rune(raw), idx, sels)
		win, clear := b.winner()
		switch {
		case b.n == 0:
			sp.Basis = "no selection lies after the first character outside the Basic Multilingual Plane, so both readings agree"
			sp.Sure = true
		case win == "":
			// The text does not tell; the origin, when known, stands.
			sp.Basis += "; the text does not tell the readings apart (" + b.String() + ")"
		case clear || prior == "" || prior == win:
			evidence := b.String()
			if prior != "" && prior != win {
				evidence += "; this overrides " + priorWhy
			}
			sp.Positions, sp.Basis, sp.Sure = win, evidence, clear || prior == win
		default:
			sp.Basis += "; the text leans the other way but not clearly (" + b.String() + ")"
			sp.Sure = false
		}
	}
	p.rep.Positions = append(p.rep.Positions, sp)
	if !sp.Sure && len(sels) > 0 {
		p.rep.warnf("source %q: not sure whether its selection positions count code points or UTF-16 units; read as %s (%s): check its quotes", title, sp.Positions, sp.Basis)
	}
	return sp.Positions
}
