package search

import (
	"sync"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
)

// wordsField is an analysed text field of a unit: its words (see
// tokenize) with their positions and, in place of byte offsets, the
// numbers (see vocab) of the next word (Start) and of the previous one
// (End), 0 at either end of the text. The writer analyses it as it adds
// the unit to a batch (numbering words is not safe for concurrent use);
// bleve's own call then finds it done.
type wordsField struct {
	name   string
	text   string
	vocab  *vocab
	length int
	freqs  index.TokenFrequencies
}

// wordsOptions index a text field with term vectors and no stored value.
const wordsOptions = index.IndexField | index.IncludeTermVectors

func newWordsField(name, text string, v *vocab) *wordsField {
	return &wordsField{name: name, text: text, vocab: v}
}

// Analyze implements bleve's document.Field.
func (f *wordsField) Analyze() {
	if f.freqs != nil {
		return
	}
	sc := scratchPool.Get().(*analyzeScratch)
	defer scratchPool.Put(sc)
	clear(sc.byTerm)
	sc.terms, sc.seq = sc.terms[:0], sc.seq[:0]
	// The words in order, as indexes into the distinct words.
	tokenize(f.text, func(w word) {
		i, ok := sc.byTerm[w.term]
		if !ok {
			i = int32(len(sc.terms))
			sc.terms = append(sc.terms, termInfo{term: w.term, id: f.vocab.id(w.term)})
			sc.byTerm[w.term] = i
		}
		sc.terms[i].n++
		sc.seq = append(sc.seq, i)
	})
	// Frequencies, locations and location lists are carved from slabs.
	tfs := make([]index.TokenFreq, len(sc.terms))
	locs := make([]index.TokenLocation, len(sc.seq))
	ptrs := make([]*index.TokenLocation, len(sc.seq))
	freqs := make(index.TokenFrequencies, len(sc.terms))
	size := 0
	for i := range sc.terms {
		size += len(sc.terms[i].term)
	}
	termBytes := make([]byte, 0, size)
	used := 0
	for i := range sc.terms {
		t := &sc.terms[i]
		tf := &tfs[i]
		at := len(termBytes)
		termBytes = append(termBytes, t.term...)
		tf.Term = termBytes[at:len(termBytes):len(termBytes)]
		tf.SetFrequency(t.n)
		tf.Locations = ptrs[used : used : used+t.n]
		t.next = used
		used += t.n
		freqs[t.term] = tf
	}
	// A word's locations lie side by side in the slab, in the order bleve
	// reads them (word by word), rather than in text order.
	for i, ti := range sc.seq {
		t := &sc.terms[ti]
		l := &locs[t.next]
		t.next++
		l.Position = i + 1
		if i+1 < len(sc.seq) {
			l.Start = int(sc.terms[sc.seq[i+1]].id)
		}
		if i > 0 {
			l.End = int(sc.terms[sc.seq[i-1]].id)
		}
		tf := &tfs[ti]
		tf.Locations = append(tf.Locations, l)
	}
	f.length, f.freqs = len(sc.seq), freqs
}

// analyzeScratch is the reusable working memory of wordsField.Analyze.
type analyzeScratch struct {
	byTerm map[string]int32
	terms  []termInfo
	seq    []int32
}

type termInfo struct {
	term string
	id   uint32
	n    int // occurrences
	next int // slot in the location slab for the next occurrence
}

var scratchPool = sync.Pool{New: func() any { return &analyzeScratch{byTerm: map[string]int32{}} }}

// Name implements bleve's document.Field.
func (f *wordsField) Name() string { return f.name }

// ArrayPositions implements bleve's document.Field.
func (f *wordsField) ArrayPositions() []uint64 { return nil }

// Options implements bleve's document.Field.
func (f *wordsField) Options() index.FieldIndexingOptions { return wordsOptions }

// Value implements bleve's document.Field. The text is not stored in the
// index, so bleve never needs it.
func (f *wordsField) Value() []byte { return nil }

// NumPlainTextBytes implements bleve's document.Field.
func (f *wordsField) NumPlainTextBytes() uint64 { return uint64(len(f.text)) }

// Size implements bleve's document.Field, an estimate of its memory.
func (f *wordsField) Size() int { return 64 + len(f.name) + 48*f.length + 48*len(f.freqs) }

