package server

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/export"
)

func (s *Server) registerCodeRoutes(g *routes) {
	g.POST("/projects/:pid/codes", s.handleCreateCode, rule{perm: permCodebook})
	g.GET("/projects/:pid/codes", s.handleListCodes, rule{perm: permRead})
	g.PUT("/projects/:pid/codes/order", s.handleReorderCodes, rule{perm: permCodebook})
	g.POST("/projects/:pid/codes/bulk-level", s.handleBulkLevel, rule{perm: permCodebook})
	g.POST("/projects/:pid/codes/tiers", s.handleCodeTiers, rule{perm: permCodebook})
	g.POST("/projects/:pid/codes/bulk", s.handleBulkCodes, rule{perm: permCodebook})
	g.GET("/projects/:pid/codes/:cid", s.handleGetCode, rule{perm: permRead})
	g.PATCH("/projects/:pid/codes/:cid", s.handleUpdateCode, rule{perm: permCodebook})
	g.DELETE("/projects/:pid/codes/:cid", s.handleDeleteCode, rule{perm: permCodebook})
	g.POST("/projects/:pid/codes/:cid/merge", s.handleMergeCode, rule{perm: permCodebook})
	g.PUT("/projects/:pid/codes/:cid/facets/:fid", s.handleSetCodeFacet, rule{perm: permCodebook})
	g.DELETE("/projects/:pid/codes/:cid/facets/:fid", s.handleClearCodeFacet, rule{perm: permCodebook})
}

// codeRequest is the body of POST /codes.
type codeRequest struct {
	Name       string       `json:"name"`
	Level      coding.Level `json:"level"`
	ParentID   string       `json:"parent_id"`
	Definition string       `json:"definition"`
	Inclusion  string       `json:"inclusion"`
	Exclusion  string       `json:"exclusion"`
	Color      string       `json:"color"`
}

// codeView is a code as the code list shows it, with its counts.
type codeView struct {
	*coding.Code
	Counts export.Counts `json:"counts"`
}

// handleCreateCode answers POST /api/v1/projects/{pid}/codes {name, level,
// parent_id, definition, inclusion, exclusion, color} with 201 and the new
// code, placed last among its siblings.
func (s *Server) handleCreateCode(c echo.Context) error {
	var req codeRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	code := &coding.Code{
		ProjectID: c.Param("pid"), Name: req.Name, Level: req.Level, ParentID: req.ParentID,
		Definition: req.Definition, Inclusion: req.Inclusion, Exclusion: req.Exclusion, Color: req.Color,
	}
	if err := s.cfg.Store.CreateCode(c.Request().Context(), code); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, code)
}

// handleListCodes answers GET /api/v1/projects/{pid}/codes with the
// codebook in display order (dimensions, their themes and concepts depth
// first, then ungrouped themes, then ungrouped concepts), each code with
// its counts of quotes, documents and cases.
func (s *Server) handleListCodes(c echo.Context) error {
	snap, err := s.snapshot(c, c.Param("pid"), false)
	if err != nil {
		return err
	}
	counts := export.CodeStats(snap)
	out := make([]codeView, 0, len(snap.Codes))
	for _, code := range snap.Codes {
		out = append(out, codeView{Code: code, Counts: counts[code.ID]})
	}
	return c.JSON(http.StatusOK, out)
}

// handleGetCode answers GET /api/v1/projects/{pid}/codes/{cid}.
func (s *Server) handleGetCode(c echo.Context) error {
	code, err := s.cfg.Store.FindCode(c.Request().Context(), c.Param("pid"), c.Param("cid"))
	if err != nil {
		return err
	}
	setETag(c, code.Version)
	return c.JSON(http.StatusOK, code)
}

// handleUpdateCode answers PATCH /api/v1/projects/{pid}/codes/{cid} {name,
// level, parent_id, definition, inclusion, exclusion, color} (each
// optional): rename, move (parent_id "" ungroups), re-level, recolour.
// If-Match with an outdated version: 412 with the current code.
func (s *Server) handleUpdateCode(c echo.Context) error {
	var u coding.CodeUpdate
	if err := decodeJSON(c, &u); err != nil {
		return err
	}
	update := func(ctx context.Context, pid, id string) (*coding.Code, error) {
		return s.cfg.Store.UpdateCode(ctx, pid, id, u)
	}
	return updateVersioned(s, c, "code", "cid", &u.IfVersion, update, s.cfg.Store.FindCode, func(c *coding.Code) int { return c.Version })
}

// handleDeleteCode answers DELETE /api/v1/projects/{pid}/codes/{cid}
// [?uncode=true] with {quotes_uncoded, quotes_deleted}. Without uncode it
// refuses (409) while quotes use the code.
func (s *Server) handleDeleteCode(c echo.Context) error {
	uncode, err := queryBool(c, "uncode", false)
	if err != nil {
		return err
	}
	res, err := s.cfg.Store.DeleteCode(c.Request().Context(), c.Param("pid"), c.Param("cid"), uncode)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}
