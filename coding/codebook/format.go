package codebook

import (
	"encoding/xml"
	"strings"

	"tessera/coding"
)

// Columns of the codebook sheets (CSV, XLSX): the codebook exports write
// them and Read reads them. Facet columns are headed "facet:NAME". The
// last four carry an example and counts; Read ignores them.
const (
	ColName        = "name"
	ColLevel       = "level"
	ColParent      = "parent"
	ColDefinition  = "definition"
	ColInclusion   = "inclusion"
	ColExclusion   = "exclusion"
	ColColor       = "color"
	ColFacetPrefix = "facet:"
	ColExample     = "example_quote"
	ColQuotes      = "quotes"
	ColDocuments   = "documents"
	ColCases       = "cases"
)

// QDCNamespace is the namespace of REFI-QDA codebook files (.qdc).
const QDCNamespace = "urn:QDA-XML:codebook:1.0"

// QDCBook is the root of a REFI-QDA codebook file.
type QDCBook struct {
	XMLName xml.Name  `xml:"urn:QDA-XML:codebook:1.0 CodeBook"`
	Origin  string    `xml:"origin,attr,omitempty"`
	Codes   []QDCCode `xml:"Codes>Code"`
	Sets    *QDCSets  `xml:"Sets"`
}

// QDCCode is a code of a REFI-QDA codebook, with the codes nested in it.
type QDCCode struct {
	GUID        string    `xml:"guid,attr"`
	Name        string    `xml:"name,attr"`
	IsCodable   bool      `xml:"isCodable,attr"`
	Color       string    `xml:"color,attr,omitempty"`
	Description string    `xml:"Description,omitempty"`
	Codes       []QDCCode `xml:"Code"`
}

// QDCSets are the sets of a REFI-QDA codebook.
type QDCSets struct {
	Sets []QDCSet `xml:"Set"`
}

// QDCSet is a named group of codes; Tessera writes one per facet value.
type QDCSet struct {
	GUID        string      `xml:"guid,attr"`
	Name        string      `xml:"name,attr"`
	Description string      `xml:"Description,omitempty"`
	Members     []QDCMember `xml:"MemberCode"`
}

// QDCMember names a code of a set by its guid.
type QDCMember struct {
	GUID string `xml:"guid,attr"`
}

// QDCMeta is the machine-readable last line of a code's description in
// a .qdc Tessera writes: QDCMetaPrefix followed by this object in JSON.
// The notes repeat the paragraphs above it (see QDCNotes), so that they
// read back exactly.
type QDCMeta struct {
	Level     coding.Level      `json:"level"`
	Facets    map[string]string `json:"facets,omitempty"`
	Inclusion string            `json:"inclusion,omitempty"`
	Exclusion string            `json:"exclusion,omitempty"`
}

// QDCMetaPrefix starts the metadata line of a code's description.
const QDCMetaPrefix = "Tessera: "

// QDCNotes returns the human-readable paragraphs of the notes of m, as
// they stand in the description above the metadata line.
func QDCNotes(m QDCMeta) string {
	var parts []string
	if m.Inclusion != "" {
		parts = append(parts, "Inclusion: "+m.Inclusion)
	}
	if m.Exclusion != "" {
		parts = append(parts, "Exclusion: "+m.Exclusion)
	}
	return strings.Join(parts, "\n\n")
}