// EncodedFieldType implements bleve's document.Field: a text field.
func (f *wordsField) EncodedFieldType() byte { return 't' }

// AnalyzedLength implements bleve's document.Field.
func (f *wordsField) AnalyzedLength() int { return f.length }

// AnalyzedTokenFrequencies implements bleve's document.Field.
func (f *wordsField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// keywordField is one exact value of a keyword field (an ID, a name, a
// date): a single term without positions.
type keywordField struct {
	name      string
	value     string
	pos       []uint64 // array position among several values of the field
	docValues bool
	freqs     index.TokenFrequencies
}

// Analyze implements bleve's document.Field.
func (f *keywordField) Analyze() {
	if f.freqs != nil {
		return
	}
	tf := &index.TokenFreq{Term: []byte(f.value)}
	tf.SetFrequency(1)
	f.freqs = index.TokenFrequencies{f.value: tf}
}

// Name implements bleve's document.Field.
func (f *keywordField) Name() string { return f.name }

// ArrayPositions implements bleve's document.Field.
func (f *keywordField) ArrayPositions() []uint64 { return f.pos }

// Options implements bleve's document.Field.
func (f *keywordField) Options() index.FieldIndexingOptions {
	if f.docValues {
		return index.IndexField | index.DocValues
	}
	return index.IndexField
}

// Value implements bleve's document.Field.
func (f *keywordField) Value() []byte { return []byte(f.value) }

// NumPlainTextBytes implements bleve's document.Field.
func (f *keywordField) NumPlainTextBytes() uint64 { return uint64(len(f.value)) }

// Size implements bleve's document.Field.
func (f *keywordField) Size() int { return 96 + len(f.name) + 2*len(f.value) }

// EncodedFieldType implements bleve's document.Field: a text field.
func (f *keywordField) EncodedFieldType() byte { return 't' }

// AnalyzedLength implements bleve's document.Field.
func (f *keywordField) AnalyzedLength() int { return 1 }

// AnalyzedTokenFrequencies implements bleve's document.Field.
func (f *keywordField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// unitDoc builds the bleve document of one unit.
type unitDoc struct {
	doc    *document.Document
	vocab  *vocab
	shared keywordCache
}

// keywordCache shares analysed single keyword values between the units of
// a document (its ID, case, speakers, sort key...): bleve only reads a
// field's frequencies, so one analysed field serves many documents.
type keywordCache map[[2]string]*keywordField

// newUnitDoc starts the document of a unit. Turns, nearly all units,
// carry no kind: they are the units without one.
func newUnitDoc(id, kind string, v *vocab, shared keywordCache) *unitDoc {
	u := &unitDoc{doc: document.NewDocument(id), vocab: v, shared: shared}
	u.doc.Fields = make([]document.Field, 0, 10)
	if kind != KindTurn {
		u.keyword(fieldKind, kind)
	}
	return u
}

// words adds an analysed text field (nothing for an empty text).
func (u *unitDoc) words(name, text string) {
	if text != "" {
		u.doc.AddField(newWordsField(name, text, u.vocab))
	}
}

// keyword adds the values of a keyword field; empty values are left out.
// A single value comes from the shared cache: several values of one field
// are merged by bleve into the first one's frequencies, so those are not
// shared.
func (u *unitDoc) keyword(name string, values ...string) {
	dv := keywordDocValues[name]
	if len(values) == 1 {
		if values[0] == "" {
			return
		}
		key := [2]string{name, values[0]}
		f := u.shared[key]
		if f == nil {
			f = &keywordField{name: name, value: values[0], docValues: dv}
			f.Analyze()
			if len(u.shared) >= 256 {
				clear(u.shared)
			}
			u.shared[key] = f
		}
		u.doc.AddField(f)
		return
	}
	n := 0
	for _, v := range values {
		if v == "" {
			continue
		}
		u.doc.AddField(&keywordField{name: name, value: v, docValues: dv, pos: []uint64{uint64(n)}})
		n++
	}
}

// analyze analyses every field now, so that words new to the vocabulary
// are numbered before the batch holding them is written.
func (u *unitDoc) analyze() *document.Document {
	for _, f := range u.doc.Fields {
		f.Analyze()
	}
	return u.doc
}
