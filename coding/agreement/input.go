package agreement

import (
	"fmt"
	"math"
	"sort"

	"tessera/coding"
)

// span is a half-open range [start, end) of code points.
type span struct{ start, end int }

type document struct {
	id     string
	length int
}

// prepared is a validated Input with the quotes sorted into spans per
// code, document and coder.
type prepared struct {
	coders     []string
	docs       []document // sorted by ID
	codes      []string
	minOverlap float64
	// spans[code][doc][coder] are the ranges the coder coded with the code
	// in the document; spans[code] is nil when no coder used the code.
	spans [][][][]span
}

// prepare validates in and groups its quotes.
func prepare(in Input) (*prepared, error) {
	p := &prepared{minOverlap: in.MinOverlap}
	coderIndex, err := checkCoders(in.Coders)
	if err != nil {
		return nil, err
	}
	p.coders = in.Coders
	if p.minOverlap == 0 {
		p.minOverlap = DefaultMinOverlap
	}
	if math.IsNaN(p.minOverlap) || p.minOverlap < 0 || p.minOverlap > 1 {
		return nil, coding.Errorf(coding.EINVALID, "the minimum overlap must be a share above 0 and at most 1 (0.9 means 90 %%), not %g", in.MinOverlap)
	}
	docIndex, err := p.setDocuments(in.Documents)
	if err != nil {
		return nil, err
	}
	quotes, err := selectQuotes(in.Quotes, coderIndex, docIndex, p.docs)
	if err != nil {
		return nil, err
	}
	codeIndex, err := p.setCodes(in.Codes, quotes)
	if err != nil {
		return nil, err
	}
	p.spans = make([][][][]span, len(p.codes))
	for _, q := range quotes {
		d, c := docIndex[q.DocumentID], coderIndex[q.Coder]
		for _, id := range q.CodeIDs {
			k, ok := codeIndex[id]
			if !ok {
				continue
			}
			if p.spans[k] == nil {
				p.spans[k] = make([][][]span, len(p.docs))
			}
			if p.spans[k][d] == nil {
				p.spans[k][d] = make([][]span, len(p.coders))
			}
			p.spans[k][d][c] = append(p.spans[k][d][c], span{q.Start, q.End})
		}
	}
	return p, nil
}

// checkCoders requires two or more distinct, named coders and returns
// their positions.
func checkCoders(coders []string) (map[string]int, error) {
	if len(coders) < 2 {
		return nil, coding.Errorf(coding.EINVALID, "agreement needs at least two coders, got %d", len(coders))
	}
	index := make(map[string]int, len(coders))
	for i, c := range coders {
		if c == "" {
			return nil, coding.Errorf(coding.EINVALID, "coder %d has no name", i+1)
		}
		if _, dup := index[c]; dup {
			return nil, coding.Errorf(coding.EINVALID, "coder %q is listed twice", c)
		}
		index[c] = i
	}
	return index, nil
}

// setDocuments checks the document lengths and sorts the documents by ID.
func (p *prepared) setDocuments(docs map[string]int) (map[string]int, error) {
	if len(docs) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "agreement needs at least one document")
	}
	for id, n := range docs {
		if id == "" {
			return nil, coding.Errorf(coding.EINVALID, "a document has no ID")
		}
		if n < 0 {
			return nil, coding.Errorf(coding.EINVALID, "document %q has a negative length (%d)", id, n)
		}
		p.docs = append(p.docs, document{id: id, length: n})
	}
	sort.Slice(p.docs, func(i, j int) bool { return p.docs[i].id < p.docs[j].id })
	index := make(map[string]int, len(p.docs))
	for i, d := range p.docs {
		index[d.id] = i
	}
	return index, nil
}

// selectQuotes keeps the quotes of listed coders on listed documents and
// checks that each lies within its document.
func selectQuotes(all []*coding.Quote, coders, docs map[string]int, docList []document) ([]*coding.Quote, error) {
	var out []*coding.Quote
	for i, q := range all {
		if q == nil {
			return nil, coding.Errorf(coding.EINVALID, "quote %d is missing", i+1)
		}
		d, ok := docs[q.DocumentID]
		if !ok {
			continue
		}
		if _, ok := coders[q.Coder]; !ok {
			continue
		}
		n := docList[d].length
		if q.Start < 0 || q.End <= q.Start || q.End > n {
			name := "a quote"
			if q.ID != "" {
				name = fmt.Sprintf("quote %q", q.ID)
			}
			return nil, coding.Errorf(coding.EINVALID, "%s by %s covers [%d,%d), which is not within document %q (0 <= start < end <= %d, in characters)", name, q.Coder, q.Start, q.End, q.DocumentID, n)
		}
		out = append(out, q)
	}
	return out, nil
}

// setCodes checks the requested codes, or collects the codes used by the
// selected quotes when none are requested, and returns their positions.
func (p *prepared) setCodes(codes []string, quotes []*coding.Quote) (map[string]int, error) {
	index := map[string]int{}
	if len(codes) == 0 {
		for _, q := range quotes {
			for _, id := range q.CodeIDs {
				index[id] = 0
			}
		}
		for id := range index {
			p.codes = append(p.codes, id)
		}
		sort.Strings(p.codes)
	} else {
		for _, id := range codes {
			if id == "" {
				return nil, coding.Errorf(coding.EINVALID, "a code ID in the list is empty")
			}
			if _, dup := index[id]; dup {
				return nil, coding.Errorf(coding.EINVALID, "code %q is listed twice", id)
			}
			index[id] = 0
		}
		p.codes = append([]string(nil), codes...)
	}
	for i, id := range p.codes {
		index[id] = i
	}
	return index, nil
}
