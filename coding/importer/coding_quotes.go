package importer

import (
	"context"
	"fmt"
	"strings"

	"tessera/coding"
)

// quoteLoader places the quotes of a coding file.
type quoteLoader struct {
	im     *Importer
	pid    string
	codes  map[string][]string // lower-case code name -> IDs
	rep    *CodingReport
	files  map[string]string // cleaned file path -> document ID
	docs   map[string]*coding.Document
	quotes map[string]map[[2]int]*coding.Quote // document ID -> range -> quote
}

// add places quote n (1-based) or reports why it cannot be placed. The
// error is for store failures only.
func (ql *quoteLoader) add(ctx context.Context, n int, q CodingQuote) error {
	fail := func(format string, args ...any) error {
		ql.rep.Errors = append(ql.rep.Errors, fmt.Sprintf("quote %d (%s): ", n, q.Document)+fmt.Sprintf(format, args...))
		return nil
	}
	docID, ok := lookupPath(ql.files, q.Document)
	if !ok {
		return fail("the document was not imported")
	}
	doc, err := ql.document(ctx, docID)
	if err != nil {
		return ql.storeErr(err, fail)
	}
	text, _ := coding.NormalizeText(q.Text)
	text = strings.TrimSpace(text)
	if text == "" {
		return fail("the quote has no text")
	}
	var codeIDs []string
	for _, name := range q.Codes {
		ids := ql.codes[strings.ToLower(strings.TrimSpace(name))]
		switch len(ids) {
		case 0:
			return fail("no code is named %q", name)
		case 1:
			codeIDs = append(codeIDs, ids[0])
		default:
			return fail("several codes are named %q", name)
		}
	}
	if len(codeIDs) == 0 {
		return fail("the quote has no codes")
	}
	i := strings.Index(doc.Text, text)
	if i < 0 {
		return fail("text not found: %q", abbreviate(text, 60))
	}
	start := coding.RuneOffset(doc.Text, i)
	r := [2]int{start, start + coding.RuneLen(text)}
	if old := ql.quotes[docID][r]; old != nil {
		merged := append(append([]string(nil), old.CodeIDs...), codeIDs...)
		up, err := ql.im.Store.UpdateQuote(ctx, ql.pid, old.ID, coding.QuoteUpdate{CodeIDs: merged})
		if err != nil {
			return ql.storeErr(err, fail)
		}
		ql.quotes[docID][r] = up
		ql.rep.QuotesMerged++
		return nil
	}
	nq := &coding.Quote{ProjectID: ql.pid, DocumentID: docID, Start: r[0], End: r[1],
		CodeIDs: codeIDs, Coder: ql.im.Coder, Memo: q.Memo}
	if err := ql.im.Store.CreateQuote(ctx, nq); err != nil {
		return ql.storeErr(err, fail)
	}
	ql.quotes[docID][r] = nq
	ql.rep.QuotesCreated++
	return nil
}

// storeErr reports a domain error for the quote and passes others on.
func (ql *quoteLoader) storeErr(err error, fail func(string, ...any) error) error {
	if coding.ErrorCode(err) == coding.EINTERNAL {
		return err
	}
	return fail("%s", coding.ErrorMessage(err))
}

// document loads a document with its text and quotes, once.
func (ql *quoteLoader) document(ctx context.Context, id string) (*coding.Document, error) {
	if d, ok := ql.docs[id]; ok {
		return d, nil
	}
	d, err := ql.im.Store.FindDocument(ctx, ql.pid, id)
	if err != nil {
		return nil, err
	}
	qs, err := ql.im.Store.ListQuotes(ctx, ql.pid, coding.QuoteFilter{DocumentID: id})
	if err != nil {
		return nil, err
	}
	byRange := map[[2]int]*coding.Quote{}
	for _, q := range qs {
		byRange[[2]int{q.Start, q.End}] = q
	}
	ql.docs[id], ql.quotes[id] = d, byRange
	return d, nil
}

// abbreviate shortens s to n code points with an ellipsis.
func abbreviate(s string, n int) string {
	if coding.RuneLen(s) <= n {
		return s
	}
	return coding.Slice(s, 0, n) + "…"
}
