package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/markdown"
)

func (s *Server) registerMetaRoutes(g *routes) {
	g.GET("/version", s.handleVersion, rule{perm: permPublic})
	g.GET("/healthz", s.handleHealth, rule{perm: permPublic})
	g.POST("/markdown", s.handleMarkdown, rule{perm: permUser})
}

// handleVersion answers GET /api/v1/version with the program's version.
func (s *Server) handleVersion(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"version": s.cfg.Version})
}

// handleHealth answers GET /api/v1/healthz with {"status": "ok"} once the
// store answers a read.
func (s *Server) handleHealth(c echo.Context) error {
	if _, err := s.cfg.Store.ListProjects(c.Request().Context()); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// markdownRequest is the body of POST /api/v1/markdown.
type markdownRequest struct {
	Text string `json:"text"`
}

// handleMarkdown answers POST /api/v1/markdown {text} with {html}: the
// sanitised rendering memos get, for live previews.
func (s *Server) handleMarkdown(c echo.Context) error {
	var req markdownRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	html, err := renderMarkdown(req.Text)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"html": html})
}

// renderMarkdown renders Markdown source within the memo size limit, in
// bounded time (see markdown.Budget).
func renderMarkdown(src string) (string, error) {
	if len(src) > markdown.MaxLen {
		return "", coding.Errorf(coding.ETOOLARGE, "text is larger than %d bytes", markdown.MaxLen)
	}
	return markdown.Render(src)
}
