package refi

import (
	"context"
	"slices"
	"strings"

	"tessera/coding"
)

// planSet is a set to create with its members.
type planSet struct {
	set   coding.Set
	docs  []*planDoc
	codes []*planCode
}

// planSets turns the sets that are not facet values (see planFacets)
// into sets of documents and codes: ATLAS.ti's document and code groups,
// MAXQDA's document sets, NVivo's sets. Members that were not imported
// and members that are notes are reported; a set left with no members
// it can keep is kept empty only when the file's set was empty too.
func (p *planner) planSets() {
	for _, s := range p.otherSets {
		var sm setMarker
		desc, _ := splitMarker(s.Description, &sm)
		base := p.cleanName("set", s.Name, "Set")
		name := uniqueName(base, func(n string) bool {
			for _, o := range p.sets {
				if strings.EqualFold(o.set.Name, n) {
					return true
				}
			}
			return false
		})
		if name != base {
			p.rep.warnf("set %q was renamed %q: another set has that name", base, name)
		}
		ps := &planSet{set: coding.Set{Name: name, Description: desc}}
		for _, ref := range s.MemberSources {
			d := p.docByGUID[ref.ref()]
			if d == nil {
				p.rep.skip("MemberSource", ref.ref(), "", "set %q lists a source that was not imported", name)
				continue
			}
			if !slices.Contains(ps.docs, d) {
				ps.docs = append(ps.docs, d)
			}
		}
		for _, ref := range s.MemberCodes {
			c := p.codeByGUID[ref.ref()]
			if c == nil {
				p.rep.skip("MemberCode", ref.ref(), "", "set %q lists a code that is not in the codebook", name)
				continue
			}
			if !slices.Contains(ps.codes, c) {
				ps.codes = append(ps.codes, c)
			}
		}
		for _, ref := range s.MemberNotes {
			p.rep.skip("MemberNote", ref.ref(), "", "set %q lists a note: sets in Tessera hold documents and codes", name)
		}
		empty := len(s.MemberSources)+len(s.MemberCodes) == 0
		if len(ps.docs)+len(ps.codes) == 0 && !empty {
			p.rep.skip("Set", s.Name, s.GUID, "none of its members was imported")
			continue
		}
		check := ps.set
		if err := check.Validate(); err != nil {
			p.rep.skip("Set", s.Name, s.GUID, "%s", coding.ErrorMessage(err))
			continue
		}
		p.sets = append(p.sets, ps)
	}
}

// writeSets creates the planned sets, after the documents and codes
// they hold.
func (p *planner) writeSets(ctx context.Context, st coding.Store, pid string) error {
	for _, ps := range p.sets {
		set := ps.set
		set.ProjectID = pid
		for _, d := range ps.docs {
			set.DocumentIDs = append(set.DocumentIDs, d.doc.ID)
		}
		for _, c := range ps.codes {
			set.CodeIDs = append(set.CodeIDs, c.code.ID)
		}
		if err := st.CreateSet(ctx, &set); err != nil {
			return wrap(err, "set %q", set.Name)
		}
	}
	return nil
}
