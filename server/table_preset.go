package server

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/export"
)

func (s *Server) registerTablePresetRoutes(g *routes) {
	g.GET("/projects/:pid/table-presets", s.handleListTablePresets, rule{perm: permRead})
	g.PUT("/projects/:pid/table-presets/:name", s.handlePutTablePreset, rule{perm: permCode})
	g.DELETE("/projects/:pid/table-presets/:name", s.handleDeleteTablePreset, rule{perm: permCode})
}

// tablePresetJSON is a preset as the API shows it, its options decoded.
type tablePresetJSON struct {
	Name      string          `json:"name"`
	Options   json.RawMessage `json:"options"`
	UpdatedAt string          `json:"updated_at"`
}

func presetJSON(p *coding.TablePreset) tablePresetJSON {
	return tablePresetJSON{Name: p.Name, Options: p.Options, UpdatedAt: p.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z")}
}

// handleListTablePresets answers GET /api/v1/projects/{pid}/table-presets
// with the project's presets by name: [{name, options, updated_at}].
func (s *Server) handleListTablePresets(c echo.Context) error {
	list, err := s.cfg.Store.ListTablePresets(c.Request().Context(), c.Param("pid"))
	if err != nil {
		return err
	}
	out := make([]tablePresetJSON, len(list))
	for i, p := range list {
		out[i] = presetJSON(p)
	}
	return c.JSON(http.StatusOK, out)
}

// handlePutTablePreset answers PUT /api/v1/projects/{pid}/table-presets/{name}
// with the table options as the body ({headers, section_label, caption,
// number, notes, style, order, continued, sections, subsections}): it
// saves them under the name, replacing a preset of that name, and
// answers the preset.
func (s *Server) handlePutTablePreset(c echo.Context) error {
	var p export.Preset
	if err := decodeJSON(c, &p); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return err
	}
	tp := &coding.TablePreset{ProjectID: c.Param("pid"), Name: c.Param("name"), Options: raw}
	if err := s.cfg.Store.PutTablePreset(c.Request().Context(), tp); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, presetJSON(tp))
}

// handleDeleteTablePreset answers DELETE
// /api/v1/projects/{pid}/table-presets/{name} with 204.
func (s *Server) handleDeleteTablePreset(c echo.Context) error {
	if err := s.cfg.Store.DeleteTablePreset(c.Request().Context(), c.Param("pid"), c.Param("name")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// tablePreset reads the project's preset called name as export options.
func (s *Server) tablePreset(ctx context.Context, pid, name string) (export.Preset, error) {
	tp, err := s.cfg.Store.FindTablePreset(ctx, pid, name)
	if err != nil {
		return export.Preset{}, err
	}
	return export.ParsePreset(tp.Options)
}
