package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding/export"
)

func (s *Server) registerSupportingRoutes(g *routes) {
	g.GET("/projects/:pid/supporting", s.handleSupporting, rule{perm: permRead})
}

// handleSupporting answers GET /api/v1/projects/{pid}/supporting
// [?level=&facets=&sections=&quotes=&per_row=&order=] with the rows of the
// representative supporting-data table: each theme (or concept) with its
// dimension and the quotes printed for it, each with its attribution, as
// the supporting-* export formats print them.
func (s *Server) handleSupporting(c echo.Context) error {
	opt, err := exportOptions(c)
	if err != nil {
		return err
	}
	snap, err := s.snapshot(c, c.Param("pid"), true)
	if err != nil {
		return err
	}
	rows, err := export.SupportingRows(snap, opt)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rows)
}
