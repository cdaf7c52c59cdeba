package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// handleBulkCodes answers POST /api/v1/projects/{pid}/codes/bulk {ids,
// action, ...}: one change of every listed code (move under parent_id,
// group under a new code named name at level, set level, set a facet
// value, recolour, merge into target_id, delete), made and undone as one,
// or refused as a whole. The answer says what changed.
func (s *Server) handleBulkCodes(c echo.Context) error {
	var req coding.CodeBulk
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	res, err := s.cfg.Store.BulkCodes(c.Request().Context(), c.Param("pid"), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}
