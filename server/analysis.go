package server

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/export"
)

func (s *Server) registerAnalysisRoutes(g *routes) {
	g.GET("/projects/:pid/gioia", s.handleGioia, rule{perm: permRead})
	g.GET("/projects/:pid/codes/stats", s.handleCodeStats, rule{perm: permRead})
	g.GET("/projects/:pid/matrix", s.handleMatrix, rule{perm: permRead})
	g.GET("/projects/:pid/cooccurrence", s.handleCooccurrence, rule{perm: permRead})
}

// handleGioia answers GET /api/v1/projects/{pid}/gioia [?facets=&sections=
// &counts=&quotes=&set=] with the rows of the Gioia data-structure table, as
// the export formats print them.
func (s *Server) handleGioia(c echo.Context) error {
	opt, err := exportOptions(c)
	if err != nil {
		return err
	}
	// Representative quotes name their speaker, which needs the turns.
	snap, err := s.analysisSnapshot(c, opt, opt.Quotes)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(export.GioiaRows(snap, opt)))
}

// handleCodeStats answers GET /api/v1/projects/{pid}/codes/stats [?set=]
// with an object mapping each code ID to its counts {quotes, documents,
// cases}; a code counts the quotes of the codes below it too.
func (s *Server) handleCodeStats(c echo.Context) error {
	snap, err := s.analysisSnapshot(c, export.Options{Set: strings.TrimSpace(c.QueryParam("set"))}, false)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, export.CodeStats(snap))
}

// handleMatrix answers GET /api/v1/projects/{pid}/matrix [?level=&columns=
// &cell=&facet_filter=&rows=&set=] with the code x case (or document,
// speaker, set, attribute value) matrix, its totals and the quotes
// behind each cell.
func (s *Server) handleMatrix(c echo.Context) error {
	opt, err := exportOptions(c)
	if err != nil {
		return err
	}
	snap, err := s.snapshot(c, c.Param("pid"), true)
	if err != nil {
		return err
	}
	m, err := export.Matrix(snap, opt)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, m)
}

// handleCooccurrence answers GET /api/v1/projects/{pid}/cooccurrence
// [?unit=quote|turn|document&level=&set=] with the codes that occur together:
// a symmetric matrix and the list of pairs, most frequent first.
func (s *Server) handleCooccurrence(c echo.Context) error {
	opt, err := exportOptions(c)
	if err != nil {
		return err
	}
	switch opt.Unit {
	case "", export.UnitQuote, export.UnitTurn, export.UnitDocument:
	default:
		return coding.Errorf(coding.EINVALID, "query parameter unit=%q must be quote, turn or document", opt.Unit)
	}
	snap, err := s.analysisSnapshot(c, opt, opt.Unit == export.UnitTurn)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, export.Cooccurrence(snap, opt))
}

// analysisSnapshot reads the project for an analysis and narrows it to
// the set the options name, if any (see export.InSet).
func (s *Server) analysisSnapshot(c echo.Context, opt export.Options, withText bool) (*coding.Snapshot, error) {
	snap, err := s.snapshot(c, c.Param("pid"), withText)
	if err != nil {
		return nil, err
	}
	return export.InSet(snap, opt.Set)
}
