package server

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"
)

func (s *Server) registerBackupRoutes(g *routes) {
	g.GET("/backup", s.handleBackup, rule{perm: permAdmin, service: true})
}

// handleBackup answers GET /api/v1/backup with a consistent copy of the
// whole database, taken while the server keeps running. `tessera backup`
// uses it when a server holds the data directory.
func (s *Server) handleBackup(c echo.Context) error {
	name := fmt.Sprintf("tessera-%s.db", s.cfg.Now().UTC().Format("20060102-150405"))
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "application/octet-stream")
	h.Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	c.Response().WriteHeader(http.StatusOK)
	_, err := s.cfg.Store.Backup(c.Request().Context(), c.Response())
	return err
}
