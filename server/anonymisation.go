package server

import (
	"net/http"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/anonymise"
	"tessera/coding/export"
)

func (s *Server) registerAnonymisationRoutes(g *routes) {
	g.GET("/projects/:pid/anonymisation", s.handleGetAnonymisation, rule{perm: permRead})
	g.PUT("/projects/:pid/anonymisation", s.handleSetAnonymisation, rule{perm: permOwner})
	g.POST("/projects/:pid/anonymisation/preview", s.handlePreviewAnonymisation, rule{perm: permRead})
	g.GET("/projects/:pid/anonymisation/check", s.handleCheckAnonymisation, rule{perm: permRead})
}

// anonymisationView is the profile with what it does in the project:
// every rule, the cases and speakers with their pseudonyms, and the case
// attributes (those taken for places among them).
type anonymisationView struct {
	Profile         *coding.Anonymisation        `json:"profile"`
	Rules           []anonymise.Rule             `json:"rules"`
	Cases           []casePseudonym              `json:"cases"`
	Speakers        []anonymise.SpeakerPseudonym `json:"speakers"`
	PlaceAttributes []string                     `json:"place_attributes"`
	Attributes      []string                     `json:"attributes"`
}

// casePseudonym is a case with its pseudonym.
type casePseudonym struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Pseudonym string `json:"pseudonym"`
	Auto      bool   `json:"auto"`
}

// viewOf describes snap's profile (snap.Anonymisation) in the project.
func viewOf(snap *coding.Snapshot) anonymisationView {
	v := anonymisationView{
		Profile:         snap.Anonymisation,
		Rules:           nonNil(anonymise.NewReplacer(anonymise.Rules(snap)).Rules()),
		Speakers:        nonNil(anonymise.SpeakerPseudonyms(snap)),
		PlaceAttributes: nonNil(anonymise.PlaceAttributes(snap)),
		Cases:           []casePseudonym{},
		Attributes:      []string{},
	}
	pseudonyms := anonymise.CasePseudonyms(snap)
	seen := map[string]bool{}
	for _, c := range snap.Cases {
		_, chosen := snap.Anonymisation.Cases[c.ID]
		v.Cases = append(v.Cases, casePseudonym{ID: c.ID, Name: c.Name, Pseudonym: pseudonyms[c.ID], Auto: !chosen})
		for _, a := range c.Attributes {
			if key := strings.ToLower(a.Name); !seen[key] {
				seen[key] = true
				v.Attributes = append(v.Attributes, a.Name)
			}
		}
	}
	return v
}

// anonymisationSnapshot reads the project's snapshot (without texts)
// for the profile's view.
func (s *Server) anonymisationSnapshot(c echo.Context) (*coding.Snapshot, error) {
	return s.snapshot(c, c.Param("pid"), false)
}

// handleGetAnonymisation answers GET /api/v1/projects/{pid}/anonymisation
// with the profile (ETag: its version), its rules, the cases and speakers
// with their pseudonyms, the place attributes and every case attribute.
func (s *Server) handleGetAnonymisation(c echo.Context) error {
	snap, err := s.anonymisationSnapshot(c)
	if err != nil {
		return err
	}
	setETag(c, snap.Anonymisation.Version)
	return c.JSON(http.StatusOK, viewOf(snap))
}

// handleSetAnonymisation answers PUT /api/v1/projects/{pid}/anonymisation
// {case_label, cases, speakers, place_attributes, places, terms} with the
// stored profile's view, as GET answers it. If-Match with an outdated
// version: 412 with the current view.
func (s *Server) handleSetAnonymisation(c echo.Context) error {
	var a coding.Anonymisation
	if err := decodeJSON(c, &a); err != nil {
		return err
	}
	var err error
	if a.IfVersion, err = ifMatch(c); err != nil {
		return err
	}
	pid := c.Param("pid")
	if _, err := s.cfg.Store.SetAnonymisation(c.Request().Context(), pid, &a); err != nil {
		return s.stale(c, err, pid, "anonymisation", "profile", func() (any, error) {
			snap, err := s.anonymisationSnapshot(c)
			if err != nil {
				return nil, err
			}
			return viewOf(snap), nil
		})
	}
	return s.handleGetAnonymisation(c)
}

// previewRequest is the body of POST /anonymisation/preview.
type previewRequest struct {
	// Profile is the profile to preview, saved or not; null previews the
	// stored one.
	Profile *coding.Anonymisation `json:"profile"`
	// DocumentID names the document to preview; "" previews quotes.
	DocumentID string `json:"document_id"`
}

// previewSegment is a piece of previewed text: as it is, a name with
// what replaces it, or (Kind "name-part") a capitalised word of a known
// name that is not replaced, with the replacement of its name as a
// suggestion.
type previewSegment struct {
	Text        string `json:"text"`
	Replacement string `json:"replacement,omitempty"`
	Kind        string `json:"kind,omitempty"`
}

