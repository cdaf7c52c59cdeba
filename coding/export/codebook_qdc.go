package export

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"

	"tessera/coding"
)

// qdcNamespace is the namespace of REFI-QDA codebook files (.qdc).
const qdcNamespace = "urn:QDA-XML:codebook:1.0"

type qdcCodeBook struct {
	XMLName xml.Name  `xml:"urn:QDA-XML:codebook:1.0 CodeBook"`
	Origin  string    `xml:"origin,attr,omitempty"`
	Codes   []qdcCode `xml:"Codes>Code"`
	Sets    *qdcSets  `xml:"Sets"`
}

type qdcCode struct {
	GUID        string    `xml:"guid,attr"`
	Name        string    `xml:"name,attr"`
	IsCodable   bool      `xml:"isCodable,attr"`
	Color       string    `xml:"color,attr,omitempty"`
	Description string    `xml:"Description,omitempty"`
	Codes       []qdcCode `xml:"Code"`
}

type qdcSets struct {
	Sets []qdcSet `xml:"Set"`
}

type qdcSet struct {
	GUID        string      `xml:"guid,attr"`
	Name        string      `xml:"name,attr"`
	Description string      `xml:"Description,omitempty"`
	Members     []qdcMember `xml:"MemberCode"`
}

type qdcMember struct {
	GUID string `xml:"guid,attr"`
}

// qdcMeta is the machine-readable last line of a code's description:
// "Tessera: " followed by this object in JSON. The notes repeat the
// paragraphs above it, so that they read back exactly.
type qdcMeta struct {
	Level     coding.Level      `json:"level"`
	Facets    map[string]string `json:"facets,omitempty"`
	Inclusion string            `json:"inclusion,omitempty"`
	Exclusion string            `json:"exclusion,omitempty"`
}

const qdcMetaPrefix = "Tessera: "

// writeCodebookQDC writes the codebook as REFI-QDA codebook XML. Codes
// nest as in the project (dimension > theme > concept); each code's GUID
// derives from its ID; the description holds the definition, the
// inclusion and exclusion notes, and a last line "Tessera: {...}" with the
// level and own facet values in JSON. Each facet value with codes becomes
// a Set named "Facet: value".
func writeCodebookQDC(w io.Writer, snap *coding.Snapshot, _ Options) error {
	if len(snap.Codes) == 0 {
		return coding.Errorf(coding.EUNPROCESSABLE, "the project has no codes: a REFI-QDA codebook needs at least one")
	}
	ix := newIndex(snap)
	var build func(c *coding.Code) qdcCode
	build = func(c *coding.Code) qdcCode {
		q := qdcCode{
			GUID: coding.GUID(c.ID), Name: c.Name, Color: c.Color,
			IsCodable:   c.Level != coding.LevelDimension,
			Description: qdcDescription(snap, c),
		}
		for _, k := range ix.tree.Children[c.ID] {
			q.Codes = append(q.Codes, build(k))
		}
		return q
	}
	roots := append([]*coding.Code(nil), ix.tree.Children[""]...)
	sortByRank(roots, ix.rank)
	book := qdcCodeBook{Origin: "Tessera"}
	for _, r := range roots {
		book.Codes = append(book.Codes, build(r))
	}
	book.Sets = qdcFacetSets(snap, ix)

	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(book); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// qdcDescription writes a code's description: definition, notes, and the
// machine-readable line.
func qdcDescription(snap *coding.Snapshot, c *coding.Code) string {
	meta := qdcMeta{Level: c.Level, Inclusion: strings.TrimSpace(c.Inclusion), Exclusion: strings.TrimSpace(c.Exclusion)}
	for _, f := range snap.Facets {
		if v := c.Facets[f.ID]; v != "" {
			if meta.Facets == nil {
				meta.Facets = map[string]string{}
			}
			meta.Facets[f.Name] = v
		}
	}
	js, _ := json.Marshal(meta)
	return joinNonEmpty("\n\n", strings.TrimSpace(c.Definition), qdcNotes(meta), qdcMetaPrefix+string(js))
}

// qdcNotes returns the human-readable paragraphs of the notes.
func qdcNotes(m qdcMeta) string {
	var inc, exc string
	if m.Inclusion != "" {
		inc = "Inclusion: " + m.Inclusion
	}
	if m.Exclusion != "" {
		exc = "Exclusion: " + m.Exclusion
	}
	return joinNonEmpty("\n\n", inc, exc)
}

// qdcFacetSets returns one set per facet value set on codes, or nil.
func qdcFacetSets(snap *coding.Snapshot, ix *index) *qdcSets {
	var sets []qdcSet
	for _, f := range snap.Facets {
		for _, v := range f.Values {
			s := qdcSet{GUID: coding.GUID(f.ID + "/set/" + v), Name: f.Name + ": " + v, Description: "Codes whose " + f.Name + " is " + v}
			for _, c := range ix.order {
				if strings.EqualFold(c.Facets[f.ID], v) {
					s.Members = append(s.Members, qdcMember{GUID: coding.GUID(c.ID)})
				}
			}
			if len(s.Members) > 0 {
				sets = append(sets, s)
			}
		}
	}
	if sets == nil {
		return nil
	}
	return &qdcSets{Sets: sets}
}
