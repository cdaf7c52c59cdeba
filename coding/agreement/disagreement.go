package agreement

import "sort"

// Disagreement is a passage where the compared coders differ on a code.
// A passage is a run of overlapping segments (see docs/agreement.md for
// segments and matching). It is agreed, and not listed, when its segments
// form one matched group that every coder is in; it is a disagreement
// when some coders did not code it (Missing) or when their segments do
// not match by the minimum overlap (different boundaries).
type Disagreement struct {
	CodeID     string `json:"code_id"`
	DocumentID string `json:"document_id"`
	// Start and End span all the segments of the passage, in code points.
	Start int `json:"start"`
	End   int `json:"end"`
	// Coders coded the passage with the code; Missing did not. Both follow
	// the order of Input.Coders.
	Coders  []string `json:"coders"`
	Missing []string `json:"missing"`
	// Segments are the coded ranges, by start.
	Segments []Segment `json:"segments"`
}

// Segment is one coder's coded range: their overlapping quotes with the
// code, merged.
type Segment struct {
	Coder    string   `json:"coder"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	QuoteIDs []string `json:"quote_ids"`
}

// Disagreements lists, per code (in the report's code order), document
// (by ID) and position, the passages on which the coders of in disagree.
// It validates in as Compute does.
func Disagreements(in Input) ([]Disagreement, error) {
	p, err := prepare(in)
	if err != nil {
		return nil, err
	}
	coderIndex := map[string]int{}
	for i, c := range p.coders {
		coderIndex[c] = i
	}
	docIndex := map[string]int{}
	for i, d := range p.docs {
		docIndex[d.id] = i
	}
	quotes, err := selectQuotes(in.Quotes, coderIndex, docIndex, p.docs)
	if err != nil {
		return nil, err
	}
	out := []Disagreement{}
	for _, code := range p.codes {
		// Gather each coder's quotes with the code, per document.
		byDoc := map[string][]Segment{}
		for _, q := range quotes {
			for _, id := range q.CodeIDs {
				if id == code {
					byDoc[q.DocumentID] = append(byDoc[q.DocumentID], Segment{Coder: q.Coder, Start: q.Start, End: q.End, QuoteIDs: []string{q.ID}})
					break
				}
			}
		}
		for _, d := range p.docs {
			if segs := byDoc[d.id]; len(segs) > 0 {
				out = append(out, p.disagreementsIn(code, d.id, mergeSegments(segs, coderIndex), coderIndex)...)
			}
		}
	}
	return out, nil
}

// mergeSegments merges each coder's overlapping ranges, as the segment
// level does, and sorts the result by start, end and coder order.
func mergeSegments(segs []Segment, coderIndex map[string]int) []Segment {
	sort.Slice(segs, func(i, j int) bool {
		a, b := segs[i], segs[j]
		if a.Coder != b.Coder {
			return coderIndex[a.Coder] < coderIndex[b.Coder]
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End < b.End
	})
	var out []Segment
	for _, s := range segs {
		if n := len(out); n > 0 && out[n-1].Coder == s.Coder && s.Start < out[n-1].End {
			last := &out[n-1]
			last.End = max(last.End, s.End)
			last.QuoteIDs = append(last.QuoteIDs, s.QuoteIDs...)
			continue
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return coderIndex[a.Coder] < coderIndex[b.Coder]
	})
	return out
}

// disagreementsIn finds one document's disagreements on a code. Segments
// are linked into match groups, as the segment level links them, and
// into passages by any overlap. A passage is agreed when it is a single
// match group that every coder is in; every other passage is returned.
func (p *prepared) disagreementsIn(code, doc string, segs []Segment, coderIndex map[string]int) []Disagreement {
	match, passage := newUnionFind(len(segs)), newUnionFind(len(segs))
	// Segments are sorted by start, so those overlapping segs[i] from the
	// right start before it ends.
	for i := range segs {
		for j := i + 1; j < len(segs) && segs[j].Start < segs[i].End; j++ {
			passage.union(i, j)
			a, b := span{segs[i].Start, segs[i].End}, span{segs[j].Start, segs[j].End}
			if segs[i].Coder != segs[j].Coder && matches(a, b, p.minOverlap) {
				match.union(i, j)
			}
		}
	}
	// Gather each passage's segments, coders, and whether its segments
	// all lie in one match group.
	type gathered struct {
		d        *Disagreement
		in       []bool
		match    int
		oneGroup bool
	}
	byRoot := map[int]*gathered{}
	var order []int
	for i, s := range segs {
		r := passage.find(i)
		g := byRoot[r]
		if g == nil {
			g = &gathered{
				d:     &Disagreement{CodeID: code, DocumentID: doc, Start: s.Start, End: s.End},
				in:    make([]bool, len(p.coders)),
				match: match.find(i), oneGroup: true,
			}
			byRoot[r] = g
			order = append(order, r)
		}
		g.d.Start, g.d.End = min(g.d.Start, s.Start), max(g.d.End, s.End)
		g.d.Segments = append(g.d.Segments, s)
		g.in[coderIndex[s.Coder]] = true
		g.oneGroup = g.oneGroup && match.find(i) == g.match
	}
	var out []Disagreement
	for _, r := range order {
		g := byRoot[r]
		g.d.Coders, g.d.Missing = []string{}, []string{}
		for c, yes := range g.in {
			if yes {
				g.d.Coders = append(g.d.Coders, p.coders[c])
			} else {
				g.d.Missing = append(g.d.Missing, p.coders[c])
			}
		}
		if len(g.d.Missing) > 0 || !g.oneGroup {
			out = append(out, *g.d)
		}
	}
	return out
}

// unionFind links elements 0..n-1 into disjoint sets.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

// find returns the root of i's set.
func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// union joins the sets of i and j.
func (u unionFind) union(i, j int) { u[u.find(j)] = u.find(i) }
