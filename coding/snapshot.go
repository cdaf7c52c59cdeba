package coding

import "strings"

// Snapshot is a whole project read in one consistent view of the store:
// what exports, analyses and the search index work from.
type Snapshot struct {
	Project *Project
	// Cases, Documents, Facets in their user-defined order.
	Cases     []*Case
	Documents []*Document // with text and turns when asked for
	Codes     []*Code     // siblings in order; see NewCodeTree
	Facets    []*Facet
	Sets      []*Set   // in order, without members deleted since
	Quotes    []*Quote // in document order
	Memos     []*Memo
	// Informants sorted by label.
	Informants []*Informant
	// Anonymisation is the project's anonymisation profile (the default
	// one when none was saved); exports made with the anonymise option
	// apply it.
	Anonymisation *Anonymisation
	// Models are the project's models, their boxes labelled.
	Models []*Model
	// Seq is the project's change sequence number at the time of reading.
	Seq uint64
}

// Tree indexes the snapshot's codes.
func (s *Snapshot) Tree() *CodeTree { return NewCodeTree(s.Codes) }

// CaseByID returns the case with id, or nil.
func (s *Snapshot) CaseByID(id string) *Case {
	for _, c := range s.Cases {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// DocumentByID returns the document with id, or nil.
func (s *Snapshot) DocumentByID(id string) *Document {
	for _, d := range s.Documents {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// FacetByName returns the facet named name (case-insensitive), or nil.
func (s *Snapshot) FacetByName(name string) *Facet {
	for _, f := range s.Facets {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// InformantByID returns the informant with id, or nil.
func (s *Snapshot) InformantByID(id string) *Informant {
	for _, i := range s.Informants {
		if i.ID == id {
			return i
		}
	}
	return nil
}
