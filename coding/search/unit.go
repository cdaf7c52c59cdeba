package search

import (
	"fmt"
	"strconv"
	"strings"
)

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
