package agreement_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/agreement"
)

// randomInput draws documents, coders, codes and quotes, with nested,
// overlapping, touching and document-spanning quotes, and one listed code
// that nobody uses.
func randomInput(r *rand.Rand) agreement.Input {
	in := agreement.Input{Documents: map[string]int{}, MinOverlap: []float64{0, 0.3, 0.5, 0.75, 1}[r.IntN(5)]}
	for d := range 1 + r.IntN(3) {
		in.Documents[fmt.Sprintf("d%d", d)] = r.IntN(120)
	}
	for c := range 2 + r.IntN(3) {
		in.Coders = append(in.Coders, fmt.Sprintf("coder%d", c))
	}
	codes := []string{"a", "b", "c"}
	in.Codes = append(codes, "unused")
	for doc, n := range in.Documents {
		if n == 0 {
			continue
		}
		for range r.IntN(12) {
			start := r.IntN(n)
			end := start + 1 + r.IntN(min(n-start, 1+r.IntN(30)))
			q := &coding.Quote{DocumentID: doc, Coder: in.Coders[r.IntN(len(in.Coders))], Start: start, End: end}
			for _, c := range codes {
				if r.IntN(2) == 0 {
					q.CodeIDs = append(q.CodeIDs, c)
				}
			}
			in.Quotes = append(in.Quotes, q)
		}
		// A second coder often copies or shifts a quote, so that matches occur.
		for _, q := range in.Quotes {
			if q.DocumentID == doc && r.IntN(2) == 0 {
				cp := *q
				cp.Coder = in.Coders[r.IntN(len(in.Coders))]
				cp.End = max(cp.Start+1, min(n, cp.End+r.IntN(3)-1))
				in.Quotes = append(in.Quotes, &cp)
			}
		}
	}
	return in
}

// TestComputeMatchesOracle compares the interval sweep (character level)
// and the segment grouping with per-character and pairwise oracles on
// random inputs.
func TestComputeMatchesOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 9))
	for i := range 300 {
		in := randomInput(r)
		got, err := agreement.Compute(in)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if diff := cmp.Diff(naiveCharacter(in), got.Character, approx); diff != "" {
			t.Fatalf("case %d: character level (-oracle +got):\n%s", i, diff)
		}
		if diff := cmp.Diff(naiveSegment(in), got.Segment, approx); diff != "" {
			t.Fatalf("case %d: segment level (-oracle +got):\n%s", i, diff)
		}
	}
}

// naiveCharacter rates every code point of every document one by one.
func naiveCharacter(in agreement.Input) agreement.Level {
	m := len(in.Coders)
	var lv agreement.Level
	var all ratings
	for _, code := range in.Codes {
		var units ratings
		if usedBy(in, code) {
			for doc, n := range in.Documents {
				cover := make([][]bool, m)
				for c, coder := range in.Coders {
					cover[c] = make([]bool, n)
					for _, q := range in.Quotes {
						if q.DocumentID == doc && q.Coder == coder && q.HasCode(code) {
							for p := q.Start; p < q.End; p++ {
								cover[c][p] = true
							}
						}
					}
				}
				for p := range n {
					u := make([]int, m)
					for c := range m {
						if cover[c][p] {
							u[c] = 1
						}
					}
					units = append(units, u)
				}
			}
		}
		lv.PerCode = append(lv.PerCode, units.figures(code, m, nil))
		all = append(all, units...)
	}
	lv.Pooled = all.figures("", m, nil)
	return lv
}

// naiveSegment merges, matches and groups segments by comparing every
// pair, and finds the uncoded stretches code point by code point.
func naiveSegment(in agreement.Input) agreement.Level {
	m := len(in.Coders)
	threshold := in.MinOverlap
	if threshold == 0 {
		threshold = agreement.DefaultMinOverlap
	}
	var lv agreement.Level
	var all ratings
	allSegs := [2]int{}
	for _, code := range in.Codes {
		var units ratings
		segs := [2]int{} // segments, matched
		if usedBy(in, code) {
			for doc, n := range in.Documents {
				var ss []seg
				for c, coder := range in.Coders {
					var spans []seg
					for _, q := range in.Quotes {
						if q.DocumentID == doc && q.Coder == coder && q.HasCode(code) {
							spans = append(spans, seg{q.Start, q.End, c})
						}
					}
					ss = append(ss, components(spans, func(a, b seg) bool { return a.overlap(b) > 0 })...)
				}
				groups := componentsOf(ss, func(a, b seg) bool {
					return a.coder != b.coder && a.overlap(b) > 0 &&
						float64(a.overlap(b)) >= threshold*float64(max(a.end, b.end)-min(a.start, b.start))-1e-9
				})
				for _, g := range groups {
					u := make([]int, m)
					for _, s := range g {
						u[s.coder] = 1
					}
					units = append(units, u)
					segs[0] += len(g)
					if sum(u) == m {
						segs[1] += len(g)
					}
				}
				covered := make([]bool, n)
				for _, s := range ss {
					for p := s.start; p < s.end; p++ {
						covered[p] = true
					}
				}
				for p := range n {
					if !covered[p] && (p == 0 || covered[p-1]) {
						units = append(units, make([]int, m))
					}
				}
			}
		}
		lv.PerCode = append(lv.PerCode, units.figures(code, m, &segs))
		all = append(all, units...)
		allSegs[0] += segs[0]
		allSegs[1] += segs[1]
	}
	lv.Pooled = all.figures("", m, &allSegs)
	return lv
}

