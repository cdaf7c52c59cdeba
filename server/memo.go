package server

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerMemoRoutes(g *routes) {
	g.POST("/projects/:pid/memos", s.handleCreateMemo, rule{perm: permCode})
	g.GET("/projects/:pid/memos", s.handleListMemos, rule{perm: permRead})
	g.GET("/projects/:pid/memos/:mid", s.handleGetMemo, rule{perm: permRead})
	g.PATCH("/projects/:pid/memos/:mid", s.handleUpdateMemo, rule{perm: permCode, own: "memo"})
	g.DELETE("/projects/:pid/memos/:mid", s.handleDeleteMemo, rule{perm: permCode, own: "memo"})
}

// memoRequest is the body of POST /memos.
type memoRequest struct {
	TargetType string `json:"target_type"`
	TargetID   string `json:"target_id"`
	Title      string `json:"title"`
	Body       string `json:"body"`
}

// handleCreateMemo answers POST /api/v1/projects/{pid}/memos {target_type,
// target_id, title, body} with 201 and the memo with its html.
func (s *Server) handleCreateMemo(c echo.Context) error {
	var req memoRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	m := &coding.Memo{
		ProjectID: c.Param("pid"), TargetType: req.TargetType, TargetID: req.TargetID,
		Title: req.Title, Body: req.Body, Author: s.coder(c),
	}
	if err := s.cfg.Store.CreateMemo(c.Request().Context(), m); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, m)
}

// handleListMemos answers GET /api/v1/projects/{pid}/memos
// [?target_type=&target_id=] with the matching memos and their html.
func (s *Server) handleListMemos(c echo.Context) error {
	f := coding.MemoFilter{TargetType: c.QueryParam("target_type"), TargetID: c.QueryParam("target_id")}
	memos, err := s.cfg.Store.ListMemos(c.Request().Context(), c.Param("pid"), f)
	if err != nil {
		return err
	}
	if memos, err = s.visibleMemos(c, c.Param("pid"), memos); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, memos)
}

// handleGetMemo answers GET /api/v1/projects/{pid}/memos/{mid}.
func (s *Server) handleGetMemo(c echo.Context) error {
	return getVisible(c, "memo", "mid", s.cfg.Store.FindMemo, s.visibleMemos, func(m *coding.Memo) int { return m.Version })
}

// handleUpdateMemo answers PATCH /api/v1/projects/{pid}/memos/{mid}
// {title, body} (each optional) with the memo and its html. If-Match
// with an outdated version: 412 with the current memo.
func (s *Server) handleUpdateMemo(c echo.Context) error {
	var u coding.MemoUpdate
	if err := decodeJSON(c, &u); err != nil {
		return err
	}
	update := func(ctx context.Context, pid, id string) (*coding.Memo, error) {
		return s.cfg.Store.UpdateMemo(ctx, pid, id, u)
	}
	return updateVersioned(s, c, "memo", "mid", &u.IfVersion, update, s.cfg.Store.FindMemo, func(m *coding.Memo) int { return m.Version })
}

// handleDeleteMemo answers DELETE /api/v1/projects/{pid}/memos/{mid} with
// 204.
func (s *Server) handleDeleteMemo(c echo.Context) error {
	if err := s.cfg.Store.DeleteMemo(c.Request().Context(), c.Param("pid"), c.Param("mid")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
