package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// Sets belong to the project's structure, like the codebook: owners
// change them, and coders too while the codebook is unlocked.
func (s *Server) registerSetRoutes(g *routes) {
	g.POST("/projects/:pid/sets", s.handleCreateSet, rule{perm: permCodebook})
	g.GET("/projects/:pid/sets", s.handleListSets, rule{perm: permRead})
	g.GET("/projects/:pid/sets/:sid", s.handleGetSet, rule{perm: permRead})
	g.PATCH("/projects/:pid/sets/:sid", s.handleUpdateSet, rule{perm: permCodebook})
	g.DELETE("/projects/:pid/sets/:sid", s.handleDeleteSet, rule{perm: permCodebook})
}

// setRequest is the body of POST /sets.
type setRequest struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	DocumentIDs []string `json:"document_ids"`
	CodeIDs     []string `json:"code_ids"`
}

// handleCreateSet answers POST /api/v1/projects/{pid}/sets {name,
// description, document_ids, code_ids} with 201 and the new set.
func (s *Server) handleCreateSet(c echo.Context) error {
	var req setRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	set := &coding.Set{ProjectID: c.Param("pid"), Name: req.Name, Description: req.Description,
		DocumentIDs: nonNil(req.DocumentIDs), CodeIDs: nonNil(req.CodeIDs)}
	if err := s.cfg.Store.CreateSet(c.Request().Context(), set); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, set)
}

// handleListSets answers GET /api/v1/projects/{pid}/sets with the
// project's sets in order.
func (s *Server) handleListSets(c echo.Context) error {
	sets, err := s.cfg.Store.ListSets(c.Request().Context(), c.Param("pid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(sets))
}

// handleGetSet answers GET /api/v1/projects/{pid}/sets/{sid}.
func (s *Server) handleGetSet(c echo.Context) error {
	set, err := s.cfg.Store.FindSet(c.Request().Context(), c.Param("pid"), c.Param("sid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, set)
}

// handleUpdateSet answers PATCH /api/v1/projects/{pid}/sets/{sid} {name,
// description, document_ids, code_ids, add_documents, remove_documents,
// add_codes, remove_codes} (each optional) with the set.
func (s *Server) handleUpdateSet(c echo.Context) error {
	var u coding.SetUpdate
	if err := decodeJSON(c, &u); err != nil {
		return err
	}
	set, err := s.cfg.Store.UpdateSet(c.Request().Context(), c.Param("pid"), c.Param("sid"), u)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, set)
}

// handleDeleteSet answers DELETE /api/v1/projects/{pid}/sets/{sid} with
// 204; the set's documents and codes stay.
func (s *Server) handleDeleteSet(c echo.Context) error {
	if err := s.cfg.Store.DeleteSet(c.Request().Context(), c.Param("pid"), c.Param("sid")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
