package search

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestWriterFlushLeavesBatchToBleve flushes batches that mix one new unit
// with many deletions into an index opened as Apply uses it. Scorch's
// Batch can return while a goroutine of its own still walks the batch's
// operations, so the writer must start a new batch instead of resetting
// the one it handed over: under the race detector (CI runs the tests with
// -race) a reset batch is reported here.
func TestWriterFlushLeavesBatchToBleve(t *testing.T) {
	im, err := newMapping("en")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "index")
	idx, err := bleve.NewUsing(path, im, "scorch", "scorch", runtimeConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	v := newVocab()
	w := newWriter(context.Background(), nil, "p", "en", idx, &catalog{}, nil, v)
	for round := 0; round < 50; round++ {
		u := newUnitDoc(fmt.Sprintf("q:%d", round), KindQuote, v, keywordCache{})
		u.words(fieldText, "Luleå trade fair 🎉 round")
		if err := w.add(u); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 64; i++ {
			w.b.Delete(fmt.Sprintf("q:gone-%d-%d", round, i))
		}
		w.setSeq(uint64(round + 1))
		before := w.b
		if err := w.flush(); err != nil {
			t.Fatal(err)
		}
		if w.b == before {
			t.Fatal("flush reused the batch it gave to the index")
		}
		if w.b.Size() != 0 || w.bytes != 0 {
			t.Fatalf("batch after flush holds %d operations, %d bytes", w.b.Size(), w.bytes)
		}
	}
	n, err := idx.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	if n != 50 {
		t.Fatalf("index holds %d units, want 50", n)
	}
}
