package refi

import (
	"sort"
	"strings"

	"tessera/coding"
)

// codeElems writes the codebook: dimensions, themes and concepts nested as
// in the project, roots in display order (dimensions, then ungrouped
// themes, then ungrouped concepts). A code's GUID derives from its ID;
// only dimensions are not codable; the description carries definition,
// inclusion and exclusion notes and the marker with level and own facet
// values.
func (x *exporter) codeElems() []outCode {
	var build func(c *coding.Code) outCode
	build = func(c *coding.Code) outCode {
		oc := outCode{
			GUID:        coding.GUID(c.ID),
			Name:        c.Name,
			IsCodable:   c.Level != coding.LevelDimension,
			Color:       c.Color,
			Description: codeDescription(c, x.ownFacets(c)),
			NoteRefs:    x.noteRefs(coding.MemoCode, c.ID),
		}
		for _, k := range x.tree.Children[c.ID] {
			oc.Codes = append(oc.Codes, build(k))
		}
		return oc
	}
	roots := append([]*coding.Code(nil), x.tree.Children[""]...)
	sort.SliceStable(roots, func(i, j int) bool { return roots[i].Level.Rank() > roots[j].Level.Rank() })
	var out []outCode
	for _, r := range roots {
		out = append(out, build(r))
	}
	return out
}

// ownFacets returns the facet values set on c itself, by facet name, or
// nil.
func (x *exporter) ownFacets(c *coding.Code) map[string]string {
	var out map[string]string
	for _, f := range x.snap.Facets {
		if v := c.Facets[f.ID]; v != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[f.Name] = v
		}
	}
	return out
}

// setElems writes one set per facet value, named "Facet: value", whose
// members are the codes that set that value themselves (codes inheriting
// it are not listed). A facet without values gets one empty set named
// after it, so it survives a round trip.
func (x *exporter) setElems() []outSet {
	var out []outSet
	var order []*coding.Code
	x.tree.Walk(func(c *coding.Code, _ int) { order = append(order, c) })
	for _, f := range x.snap.Facets {
		if len(f.Values) == 0 {
			out = append(out, outSet{
				GUID: setGUID(f.ID, ""), Name: f.Name,
				Description: describe(setMarker{Facet: f.Name}, "Facet "+f.Name+" (no values yet)."),
			})
			continue
		}
		for _, v := range f.Values {
			s := outSet{
				GUID: setGUID(f.ID, v), Name: f.Name + ": " + v,
				Description: describe(setMarker{Facet: f.Name, Value: v}, "Codes whose "+f.Name+" is "+v+"."),
			}
			for _, c := range order {
				if strings.EqualFold(c.Facets[f.ID], v) {
					s.Members = append(s.Members, outRef{Target: coding.GUID(c.ID)})
				}
			}
			out = append(out, s)
		}
	}
	return out
}
