// Package anonymise applies a project's anonymisation profile: it finds
// the names the project knows (cases, speakers, places, the researcher's
// terms) in text, as whole words with case and diacritic folding, and
// replaces them with pseudonyms. Snapshot turns a project snapshot into
// its anonymised copy, which every export reads; a Checker scans finished
// export files for names left in them.
package anonymise

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Replacer finds and replaces the terms of a list of rules.
type Replacer struct {
	rules []Rule
	// folded holds each rule's term folded, in the order of rules.
	folded []string
}

// NewReplacer returns a replacer for rules. Rules with the same folded
// term keep the first; earlier rules win over later ones.
func NewReplacer(rules []Rule) *Replacer {
	r := &Replacer{}
	f := newFolder()
	seen := map[string]bool{}
	for _, rule := range rules {
		key := f.foldString(rule.Term)
		if strings.TrimSpace(key) == "" || seen[key] {
			continue
		}
		seen[key] = true
		r.rules = append(r.rules, rule)
		r.folded = append(r.folded, key)
	}
	return r
}

// Rules returns the rules the replacer applies, without duplicates.
func (r *Replacer) Rules() []Rule { return r.rules }

// Match is one found term: the code points [Start, End) of the text and
// the index of its rule in Rules.
type Match struct {
	Start, End int
	Rule       int
}

// Matches returns the terms found in text as whole words, in text order,
// without overlaps: where two terms overlap, the one starting first wins,
// and of two starting together the longer.
func (r *Replacer) Matches(text string) []Match {
	if len(r.rules) == 0 || text == "" {
		return nil
	}
	ft := newFolder().foldText(text)
	var found []Match
	for i, term := range r.folded {
		for from := 0; from <= len(ft.folded)-len(term); {
			k := strings.Index(ft.folded[from:], term)
			if k < 0 {
				break
			}
			fb := from + k
			from = fb + 1
			if m, ok := ft.match(fb, fb+len(term)); ok {
				m.Rule = i
				found = append(found, m)
			}
		}
	}
	sort.Slice(found, func(a, b int) bool {
		if found[a].Start != found[b].Start {
			return found[a].Start < found[b].Start
		}
		if found[a].End != found[b].End {
			return found[a].End > found[b].End
		}
		return found[a].Rule < found[b].Rule
	})
	out := found[:0]
	end := 0
	for _, m := range found {
		if m.Start >= end {
			out = append(out, m)
			end = m.End
		}
	}
	return out
}

// Replace returns text with every match replaced.
func (r *Replacer) Replace(text string) string {
	out, _ := r.apply(text)
	return out
}

// apply returns text with every match replaced and a map of positions in
// text to positions in the result.
func (r *Replacer) apply(text string) (string, *posMap) {
	ms := r.Matches(text)
	pm := &posMap{}
	if len(ms) == 0 {
		return text, pm
	}
	src := []rune(text)
	var b strings.Builder
	last, shift := 0, 0
	for _, m := range ms {
		b.WriteString(string(src[last:m.Start]))
		repl := r.rules[m.Rule].Replacement
		n := len([]rune(repl))
		b.WriteString(repl)
		pm.spans = append(pm.spans, span{start: m.Start, end: m.End, newStart: m.Start + shift, newLen: n})
		shift += n - (m.End - m.Start)
		last = m.End
	}
	b.WriteString(string(src[last:]))
	return b.String(), pm
}

// span is one replaced range and where its replacement went.
type span struct{ start, end, newStart, newLen int }

// posMap maps code-point positions of a text to those of its replaced
// form.
type posMap struct{ spans []span }

// start maps the start of a range: a start inside a replaced term moves
// to the start of its replacement.
func (p *posMap) start(pos int) int { return p.at(pos, false) }

// end maps the end of a range: an end inside a replaced term moves to
// the end of its replacement.
func (p *posMap) end(pos int) int { return p.at(pos, true) }

