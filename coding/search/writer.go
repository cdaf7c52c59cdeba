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
	vocab *vocab
	b     *bleve.Batch
	bytes int // text bytes in b
	// shared keeps analysed keyword values for the units of a document.
	shared keywordCache
}

func newWriter(ctx context.Context, st coding.Store, pid, lang string, idx bleve.Index, cat *catalog, texts *textCache, v *vocab) *writer {
	return &writer{ctx: ctx, st: st, pid: pid, lang: lang, idx: idx, cat: cat, texts: texts, vocab: v, b: idx.NewBatch(), shared: keywordCache{}}
}

// add analyses a unit and puts it into the batch. Analysing here, in the
// one goroutine writing, numbers new words before the batch that stores
// them is written.
func (w *writer) add(u *unitDoc) error {
	return w.b.IndexAdvanced(u.analyze())
}

// setSeq records seq, in the same batch, as the last applied change.
func (w *writer) setSeq(seq uint64) { w.b.SetInternal(seqKey, encodeSeq(seq)) }

// flush executes the batch, with the words numbered for it, and starts a
// new one. The executed batch is never reset or reused: scorch's Batch
// can return while a goroutine it started still walks the batch's
// operations.
func (w *writer) flush() error {
	saved := w.vocab.saveNew(w.b)
	err := w.idx.Batch(w.b)
	if err == nil {
		saved()
	}
	w.b, w.bytes = w.idx.NewBatch(), 0
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
	u := newUnitDoc(turnID(d.ID, i), KindTurn, w.vocab, w.shared)
	u.words(fieldText, text)
	u.keyword(fieldDocument, d.ID)
	u.keyword(fieldCase, meta.CaseID)
	u.keyword(fieldSpeaker, tr.Speaker)
	u.keyword(fieldRole, roleOf(meta, tr.Speaker))
	u.keyword(fieldCode, codes...)
	u.keyword(fieldDate, meta.Meta.InterviewDate)
	u.keyword(fieldSort, sortKey(meta.Order, -1))
	return w.add(u)
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
	u := newUnitDoc(unitRef{Kind: KindQuote, ID: q.ID}.String(), KindQuote, w.vocab, w.shared)
	u.words(fieldText, q.Text)
	u.words(fieldTitle, labels)
	u.keyword(fieldDocument, q.DocumentID)
	u.keyword(fieldCase, d.CaseID)
	u.keyword(fieldSpeaker, speaker)
	u.keyword(fieldRole, roleOf(d, speaker))
	u.keyword(fieldCode, q.CodeIDs...)
	u.keyword(fieldCoder, q.Coder)
	u.keyword(fieldDate, q.CreatedAt.Format("2006-01-02"))
	u.keyword(fieldSort, sortKey(d.Order, q.Start))
	return w.add(u)
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
	var document, caseID, code string
	switch m.TargetType {
	case coding.MemoDocument:
		document = m.TargetID
		if d := w.cat.docByID[m.TargetID]; d != nil {
			caseID = d.CaseID
		}
	case coding.MemoCase:
		caseID = m.TargetID
	case coding.MemoCode:
		code = m.TargetID
	case coding.MemoQuote:
		if q := w.cat.quotes[m.TargetID]; q != nil {
			document = q.DocumentID
			if d := w.cat.docByID[q.DocumentID]; d != nil {
				caseID = d.CaseID
			}
		}
	}
	w.bytes += len(m.Body)
	u := newUnitDoc(unitRef{Kind: KindMemo, ID: m.ID}.String(), KindMemo, w.vocab, w.shared)
	u.words(fieldText, m.Body)
	u.words(fieldTitle, m.Title)
	u.keyword(fieldDocument, document)
	u.keyword(fieldCase, caseID)
	u.keyword(fieldCode, code)
	u.keyword(fieldCoder, m.Author)
	u.keyword(fieldDate, m.CreatedAt.Format("2006-01-02"))
	u.keyword(fieldSort, "m"+m.ID)
	return w.add(u)
}

// code indexes a code of the codebook with its definition and notes.
func (w *writer) code(c *coding.Code) error {
	text := codeText(c)
	w.bytes += len(text)
	u := newUnitDoc(unitRef{Kind: KindCode, ID: c.ID}.String(), KindCode, w.vocab, w.shared)
	u.words(fieldText, text)
	u.words(fieldTitle, c.Name)
	u.keyword(fieldCode, c.ID)
	u.keyword(fieldDate, c.CreatedAt.Format("2006-01-02"))
	u.keyword(fieldSort, "c"+c.ID)
	return w.add(u)
}

// deleteTurnsFrom deletes the indexed turns of a document numbered n and
// above, found through the index itself.
func (w *writer) deleteTurnsFrom(docID string, n int) error {
	q := bleve.NewBooleanQuery()
	q.AddMust(termQ(fieldDocument, docID))
	q.AddMustNot(anyTerm(fieldKind, []string{KindQuote, KindMemo, KindCode}))
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
