package refi

import (
	"strings"

	"tessera/coding"
)

// ownSetElems writes the project's sets, after the sets of facet values:
// the description, a MemberCode for each code and a MemberSource for each
// document. A set whose name reads "Facet: value" and that holds only
// codes is marked as a set, so that it is not read back as a facet value;
// other sets carry no marker.
func (x *exporter) ownSetElems() []outSet {
	var out []outSet
	for _, s := range x.snap.Sets {
		var marker any
		if len(s.DocumentIDs) == 0 && len(s.CodeIDs) > 0 && strings.Contains(s.Name, ": ") {
			marker = setMarker{Set: true}
		}
		el := outSet{GUID: coding.GUID(s.ID), Name: s.Name, Description: describe(marker, s.Description)}
		for _, id := range s.CodeIDs {
			if x.tree.ByID[id] != nil {
				el.Members = append(el.Members, outRef{Target: coding.GUID(id)})
			}
		}
		for _, id := range s.DocumentIDs {
			if x.snap.DocumentByID(id) != nil {
				el.Sources = append(el.Sources, outRef{Target: coding.GUID(id)})
			}
		}
		out = append(out, el)
	}
	return out
}
