package export

import "tessera/coding"

// Attribution says who said a quote: the informant, their role and the
// case (the document's title when the document has no case).
type Attribution struct {
	// Informant identifies the informant speaking: their ID in papers
	// ("I-07") when the speaker is linked to an informant, else the
	// speaker's name; "" for the interviewer or when no speaker is known.
	Informant string `json:"informant"`
	// Role is the informant's role, else the informant role of the
	// document's metadata, else the role the document records for the
	// speaker when it says more than "informant".
	Role     string `json:"role"`
	Case     string `json:"case"`
	Document string `json:"document"`
}

// Source returns "Informant, Role, Case", with the document's title in
// place of the case when it has none; missing parts are left out.
func (a Attribution) Source() string {
	return joinNonEmpty(", ", a.Informant, a.Role, caseOrDocument(a))
}

// attribution resolves who said q, through the informant the quote's
// speaker is linked to (coding.Snapshot.QuoteInformant), else through the
// speaker's name and the document's case. Every export that attributes a
// quote goes through it.
func (ix *index) attribution(q *coding.Quote) Attribution {
	if a, ok := ix.attributions[q.ID]; ok {
		return a
	}
	a := ix.resolveAttribution(q)
	ix.attributions[q.ID] = a
	return a
}

func (ix *index) resolveAttribution(q *coding.Quote) Attribution {
	var a Attribution
	d := ix.docs[q.DocumentID]
	if d != nil {
		a.Document = d.Title
	}
	if src, ok := ix.snap.QuoteInformant(q); ok && !src.Interviewer {
		a.Informant, a.Role, a.Case = src.Label, src.Role, src.Case
		return a
	}
	if c := ix.caseOf(q); c != nil {
		a.Case = c.Name
	}
	if d == nil {
		return a
	}
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
