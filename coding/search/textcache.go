package search

import (
	"container/list"
	"context"
	"sync"

	"tessera/coding"
)

// docText is a document's text with its turns and the byte range of each
// turn, which converts term locations (bytes into a turn's text) into
// code points of the document.
type docText struct {
	text  string
	turns []coding.Turn
	spans [][2]int // byte range of each turn in text
	bytes int      // memory accounted for
}

func newDocText(d *coding.Document) *docText {
	t := &docText{text: d.Text, turns: d.Turns}
	if len(t.turns) == 0 {
		t.turns = []coding.Turn{{Start: 0, End: coding.RuneLen(d.Text)}}
	}
	// Turns are ordered and disjoint: one walk over the text finds the
	// byte offset of every turn boundary.
	t.spans = make([][2]int, len(t.turns))
	bounds := make([]int, 0, 2*len(t.turns))
	for _, tr := range t.turns {
		bounds = append(bounds, tr.Start, tr.End)
	}
	offs := make([]int, len(bounds))
	cp, bi := 0, 0
	for b := range d.Text {
		for bi < len(bounds) && bounds[bi] <= cp {
			offs[bi] = b
			bi++
		}
		cp++
	}
	for ; bi < len(bounds); bi++ {
		offs[bi] = len(d.Text)
	}
	for i := range t.turns {
		t.spans[i] = [2]int{offs[2*i], offs[2*i+1]}
	}
	t.bytes = len(d.Text) + 64*len(t.turns) + 128
	return t
}

// turnText returns the text of turn i.
func (t *docText) turnText(i int) string {
	return t.text[t.spans[i][0]:t.spans[i][1]]
}

// textCache keeps recently used document texts within a memory budget,
// so result pages do not decode whole documents from the store again.
type textCache struct {
	mu     sync.Mutex
	budget int
	used   int
	lru    *list.List // of *cacheEntry, most recent first
	byKey  map[string]*list.Element
}

type cacheEntry struct {
	key string
	doc *docText
}

func newTextCache(budget int) *textCache {
	return &textCache{budget: budget, lru: list.New(), byKey: map[string]*list.Element{}}
}

func cacheKey(pid, docID string) string { return pid + "/" + docID }

// get returns the document's text, reading it from the store when it is
// not cached.
func (c *textCache) get(ctx context.Context, st coding.Store, pid, docID string) (*docText, error) {
	key := cacheKey(pid, docID)
	c.mu.Lock()
	if e, ok := c.byKey[key]; ok {
		c.lru.MoveToFront(e)
		c.mu.Unlock()
		return e.Value.(*cacheEntry).doc, nil
	}
	c.mu.Unlock()
	d, err := st.FindDocument(ctx, pid, docID)
	if err != nil {
		return nil, err
	}
	t := newDocText(d)
	c.put(key, t)
	return t, nil
}

// put caches t under key, evicting the least recently used texts.
func (c *textCache) put(key string, t *docText) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[key]; ok {
		c.used -= e.Value.(*cacheEntry).doc.bytes
		c.lru.Remove(e)
		delete(c.byKey, key)
	}
	if t.bytes > c.budget {
		return
	}
	c.byKey[key] = c.lru.PushFront(&cacheEntry{key: key, doc: t})
	c.used += t.bytes
	for c.used > c.budget {
		last := c.lru.Back()
		ent := last.Value.(*cacheEntry)
		c.lru.Remove(last)
		delete(c.byKey, ent.key)
		c.used -= ent.doc.bytes
	}
}

// forget drops a document's text.
func (c *textCache) forget(pid, docID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[cacheKey(pid, docID)]; ok {
		c.used -= e.Value.(*cacheEntry).doc.bytes
		c.lru.Remove(e)
		delete(c.byKey, e.Value.(*cacheEntry).key)
	}
}

// forgetProject drops every text of a project.
func (c *textCache) forgetProject(pid string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	prefix := pid + "/"
	for key, e := range c.byKey {
		if len(key) > len(prefix) && key[:len(prefix)] == prefix {
			c.used -= e.Value.(*cacheEntry).doc.bytes
			c.lru.Remove(e)
			delete(c.byKey, key)
		}
	}
}
