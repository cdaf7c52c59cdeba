package export

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"

	"tessera/coding"
	"tessera/coding/codebook"
)

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
	var build func(c *coding.Code) codebook.QDCCode
	build = func(c *coding.Code) codebook.QDCCode {
		q := codebook.QDCCode{
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
	book := codebook.QDCBook{Origin: "Tessera"}
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
	meta := codebook.QDCMeta{Level: c.Level, Inclusion: strings.TrimSpace(c.Inclusion), Exclusion: strings.TrimSpace(c.Exclusion)}
	for _, f := range snap.Facets {
		if v := c.Facets[f.ID]; v != "" {
			if meta.Facets == nil {
				meta.Facets = map[string]string{}
			}
			meta.Facets[f.Name] = v
		}
	}
	js, _ := json.Marshal(meta)
	return joinNonEmpty("\n\n", strings.TrimSpace(c.Definition), codebook.QDCNotes(meta), codebook.QDCMetaPrefix+string(js))
}

// qdcFacetSets returns one set per facet value set on codes, or nil.
func qdcFacetSets(snap *coding.Snapshot, ix *index) *codebook.QDCSets {
	var sets []codebook.QDCSet
	for _, f := range snap.Facets {
		for _, v := range f.Values {
			s := codebook.QDCSet{GUID: coding.GUID(f.ID + "/set/" + v), Name: f.Name + ": " + v, Description: "Codes whose " + f.Name + " is " + v}
			for _, c := range ix.order {
				if strings.EqualFold(c.Facets[f.ID], v) {
					s.Members = append(s.Members, codebook.QDCMember{GUID: coding.GUID(c.ID)})
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
	return &codebook.QDCSets{Sets: sets}
}
