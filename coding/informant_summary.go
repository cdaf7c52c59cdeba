package coding

import (
	"sort"
	"strings"
)

// SpeakerRef names a speaker of a document.
type SpeakerRef struct {
	DocumentID string `json:"document_id"`
	Document   string `json:"document"` // the document's title
	Speaker    string `json:"speaker"`
}

// InformantSummary is an informant with what the project holds of them:
// the informant table's row and the Informants screen's line.
type InformantSummary struct {
	*Informant
	// Case is the name of the informant's case, or "".
	Case string `json:"case"`
	// Speakers are the speakers linked to the informant, in document order.
	Speakers []SpeakerRef `json:"speakers"`
	// Documents counts the distinct documents the informant speaks in.
	Documents int `json:"documents"`
	// Quotes counts the quotes attributed to the informant (see
	// Snapshot.QuoteInformant).
	Quotes int `json:"quotes"`
	// Dates are the interview dates: the informant's attribute
	// "interview date" when set, else the distinct dates of the documents.
	Dates []string `json:"interview_dates"`
}

// InformantSummaries summarises every informant of the snapshot, in the
// snapshot's order. Quote counts are exact for a snapshot with text.
func (s *Snapshot) InformantSummaries() []InformantSummary {
	out := make([]InformantSummary, len(s.Informants))
	at := map[string]*InformantSummary{}
	for k, i := range s.Informants {
		out[k] = InformantSummary{Informant: i, Speakers: []SpeakerRef{}, Dates: []string{}}
		if c := s.CaseByID(i.CaseID); c != nil {
			out[k].Case = c.Name
		}
		at[i.ID] = &out[k]
	}
	docDates := map[string]map[string]bool{}
	for _, d := range s.Documents {
		seen := map[string]bool{}
		for _, sp := range d.Speakers {
			sum := at[sp.InformantID]
			if sum == nil {
				continue
			}
			sum.Speakers = append(sum.Speakers, SpeakerRef{DocumentID: d.ID, Document: d.Title, Speaker: sp.Name})
			if !seen[sp.InformantID] {
				seen[sp.InformantID] = true
				sum.Documents++
				if d.Meta.InterviewDate != "" {
					if docDates[sp.InformantID] == nil {
						docDates[sp.InformantID] = map[string]bool{}
					}
					docDates[sp.InformantID][d.Meta.InterviewDate] = true
				}
			}
		}
	}
	for _, q := range s.Quotes {
		if src, ok := s.QuoteInformant(q); ok {
			at[src.InformantID].Quotes++
		}
	}
	for k := range out {
		sum := &out[k]
		if a := sum.Attribute(InformantAttrDate); a != nil && a.String() != "" {
			sum.Dates = []string{a.String()}
			continue
		}
		for d := range docDates[sum.ID] {
			sum.Dates = append(sum.Dates, d)
		}
		sort.Strings(sum.Dates)
	}
	return out
}

// AttributeText returns the informant's attribute name as table text
// ("" when unset); "interview date" falls back on the documents' dates.
func (sum InformantSummary) AttributeText(name string) string {
	if strings.EqualFold(name, InformantAttrDate) {
		return strings.Join(sum.Dates, "; ")
	}
	if a := sum.Attribute(name); a != nil {
		return a.String()
	}
	return ""
}
