package server

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/backup"
	"tessera/coding/store"
)

func (s *Server) registerBackupsRoutes(g *routes) {
	g.GET("/backups", s.handleListBackups, rule{perm: permAdmin})
	g.POST("/backups/restore", s.handleRestoreBackup, rule{perm: permAdmin})
}

// backupsResponse is the answer of GET /api/v1/backups.
type backupsResponse struct {
	// Backups are the backups in the data directory, newest first.
	Backups []backup.Backup `json:"backups"`
	// Last is the newest backup, null when there is none.
	Last *backup.Backup `json:"last"`
	// Keep is how many automatic backups rotation leaves; 0 when
	// automatic backups are off.
	Keep int `json:"keep"`
	// Restore tells whether this server can restore a backup.
	Restore bool `json:"restore"`
}

// handleListBackups answers GET /api/v1/backups: the automatic backups of
// the data directory and the copies kept before restores, newest first.
func (s *Server) handleListBackups(c echo.Context) error {
	res := backupsResponse{Backups: []backup.Backup{}, Restore: s.cfg.Backups != nil && s.cfg.Restore != nil}
	if k := s.cfg.Backups; k != nil {
		list, err := k.List()
		if err != nil {
			return err
		}
		res.Backups, res.Keep = list, k.Keep
		if len(list) > 0 {
			res.Last = &list[0]
		}
	}
	return c.JSON(http.StatusOK, res)
}

// handleRestoreBackup answers POST /api/v1/backups/restore with
// {"name": "tessera-....db"}: it checks that the backup is a sound
// Tessera database and answers 202; then the server puts the backup in
// place of the database, keeping the current one as a before-restore
// backup, and serves the restored data. Requests meanwhile answer 503.
func (s *Server) handleRestoreBackup(c echo.Context) error {
	var req struct {
		Name string `json:"name"`
	}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if s.cfg.Backups == nil || s.cfg.Restore == nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable, "this server cannot restore backups; stop it and use tessera restore")
	}
	if strings.TrimSpace(req.Name) == "" {
		return coding.Errorf(coding.EINVALID, "name is required: the file name of a backup, as GET /api/v1/backups lists it")
	}
	b, err := s.cfg.Backups.Find(req.Name)
	if err != nil {
		return err
	}
	if err := store.Check(s.cfg.Backups.Path(b)); err != nil {
		return err
	}
	if err := s.cfg.Restore(b); err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]any{"restoring": b})
}
