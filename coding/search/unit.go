package search

import (
	"fmt"

	"strconv"
	"strings"
)

// turnUnit is the indexed form of one speaker turn of a document.
type turnUnit struct {
	Kind     string   `json:"kind"`
	Text     string   `json:"text"`
	Document string   `json:"document"`
	Case     string   `json:"case"`
	Speaker  string   `json:"speaker"`
	Role     string   `json:"role"`
	Code     []string `json:"code"` // codes of quotes overlapping the turn
	Date     string   `json:"date"` // interview date
	Sort     string   `json:"sort"`
}

// BleveType names the unit's mapping.
func (turnUnit) BleveType() string { return KindTurn }

// quoteUnit is the indexed form of a quote.
type quoteUnit struct {
	Kind     string   `json:"kind"`
	Text     string   `json:"text"`
	Title    string   `json:"title"` // code, theme and dimension names, facet values
	Document string   `json:"document"`
	Case     string   `json:"case"`
	Speaker  string   `json:"speaker"`
	Role     string   `json:"role"`
	Code     []string `json:"code"`
	Coder    string   `json:"coder"`
	Date     string   `json:"date"` // created
	Sort     string   `json:"sort"`
}

// BleveType names the unit's mapping.
func (quoteUnit) BleveType() string { return KindQuote }

// memoUnit is the indexed form of a memo.
type memoUnit struct {
	Kind     string `json:"kind"`
	Text     string `json:"text"`
	Title    string `json:"title"`
	Document string `json:"document"`
	Case     string `json:"case"`
	Code     string `json:"code"`
	Coder    string `json:"coder"` // author
	Date     string `json:"date"`
	Sort     string `json:"sort"`
}

// BleveType names the unit's mapping.
func (memoUnit) BleveType() string { return KindMemo }

// codeUnit is the indexed form of a code of the codebook.
type codeUnit struct {
	Kind  string `json:"kind"`
	Text  string `json:"text"`  // definition and notes
	Title string `json:"title"` // name
	Code  string `json:"code"`
	Date  string `json:"date"`
	Sort  string `json:"sort"`
}

// BleveType names the unit's mapping.
func (codeUnit) BleveType() string { return KindCode }

// unitRef identifies an indexed unit. Turn IDs are "turn:DOC:N", the
// others "KIND:ID".
type unitRef struct {
	Kind string
	ID   string // the entity ID; the document ID for turns
	Turn int
}

// String returns the unit's index ID. Turn numbers are zero-padded so
// that IDs sort in text order within a document.
func (r unitRef) String() string {
	if r.Kind == KindTurn {
		return fmt.Sprintf("turn:%s:%05d", r.ID, r.Turn)
	}
	return r.Kind + ":" + r.ID
}

// parseUnitID splits an index ID into its parts.
func parseUnitID(id string) (unitRef, bool) {
	kind, rest, ok := strings.Cut(id, ":")
	if !ok || rest == "" {
		return unitRef{}, false
	}
	switch kind {
	case KindTurn:
		doc, n, ok := strings.Cut(rest, ":")
		i, err := strconv.Atoi(n)
		if !ok || err != nil || i < 0 {
			return unitRef{}, false
		}
		return unitRef{Kind: kind, ID: doc, Turn: i}, true
	case KindQuote, KindMemo, KindCode:
		return unitRef{Kind: kind, ID: rest}, true
	}
	return unitRef{}, false
}

func turnID(docID string, n int) string { return unitRef{Kind: KindTurn, ID: docID, Turn: n}.String() }

// sortKey orders units: documents in their order, positions within them
// (for turns, whose IDs sort in text order, the document's order alone);
// memos and codes after all documents.
func sortKey(docOrder, pos int) string {
	if pos < 0 {
		return fmt.Sprintf("d%08d", docOrder)
	}
	return fmt.Sprintf("d%08d:%010d", docOrder, pos)
}
