package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
)

// layoutDigests records, for each layout version, a digest of the index
// mapping and the fields of each kind of unit that the version describes.
// When the mapping changes, raise LayoutVersion (indexes written with the
// old one are then rebuilt from the store) and add the new digest here.
var layoutDigests = map[int]string{
	2: "13bfcabd57c9609bd8b6fcdf",
}

// TestLayoutVersionFollowsMapping fails when the mapping or the fields of
// a kind of unit change while LayoutVersion stays the same: existing
// indexes would then be read as if they had the new layout.
func TestLayoutVersionFollowsMapping(t *testing.T) {
	m, err := newMapping("en")
	if err != nil {
		t.Fatal(err)
	}
	buf, err := json.Marshal(struct {
		Mapping any
		Fields  map[string][]string
	}{m, kindFields})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(buf)
	got := hex.EncodeToString(sum[:12])
	if want := layoutDigests[LayoutVersion]; got != want {
		t.Errorf("layout %d: got mapping digest %s, want %q: a changed mapping needs a new LayoutVersion, with its digest recorded in layoutDigests", LayoutVersion, got, want)
	}
}
