package server

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

func (s *Server) registerAssignmentRoutes(g *routes) {
	g.GET("/projects/:pid/assignments", s.handleListAssignments, rule{perm: permRead})
	g.PUT("/projects/:pid/assignments", s.handleSetAssignments, rule{perm: permOwner})
	g.DELETE("/projects/:pid/assignments/:did", s.handleDeleteAssignment, rule{perm: permOwner})
}

// handleListAssignments answers GET /api/v1/projects/{pid}/assignments
// with every document's assignment {document_id, coders, independent,
// assigned_by, ...}.
func (s *Server) handleListAssignments(c echo.Context) error {
	if s.cfg.Access == nil {
		return errNoAccounts
	}
	as, err := s.cfg.Access.ListAssignments(c.Request().Context(), c.Param("pid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(as))
}

// assignmentRequest is the body of PUT /assignments.
type assignmentRequest struct {
	DocumentIDs []string `json:"document_ids"`
	Coders      []string `json:"coders"`
	Independent bool     `json:"independent"`
}

// handleSetAssignments answers PUT /api/v1/projects/{pid}/assignments
// {document_ids, coders, independent} with the documents' new
// assignments. Independent coding needs two coders or more, each a member
// with the role coder or owner (422 otherwise). Sending independent:
// false ends independence: the coders see each other's quotes again.
func (s *Server) handleSetAssignments(c echo.Context) error {
	if s.cfg.Access == nil {
		return errNoAccounts
	}
	var req assignmentRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	as, err := s.cfg.Access.SetAssignments(c.Request().Context(), c.Param("pid"), req.DocumentIDs, req.Coders, req.Independent)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, as)
}

// handleDeleteAssignment answers DELETE
// /api/v1/projects/{pid}/assignments/{did} with 204: the document is no
// longer assigned, nor coded independently.
func (s *Server) handleDeleteAssignment(c echo.Context) error {
	if s.cfg.Access == nil {
		return errNoAccounts
	}
	if err := s.cfg.Access.DeleteAssignment(c.Request().Context(), c.Param("pid"), c.Param("did")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
