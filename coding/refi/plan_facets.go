package refi

import (
	"strings"

	"tessera/coding"
)

// planFacets turns sets into facets. A set stands for a facet value when
// its marker says so (Tessera's own exports) or, for sets made in other
// programs, when its name reads "Facet: value" and it holds only codes;
// its member codes get that value. Facet values in code markers are
// applied too. Other sets become sets of their own (see planSets).
func (p *planner) planFacets() {
	type membership struct {
		facet *planFacet
		value string
		set   inSet
	}
	var members []membership
	// Pass 1: the sets give the facets and their values in order.
	for _, s := range p.xp.Sets {
		var sm setMarker
		_, ok := splitMarker(s.Description, &sm)
		facet, value := "", ""
		switch {
		case ok && sm.Facet != "":
			facet, value = sm.Facet, sm.Value
		case ok && sm.Set:
			p.otherSets = append(p.otherSets, s)
			continue
		case len(s.MemberCodes) > 0 && len(s.MemberSources) == 0 && len(s.MemberNotes) == 0 && strings.Contains(s.Name, ": "):
			facet, value, _ = strings.Cut(s.Name, ": ")
		default:
			p.otherSets = append(p.otherSets, s) // a set of its own, see planSets
			continue
		}
		f, v, err := p.facetValue(facet, value)
		if err != nil {
			p.rep.skip("Set", s.Name, s.GUID, "%s", coding.ErrorMessage(err))
			continue
		}
		members = append(members, membership{f, v, s})
	}
	// Pass 2: values in code markers, which come first.
	for _, pc := range p.codes {
		marked := pc.facets
		pc.facets = map[string]string{}
		for _, name := range sortedKeys(marked) {
			f, v, err := p.facetValue(name, marked[name])
			if err != nil || v == "" {
				p.rep.warnf("code %q: facet value %q of %q was not kept", pc.code.Name, marked[name], name)
				continue
			}
			pc.facets[strings.ToLower(f.name)] = v
		}
	}
	// Pass 3: set members get the set's value unless they have one.
	for _, m := range members {
		if m.value == "" {
			continue
		}
		for _, ref := range m.set.MemberCodes {
			pc := p.codeByGUID[ref.ref()]
			if pc == nil {
				p.rep.skip("MemberCode", ref.ref(), "", "set %q lists a code that is not in the codebook", m.set.Name)
				continue
			}
			key := strings.ToLower(m.facet.name)
			if old, ok := pc.facets[key]; ok && !strings.EqualFold(old, m.value) {
				p.rep.warnf("code %q is in the sets for %q and %q of facet %q; it keeps %q", pc.code.Name, old, m.value, m.facet.name, old)
				continue
			}
			pc.facets[key] = m.value
		}
	}
}

// facetValue finds or adds the facet called name and its value (none
// when value is empty), returning the facet and the value's spelling.
func (p *planner) facetValue(name, value string) (*planFacet, string, error) {
	name, value = cleanLine(name), cleanLine(value)
	var f *planFacet
	for _, o := range p.facets {
		if strings.EqualFold(o.name, name) {
			f = o
		}
	}
	if f == nil {
		check := coding.Facet{Name: name}
		if err := check.Validate(); err != nil {
			return nil, "", err
		}
		f = &planFacet{name: check.Name}
		p.facets = append(p.facets, f)
	}
	if value == "" {
		return f, "", nil
	}
	for _, v := range f.values {
		if strings.EqualFold(v, value) {
			return f, v, nil
		}
	}
	check := coding.Facet{Name: f.name, Values: append(append([]string(nil), f.values...), value)}
	if err := check.Validate(); err != nil {
		return nil, "", err
	}
	f.values = append(f.values, value)
	return f, value, nil
}
