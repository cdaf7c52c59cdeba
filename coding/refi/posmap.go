package refi

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"tessera/coding"
)

// posMap maps code-point positions in a source's raw plain text to
// positions in its stored form (coding.NormalizeText). The raw text is cut
// into clusters that cover it without gaps: identity runs, whose code
// points map one to one, and clusters that normalisation rewrote as a
// whole (a CRLF pair, a removed control character, a sequence NFC
// composed). A selection that starts inside a rewritten cluster starts
// where the cluster's output starts; one that ends inside it ends where
// the output ends, so a selection never loses the characters it touched.
type posMap struct {
	runs   []posRun
	rawLen int
	outLen int
}

// posRun is one cluster: raw code points [raw, raw+rawN) become output
// code points [out, out+outN). ident runs map each code point to one.
type posRun struct {
	raw, rawN int
	out, outN int
	ident     bool
}

// add appends a cluster, merging adjacent identity runs.
func (m *posMap) add(rawN, outN int, ident bool) {
	if rawN == 0 {
		return
	}
	if n := len(m.runs); ident && n > 0 && m.runs[n-1].ident {
		m.runs[n-1].rawN += rawN
		m.runs[n-1].outN += outN
	} else {
		m.runs = append(m.runs, posRun{raw: m.rawLen, rawN: rawN, out: m.outLen, outN: outN, ident: ident})
	}
	m.rawLen += rawN
	m.outLen += outN
}

// find returns the run holding raw code point p (0 <= p < rawLen).
func (m *posMap) find(p int) posRun {
	i := sort.Search(len(m.runs), func(i int) bool { return m.runs[i].raw+m.runs[i].rawN > p })
	return m.runs[i]
}

// start maps the raw position of a selection's first code point.
func (m *posMap) start(p int) int {
	switch {
	case p <= 0:
		return 0
	case p >= m.rawLen:
		return m.outLen
	}
	r := m.find(p)
	if r.ident {
		return r.out + p - r.raw
	}
	return r.out
}

// end maps the raw position just after a selection's last code point.
func (m *posMap) end(p int) int {
	switch {
	case p <= 0:
		return 0
	case p > m.rawLen:
		return m.outLen
	}
	r := m.find(p - 1)
	if r.ident {
		return r.out + p - r.raw
	}
	return r.out + r.outN
}

// textMapper normalises a source's raw text as coding.NormalizeText does
// and maps selection positions through both steps: line ends, byte-order
// mark and control characters first, then NFC.
type textMapper struct {
	Text    string // the stored form
	RawLen  int    // code points of the raw text
	clean   posMap // raw -> after line-end and control-character clean-up
	compose posMap // cleaned -> NFC
}

// newTextMapper builds the mapper for raw. It fails (EINTERNAL) only if
// its result were to differ from coding.NormalizeText, which would be a
// bug: positions would then be mapped into the wrong text.
func newTextMapper(raw string) (*textMapper, error) {
	tm := &textMapper{RawLen: utf8.RuneCountInString(raw)}
	cleaned := tm.cleanUp(raw)
	tm.Text = tm.composeNFC(cleaned)
	if want, _ := coding.NormalizeText(raw); want != tm.Text {
		return nil, coding.Errorf(coding.EINTERNAL, "normalised text differs from the position map")
	}
	return tm, nil
}

// cleanUp repeats NormalizeText's first pass (CRLF and CR to LF, a leading
// byte-order mark dropped, control characters other than tab and newline
// removed), recording the clusters.
func (tm *textMapper) cleanUp(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			n := 1
			if i < len(s) && s[i] == '\n' {
				i++
				n = 2
			}
			b.WriteByte('\n')
			tm.clean.add(n, 1, n == 1)
		case r == '\n' || r == '\t':
			b.WriteRune(r)
			tm.clean.add(1, 1, true)
		case r == '\uFEFF' && b.Len() == 0, unicode.IsControl(r):
			tm.clean.add(1, 0, false)
		default:
			b.WriteRune(r)
			tm.clean.add(1, 1, true)
		}
	}
	return b.String()
}

// composeNFC applies NFC segment by segment (segments are the stretches
// NFC may rewrite as a whole, so NFC of the text is the concatenation of
// NFC of its segments), recording the clusters.
func (tm *textMapper) composeNFC(s string) string {
	if norm.NFC.IsNormalString(s) {
		tm.compose.add(utf8.RuneCountInString(s), utf8.RuneCountInString(s), true)
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		n := norm.NFC.NextBoundaryInString(s[i:], true)
		if n <= 0 {
			n = len(s) - i
		}
		seg := s[i : i+n]
		i += n
		segN := utf8.RuneCountInString(seg)
		if norm.NFC.IsNormalString(seg) {
			b.WriteString(seg)
			tm.compose.add(segN, segN, true)
			continue
		}
		out := norm.NFC.String(seg)
		b.WriteString(out)
		tm.compose.add(segN, utf8.RuneCountInString(out), false)
	}
	return b.String()
}

// Map converts a selection [start, end) of the raw text to the stored
// text. ok is false when the selection lies outside the raw text or
// becomes empty (it held only removed characters).
func (tm *textMapper) Map(start, end int) (s, e int, ok bool) {
	if start < 0 || end <= start || end > tm.RawLen {
		return 0, 0, false
	}
	s = tm.compose.start(tm.clean.start(start))
	e = tm.compose.end(tm.clean.end(end))
	return s, e, s < e
}
