package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerFacetRoutes(g *routes) {
	g.POST("/projects/:pid/facets", s.handleCreateFacet, rule{perm: permCodebook})
	g.GET("/projects/:pid/facets", s.handleListFacets, rule{perm: permRead})
	g.GET("/projects/:pid/facets/:fid", s.handleGetFacet, rule{perm: permRead})
	g.PATCH("/projects/:pid/facets/:fid", s.handleUpdateFacet, rule{perm: permCodebook})
	g.DELETE("/projects/:pid/facets/:fid", s.handleDeleteFacet, rule{perm: permCodebook})
}

// facetRequest is the body of POST /facets.
type facetRequest struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
}

// handleCreateFacet answers POST /api/v1/projects/{pid}/facets {name,
// values} with 201 and the new facet.
func (s *Server) handleCreateFacet(c echo.Context) error {
	var req facetRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	f := &coding.Facet{ProjectID: c.Param("pid"), Name: req.Name, Values: nonNil(req.Values)}
	if err := s.cfg.Store.CreateFacet(c.Request().Context(), f); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, f)
}

// handleListFacets answers GET /api/v1/projects/{pid}/facets with the
// project's facets in order.
func (s *Server) handleListFacets(c echo.Context) error {
	fs, err := s.cfg.Store.ListFacets(c.Request().Context(), c.Param("pid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(fs))
}

// handleGetFacet answers GET /api/v1/projects/{pid}/facets/{fid}.
func (s *Server) handleGetFacet(c echo.Context) error {
	f, err := s.cfg.Store.FindFacet(c.Request().Context(), c.Param("pid"), c.Param("fid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, f)
}

// handleUpdateFacet answers PATCH /api/v1/projects/{pid}/facets/{fid}
// {name, values, rename_values} (each optional) with the facet. Values
// dropped from the list are cleared from codes; renamed values follow.
func (s *Server) handleUpdateFacet(c echo.Context) error {
	var u coding.FacetUpdate
	if err := decodeJSON(c, &u); err != nil {
		return err
	}
	f, err := s.cfg.Store.UpdateFacet(c.Request().Context(), c.Param("pid"), c.Param("fid"), u)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, f)
}

// handleDeleteFacet answers DELETE /api/v1/projects/{pid}/facets/{fid}
// with 204; the facet's values are removed from every code.
func (s *Server) handleDeleteFacet(c echo.Context) error {
	if err := s.cfg.Store.DeleteFacet(c.Request().Context(), c.Param("pid"), c.Param("fid")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
