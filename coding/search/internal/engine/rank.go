package engine

import (
	"container/heap"
	"math"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// scoreTerm is a word whose occurrences add to a unit's relevance.
type scoreTerm struct {
	field, term string
	weight      float64 // idf squared, as in bleve's tf-idf
	boost       float64 // share of the weight kept (a fuzzy word's expansion); 0 keeps all
}

// rankedUnit is a unit of the page: its segment, number and score.
type rankedUnit struct {
	seg   int
	doc   uint32
	score float64
}

// scoringTerms lists the distinct words of n's scoring word nodes
// (phrases score by what their check recorded, see phraseScores).
func (n *enode) scoringTerms(out []scoreTerm, seen map[[2]string]bool) []scoreTerm {
	if n.score && n.op == opTerms {
		for _, t := range n.terms {
			if k := [2]string{n.field, t}; !seen[k] {
				seen[k] = true
				out = append(out, scoreTerm{field: n.field, term: t, boost: n.boost[t]})
			}
		}
	}
	for _, k := range n.must {
		out = k.scoringTerms(out, seen)
	}
	for _, k := range n.kids {
		out = k.scoringTerms(out, seen)
	}
	return out
}

// scoringPhrases lists n's scoring phrase and proximity nodes.
func (n *enode) scoringPhrases(out []*enode) []*enode {
	if n.score && n.op == opPos {
		out = append(out, n)
	}
	for _, k := range n.must {
		out = k.scoringPhrases(out)
	}
	for _, k := range n.kids {
		out = k.scoringPhrases(out)
	}
	return out
}

// accPool recycles the per-segment score accumulators.
var accPool = sync.Pool{New: func() any { return new([]float32) }}

// top returns the best k units of results (one bitmap per segment) by
// relevance: the sum over the query's words and phrases of idf² × √tf ×
// 1/√length (bleve's tf-idf without its query normalisation, which does
// not change the order; a phrase counts as one word, found as often as
// its check found it). Ties keep index order.
func (e *Engine) top(root *enode, results []*roaring.Bitmap, k int) ([]rankedUnit, error) {
	sc := &scorer{k: k, terms: root.scoringTerms(nil, map[[2]string]bool{}), phrases: root.scoringPhrases(nil)}
	for i := range sc.terms {
		df, err := e.docFreq(sc.terms[i].field, sc.terms[i].term)
		if err != nil {
			return nil, err
		}
		sc.terms[i].weight = idfWeight(e.docs, df)
		if b := sc.terms[i].boost; b > 0 {
			sc.terms[i].weight *= b
		}
	}
	for _, n := range sc.phrases {
		df := 0
		for _, s := range e.segs {
			df += len(s.phrases[n])
		}
		sc.phraseWeights = append(sc.phraseWeights, float32(idfWeight(e.docs, uint64(df))))
	}
	// Each segment's best k, two segments at a time, then the best of those.
	heaps := make([]rankHeap, len(e.segs))
	err := e.eachSegment(func(si int, s *segCtx) error {
		if results[si] == nil || results[si].IsEmpty() {
			return nil
		}
		h, err := sc.segment(si, s, results[si])
		heaps[si] = h
		return err
	})
	if err != nil {
		return nil, err
	}
	h := &rankHeap{}
	for _, sh := range heaps {
		for _, u := range sh {
			h.offer(u, k)
		}
	}
	out := make([]rankedUnit, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(rankedUnit)
	}
	return out, nil
}

// idfWeight returns bleve's inverse document frequency, squared.
func idfWeight(docs, df uint64) float64 {
	idf := 1 + math.Log(float64(docs)/float64(df+1))
	return idf * idf
}

// scorer ranks the results of one query, segment by segment.
type scorer struct {
	k             int
	terms         []scoreTerm
	phrases       []*enode
	phraseWeights []float32
}

// segment returns the best k results of segment si.
func (sc *scorer) segment(si int, s *segCtx, res *roaring.Bitmap) (rankHeap, error) {
	accp := accPool.Get().(*[]float32)
	defer accPool.Put(accp)
	if uint64(cap(*accp)) < s.n {
		*accp = make([]float32, s.n)
	}
	acc := (*accp)[:s.n]
	// Units outside the results are marked -1 and stay so.
	for i := range acc {
		acc[i] = -1
	}
	ri := res.Iterator()
	for ri.HasNext() {
		acc[ri.Next()] = 0
	}
	card := res.GetCardinality()
	var it segment.PostingsIterator
	for _, t := range sc.terms {
		pl, err := s.list(t.field, t.term)
		if err != nil {
			return nil, err
		}
		if pl == nil || pl.Count() == 0 {
			continue
		}
		it = pl.Iterator(true, true, false, it)
		w := float32(t.weight)
		if card*8 < pl.Count() {
			// Few results: jump to each of them.
			ri := res.Iterator()
			for ri.HasNext() {
				d := ri.Next()
				p, err := it.Advance(uint64(d))
				if err != nil {
					return nil, err
				}
				if p == nil {
					break
				}
				if p.Number() == uint64(d) {
					acc[d] += w * tfNorm(p)
				}
			}
			continue
		}
		for p, err := it.Next(); p != nil || err != nil; p, err = it.Next() {
			if err != nil {
				return nil, err
			}
			if d := p.Number(); acc[d] >= 0 {
				acc[d] += w * tfNorm(p)
			}
		}
	}
	for i, n := range sc.phrases {
		for _, h := range s.phrases[n] {
			if acc[h.doc] >= 0 {
				acc[h.doc] += sc.phraseWeights[i] * sqrtOf(h.tf) * h.norm
			}
		}
	}
	// Keep the best k.
	h := rankHeap{}
	ri = res.Iterator()
	for ri.HasNext() {
		d := ri.Next()
		h.offer(rankedUnit{seg: si, doc: d, score: float64(acc[d])}, sc.k)
	}
	return h, nil
}

// offer keeps u if it is among the best k seen.
func (h *rankHeap) offer(u rankedUnit, k int) {
	if h.Len() < k {
		heap.Push(h, u)
	} else if k > 0 && worse((*h)[0], u) {
		(*h)[0] = u
		heap.Fix(h, 0)
	}
}

func sqrtOf(x float32) float32 { return float32(math.Sqrt(float64(x))) }

// worse reports whether a ranks below b: a lower score, or the same score
// later in the index.
func worse(a, b rankedUnit) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	if a.seg != b.seg {
		return a.seg > b.seg
	}
	return a.doc > b.doc
}

