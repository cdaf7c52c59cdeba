package coding

import (
	"sort"
	"time"
)

// Quote is a coded passage of a document: the code points [Start, End) of
// its stored text, tagged with one or more codes (first-order concepts,
// or themes when coded directly).
type Quote struct {
	ID         string `json:"id"`
	ProjectID  string `json:"project_id"`
	DocumentID string `json:"document_id"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	// Text is a snapshot of the document's text at [Start, End).
	Text    string   `json:"text"`
	CodeIDs []string `json:"code_ids"`
	// Coder is the user who made the quote.
	Coder string `json:"coder"`
	Memo  string `json:"memo"` // Markdown
	// Picks marks the quote as chosen evidence (a power or proof quote)
	// for some of the codes it carries.
	Picks []QuotePick `json:"picks,omitempty"`
	// Excerpt is the text printed in place of Text where the quote is
	// cited: pieces of Text joined by omission marks (see CheckExcerpt);
	// "" prints Text. It never changes the coded range.
	Excerpt string `json:"excerpt,omitempty"`
	// Corrections records each correction of the transcript that
	// changed the quote's text (see CorrectText), oldest first.
	Corrections []QuoteCorrection `json:"corrections,omitempty"`
	CreatedAt   time.Time         `json:"created_at"`
	UpdatedAt   time.Time         `json:"updated_at"`
	// UpdatedBy names who last changed the quote, when known.
	UpdatedBy string `json:"updated_by,omitempty"`
	// Version counts the entity's states: 1 when created, one more with
	// every update (undo included). Clients send it back (If-Match) so
	// that an update made from an outdated copy is refused.
	Version int `json:"version"`
}

// Place checks the quote's range against its document's text and takes
// the text snapshot.
func (q *Quote) Place(doc *Document) error {
	return q.placeIn(RuneLen(doc.Text), func() string { return Slice(doc.Text, q.Start, q.End) })
}

func (q *Quote) placeIn(n int, slice func() string) error {
	if q.Start < 0 || q.End <= q.Start || q.End > n {
		return Errorf(EUNPROCESSABLE, "quote range [%d,%d) is not within the document (0 <= start < end <= %d, in characters)", q.Start, q.End, n)
	}
	q.Text = slice()
	return nil
}

// Placer places many quotes in one document, reading its text once.
type Placer struct{ runes []rune }

// NewPlacer returns a Placer for doc, which holds its text.
func NewPlacer(doc *Document) *Placer { return &Placer{runes: []rune(doc.Text)} }

// Place does what q.Place(doc) does.
func (p *Placer) Place(q *Quote) error {
	return q.placeIn(len(p.runes), func() string { return string(p.runes[q.Start:q.End]) })
}

// QuoteRange is a range of code points [Start, End) of a document.
type QuoteRange struct {
	DocumentID string `json:"document_id"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
}

// CodeRangesRequest codes ranges of documents with one code, as one
// change (see QuoteStore.CodeRanges).
type CodeRangesRequest struct {
	CodeID string
	// Coder makes the new quotes.
	Coder  string
	Ranges []QuoteRange
	// Hidden, when set, reports the existing quotes the caller may not
	// see (other coders' quotes while coding independently): they are
	// left alone, and a range they cover gets a quote of its own.
	Hidden func(*Quote) bool
}

// CodeRangesResult reports what CodeRanges did.
type CodeRangesResult struct {
	// Created counts new quotes.
	Created int `json:"created"`
	// Existing counts ranges that already had a quote of exactly that
	// extent: the code was added to it where missing.
	Existing int `json:"existing"`
	// QuoteIDs are the quotes of the ranges, created or existing, in the
	// order of the ranges (one per distinct range).
	QuoteIDs []string `json:"quote_ids"`
	// Seq is the audit entry of the change, to pass to Undo; 0 when
	// nothing changed (every range already had the code).
	Seq uint64 `json:"seq"`
}

// CheckCodes reports whether codeIDs may tag a quote: at least one, no
// duplicates (removed silently), each a concept or theme of the project.
// It returns the deduplicated list in the given order.
func CheckCodes(codeIDs []string, codes map[string]*Code) ([]string, error) {
	if len(codeIDs) == 0 {
		return nil, Errorf(EINVALID, "a quote needs at least one code")
	}
	out := make([]string, 0, len(codeIDs))
	seen := map[string]bool{}
	for _, id := range codeIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		c, ok := codes[id]
		if !ok {
			return nil, Errorf(ENOTFOUND, "code %q not found", id)
		}
		if c.Level == LevelDimension {
			return nil, Errorf(EUNPROCESSABLE, "quotes are coded with concepts or themes, not with the aggregate dimension %q", c.Name)
		}
		out = append(out, id)
	}
	return out, nil
}

// HasCode reports whether the quote is tagged with code id.
func (q *Quote) HasCode(id string) bool {
	for _, c := range q.CodeIDs {
		if c == id {
			return true
		}
	}
	return false
}

// QuoteUpdate holds the fields of a quote to change; nil fields stay.
// Start and End resize it (the snapshot follows); CodeIDs recodes it.
type QuoteUpdate struct {
	Start   *int     `json:"start"`
	End     *int     `json:"end"`
	CodeIDs []string `json:"code_ids"`
	Memo    *string  `json:"memo"`
	// Pick chooses the quote as evidence for one of its codes, or (Kind
	// "") takes that choice back. Order 0 places it after the code's
	// other chosen quotes.
	Pick *QuotePick `json:"pick"`
	// Excerpt sets the print excerpt; "" removes it.
	Excerpt *string `json:"excerpt"`
	// IfVersion, when not zero, refuses the update (ESTALE) unless the
	// stored version is this one: the client edited an outdated copy.
	IfVersion int `json:"-"`
}

// QuoteFilter selects quotes; empty fields match all.
type QuoteFilter struct {
	DocumentID string
	// CodeID matches quotes tagged with the code or any code below it.
	CodeID string
	Coder  string
}

// SortQuotes orders quotes by document, then position, then ID.
func SortQuotes(qs []*Quote) {
	sort.SliceStable(qs, func(i, j int) bool {
		a, b := qs[i], qs[j]
		if a.DocumentID != b.DocumentID {
			return a.DocumentID < b.DocumentID
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.ID < b.ID
	})
}
