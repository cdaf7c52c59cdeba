package search

import (
	"context"
	"math"

	"github.com/blevesearch/bleve/v2"

	"tessera/coding"
)

// writer turns store entities into index units and collects them in one
// bleve batch.
type writer struct {
	ctx   context.Context
	st    coding.Store
	pid   string
	idx   bleve.Index
	lang  string // analyzer language
	cat   *catalog
	texts *textCache // nil while rebuilding, so a rebuild does not flush the cache
	b     *bleve.Batch
	bytes int // text bytes in b
}

func newWriter(ctx context.Context, st coding.Store, pid, lang string, idx bleve.Index, cat *catalog, texts *textCache) *writer {
	return &writer{ctx: ctx, st: st, pid: pid, lang: lang, idx: idx, cat: cat, texts: texts, b: idx.NewBatch()}
}

// setSeq records seq, in the same batch, as the last applied change.
func (w *writer) setSeq(seq uint64) { w.b.SetInternal(seqKey, encodeSeq(seq)) }

// flush executes the batch.
func (w *writer) flush() error {
	err := w.idx.Batch(w.b)
	w.b.Reset()
	w.bytes = 0
	return err
}

// text returns a document's text, through the cache when there is one.
func (w *writer) text(docID string) (*docText, error) {
	if w.texts != nil {
		return w.texts.get(w.ctx, w.st, w.pid, docID)
	}
	d, err := w.st.FindDocument(w.ctx, w.pid, docID)
	if err != nil {
		return nil, err
	}
	return newDocText(d), nil
}

// document indexes every turn of d (which holds its text) and its quotes.
func (w *writer) document(d *coding.Document) error {
	t := newDocText(d)
	if w.texts != nil {
		w.texts.put(cacheKey(w.pid, d.ID), t)
	}
	for i := range t.turns {
		if err := w.turn(d, t, i); err != nil {
			return err
		}
	}
	for _, q := range w.cat.docQuotes[d.ID] {
		if err := w.quote(q, t); err != nil {
			return err
		}
	}
	return nil
}

// turn indexes turn i of document d.
func (w *writer) turn(d *coding.Document, t *docText, i int) error {
	tr := t.turns[i]
	meta := w.cat.docByID[d.ID]
	if meta == nil {
		meta = d
	}
	var codes []string
	seen := map[string]bool{}
	for _, q := range w.cat.quotesIn(d.ID, tr.Start, tr.End) {
		for _, c := range q.CodeIDs {
			if !seen[c] {
				seen[c] = true
				codes = append(codes, c)
			}
		}
	}
	text := t.turnText(i)
	w.bytes += len(text)
	u := turnUnit{
		Kind:     KindTurn,
		Text:     text,
		Document: d.ID,
		Case:     meta.CaseID,
		Speaker:  tr.Speaker,
		Role:     roleOf(meta, tr.Speaker),
		Code:     codes,
		Date:     meta.Meta.InterviewDate,
		Sort:     sortKey(meta.Order, -1),
	}
	return w.b.Index(turnID(d.ID, i), u)
}

// turnsOverlapping re-indexes the turns of a document that overlap any of
// the ranges (their codes follow the quotes); all turns when ranges is nil.
func (w *writer) turnsOverlapping(docID string, ranges [][2]int) error {
	d := w.cat.docByID[docID]
	if d == nil {
		return nil
	}
	t, err := w.text(docID)
	if coding.ErrorCode(err) == coding.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	for i, tr := range t.turns {
		hit := ranges == nil
		for _, r := range ranges {
			if r[0] < tr.End && r[1] > tr.Start {
				hit = true
			}
		}
		if hit {
			if err := w.turn(d, t, i); err != nil {
				return err
			}
		}
	}
	return nil
}

// quote indexes q, whose document's text is t.
func (w *writer) quote(q *coding.Quote, t *docText) error {
	d := w.cat.docByID[q.DocumentID]
	if d == nil {
		return nil
	}
	speaker := ""
	for _, tr := range t.turns {
		if q.Start >= tr.Start && q.Start < tr.End {
			speaker = tr.Speaker
			break
		}
	}
	w.bytes += len(q.Text)
	labels := w.cat.quoteLabels(q)
	return w.b.Index(unitRef{Kind: KindQuote, ID: q.ID}.String(), quoteUnit{
		Kind:     KindQuote,
		Text:     q.Text,
		Title:    labels,
		Document: q.DocumentID,
		Case:     d.CaseID,
		Speaker:  speaker,
		Role:     roleOf(d, speaker),
		Code:     q.CodeIDs,
		Coder:    q.Coder,
		Date:     q.CreatedAt.Format("2006-01-02"),
		Sort:     sortKey(d.Order, q.Start),
	})
}

// quoteByID re-indexes a quote, reading its document's text.
func (w *writer) quoteByID(q *coding.Quote) error {
	t, err := w.text(q.DocumentID)
	if coding.ErrorCode(err) == coding.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	return w.quote(q, t)
}

// memo indexes m; memos on documents, cases and codes carry that target
// so the same filters apply to them.
func (w *writer) memo(m *coding.Memo) error {
	u := memoUnit{
		Kind:  KindMemo,
		Text:  m.Body,
		Title: m.Title,
		Coder: m.Author,
		Date:  m.CreatedAt.Format("2006-01-02"),
		Sort:  "m" + m.ID,
	}
	switch m.TargetType {
	case coding.MemoDocument:
		u.Document = m.TargetID
		if d := w.cat.docByID[m.TargetID]; d != nil {
			u.Case = d.CaseID
		}
	case coding.MemoCase:
		u.Case = m.TargetID
	case coding.MemoCode:
		u.Code = m.TargetID
	case coding.MemoQuote:
		if q := w.cat.quotes[m.TargetID]; q != nil {
			u.Document = q.DocumentID
			if d := w.cat.docByID[q.DocumentID]; d != nil {
				u.Case = d.CaseID
			}
		}
	}
	w.bytes += len(m.Body)
	return w.b.Index(unitRef{Kind: KindMemo, ID: m.ID}.String(), u)
}

// code indexes a code of the codebook with its definition and notes.
func (w *writer) code(c *coding.Code) error {
	text := codeText(c)
	w.bytes += len(text)
	return w.b.Index(unitRef{Kind: KindCode, ID: c.ID}.String(), codeUnit{
		Kind:  KindCode,
		Text:  text,
		Title: c.Name,
		Code:  c.ID,
		Date:  c.CreatedAt.Format("2006-01-02"),
		Sort:  "c" + c.ID,
	})
}

// deleteTurnsFrom deletes the indexed turns of a document numbered n and
// above, found through the index itself.
func (w *writer) deleteTurnsFrom(docID string, n int) error {
	q := bleve.NewConjunctionQuery(termQ(fieldKind, KindTurn), termQ(fieldDocument, docID))
	req := bleve.NewSearchRequestOptions(q, math.MaxInt32, 0, false)
	req.Score = "none"
	res, err := w.idx.SearchInContext(w.ctx, req)
	if err != nil {
		return err
	}
	for _, h := range res.Hits {
		if ref, ok := parseUnitID(h.ID); ok && ref.Turn >= n {
			w.b.Delete(h.ID)
		}
	}
	return nil
}
