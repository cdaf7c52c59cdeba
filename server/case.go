package server

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerCaseRoutes(g *routes) {
	g.POST("/projects/:pid/cases", s.handleCreateCase, rule{perm: permOwner})
	g.GET("/projects/:pid/cases", s.handleListCases, rule{perm: permRead})
	g.PUT("/projects/:pid/cases/order", s.handleReorderCases, rule{perm: permOwner})
	g.GET("/projects/:pid/cases/:cid", s.handleGetCase, rule{perm: permRead})
	g.PATCH("/projects/:pid/cases/:cid", s.handleUpdateCase, rule{perm: permOwner})
	g.DELETE("/projects/:pid/cases/:cid", s.handleDeleteCase, rule{perm: permOwner})
}

// caseRequest is the body of POST /cases and PATCH /cases/{cid}.
type caseRequest struct {
	Name       *string         `json:"name"`
	Attributes attributesInput `json:"attributes"`
}

// caseOrderRequest is the body of PUT /cases/order.
type caseOrderRequest struct {
	IDs []string `json:"ids"`
}

// handleCreateCase answers POST /api/v1/projects/{pid}/cases {name,
// attributes} with 201 and the new case.
func (s *Server) handleCreateCase(c echo.Context) error {
	var req caseRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	cs := &coding.Case{ProjectID: c.Param("pid"), Attributes: req.Attributes}
	if req.Name != nil {
		cs.Name = *req.Name
	}
	if err := s.cfg.Store.CreateCase(c.Request().Context(), cs); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, cs)
}

// handleListCases answers GET /api/v1/projects/{pid}/cases with the
// project's cases in their order.
func (s *Server) handleListCases(c echo.Context) error {
	cases, err := s.cfg.Store.ListCases(c.Request().Context(), c.Param("pid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(cases))
}

// handleGetCase answers GET /api/v1/projects/{pid}/cases/{cid}.
func (s *Server) handleGetCase(c echo.Context) error {
	cs, err := s.cfg.Store.FindCase(c.Request().Context(), c.Param("pid"), c.Param("cid"))
	if err != nil {
		return err
	}
	setETag(c, cs.Version)
	return c.JSON(http.StatusOK, cs)
}

// handleUpdateCase answers PATCH /api/v1/projects/{pid}/cases/{cid}
// {name, attributes}: attributes merge by name, and an attribute with a
// null value is removed. If-Match with an outdated version: 412 with the
// current case.
func (s *Server) handleUpdateCase(c echo.Context) error {
	var req caseRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u := coding.CaseUpdate{Name: req.Name, Attributes: req.Attributes}
	update := func(ctx context.Context, pid, id string) (*coding.Case, error) {
		return s.cfg.Store.UpdateCase(ctx, pid, id, u)
	}
	return updateVersioned(s, c, "case", "cid", &u.IfVersion, update, s.cfg.Store.FindCase, func(cs *coding.Case) int { return cs.Version })
}

// handleDeleteCase answers DELETE /api/v1/projects/{pid}/cases/{cid} with
// 204; the case's documents stay, unassigned.
func (s *Server) handleDeleteCase(c echo.Context) error {
	if err := s.cfg.Store.DeleteCase(c.Request().Context(), c.Param("pid"), c.Param("cid")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// handleReorderCases answers PUT /api/v1/projects/{pid}/cases/order {ids}
// with the cases in their new order.
func (s *Server) handleReorderCases(c echo.Context) error {
	var req caseOrderRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx, pid := c.Request().Context(), c.Param("pid")
	if err := s.cfg.Store.ReorderCases(ctx, pid, req.IDs); err != nil {
		return err
	}
	cases, err := s.cfg.Store.ListCases(ctx, pid)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(cases))
}
