package server

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/export"
)

func (s *Server) registerAnalysisExtraRoutes(g *routes) {
	g.GET("/projects/:pid/cooccurrence/units", s.handleCooccurrenceUnits, rule{perm: permRead})
}

// handleCooccurrenceUnits answers GET /api/v1/projects/{pid}/cooccurrence/
// units?a=CODE&b=CODE[&unit=&level=] with the passages, turns or
// documents where two codes occur together (one cell of the co-occurrence
// matrix) and the quotes of either code in each.
func (s *Server) handleCooccurrenceUnits(c echo.Context) error {
	opt, err := exportOptions(c)
	if err != nil {
		return err
	}
	switch opt.Unit {
	case "", export.UnitQuote, export.UnitTurn, export.UnitDocument:
	default:
		return coding.Errorf(coding.EINVALID, "query parameter unit=%q must be quote, turn or document", opt.Unit)
	}
	a, b := strings.TrimSpace(c.QueryParam("a")), strings.TrimSpace(c.QueryParam("b"))
	if a == "" || b == "" {
		return coding.Errorf(coding.EINVALID, "query parameters a and b must name the two codes")
	}
	snap, err := s.analysisSnapshot(c, opt, opt.Unit == export.UnitTurn)
	if err != nil {
		return err
	}
	res, err := export.CooccurrenceUnits(snap, opt, a, b)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}
