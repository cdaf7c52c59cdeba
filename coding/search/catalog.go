package search

import (
	"sort"
	"strings"

	"tessera/coding"
)

// catalog is what the index keeps in memory about a project besides the
// bleve index: names to resolve query filters, quotes to tell which hits
// lie inside them, labels for facets. It is loaded from a store snapshot
// without text and kept current by Apply.
type catalog struct {
	project   *coding.Project
	cases     []*coding.Case
	docs      []*coding.Document // in order, without text
	docByID   map[string]*coding.Document
	codes     []*coding.Code
	tree      *coding.CodeTree
	facets    []*coding.Facet
	sets      []*coding.Set
	quotes    map[string]*coding.Quote
	docQuotes map[string][]*coding.Quote // by document, sorted by position
	memos     map[string]*coding.Memo
	// informants in label order; documents' speakers link to them.
	informants []*coding.Informant
	// seq is the store sequence number the catalog was loaded at.
	seq uint64
}

func newCatalog(s *coding.Snapshot) *catalog {
	c := &catalog{
		project:    s.Project,
		cases:      s.Cases,
		quotes:     map[string]*coding.Quote{},
		docQuotes:  map[string][]*coding.Quote{},
		memos:      map[string]*coding.Memo{},
		facets:     s.Facets,
		sets:       s.Sets,
		informants: s.Informants,
		seq:        s.Seq,
	}
	c.setDocuments(s.Documents)
	c.setCodes(s.Codes)
	for _, q := range s.Quotes {
		c.quotes[q.ID] = q
		c.docQuotes[q.DocumentID] = append(c.docQuotes[q.DocumentID], q)
	}
	for _, m := range s.Memos {
		c.memos[m.ID] = m
	}
	return c
}

func (c *catalog) setDocuments(docs []*coding.Document) {
	c.docs = docs
	c.docByID = make(map[string]*coding.Document, len(docs))
	for _, d := range docs {
		c.docByID[d.ID] = d
	}
}

func (c *catalog) setCodes(codes []*coding.Code) {
	c.codes = codes
	c.tree = coding.NewCodeTree(codes)
}

// putDocument adds or replaces a document (without its text).
func (c *catalog) putDocument(d *coding.Document) {
	meta := *d
	meta.Text, meta.Turns = "", nil
	docs := make([]*coding.Document, 0, len(c.docs)+1)
	for _, o := range c.docs {
		if o.ID != d.ID {
			docs = append(docs, o)
		}
	}
	docs = append(docs, &meta)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Order < docs[j].Order })
	c.setDocuments(docs)
}

func (c *catalog) deleteDocument(id string) {
	docs := make([]*coding.Document, 0, len(c.docs))
	for _, o := range c.docs {
		if o.ID != id {
			docs = append(docs, o)
		}
	}
	c.setDocuments(docs)
}

// putQuote adds or replaces a quote.
func (c *catalog) putQuote(q *coding.Quote) {
	c.deleteQuote(q.ID)
	c.quotes[q.ID] = q
	list := append(c.docQuotes[q.DocumentID], q)
	coding.SortQuotes(list)
	c.docQuotes[q.DocumentID] = list
}

func (c *catalog) deleteQuote(id string) {
	old, ok := c.quotes[id]
	if !ok {
		return
	}
	delete(c.quotes, id)
	list := c.docQuotes[old.DocumentID]
	out := list[:0:0]
	for _, q := range list {
		if q.ID != id {
			out = append(out, q)
		}
	}
	c.docQuotes[old.DocumentID] = out
}

// caseName returns the name of the case with id, or "".
func (c *catalog) caseName(id string) string {
	for _, k := range c.cases {
		if k.ID == id {
			return k.Name
		}
	}
	return ""
}

// docOrder returns the position of a document among the project's.
func (c *catalog) docOrder(id string) int {
	if d := c.docByID[id]; d != nil {
		return d.Order
	}
	return 0
}

// roleOf returns the role of speaker in document d.
func roleOf(d *coding.Document, speaker string) string {
	for _, s := range d.Speakers {
		if s.Name == speaker {
			return s.Role
		}
	}
	return ""
}

// quotesIn returns the quotes of a document overlapping [start, end).
func (c *catalog) quotesIn(docID string, start, end int) []*coding.Quote {
	var out []*coding.Quote
	for _, q := range c.docQuotes[docID] {
		if q.Start >= end {
			break
		}
		if q.End > start {
			out = append(out, q)
		}
	}
	return out
}

// quoteLabels returns the words a quote is found by besides its text: its
// codes' names, the names of their themes and dimensions, and their
// facet values.
func (c *catalog) quoteLabels(q *coding.Quote) string {
	var parts []string
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			parts = append(parts, s)
		}
	}
	for _, id := range q.CodeIDs {
		code := c.tree.ByID[id]
		if code == nil {
			continue
		}
		for _, name := range c.tree.Path(code) {
			add(name)
		}
		for _, f := range c.facets {
			v, _ := c.tree.EffectiveFacet(code, f.ID)
			add(v)
		}
	}
	return strings.Join(parts, "\n")
}

// codeRefs names the codes with the given IDs (unknown ones are left out).
func (c *catalog) codeRefs(ids []string) []CodeRef {
	out := make([]CodeRef, 0, len(ids))
	for _, id := range ids {
		if code := c.tree.ByID[id]; code != nil {
			out = append(out, CodeRef{ID: id, Name: code.Name, Level: string(code.Level), Color: code.Color})
		}
	}
	return out
}

// speakerNames returns every distinct speaker of the project's documents.
func (c *catalog) speakerNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range c.docs {
		for _, s := range d.Speakers {
			if !seen[s.Name] {
				seen[s.Name] = true
				out = append(out, s.Name)
			}
		}
	}
	return out
}

// coders returns every distinct coder of the project's quotes and author
// of its memos.
func (c *catalog) coders() []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, q := range c.quotes {
		add(q.Coder)
	}
	for _, m := range c.memos {
		add(m.Author)
	}
	sort.Strings(out)
	return out
}
