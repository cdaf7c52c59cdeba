package engine

import (
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// splitVerify is the number of candidates above which a phrase or
// proximity is checked by two goroutines, each over half of them. Checking
// 4,096 candidates takes about half a millisecond, well above the cost of
// a goroutine; segments are also searched two at a time, so the split
// matters most for an index of one large segment.
const splitVerify = 4096

// phraseHit is a unit where a scoring phrase or proximity was found: how
// often, and the length norm of its field.
type phraseHit struct {
	doc  uint32
	tf   float32
	norm float32
}

// phraseCheck checks the candidates of one segment for a phrase or
// proximity node. Term vectors hold, for each occurrence of a word, the
// numbers of its neighbours (see wordsField), so a phrase is confirmed
// from the occurrences of some of its words only: for "a b" those of the
// rarer word; for longer phrases every other word, each of which vouches
// for both its neighbours. A proximity is confirmed at once where its
// words stand side by side (in either order for two words, in the
// query's order for more), else from the positions of all its words.
type phraseCheck struct {
	n       *enode
	ids     []uint32 // vocabulary numbers of n.terms; nil when one is missing
	anchors []int    // indexes into n.terms whose occurrences are read
	lists   []segment.PostingsList
	all     []segment.PostingsList // one per distinct word, for full checks
	record  bool                   // keep phraseHits for scoring
}

func (e *Engine) newPhraseCheck(n *enode, s *segCtx) (*phraseCheck, error) {
	c := &phraseCheck{n: n, record: e.ranking && n.score}
	df := make([]uint64, len(n.terms))
	c.lists = make([]segment.PostingsList, len(n.terms))
	c.ids = make([]uint32, len(n.terms))
	for i, t := range n.terms {
		pl, err := s.list(n.field, t)
		if err != nil {
			return nil, err
		}
		c.lists[i], df[i] = pl, pl.Count()
		c.ids[i] = e.vocabID(t)
	}
	if slices.Contains(c.ids, 0) {
		c.ids = nil // not numbered (cannot happen in a consistent index): check positions only
	}
	for _, t := range newPositionCheck(n.field, n.terms, n.slop).distinct {
		pl, err := s.list(n.field, t)
		if err != nil {
			return nil, err
		}
		c.all = append(c.all, pl)
	}
	// Anchors: the rarer word of two; otherwise the odd or the even
	// positions of the phrase, whichever has fewer occurrences to read.
	if len(n.terms) == 2 {
		c.anchors = []int{0}
		if df[1] < df[0] {
			c.anchors = []int{1}
		}
	} else {
		var odd, even []int
		var costOdd, costEven uint64
		for i := range n.terms {
			if i%2 == 1 {
				odd, costOdd = append(odd, i), costOdd+df[i]
			} else {
				even, costEven = append(even, i), costEven+df[i]
			}
		}
		c.anchors = odd
		if costEven < costOdd {
			c.anchors = even
		}
	}
	return c, nil
}

// vocabID returns the number of word t, 0 when it has none.
func (e *Engine) vocabID(t string) uint32 {
	if e.words == nil {
		return 0
	}
	return e.words.Number(t)
}

// verify returns the candidates of segment s (units holding every word of
// n) where n's phrase or proximity is found. Posting lists are read
// forward in document order; many candidates are split between two
// goroutines.
func (e *Engine) verify(n *enode, s *segCtx, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	c, err := e.newPhraseCheck(n, s)
	if err != nil {
		return nil, err
	}
	var hits []phraseHit
	count := cand.GetCardinality()
	if count < splitVerify {
		out, err := c.run(cand, &hits)
		if c.record {
			s.phraseHits(n, hits)
		}
		return out, err
	}
	mid, err := cand.Select(uint32(count / 2))
	if err != nil {
		return nil, err
	}
	lo, hi := cand.Clone(), cand.Clone()
	lo.RemoveRange(uint64(mid), math.MaxUint32+1)
	hi.RemoveRange(0, uint64(mid))
	type result struct {
		bm   *roaring.Bitmap
		hits []phraseHit
		err  error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		r.bm, r.err = c.run(lo, &r.hits)
		done <- r
	}()
	var hiHits []phraseHit
	out, err := c.run(hi, &hiHits)
	r := <-done
	if err != nil {
		return nil, err
	}
	if r.err != nil {
		return nil, r.err
	}
	out.Or(r.bm)
	if c.record {
		s.phraseHits(n, append(r.hits, hiHits...))
	}
	return out, nil
}

// phraseHits records the units where a scoring phrase node was found.
func (s *segCtx) phraseHits(n *enode, hits []phraseHit) {
	if s.phrases == nil {
		s.phrases = map[*enode][]phraseHit{}
	}
	s.phrases[n] = hits
}

// run checks the candidates in cand, with iterators of its own.
func (c *phraseCheck) run(cand *roaring.Bitmap, hits *[]phraseHit) (*roaring.Bitmap, error) {
	n := c.n
	anchorIts := make([]segment.PostingsIterator, len(c.anchors))
	for i, k := range c.anchors {
		anchorIts[i] = c.lists[k].Iterator(true, true, true, nil)
	}
	var fullIts []segment.PostingsIterator // opened on first need
	full := newPositionCheck(n.field, n.terms, n.slop)
	// With one anchor, its positions are kept for a full check, which then
	// reads the other words only.
	anchor := -1
	if len(c.anchors) == 1 {
		anchor = slices.Index(full.distinct, n.terms[c.anchors[0]])
	}
	var starts, next, anchorPos []uint64
	out := roaring.New()
	ci := cand.Iterator()
	for ci.HasNext() {
		d := ci.Next()
		tf, norm := 0, float32(0)
		anchorRead := false
		if c.ids != nil {
			// Phrase starts vouched for by every anchor.
			starts = starts[:0]
			for i, k := range c.anchors {
				p, err := anchorIts[i].Advance(uint64(d))
				if err != nil {
					return nil, err
				}
				if p == nil || p.Number() != uint64(d) {
					starts = starts[:0]
					break
				}
				if c.record {
					norm = float32(p.Norm())
				}
				next, anchorPos = next[:0], anchorPos[:0]
				anchorRead = anchor >= 0
				adjacent := false
				for _, l := range p.Locations() {
					anchorPos = append(anchorPos, l.Pos())
					prev, after := uint32(l.End()), uint32(l.Start())
					if (k == 0 || prev == c.ids[k-1]) && (k == len(c.ids)-1 || after == c.ids[k+1]) && l.Pos() >= uint64(k) {
						next = append(next, l.Pos()-uint64(k))
					}
					// Two words side by side in either order satisfy a proximity.
					if n.slop >= 0 && len(c.ids) == 2 && (prev == c.ids[1-k] || after == c.ids[1-k]) {
						adjacent = true
					}
				}
				if adjacent {
					next = append(next[:0], 0)
				}
				if i == 0 {
					starts = append(starts, next...)
				} else {
					starts = intersectSorted(starts, next)
				}
				if len(starts) == 0 {
					break
				}
			}
			tf = len(starts)
		}
		if tf == 0 && (c.ids == nil || n.slop >= 0) {
			// No side-by-side occurrence settles it: read every word's positions.
			if fullIts == nil {
				for _, pl := range c.all {
					fullIts = append(fullIts, pl.Iterator(true, true, true, nil))
				}
			}
			ok := true
			for i, it := range fullIts {
				if i == anchor && anchorRead {
					full.pos[i] = append(full.pos[i][:0], anchorPos...)
					continue
				}
				p, err := it.Advance(uint64(d))
				if err != nil {
					return nil, err
				}
				if p == nil || p.Number() != uint64(d) {
					ok = false
					break
				}
				if c.record {
					norm = float32(p.Norm())
				}
				full.pos[i] = full.pos[i][:0]
				for _, l := range p.Locations() {
					full.pos[i] = append(full.pos[i], l.Pos())
				}
			}
			if ok && full.match() {
				tf = 1
			}
		}
		if tf > 0 {
			out.Add(d)
			if c.record {
				*hits = append(*hits, phraseHit{doc: d, tf: float32(tf), norm: norm})
			}
		}
	}
	return out, nil
}

// intersectSorted returns the values of a also in b (both ascending),
// reusing a.
func intersectSorted(a, b []uint64) []uint64 {
	out := a[:0]
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); ok {
			out = append(out, x)
		}
	}
	return out
}
