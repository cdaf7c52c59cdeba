package codebook

import (
	"slices"
	"strings"

	"tessera/coding"
)

// setFacet gives code c the facet value fv, creating the facet or adding
// the value when the project lacks them. It reports whether the code's
// value changed.
func (a *applier) setFacet(c *coding.Code, fv FacetValue) (bool, error) {
	name, value := strings.TrimSpace(fv.Facet), strings.TrimSpace(fv.Value)
	if name == "" || value == "" {
		return false, nil
	}
	var f *coding.Facet
	for _, x := range a.facets {
		if strings.EqualFold(x.Name, name) {
			f = x
		}
	}
	if f == nil {
		f = &coding.Facet{ProjectID: a.pid, Name: name, Values: []string{value}}
		if err := a.st.CreateFacet(a.ctx, f); err != nil {
			return false, err
		}
		a.facets = append(a.facets, f)
		a.rep.FacetsCreated = append(a.rep.FacetsCreated, f.Name)
	}
	v, ok := f.HasValue(value)
	if !ok {
		updated, err := a.st.UpdateFacet(a.ctx, a.pid, f.ID, coding.FacetUpdate{Values: slices.Concat(f.Values, []string{value})})
		if err != nil {
			return false, err
		}
		*f = *updated
		a.rep.FacetValuesAdded = append(a.rep.FacetValuesAdded, f.Name+": "+value)
		v = value
	}
	if c.Facets[f.ID] == v {
		return false, nil
	}
	updated, err := a.st.SetCodeFacet(a.ctx, a.pid, c.ID, f.ID, v)
	if err != nil {
		return false, err
	}
	*c = *updated
	return true, nil
}
