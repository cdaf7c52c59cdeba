package codebook

import (
	"io"
	"slices"
	"strings"

	"tessera/coding/refi"
)

// readQDPX reads the codebook of a REFI-QDA project archive. Its codes
// come placed as tessera import-qdpx would place them (levels from the
// markers or the nesting, codes nested too deep moved beside their
// concept), and what that placing changed is kept for the report.
func readQDPX(r io.ReaderAt, size int64) (*Codebook, error) {
	codes, warnings, err := refi.ReadCodebook(r, size)
	if err != nil {
		return nil, err
	}
	cb := &Codebook{Entries: []Entry{}, Facets: []string{}, Warnings: warnings}
	for i, c := range codes {
		e := Entry{
			Line: i + 1, ID: c.GUID, Name: c.Name, Level: c.Level, Parent: c.Parent,
			Definition: c.Definition, Inclusion: c.Inclusion, Exclusion: c.Exclusion,
			Color: c.Color, Facets: sortedFacets(c.Facets),
		}
		for _, fv := range e.Facets {
			if !slices.ContainsFunc(cb.Facets, func(f string) bool { return strings.EqualFold(f, fv.Facet) }) {
				cb.Facets = append(cb.Facets, fv.Facet)
			}
		}
		cb.Entries = append(cb.Entries, e)
	}
	return cb, nil
}