// previewQuote is a previewed quote.
type previewQuote struct {
	ID       string           `json:"id"`
	Document string           `json:"document"`
	Segments []previewSegment `json:"segments"`
}

// previewResponse answers a preview.
type previewResponse struct {
	anonymisationView
	Document *previewQuote  `json:"document,omitempty"`
	Quotes   []previewQuote `json:"quotes,omitempty"`
	// Replacements counts the names replaced in what is shown.
	Replacements int `json:"replacements"`
}

// maxPreviewQuotes bounds the quotes a preview shows.
const maxPreviewQuotes = 200

// handlePreviewAnonymisation answers POST
// /api/v1/projects/{pid}/anonymisation/preview {profile, document_id}
// with the view of the profile (saved or not) and the document's text,
// or else the project's first quotes, cut into segments: text as it is,
// and each name found with its replacement and the kind of its rule.
// Nothing is stored.
func (s *Server) handlePreviewAnonymisation(c echo.Context) error {
	var req previewRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	snap, err := s.anonymisationSnapshot(c)
	if err != nil {
		return err
	}
	if req.Profile != nil {
		if err := req.Profile.Validate(); err != nil {
			return err
		}
		req.Profile.ProjectID, req.Profile.Version = snap.Project.ID, snap.Anonymisation.Version
		snap.Anonymisation = req.Profile
	}
	out := previewResponse{anonymisationView: viewOf(snap)}
	r := anonymise.NewReplacer(out.Rules)
	parts := anonymise.NewReplacer(anonymise.NameParts(out.Rules))
	segments := func(text string) []previewSegment {
		segs, n := previewSegments(r, parts, text)
		out.Replacements += n
		return segs
	}
	if req.DocumentID != "" {
		d, err := s.cfg.Store.FindDocument(c.Request().Context(), snap.Project.ID, req.DocumentID)
		if err != nil {
			return err
		}
		out.Document = &previewQuote{ID: d.ID, Document: d.Title, Segments: segments(d.Text)}
		return c.JSON(http.StatusOK, out)
	}
	titles := map[string]string{}
	for _, d := range snap.Documents {
		titles[d.ID] = d.Title
	}
	out.Quotes = []previewQuote{}
	for _, q := range snap.Quotes[:min(len(snap.Quotes), maxPreviewQuotes)] {
		out.Quotes = append(out.Quotes, previewQuote{ID: q.ID, Document: titles[q.DocumentID], Segments: segments(q.Text)})
	}
	return c.JSON(http.StatusOK, out)
}

// previewSegments cuts text at the names r finds and at the
// capitalised name parts parts finds outside them, and counts the names.
func previewSegments(r, parts *anonymise.Replacer, text string) ([]previewSegment, int) {
	src := []rune(text)
	type hit struct {
		anonymise.Match
		rule anonymise.Rule
	}
	var hits []hit
	for _, m := range r.Matches(text) {
		hits = append(hits, hit{m, r.Rules()[m.Rule]})
	}
	names := len(hits)
	for _, m := range parts.Matches(text) {
		if !unicode.IsUpper(src[m.Start]) {
			continue
		}
		i := sort.Search(len(hits), func(i int) bool { return hits[i].End > m.Start })
		if i < len(hits) && hits[i].Start < m.End {
			continue // inside a name that is replaced
		}
		hits = slices.Insert(hits, i, hit{m, parts.Rules()[m.Rule]})
	}
	out := []previewSegment{}
	last := 0
	for _, h := range hits {
		if h.Start > last {
			out = append(out, previewSegment{Text: string(src[last:h.Start])})
		}
		out = append(out, previewSegment{Text: string(src[h.Start:h.End]), Replacement: h.rule.Replacement, Kind: h.rule.Kind})
		last = h.End
	}
	if last < len(src) {
		out = append(out, previewSegment{Text: string(src[last:])})
	}
	return out, names
}

// handleCheckAnonymisation answers GET
// /api/v1/projects/{pid}/anonymisation/check?format=F (repeatable; every
// format when absent) with, per format, the names the profile replaces
// that its anonymised export still holds (see tessera export --check).
func (s *Server) handleCheckAnonymisation(c echo.Context) error {
	formats := queryList(c, "format")
	for _, f := range formats {
		if _, ok := export.FormatByName(f); !ok {
			return coding.Errorf(coding.EINVALID, "unknown export format %q", f)
		}
	}
	opt, err := exportOptions(c)
	if err != nil {
		return err
	}
	snap, err := s.snapshot(c, c.Param("pid"), true)
	if err != nil {
		return err
	}
	results, err := export.CheckAnonymised(snap, formats, opt)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, results)
}
