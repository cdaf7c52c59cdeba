package search

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// metaFile names the small JSON file in each project's index directory.
const metaFile = "meta.json"

// meta records how a project's index was built. The sequence number of
// the last applied change is not here but inside the bleve index (see
// seqKey), written in the same batch as the changes themselves, so that
// the two can never disagree after a crash.
type meta struct {
	Layout int `json:"layout"`
	// Language is the analyzer language (see analyzerLanguage).
	Language string `json:"language"`
	// Index is the subdirectory holding the current bleve index. A
	// rebuild writes a new one and switches to it by rewriting this file.
	Index string `json:"index"`
}

var indexDirRe = regexp.MustCompile(`^index-[0-9A-Z]+$`)

// valid reports whether m describes an index this build can use.
func (m *meta) valid() bool {
	return m.Layout == LayoutVersion && indexDirRe.MatchString(m.Index) && m.Language != ""
}

// readMeta reads dir/meta.json.
func readMeta(dir string) (*meta, error) {
	b, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return nil, err
	}
	var m meta
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Join(dir, metaFile), err)
	}
	return &m, nil
}

// writeMeta replaces dir/meta.json atomically.
func writeMeta(dir string, m *meta) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, metaFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, metaFile))
}

// seqKey is the bleve internal key holding the store sequence number of
// the last change the index reflects.
var seqKey = []byte("tessera_seq")

func encodeSeq(seq uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, seq)
	return b
}

func decodeSeq(b []byte) (uint64, bool) {
	if len(b) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(b), true
}

// seqTracker follows which change sequence numbers a project's index has
// applied. Changes of concurrent commits may arrive out of order; applied
// only advances over an unbroken run, so a crash never leaves a gap
// hidden behind a later number.
type seqTracker struct {
	applied uint64
	ahead   map[uint64]bool
}

// reset starts tracking after seq.
func (t *seqTracker) reset(seq uint64) {
	t.applied, t.ahead = seq, nil
}

// mark records seq as applied.
func (t *seqTracker) mark(seq uint64) {
	switch {
	case seq <= t.applied:
		return
	case seq == t.applied+1:
		t.applied = seq
		for t.ahead[t.applied+1] {
			delete(t.ahead, t.applied+1)
			t.applied++
		}
	default:
		if t.ahead == nil {
			t.ahead = map[uint64]bool{}
		}
		t.ahead[seq] = true
	}
}
