package export

import (
	"cmp"

	"tessera/coding"
)

// Attribution says who said a quote: the informant, their role and the
// case (the document's title when the document has no case).
type Attribution struct {
	// Informant names the informant speaking: the ID of the informant
	// the quote's speaker is linked to (see coding.Snapshot.QuoteInformant),
	// else the speaker of the turn where the quote starts, unless that is
	// the interviewer.
	Informant string `json:"informant"`
	// Role is the informant role of the document's metadata, else the
	// role the document records for the speaker when it says more than
	// "informant".
	Role     string `json:"role"`
	Case     string `json:"case"`
	Document string `json:"document"`
}

// Source returns "Informant, Role, Case", with the document's title in
// place of the case when it has none; missing parts are left out.
func (a Attribution) Source() string {
	return joinNonEmpty(", ", a.Informant, a.Role, caseOrDocument(a))
}

// attribution resolves who said q. Every export that attributes a quote
// goes through it.
func (ix *index) attribution(q *coding.Quote) Attribution {
	var a Attribution
	if c := ix.caseOf(q); c != nil {
		a.Case = c.Name
	}
	d := ix.docs[q.DocumentID]
	if d == nil {
		return a
	}
	a.Document = d.Title
	sp := ix.speakerOf(q)
	role := ""
	if sp != "" {
		role = roleOf(d, sp)
	}
	if sp != "" && role != coding.RoleInterviewer {
		a.Informant = sp
	}
	a.Role = d.Meta.InformantRole
	if a.Role == "" && role != coding.RoleInformant && role != coding.RoleInterviewer {
		a.Role = role
	}
	// A speaker linked to an informant is named by the informant's ID,
	// with the informant's role and case where they are known.
	if src, ok := ix.snap.QuoteInformant(q); ok && !src.Interviewer {
		a.Informant = src.Label
		a.Role = cmp.Or(src.Role, a.Role)
		a.Case = cmp.Or(src.Case, a.Case)
	}
	return a
}

// roleOf returns the role the document records for a speaker, else the
// role its label suggests.
func roleOf(d *coding.Document, speaker string) string {
	for _, s := range d.Speakers {
		if s.Name == speaker && s.Role != "" {
			return s.Role
		}
	}
	return coding.GuessRole(speaker)
}
