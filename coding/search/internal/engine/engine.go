package engine

import (
	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Engine answers counts and relevance-ranked pages straight from the
// segments of one snapshot of a project's bleve index. bleve's searchers
// visit matching units one at a time (a term in 90 % of 100,000 turns
// costs 90,000 steps, each with its own bookkeeping); the engine instead
// combines each segment's posting lists as compressed bitmaps (AND, OR,
// AND NOT), so a count is a bitmap's cardinality, and reads term
// frequencies and positions only where scores or phrases need them. It
// runs the same query tree the builder makes for bleve (see compile), so
// both find the same units; queries it does not know go to bleve.
type Engine struct {
	r     index.IndexReader
	segs  []*segCtx
	docs  uint64     // live units of the index, for inverse document frequencies
	words Vocabulary // nil when the index's words are not numbered
	// ranking makes phrase checks record where scoring phrases are found.
	ranking bool
}

// segCtx is one segment of the snapshot with the dictionaries and posting
// lists looked up in it so far.
type segCtx struct {
	ss    *scorch.SegmentSnapshot
	n     uint64 // document numbers in the segment, deleted ones included
	dicts map[string]segment.TermDictionary
	lists map[string]segment.PostingsList // by field + "\x00" + term
	bms   map[string]*roaring.Bitmap      // likewise
	live  *roaring.Bitmap
	// phrases holds where each scoring phrase node was found, in order.
	phrases map[*enode][]phraseHit
}

// Vocabulary gives the numbers of an index's words: the numbers its term
// vectors record for each occurrence's neighbours (see the package
// documentation).
type Vocabulary interface {
	// Number returns the number of word w, 0 when it has none.
	Number(w string) uint32
}

// Open takes a snapshot of idx, whose words are numbered by words (nil
// when they are not: phrases are then checked from every word's
// positions). It returns nil when idx is not a scorch index (the caller
// then uses bleve's searchers). A non-nil Engine must be closed.
func Open(idx bleve.Index, words Vocabulary) (*Engine, error) {
	snap, err := snapshot(idx)
	if err != nil || snap == nil {
		return nil, err
	}
	e := &Engine{r: snap, words: words}
	for _, ss := range snap.Segments() {
		e.segs = append(e.segs, &segCtx{ss: ss, n: ss.Segment().Count()})
		e.docs += ss.Count()
	}
	return e, nil
}

// Close releases the snapshot.
func (e *Engine) Close() error { return e.r.Close() }

// SegmentSizes returns the number of live units of each segment of idx's
// current snapshot, nil when idx is not a scorch index. A rebuild uses it
// to settle the segments it leaves (see search's settle).
func SegmentSizes(idx bleve.Index) ([]uint64, error) {
	snap, err := snapshot(idx)
	if err != nil || snap == nil {
		return nil, err
	}
	defer snap.Close()
	var sizes []uint64
	for _, ss := range snap.Segments() {
		sizes = append(sizes, ss.Count())
	}
	return sizes, nil
}

// snapshot returns the current snapshot of idx, which must be closed, or
// nil when idx is not a scorch index.
func snapshot(idx bleve.Index) (*scorch.IndexSnapshot, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, nil
	}
	return snap, nil
}

// list returns the posting list of term in field, without deleted units.
func (s *segCtx) list(field, term string) (segment.PostingsList, error) {
	key := field + "\x00" + term
	if pl, ok := s.lists[key]; ok {
		return pl, nil
	}
	if s.dicts == nil {
		s.dicts = map[string]segment.TermDictionary{}
		s.lists = map[string]segment.PostingsList{}
		s.bms = map[string]*roaring.Bitmap{}
	}
	d, ok := s.dicts[field]
	if !ok {
		var err error
		if d, err = s.ss.Segment().Dictionary(field); err != nil {
			return nil, err
		}
		s.dicts[field] = d
	}
	pl, err := d.PostingsList([]byte(term), s.ss.Deleted(), nil)
	if err != nil {
		return nil, err
	}
	s.lists[key] = pl
	return pl, nil
}

// bitmap returns the units holding term in field. The bitmap may belong
// to the segment: callers never modify it.
func (s *segCtx) bitmap(field, term string) (*roaring.Bitmap, error) {
	pl, err := s.list(field, term)
	if err != nil || pl == nil {
		return empty, err
	}
	key := field + "\x00" + term
	if bm, ok := s.bms[key]; ok {
		return bm, nil
	}
	bm, err := postingsBitmap(pl)
	s.bms[key] = bm
	return bm, err
}

// postingsBitmap returns the units of a posting list as a bitmap.
func postingsBitmap(pl segment.PostingsList) (*roaring.Bitmap, error) {
	it := pl.Iterator(false, false, false, nil)
	o, ok := it.(segment.OptimizablePostingsIterator)
	if !ok {
		// Not a zap segment: collect the numbers one by one.
		bm := roaring.New()
		for p, err := it.Next(); p != nil || err != nil; p, err = it.Next() {
			if err != nil {
				return nil, err
			}
			bm.Add(uint32(p.Number()))
		}
		return bm, nil
	}
	if n, ok := o.DocNum1Hit(); ok {
		return roaring.BitmapOf(uint32(n)), nil
	}
	if bm := o.ActualBitmap(); bm != nil {
		return bm, nil
	}
	return empty, nil
}

// liveDocs returns the segment's units that are not deleted.
func (s *segCtx) liveDocs() *roaring.Bitmap {
	if s.live == nil {
		s.live = roaring.New()
		s.live.AddRange(0, s.n)
		if del := s.ss.Deleted(); del != nil {
			s.live.AndNot(del)
		}
	}
	return s.live
}

// docFreq returns the number of live units holding term in field.
func (e *Engine) docFreq(field, term string) (uint64, error) {
	var n uint64
	for _, s := range e.segs {
		pl, err := s.list(field, term)
		if err != nil {
			return 0, err
		}
		if pl != nil {
			n += pl.Count()
		}
	}
	return n, nil
}

// empty is the bitmap of no units; it is never modified.
var empty = roaring.New()
