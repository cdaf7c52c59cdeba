package export

import "tessera/coding"

// Counts tells how much of the data a code covers.
type Counts struct {
	Quotes    int `json:"quotes"`    // distinct quotes tagged with the code or a code below it
	Documents int `json:"documents"` // distinct documents of those quotes
	Cases     int `json:"cases"`     // distinct cases of those documents
}

// CodeStats returns the counts of every code of the snapshot, keyed by
// code ID. Themes and dimensions count the quotes of the codes below them
// as well as their own, each quote once.
func CodeStats(snap *coding.Snapshot) map[string]Counts {
	return newIndex(snap).stats()
}

func (ix *index) stats() map[string]Counts {
	out := make(map[string]Counts, len(ix.order))
	for _, c := range ix.order {
		out[c.ID] = ix.countsOf(c.ID)
	}
	return out
}

// countsOf counts the quotes, documents and cases of one code.
func (ix *index) countsOf(id string) Counts {
	qs := ix.quotes[id]
	docs, cases := map[string]bool{}, map[string]bool{}
	for _, q := range qs {
		docs[q.DocumentID] = true
		if c := ix.caseOf(q); c != nil {
			cases[c.ID] = true
		}
	}
	return Counts{Quotes: len(qs), Documents: len(docs), Cases: len(cases)}
}
