package server

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerInformantRoutes(g *routes) {
	g.POST("/projects/:pid/informants", s.handleCreateInformant, rule{perm: permOwner})
	g.GET("/projects/:pid/informants", s.handleListInformants, rule{perm: permRead})
	g.POST("/projects/:pid/informants/link", s.handleLinkSpeaker, rule{perm: permOwner})
	g.POST("/projects/:pid/informants/link-all", s.handleLinkSpeakers, rule{perm: permOwner})
	g.GET("/projects/:pid/informants/:iid", s.handleGetInformant, rule{perm: permRead})
	g.PATCH("/projects/:pid/informants/:iid", s.handleUpdateInformant, rule{perm: permOwner})
	g.DELETE("/projects/:pid/informants/:iid", s.handleDeleteInformant, rule{perm: permOwner})
	g.POST("/projects/:pid/informants/:iid/merge", s.handleMergeInformant, rule{perm: permOwner})
}

// informantRequest is the body of POST /informants and PATCH
// /informants/{iid}.
type informantRequest struct {
	Label       *string         `json:"label"`
	Pseudonym   *string         `json:"pseudonym"`
	Role        *string         `json:"role"`
	CaseID      *string         `json:"case_id"`
	Interviewer *bool           `json:"interviewer"`
	Attributes  attributesInput `json:"attributes"`
}

// update returns the request as an update of the informant.
func (r informantRequest) update() coding.InformantUpdate {
	return coding.InformantUpdate{Label: r.Label, Pseudonym: r.Pseudonym, Role: r.Role, CaseID: r.CaseID, Interviewer: r.Interviewer, Attributes: r.Attributes}
}

// handleCreateInformant answers POST /api/v1/projects/{pid}/informants
// {label, pseudonym, role, case_id, interviewer, attributes} with 201 and
// the new informant; without a label it gets the next free one ("I-07").
func (s *Server) handleCreateInformant(c echo.Context) error {
	var req informantRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	i := &coding.Informant{ProjectID: c.Param("pid"), Attributes: req.Attributes}
	for _, f := range []struct{ from, to *string }{{req.Label, &i.Label}, {req.Pseudonym, &i.Pseudonym}, {req.Role, &i.Role}, {req.CaseID, &i.CaseID}} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
	i.Interviewer = req.Interviewer != nil && *req.Interviewer
	if err := s.cfg.Store.CreateInformant(c.Request().Context(), i); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, i)
}

// handleListInformants answers GET /api/v1/projects/{pid}/informants with
// every informant sorted by label, each with its case name, linked
// speakers, and numbers of documents and of the quotes the reader sees.
func (s *Server) handleListInformants(c echo.Context) error {
	// Quotes the reader may not see yet (independent coding) are not counted.
	snap, err := s.snapshot(c, c.Param("pid"), true)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, snap.InformantSummaries())
}

// handleGetInformant answers GET /api/v1/projects/{pid}/informants/{iid}.
func (s *Server) handleGetInformant(c echo.Context) error {
	i, err := s.cfg.Store.FindInformant(c.Request().Context(), c.Param("pid"), c.Param("iid"))
	if err != nil {
		return err
	}
	setETag(c, i.Version)
	return c.JSON(http.StatusOK, i)
}

// handleUpdateInformant answers PATCH
// /api/v1/projects/{pid}/informants/{iid} with the fields to change;
// attributes merge by name, a null value removes one. If-Match with an
// outdated version: 412 with the current informant.
func (s *Server) handleUpdateInformant(c echo.Context) error {
	var req informantRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u := req.update()
	update := func(ctx context.Context, pid, id string) (*coding.Informant, error) {
		return s.cfg.Store.UpdateInformant(ctx, pid, id, u)
	}
	return updateVersioned(s, c, "informant", "iid", &u.IfVersion, update, s.cfg.Store.FindInformant, func(i *coding.Informant) int { return i.Version })
}

// handleDeleteInformant answers DELETE
// /api/v1/projects/{pid}/informants/{iid} with 204; its speakers are
// unlinked.
func (s *Server) handleDeleteInformant(c echo.Context) error {
	if err := s.cfg.Store.DeleteInformant(c.Request().Context(), c.Param("pid"), c.Param("iid")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// handleMergeInformant answers POST
// /api/v1/projects/{pid}/informants/{iid}/merge {target_id}: the
// informant's speakers move to the target, which takes the details it
// lacks; the informant is deleted and the answer is the target.
func (s *Server) handleMergeInformant(c echo.Context) error {
	var req mergeRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.TargetID == "" {
		return coding.Errorf(coding.EINVALID, "target_id is required")
	}
	target, err := s.cfg.Store.MergeInformants(c.Request().Context(), c.Param("pid"), c.Param("iid"), req.TargetID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, target)
}

// handleLinkSpeaker answers POST /api/v1/projects/{pid}/informants/link
// {document_id, speaker, informant_id} with the document (without text):
// the speaker now speaks as the informant, or as nobody when
// informant_id is empty.
func (s *Server) handleLinkSpeaker(c echo.Context) error {
	var req coding.SpeakerLink
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.DocumentID == "" || req.Speaker == "" {
		return coding.Errorf(coding.EINVALID, "document_id and speaker are required")
	}
	d, err := s.cfg.Store.LinkSpeaker(c.Request().Context(), c.Param("pid"), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

// handleLinkSpeakers answers POST
// /api/v1/projects/{pid}/informants/link-all with {created, linked}:
// every unlinked speaker is linked by name (within its case; interviewers
// across the project), making informants where none matches.
func (s *Server) handleLinkSpeakers(c echo.Context) error {
	res, err := s.cfg.Store.LinkSpeakers(c.Request().Context(), c.Param("pid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}
