package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// codeTiersResult is the answer of POST /codes/tiers.
type codeTiersResult struct {
	Updated []*coding.Code `json:"updated"`
}

// handleCodeTiers answers POST /api/v1/projects/{pid}/codes/tiers
// {dimensions, themes}: the depths of the code tree (1 for the top level)
// that are the aggregate dimensions and the second-order themes;
// everything below becomes concepts and sub-concepts. All codes change in
// one step, undone as one; the answer lists the changed codes.
func (s *Server) handleCodeTiers(c echo.Context) error {
	var req coding.CodeTiers
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	changed, err := s.cfg.Store.SetCodeTiers(c.Request().Context(), c.Param("pid"), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, codeTiersResult{Updated: changed})
}