// rankHeap keeps the worst of the best units on top.
type rankHeap []rankedUnit

func (h rankHeap) Len() int           { return len(h) }
func (h rankHeap) Less(i, j int) bool { return worse(h[i], h[j]) }
func (h rankHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *rankHeap) Push(x any)        { *h = append(*h, x.(rankedUnit)) }
func (h *rankHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// sqrtTable and normTable hold √n and 1/√n for small n.
var sqrtTable, normTable = func() (s, n [1024]float32) {
	for i := range s {
		s[i] = float32(math.Sqrt(float64(i)))
		n[i] = float32(1 / math.Sqrt(float64(i)))
	}
	return s, n
}()

// rawNorm is a zap posting, whose norm is the field's length in words.
type rawNorm interface{ NormUint64() uint64 }

// tfNorm returns √tf × 1/√length for a posting.
func tfNorm(p segment.Posting) float32 {
	f := p.Frequency()
	tf := float32(0)
	if f < uint64(len(sqrtTable)) {
		tf = sqrtTable[f]
	} else {
		tf = float32(math.Sqrt(float64(f)))
	}
	if r, ok := p.(rawNorm); ok {
		if l := r.NormUint64(); l < uint64(len(normTable)) {
			return tf * normTable[l]
		}
	}
	return tf * float32(p.Norm())
}
