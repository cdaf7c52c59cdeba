package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerAuditRoutes(g *routes) {
	g.GET("/projects/:pid/audit", s.handleListAudit, rule{perm: permRead, selfAudit: true})
	g.POST("/projects/:pid/undo", s.handleUndo, rule{perm: permCode, own: "undo"})
}

// handleListAudit answers GET /api/v1/projects/{pid}/audit [?actor=&kind=
// &op=&before=&limit=] with the project's recorded changes, newest first:
// who changed what, when, with each entity's state before and after.
func (s *Server) handleListAudit(c echo.Context) error {
	f := coding.AuditFilter{
		Actor: c.QueryParam("actor"),
		Kind:  c.QueryParam("kind"),
		Op:    c.QueryParam("op"),
	}
	if v := strings.TrimSpace(c.QueryParam("before")); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return coding.Errorf(coding.EINVALID, "query parameter before=%q must be a sequence number", v)
		}
		f.Before = n
	}
	var err error
	if f.Limit, err = queryInt(c, "limit", 0); err != nil {
		return err
	}
	entries, err := s.cfg.Store.ListAudit(c.Request().Context(), c.Param("pid"), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(entries))
}

// undoRequest is the body of POST /undo.
type undoRequest struct {
	Seq uint64 `json:"seq"`
}

// handleUndo answers POST /api/v1/projects/{pid}/undo {seq} with the new
// audit entry that restores the state before change seq. Undoing that
// entry in turn redoes the change. It answers 409 when an entity the
// change touched has changed since, and 422 for changes that cannot be
// undone (creating or deleting a project).
func (s *Server) handleUndo(c echo.Context) error {
	var req undoRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Seq == 0 {
		return coding.Errorf(coding.EINVALID, "seq is required: the sequence number of the change to undo")
	}
	e, err := s.cfg.Store.Undo(c.Request().Context(), c.Param("pid"), req.Seq)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, e)
}
