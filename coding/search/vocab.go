package search

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
)

// vocab numbers the words of one project index, from 1 in order of first
// appearance. Term vectors record, for each occurrence of a word, its
// position and, where bleve would keep byte offsets, the numbers of the
// words after and before it (see wordsField): a phrase is then checked
// from the occurrences of one of its words instead of all of them. The
// numbers are stored in the index itself (internal keys vocabKey+first
// number), in the same batch as the first unit using them, so the index
// and its numbering never disagree.
//
// A vocab is not safe for concurrent use. Units are analysed by the one
// goroutine writing them (Apply, under the project's lock, or a rebuild's
// reader, on a vocab of its own), and searches read it under the
// project's read lock.
type vocab struct {
	ids   map[string]uint32
	words []string // by number - 1
	saved int      // words already stored in the index
}

// vocabKey prefixes the internal keys holding the numbered words.
const vocabKey = "tessera_vocab_"

// vocabChunk is the number of words stored under one internal key.
const vocabChunk = 8192

func newVocab() *vocab { return &vocab{ids: map[string]uint32{}} }

// Number returns the number of word w, or 0 when it has none (it makes
// a vocab an engine.Vocabulary).
func (v *vocab) Number(w string) uint32 { return v.ids[w] }

// id returns the number of word w, numbering it when it is new.
func (v *vocab) id(w string) uint32 {
	if id, ok := v.ids[w]; ok {
		return id
	}
	w = strings.Clone(w) // w may point into a whole text
	v.words = append(v.words, w)
	id := uint32(len(v.words))
	v.ids[w] = id
	return id
}

// saveNew adds the words numbered since the last save to batch b, to be
// stored with it; markSaved records that b was written.
func (v *vocab) saveNew(b *bleve.Batch) (markSaved func()) {
	n := len(v.words)
	for from := v.saved; from < n; from += vocabChunk {
		to := min(n, from+vocabChunk)
		b.SetInternal([]byte(fmt.Sprintf("%s%010d", vocabKey, from)), []byte(strings.Join(v.words[from:to], "\n")))
	}
	return func() { v.saved = max(v.saved, n) }
}

// loadVocab reads the numbered words stored in idx.
func loadVocab(idx bleve.Index) (*vocab, error) {
	v := newVocab()
	for {
		raw, err := idx.GetInternal([]byte(fmt.Sprintf("%s%010d", vocabKey, len(v.words))))
		if err != nil {
			return nil, err
		}
		if raw == nil {
			break
		}
		for _, w := range strings.Split(string(raw), "\n") {
			v.words = append(v.words, w)
			v.ids[w] = uint32(len(v.words))
		}
	}
	v.saved = len(v.words)
	return v, nil
}
