package search

import (
	"sort"
	"strings"
	"unicode/utf8"

	"tessera/coding/search/internal/fuzzy"
)

// matcher finds where a query matches in the text of a hit. The index
// records no byte offsets (they would make it half as large again), so
// each hit's text is analysed again, with the same tokenizer and stems,
// and the query's positive words and phrases are looked for in it. Only
// the hits of one page are located this way.
type matcher struct {
	lang   string
	leaves []leaf
}

// leaf is one positive word or phrase of a query, scoped to a field ("" for
// all text fields).
type leaf struct {
	field string
	kind  int
	terms []string // one term, or the words of a phrase
	dist  int      // fuzzy edit distance; proximity window
	// prefix starts every word a stem leaf matches (see stemPrefix): a
	// cheap test before the stemmer.
	prefix string
	// memo remembers matchWord's answer per word: words repeat across the
	// hits of a page. A matcher serves one request, so no locking.
	memo map[string]bool
}

const (
	leafStem = iota
	leafExact
	leafFuzzy
	leafWildcard
	leafPhrase
	leafNear
)

// newMatcher collects the positive leaves of a parsed query (words under a
// "-" find nothing to show).
func newMatcher(n qnode, qa *queryAnalyzer) *matcher {
	m := &matcher{lang: qa.lang}
	var walk func(n qnode)
	walk = func(n qnode) {
		switch n := n.(type) {
		case *qall:
			for _, it := range n.must {
				walk(it)
			}
		case *qany:
			for _, it := range n.items {
				walk(it)
			}
		case *qword:
			text := strings.TrimSpace(n.text)
			switch {
			case strings.ContainsAny(text, "*?"):
				m.leaves = append(m.leaves, leaf{field: n.field, kind: leafWildcard, terms: []string{foldPattern(text)}})
			default:
				ws := qa.words(text)
				switch {
				case len(ws) > 1:
					m.leaves = append(m.leaves, leaf{field: n.field, kind: leafPhrase, terms: ws})
				case len(ws) == 1 && n.fuzzy >= 0:
					m.leaves = append(m.leaves, leaf{field: n.field, kind: leafFuzzy, terms: ws, dist: fuzziness(ws[0], n.fuzzy)})
				case len(ws) == 1:
					st := qa.stem(ws[0])
					m.leaves = append(m.leaves, leaf{field: n.field, kind: leafStem, terms: []string{st}, prefix: stemPrefix(st)})
				}
			}
		case *qphrase:
			ws := qa.words(n.text)
			switch {
			case len(ws) == 1:
				m.leaves = append(m.leaves, leaf{field: n.field, kind: leafExact, terms: ws})
			case len(ws) > 1 && n.slop >= 0:
				m.leaves = append(m.leaves, leaf{field: n.field, kind: leafNear, terms: ws, dist: len(ws) - 1 + n.slop})
			case len(ws) > 1:
				m.leaves = append(m.leaves, leaf{field: n.field, kind: leafPhrase, terms: ws})
			}
		}
	}
	if n != nil {
		walk(n)
	}
	for i := range m.leaves {
		m.leaves[i].memo = map[string]bool{}
	}
	return m
}

// matches returns the matches of the query in ut (a unit's text in field),
// in code points of the document, overlapping matches merged.
func (m *matcher) matches(ut unitText, field string) []Match {
	if len(m.leaves) == 0 {
		return nil
	}
	ws := words(ut.text)
	var spans [][2]int // word index ranges, inclusive
	for i := range m.leaves {
		l := &m.leaves[i]
		if l.field != "" && l.field != field {
			continue
		}
		spans = l.find(ws, m.lang, spans)
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i][0] != spans[j][0] {
			return spans[i][0] < spans[j][0]
		}
		return spans[i][1] > spans[j][1]
	})
	// Merge overlapping spans and convert them to code points in one pass.
	out := []Match{}
	cp, at := ut.base, 0
	for i := 0; i < len(spans); {
		first, last := spans[i][0], spans[i][1]
		for i++; i < len(spans) && spans[i][0] <= last; i++ {
			last = max(last, spans[i][1])
		}
		s, e := ws[first].start, ws[last].end
		cp += utf8.RuneCountInString(ut.text[at:s])
		start := cp
		cp += utf8.RuneCountInString(ut.text[s:e])
		at = e
		out = append(out, Match{Start: start, End: cp, Field: field})
	}
	return out
}

// find appends the word ranges where l matches in ws.
func (l *leaf) find(ws []word, lang string, spans [][2]int) [][2]int {
	switch l.kind {
	case leafPhrase:
		n := len(l.terms)
		for i := 0; i+n <= len(ws); i++ {
			ok := true
			for j, t := range l.terms {
				if ws[i+j].term != t {
					ok = false
					break
				}
			}
			if ok {
				spans = append(spans, [2]int{i, i + n - 1})
			}
		}
	case leafNear:
		spans = nearSpans(ws, l.terms, l.dist, spans)
	case leafExact:
		for i, w := range ws {
			if w.term == l.terms[0] {
				spans = append(spans, [2]int{i, i})
			}
		}
	default:
		for i, w := range ws {
			if !strings.HasPrefix(w.term, l.prefix) {
				continue // also "" for leaves other than stems
			}
			ok, seen := l.memo[w.term]
			if !seen {
				ok = l.matchWord(w.term, lang)
				l.memo[w.term] = ok
			}
			if ok {
				spans = append(spans, [2]int{i, i})
			}
		}
	}
	return spans
}

// matchWord reports whether a single-word leaf matches the word term.
func (l *leaf) matchWord(term, lang string) bool {
	t := l.terms[0]
	switch l.kind {
	case leafStem:
		return term == t || stem(lang, term) == t
	case leafExact:
		return term == t
	case leafFuzzy:
		return fuzzy.Distance(term, t, l.dist) <= l.dist
	case leafWildcard:
		return globMatch(t, term)
	}
	return false
}

// nearSpans appends the shortest windows of at most window+1 words that
// hold every term (as many times as terms lists it), in any order.
func nearSpans(ws []word, terms []string, window int, spans [][2]int) [][2]int {
	need := map[string]int{}
	for _, t := range terms {
		need[t]++
	}
	var idx []int // positions of needed words
	for i, w := range ws {
		if need[w.term] > 0 {
			idx = append(idx, i)
		}
	}
	have := map[string]int{}
	missing := len(need)
	l := 0
	for r := range idx {
		t := ws[idx[r]].term
		have[t]++
		if have[t] == need[t] {
			missing--
		}
		for missing == 0 {
			if idx[r]-idx[l] <= window {
				spans = append(spans, [2]int{idx[l], idx[r]})
			}
			lt := ws[idx[l]].term
			if have[lt] == need[lt] {
				missing++
			}
			have[lt]--
			l++
		}
	}
	return spans
}

// globMatch reports whether s matches pattern p, where * stands for any
// run of characters and ? for one.
func globMatch(p, s string) bool {
	pr, sr := []rune(p), []rune(s)
	pi, si, star, mark := 0, 0, -1, 0
	for si < len(sr) {
		switch {
		case pi < len(pr) && (pr[pi] == '?' || pr[pi] == sr[si]):
			pi++
			si++
		case pi < len(pr) && pr[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(pr) && pr[pi] == '*' {
		pi++
	}
	return pi == len(pr)
}
