// Package codebook brings a codebook into an existing project: Read
// parses a codebook file into a Codebook, and Apply creates or matches
// its codes, facets and facet values in a project and reports what it
// did with each entry.
//
// Read takes CSV or XLSX with the columns of the codebook-csv export,
// REFI-QDA codebook XML (.qdc), and the codebook of a REFI-QDA project
// (.qdpx), whose codes tessera/coding/refi places as its project import
// does. Every way a codebook comes in goes through here: tessera import
// --codebook and the API's codebook import (POST
// /api/v1/projects/:pid/codebook). A whole .qdpx imported as a new
// project (tessera import-qdpx) is planned and written by refi.Import
// instead, with its documents and the quotes that point at its codes.
//
// Writing codebooks is the business of tessera/coding/export; the sheet
// columns and the .qdc description line both sides agree on are declared
// here (format.go), and export's tests read its codebook exports back.
package codebook

import (
	"strings"

	"tessera/coding"
)

// Codebook is a list of codes with their definitions, as read from a file.
type Codebook struct {
	Entries []Entry `json:"entries"`
	// Facets names the facets of the codebook, in column order.
	Facets []string `json:"facets"`
	// Ignored lists the columns of a sheet that were not understood.
	Ignored []string `json:"ignored,omitempty"`
	// Warnings tell what reading changed, such as how the codes of a
	// REFI-QDA project were placed, or sets that are no facet values.
	Warnings []string `json:"warnings,omitempty"`
}

// Entry is one code of a codebook.
type Entry struct {
	// Line tells where the entry came from: the row of a sheet (the header
	// is row 1) or the position of the code in a REFI-QDA file.
	Line int `json:"line"`
	// ID is the guid of a REFI-QDA code; empty for sheets.
	ID    string       `json:"id,omitempty"`
	Name  string       `json:"name"`
	Level coding.Level `json:"level"`
	// Parent holds the names from the top of the codebook down to the
	// code's parent; empty for dimensions and ungrouped codes.
	Parent     []string     `json:"parent"`
	Definition string       `json:"definition"`
	Inclusion  string       `json:"inclusion"`
	Exclusion  string       `json:"exclusion"`
	Color      string       `json:"color"`
	Facets     []FacetValue `json:"facets"` // values set on the code itself
}

// FacetValue is an entry's value of one facet.
type FacetValue struct {
	Facet string `json:"facet"`
	Value string `json:"value"`
}

// ParentSep joins the names of a parent path in codebook files.
const ParentSep = " > "

// ParentPath returns the entry's parent path as codebook files write it.
func (e *Entry) ParentPath() string { return strings.Join(e.Parent, ParentSep) }

// FacetValue returns the entry's value of the named facet, or "".
func (e *Entry) FacetValue(facet string) string {
	for _, fv := range e.Facets {
		if strings.EqualFold(fv.Facet, facet) {
			return fv.Value
		}
	}
	return ""
}
