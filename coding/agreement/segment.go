package agreement

import "sort"

// segment is a coder's coded range after overlapping quotes with the same
// code have been merged.
type segment struct {
	span
	coder int
}

// overlapSlack absorbs floating-point rounding when an overlap share is
// compared with the threshold, so that 9 of 10 code points meets 0.9.
const overlapSlack = 1e-12

// segmentTally counts, for one code, the units of the segment level:
// groups of matched segments, each rated 1 by the coders with a segment
// in it, and the stretches of text that no coder coded with the code,
// each rated 0 by every coder.
func (p *prepared) segmentTally(code int) *tally {
	t := newTally(len(p.coders))
	if p.spans[code] == nil {
		return t // nobody used the code: no units
	}
	for d, doc := range p.docs {
		var segs []segment
		if p.spans[code][d] != nil {
			for c, spans := range p.spans[code][d] {
				for _, s := range mergeSpans(spans) {
					segs = append(segs, segment{s, c})
				}
			}
		}
		sort.Slice(segs, func(i, j int) bool {
			a, b := segs[i], segs[j]
			if a.start != b.start {
				return a.start < b.start
			}
			if a.end != b.end {
				return a.end < b.end
			}
			return a.coder < b.coder
		})
		p.tallyGroups(t, segs)
		gaps := countGaps(segs, doc.length)
		t.units += gaps
		t.byCount[0] += gaps
	}
	return t
}

// tallyGroups links segments of different coders that match, and counts
// each connected group as one unit.
func (p *prepared) tallyGroups(t *tally, segs []segment) {
	parent := make([]int, len(segs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Segments are sorted by start, so those overlapping segs[i] from the
	// right start before it ends.
	for i := range segs {
		for j := i + 1; j < len(segs) && segs[j].start < segs[i].end; j++ {
			if segs[i].coder != segs[j].coder && matches(segs[i].span, segs[j].span, p.minOverlap) {
				parent[find(j)] = find(i)
			}
		}
	}
	// Gather each group's coders and size.
	type group struct {
		coders []bool
		size   int
	}
	groups := map[int]*group{}
	var order []int
	for i, s := range segs {
		r := find(i)
		g := groups[r]
		if g == nil {
			g = &group{coders: make([]bool, len(p.coders))}
			groups[r] = g
			order = append(order, r)
		}
		g.coders[s.coder] = true
		g.size++
	}
	for _, r := range order {
		g := groups[r]
		n := 0
		for c, in := range g.coders {
			if in {
				n++
				t.coded[c]++
			}
		}
		t.units++
		t.byCount[n]++
		t.segments += g.size
		if n == len(p.coders) {
			t.matched += g.size
		}
	}
}

// matches reports whether two spans share at least the share threshold
// of the code points they cover together (intersection over union).
func matches(a, b span, threshold float64) bool {
	inter := min(a.end, b.end) - max(a.start, b.start)
	if inter <= 0 {
		return false
	}
	union := max(a.end, b.end) - min(a.start, b.start)
	return float64(inter)/float64(union) >= threshold-overlapSlack
}

// mergeSpans returns the spans sorted, with spans that share a code point
// merged into one.
func mergeSpans(spans []span) []span {
	if len(spans) == 0 {
		return nil
	}
	s := append([]span(nil), spans...)
	sort.Slice(s, func(i, j int) bool {
		if s[i].start != s[j].start {
			return s[i].start < s[j].start
		}
		return s[i].end < s[j].end
	})
	out := s[:1]
	for _, x := range s[1:] {
		last := &out[len(out)-1]
		if x.start < last.end {
			last.end = max(last.end, x.end)
			continue
		}
		out = append(out, x)
	}
	return out
}

// countGaps counts the maximal stretches of [0, length) that no segment
// covers; segs are sorted by start.
func countGaps(segs []segment, length int) int {
	gaps, covered := 0, 0
	for _, s := range segs {
		if s.start > covered {
			gaps++
		}
		covered = max(covered, s.end)
	}
	if length > covered {
		gaps++
	}
	return gaps
}