// usedBy reports whether a compared coder applied code on a compared
// document.
func usedBy(in agreement.Input, code string) bool {
	for _, q := range in.Quotes {
		_, listed := in.Documents[q.DocumentID]
		if q.HasCode(code) && listed && slices.Contains(in.Coders, q.Coder) {
			return true
		}
	}
	return false
}

type seg struct{ start, end, coder int }

func (a seg) overlap(b seg) int { return min(a.end, b.end) - max(a.start, b.start) }

// components merges each connected group of spans into one span.
func components(spans []seg, linked func(a, b seg) bool) []seg {
	var out []seg
	for _, g := range componentsOf(spans, linked) {
		s := g[0]
		for _, x := range g {
			s.start, s.end = min(s.start, x.start), max(s.end, x.end)
		}
		out = append(out, s)
	}
	return out
}

// componentsOf groups items by the transitive closure of linked.
func componentsOf(items []seg, linked func(a, b seg) bool) [][]seg {
	seen := make([]bool, len(items))
	var out [][]seg
	for i := range items {
		if seen[i] {
			continue
		}
		seen[i] = true
		group, queue := []seg{}, []int{i}
		for len(queue) > 0 {
			k := queue[0]
			queue = queue[1:]
			group = append(group, items[k])
			for j := range items {
				if !seen[j] && linked(items[k], items[j]) {
					seen[j] = true
					queue = append(queue, j)
				}
			}
		}
		out = append(out, group)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0].start < out[j][0].start })
	return out
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// ratings holds, per unit, each coder's 0/1 rating.
type ratings [][]int

// figures computes the counts and coefficients from the unit ratings with
// the textbook formulas: kappa from po and pe, alpha from the full
// coincidence matrix. segs, when given, holds the segment counts.
func (units ratings) figures(code string, m int, segs *[2]int) agreement.CodeAgreement {
	ca := agreement.CodeAgreement{CodeID: code, Units: len(units), Coded: make([]int, m), UnitsByCoders: make([]int, m+1)}
	agree := 0
	var o [2][2]float64
	for _, u := range units {
		j := sum(u)
		ca.UnitsByCoders[j]++
		if j == 0 || j == m {
			agree++
		}
		for c, v := range u {
			ca.Coded[c] += v
			for c2, v2 := range u {
				if c != c2 {
					o[v][v2] += 1 / float64(m-1)
				}
			}
		}
	}
	if segs != nil {
		ca.Segments, ca.MatchedSegments = segs[0], segs[1]
		if segs[0] > 0 {
			ca.PercentAgreement = ptr(100 * float64(segs[1]) / float64(segs[0]))
		}
	} else if len(units) > 0 {
		ca.PercentAgreement = ptr(100 * float64(agree) / float64(len(units)))
	}
	if n := float64(len(units)); m == 2 && n > 0 {
		var p1, p2, po float64
		for _, u := range units {
			p1 += float64(u[0]) / n
			p2 += float64(u[1]) / n
			if u[0] == u[1] {
				po += 1 / n
			}
		}
		pe := p1*p2 + (1-p1)*(1-p2)
		if pe < 1-1e-12 {
			ca.Kappa = ptr((po - pe) / (1 - pe))
		}
	}
	n0, n1 := o[0][0]+o[0][1], o[1][0]+o[1][1]
	if n0 > 0 && n1 > 0 {
		total := n0 + n1
		do := (o[0][1] + o[1][0]) / total
		de := (n0*n1 + n1*n0) / (total * (total - 1))
		ca.Alpha = ptr(1 - do/de)
	}
	return ca
}