func (p *posMap) at(pos int, isEnd bool) int {
	shift := 0
	for _, s := range p.spans {
		if pos <= s.start {
			return pos + shift
		}
		if pos < s.end {
			if isEnd {
				return s.newStart + s.newLen
			}
			return s.newStart
		}
		shift = s.newStart + s.newLen - s.end
	}
	return pos + shift
}

// folder folds text for matching: compatibility decomposition, marks
// removed, full case folding, every run of white space one space, and
// typographic apostrophes as "'". It works rune by rune, so each folded
// byte can be traced back to the rune it came from.
type folder struct {
	t     transform.Transformer
	cache map[rune]string
}

func newFolder() *folder {
	return &folder{
		t:     transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), cases.Fold()),
		cache: map[rune]string{},
	}
}

// foldRune folds one rune; prevSpace says whether the rune before it was
// white space (runs of white space fold to one space).
func (f *folder) foldRune(r rune, prevSpace bool) string {
	if unicode.IsSpace(r) {
		if prevSpace {
			return ""
		}
		return " "
	}
	switch r {
	case '\u2019', '\u2018', '\u02bc':
		return "'"
	}
	if s, ok := f.cache[r]; ok {
		return s
	}
	s, _, err := transform.String(f.t, string(r))
	if err != nil {
		s = string(r)
	}
	f.cache[r] = s
	return s
}

// foldString folds s as a whole, trimmed.
func (f *folder) foldString(s string) string {
	var b strings.Builder
	prev := true
	for _, r := range strings.TrimSpace(s) {
		b.WriteString(f.foldRune(r, prev))
		prev = unicode.IsSpace(r)
	}
	return b.String()
}

// foldedText is a text with its folded form and the way back.
type foldedText struct {
	src    []rune
	folded string
	// startAt[b] is the first rune whose (non-empty) fold starts at byte b
	// of folded, or -1; endAt[b] the last rune index i (up to len(src))
	// whose fold starts at b, that is the end of a range ending at b.
	startAt, endAt []int32
}

func (f *folder) foldText(text string) *foldedText {
	ft := &foldedText{src: []rune(text)}
	var b strings.Builder
	starts := make([]int, len(ft.src)+1)
	prev := false
	for i, r := range ft.src {
		starts[i] = b.Len()
		b.WriteString(f.foldRune(r, prev))
		prev = unicode.IsSpace(r)
	}
	starts[len(ft.src)] = b.Len()
	ft.folded = b.String()
	ft.startAt = make([]int32, len(ft.folded)+1)
	ft.endAt = make([]int32, len(ft.folded)+1)
	for i := range ft.startAt {
		ft.startAt[i], ft.endAt[i] = -1, -1
	}
	for i := len(ft.src) - 1; i >= 0; i-- {
		if starts[i+1] > starts[i] {
			ft.startAt[starts[i]] = int32(i)
		}
	}
	for i, s := range starts {
		ft.endAt[s] = int32(i)
	}
	return ft
}

// match turns a hit at folded bytes [fb, fe) into a match of code points,
// if the hit begins and ends on rune boundaries and is a whole word:
// neither the rune before it nor the rune after it continues a word the
// term starts or ends with.
func (ft *foldedText) match(fb, fe int) (Match, bool) {
	s, e := ft.startAt[fb], ft.endAt[fe]
	if s < 0 || e < 0 || e <= s {
		return Match{}, false
	}
	start, end := int(s), int(e)
	if isWord(ft.src[start]) && start > 0 && isWord(ft.src[start-1]) {
		return Match{}, false
	}
	// The last rune of the term proper (marks that trail it belong to it).
	last := end - 1
	for last > start && unicode.Is(unicode.Mn, ft.src[last]) {
		last--
	}
	if isWord(ft.src[last]) && end < len(ft.src) && isWord(ft.src[end]) {
		return Match{}, false
	}
	return Match{Start: start, End: end}, true
}

// isWord reports whether r is part of a word: a letter, digit or mark.
func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}
