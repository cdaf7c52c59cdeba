package coding

import "strings"

// PlanSpeakerLinks decides how the unlinked speakers of docs are linked
// to informants by name, and which informants must be made for them:
//
//   - a speaker takes the informant of a speaker of the same name
//     (ignoring case) in another document of the same case;
//   - interviewer speakers take the interviewer informant of the same
//     name anywhere in the project, as interviewers usually talk to
//     several cases; the name is the document's interviewer
//     (DocumentMeta.Interviewer) when it records one, else the label;
//   - speakers of documents without a case are matched within their
//     document only;
//   - a speaker no informant matches gets a new one (labelled by
//     NextInformantLabel, in the document's case, flagged as interviewer
//     for interviewer speakers, with the document's informant role when
//     the speaker is its only informant).
//
// Speakers already linked stay as they are; their names teach the
// matching. newID gives each new informant its ID. The new informants
// carry ProjectID from the documents.
func PlanSpeakerLinks(docs []*Document, informants []*Informant, newID func() string) (created []*Informant, links []SpeakerLink) {
	known := map[string]bool{}
	for _, i := range informants {
		known[i.ID] = true
	}
	byKey := map[string]string{} // speaker key -> informant ID
	for _, d := range docs {
		for _, sp := range d.Speakers {
			if sp.InformantID != "" && known[sp.InformantID] {
				if _, ok := byKey[speakerKey(d, sp)]; !ok {
					byKey[speakerKey(d, sp)] = sp.InformantID
				}
			}
		}
	}
	all := append([]*Informant(nil), informants...)
	for _, d := range docs {
		for _, sp := range d.Speakers {
			if strings.TrimSpace(sp.Name) == "" || (sp.InformantID != "" && known[sp.InformantID]) {
				continue
			}
			key := speakerKey(d, sp)
			id, ok := byKey[key]
			if !ok {
				i := newSpeakerInformant(d, sp, all)
				i.ID = newID()
				all = append(all, i)
				created = append(created, i)
				id, byKey[key] = i.ID, i.ID
			}
			links = append(links, SpeakerLink{DocumentID: d.ID, Speaker: sp.Name, InformantID: id})
		}
	}
	return created, links
}

// speakerKey names the informant a speaker of d stands for (see
// PlanSpeakerLinks).
func speakerKey(d *Document, sp Speaker) string {
	name := strings.ToLower(strings.TrimSpace(sp.Name))
	switch {
	case sp.Role == RoleInterviewer && strings.TrimSpace(d.Meta.Interviewer) != "":
		return "interviewer\x00" + strings.ToLower(strings.TrimSpace(d.Meta.Interviewer))
	case sp.Role == RoleInterviewer:
		return "interviewer\x00" + name
	case d.CaseID == "":
		return "document\x00" + d.ID + "\x00" + name
	}
	return "case\x00" + d.CaseID + "\x00" + name
}

// newSpeakerInformant returns the informant made for speaker sp of d.
func newSpeakerInformant(d *Document, sp Speaker, existing []*Informant) *Informant {
	interviewer := sp.Role == RoleInterviewer
	i := &Informant{ProjectID: d.ProjectID, Label: NextInformantLabel(existing, interviewer), Interviewer: interviewer, Attributes: []Attribute{}}
	if interviewer {
		return i
	}
	i.CaseID = d.CaseID
	informants := 0
	for _, o := range d.Speakers {
		if o.Role != RoleInterviewer {
			informants++
		}
	}
	if informants == 1 {
		i.Role = d.Meta.InformantRole
	}
	return i
}

// QuoteSpeaker returns the speaker of doc a quote is attributed to: of
// the speakers of the turns the quote overlaps, the one who says most of
// it, informants before interviewers. A document read without its turns
// (a listing) attributes every quote to its only informant speaker. ok is
// false when no speaker is known.
func QuoteSpeaker(doc *Document, q *Quote) (Speaker, bool) {
	byName := map[string]Speaker{}
	for _, sp := range doc.Speakers {
		byName[sp.Name] = sp
	}
	if len(doc.Turns) == 0 {
		var informants []Speaker
		for _, sp := range doc.Speakers {
			if sp.Role != RoleInterviewer {
				informants = append(informants, sp)
			}
		}
		if len(informants) == 1 {
			return informants[0], true
		}
		return Speaker{}, false
	}
	best, bestLen, bestInformant := "", 0, false
	for _, t := range doc.Turns {
		n := min(t.End, q.End) - max(t.Start, q.Start)
		if t.Speaker == "" || n <= 0 {
			continue
		}
		informant := byName[t.Speaker].Role != RoleInterviewer
		if best == "" || (informant && !bestInformant) || (informant == bestInformant && n > bestLen) {
			best, bestLen, bestInformant = t.Speaker, n, informant
		}
	}
	sp, ok := byName[best]
	return sp, ok && best != ""
}

// QuoteSource says who said a quote, as exports print it.
type QuoteSource struct {
	// InformantID is the informant's entity ID; Label its ID in papers
	// ("I-07").
	InformantID string `json:"informant_id"`
	Label       string `json:"label"`
	Pseudonym   string `json:"pseudonym"`
	// Role is the informant's role, else the document's informant role.
	Role string `json:"role"`
	// Case is the name of the informant's case, else of the document's.
	Case        string `json:"case"`
	Interviewer bool   `json:"interviewer"`
}

// QuoteInformant resolves a quote to the informant who said it: the
// informant linked to the quote's speaker (see QuoteSpeaker). ok is false
// when the quote's document is not in the snapshot or its speaker is not
// linked to an informant. Attribution is exact on a snapshot read with
// text (documents with turns); without text, a document's quotes go to
// its only informant speaker.
func (s *Snapshot) QuoteInformant(q *Quote) (QuoteSource, bool) {
	doc := s.DocumentByID(q.DocumentID)
	if doc == nil {
		return QuoteSource{}, false
	}
	sp, ok := QuoteSpeaker(doc, q)
	if !ok || sp.InformantID == "" {
		return QuoteSource{}, false
	}
	inf := s.InformantByID(sp.InformantID)
	if inf == nil {
		return QuoteSource{}, false
	}
	src := QuoteSource{InformantID: inf.ID, Label: inf.Label, Pseudonym: inf.Pseudonym, Role: inf.Role, Interviewer: inf.Interviewer}
	if src.Role == "" && !inf.Interviewer {
		src.Role = doc.Meta.InformantRole
	}
	caseID := inf.CaseID
	if caseID == "" {
		caseID = doc.CaseID
	}
	if c := s.CaseByID(caseID); c != nil {
		src.Case = c.Name
	}
	return src, true
}
