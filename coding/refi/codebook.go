package refi

import (
	"fmt"
	"io"
	"strings"

	"tessera/coding"
)

// CodebookCode is a code of a REFI-QDA project's codebook, placed as
// Import places it: with its Tessera level (codes below a concept are its
// sub-concepts), and moved to the top level where the file's markers give
// levels that cannot nest.
type CodebookCode struct {
	GUID  string
	Name  string
	Level coding.Level
	// Parent holds the names from the top of the codebook down to the
	// code's parent; empty at the top level.
	Parent     []string
	Definition string
	Inclusion  string
	Exclusion  string
	// Color is #rrggbb, or "" when the file has none or an invalid one.
	Color string
	// Facets maps facet names to the code's values, from the code's
	// marker and from sets named "Facet: value".
	Facets map[string]string
}

// ReadCodebook reads the codebook of a REFI-QDA project archive (.qdpx,
// or a bare project.qde):
// its codes, parents before children, and what Import would say about
// them (moved and renamed codes, sets that are no facet values). The
// archive is checked as Import checks it, with the default limits; its
// sources are not read.
func ReadCodebook(r io.ReaderAt, size int64) ([]CodebookCode, []string, error) {
	arc, xp, _, err := readProject(r, size, ImportOptions{})
	if err != nil {
		return nil, nil, err
	}
	p := newPlanner(arc, xp)
	err = safely(func() error {
		p.planCodes()
		p.planFacets()
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	facetNames := map[string]string{} // lower-case name -> as written
	for _, f := range p.facets {
		facetNames[strings.ToLower(f.name)] = f.name
	}
	codes := make([]CodebookCode, 0, len(p.codes))
	for _, pc := range p.codes {
		c := CodebookCode{
			GUID: pc.guid, Name: pc.code.Name, Level: pc.code.Level, Parent: []string{},
			Definition: pc.code.Definition, Inclusion: pc.code.Inclusion, Exclusion: pc.code.Exclusion,
			Color: pc.code.Color, Facets: map[string]string{},
		}
		for up := pc.parent; up != nil; up = up.parent {
			c.Parent = append([]string{up.code.Name}, c.Parent...)
		}
		for key, v := range pc.facets {
			c.Facets[facetNames[key]] = v
		}
		codes = append(codes, c)
	}
	for _, s := range p.otherSets {
		p.rep.skip("Set", s.Name, s.GUID, "sets that are not facet values come with a project import, not with its codebook")
	}
	warnings := append([]string{}, p.rep.Warnings...)
	for _, s := range p.rep.Skipped {
		warnings = append(warnings, fmt.Sprintf("%s %q skipped: %s", s.Element, s.Name, s.Reason))
	}
	return codes, warnings, nil
}
