package coding

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Anonymisation is a project's anonymisation profile: the pseudonyms of
// its cases and speakers, which case attributes name places, and the
// researcher's own terms with their replacements. Exports made with the
// anonymise option replace every name the profile knows (see Rules); the
// stored text never changes. The zero value is the default profile:
// automatic pseudonyms ("Firm A", "Informant 1") and no terms.
type Anonymisation struct {
	ProjectID string `json:"project_id"`
	// CaseLabel starts the automatic case pseudonyms ("Firm" gives "Firm
	// A", "Firm B"...); "" means "Firm".
	CaseLabel string `json:"case_label"`
	// Cases maps case IDs to the pseudonyms the researcher chose; cases
	// not listed get automatic ones.
	Cases map[string]string `json:"cases"`
	// Speakers maps speaker names (as transcripts label them) to the
	// pseudonyms or IDs the researcher chose; speakers not listed get
	// automatic ones.
	Speakers map[string]string `json:"speakers"`
	// InformantIDs names speakers linked to informants by the informant's
	// ID ("I-07") even when the informant has a pseudonym.
	InformantIDs bool `json:"informant_ids"`
	// PlaceAttributes names the case attributes whose values are places
	// replaced in text. Nil means the attributes named like places
	// (see DefaultPlaceAttributes); an empty list means none.
	PlaceAttributes []string `json:"place_attributes"`
	// Places maps place names to the replacements the researcher chose;
	// places not listed become "[" + attribute name + "]", e.g. "[City]".
	Places map[string]string `json:"places"`
	// Terms are the researcher's own terms and their replacements.
	Terms []TermReplacement `json:"terms"`
	// KeepUsers keeps the names of the project's users (coders, memo
	// authors, who changed what) in exports; by default they become
	// "Coder 1", "Coder 2"... in order of first appearance.
	KeepUsers bool      `json:"keep_users"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by"`
	// Version counts the profile's states: 0 before it was first saved.
	// Clients send it back (If-Match) so that an update made from an
	// outdated copy is refused.
	Version int `json:"version"`
	// IfVersion, when not zero, refuses the update (ESTALE) unless the
	// stored version is this one: the client edited an outdated copy.
	IfVersion int `json:"-"`
}

// TermReplacement is one of the researcher's terms and what replaces it.
type TermReplacement struct {
	Term        string `json:"term"`
	Replacement string `json:"replacement"`
}

// Limits of an anonymisation profile.
const (
	MaxAnonymisationTerms = 2000
	maxCaseLabelLen       = 50
)

// DefaultCaseLabel starts automatic case pseudonyms.
const DefaultCaseLabel = "Firm"

// DefaultTermReplacement replaces a term listed without a replacement.
const DefaultTermReplacement = "[redacted]"

// DefaultPlaceAttributes are the names of case attributes taken for places
// when the profile does not list its own (compared case-insensitively).
var DefaultPlaceAttributes = []string{
	"country", "city", "town", "municipality", "region", "province",
	"state", "county", "location", "place", "headquarters", "site",
}

// Validate trims and checks the profile: single-line pseudonyms and terms
// of at most MaxNameLen characters, distinct case pseudonyms, no term
// listed twice. Terms listed without a replacement get
// DefaultTermReplacement.
func (a *Anonymisation) Validate() error {
	a.CaseLabel = strings.TrimSpace(a.CaseLabel)
	if err := CheckLine("case label", a.CaseLabel); err != nil {
		return err
	}
	if RuneLen(a.CaseLabel) > maxCaseLabelLen {
		return Errorf(EINVALID, "case label is longer than %d characters", maxCaseLabelLen)
	}
	var err error
	if a.Cases, err = cleanPseudonyms("case", a.Cases); err != nil {
		return err
	}
	seen := map[string]string{}
	for id, p := range a.Cases {
		key := strings.ToLower(p)
		if other, ok := seen[key]; ok && other != id {
			return Errorf(EINVALID, "two cases have the pseudonym %q", p)
		}
		seen[key] = id
	}
	if a.Speakers, err = cleanPseudonyms("speaker", a.Speakers); err != nil {
		return err
	}
	if a.Places, err = cleanPseudonyms("place", a.Places); err != nil {
		return err
	}
	if a.PlaceAttributes != nil {
		attrs := make([]string, 0, len(a.PlaceAttributes))
		for _, n := range a.PlaceAttributes {
			if n = strings.TrimSpace(n); n != "" {
				attrs = append(attrs, n)
			}
		}
		a.PlaceAttributes = attrs
	}
	if len(a.Terms) > MaxAnonymisationTerms {
		return Errorf(EINVALID, "the profile lists %d terms; at most %d are allowed", len(a.Terms), MaxAnonymisationTerms)
	}
	terms := map[string]bool{}
	for i := range a.Terms {
		t := &a.Terms[i]
		t.Term, t.Replacement = strings.TrimSpace(t.Term), strings.TrimSpace(t.Replacement)
		if err := checkTerm(fmt.Sprintf("term %d", i+1), t.Term); err != nil {
			return err
		}
		if t.Replacement == "" {
			t.Replacement = DefaultTermReplacement
		}
		if err := checkTerm(fmt.Sprintf("replacement of %q", t.Term), t.Replacement); err != nil {
			return err
		}
		key := strings.ToLower(t.Term)
		if terms[key] {
			return Errorf(EINVALID, "term %q is listed twice", t.Term)
		}
		terms[key] = true
	}
	if a.Terms == nil {
		a.Terms = []TermReplacement{}
	}
	return nil
}

// cleanPseudonyms trims the keys and values of m and checks them; empty
// values are dropped (the automatic pseudonym applies).
func cleanPseudonyms(what string, m map[string]string) (map[string]string, error) {
	out := map[string]string{}
	for k, v := range m {
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if k == "" {
			return nil, Errorf(EINVALID, "a %s pseudonym is given for an empty %s", what, what)
		}
		if v == "" {
			continue
		}
		if err := checkTerm(fmt.Sprintf("pseudonym of %s %q", what, k), v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

// checkTerm checks a term or a replacement: present, one line, not too long.
func checkTerm(what, s string) error {
	if s == "" {
		return Errorf(EINVALID, "%s is empty", what)
	}
	if RuneLen(s) > MaxNameLen {
		return Errorf(EINVALID, "%s is longer than %d characters", what, MaxNameLen)
	}
	return CheckLine(what, s)
}

// AnonymisationStore keeps each project's anonymisation profile.
type AnonymisationStore interface {
	// FindAnonymisation returns the project's profile; the default (zero,
	// Version 0) when none was saved. ENOTFOUND for a missing project.
	FindAnonymisation(ctx context.Context, projectID string) (*Anonymisation, error)
	// SetAnonymisation validates and stores a as the project's profile,
	// replacing the one before. EINVALID for a bad profile or a pseudonym
	// of a case the project does not have; ESTALE when a.IfVersion is not
	// zero and not the stored version.
	SetAnonymisation(ctx context.Context, projectID string, a *Anonymisation) (*Anonymisation, error)
}
