package server

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/export"
	"tessera/coding/rounds"
)

func (s *Server) registerRoundRoutes(g *routes) {
	g.POST("/projects/:pid/codes/:cid/split", s.handleSplitCode, rule{perm: permCodebook})
	g.PUT("/projects/:pid/codes/:cid/retired", s.handleRetireCode, rule{perm: permCodebook})
	g.POST("/projects/:pid/rounds", s.handleCloseRound, rule{perm: permOwner})
	g.GET("/projects/:pid/rounds", s.handleListRounds, rule{perm: permRead})
	g.GET("/projects/:pid/rounds/evolution", s.handleEvolution, rule{perm: permReview})
	g.GET("/projects/:pid/rounds/:rid", s.handleGetRound, rule{perm: permReview})
	g.GET("/projects/:pid/saturation", s.handleSaturation, rule{perm: permRead})
}

// handleSplitCode answers POST /api/v1/projects/{pid}/codes/{cid}/split
// {name, definition, quote_ids} with 201 and the new code: it sits beside
// the code, which the listed quotes trade for it.
func (s *Server) handleSplitCode(c echo.Context) error {
	var req coding.CodeSplit
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	code, err := s.cfg.Store.SplitCode(c.Request().Context(), c.Param("pid"), c.Param("cid"), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, code)
}

// retireRequest is the body of PUT /codes/{cid}/retired.
type retireRequest struct {
	Retired *bool `json:"retired"`
}

// handleRetireCode answers PUT /api/v1/projects/{pid}/codes/{cid}/retired
// {retired} with the code: true retires it (no new coding with it), false
// brings it back.
func (s *Server) handleRetireCode(c echo.Context) error {
	var req retireRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Retired == nil {
		return coding.Errorf(coding.EINVALID, "retired (true or false) is required")
	}
	code, err := s.cfg.Store.RetireCode(c.Request().Context(), c.Param("pid"), c.Param("cid"), *req.Retired)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, code)
}

// roundRequest is the body of POST /rounds.
type roundRequest struct {
	Name string `json:"name"`
	Note string `json:"note"`
}

// roundSummary is a round without its snapshot, as listings show it.
type roundSummary struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Note     string `json:"note"`
	ClosedAt string `json:"closed_at"`
	Seq      uint64 `json:"seq"`
	Codes    int    `json:"codes"`
	Quotes   int    `json:"quotes"`
}

func summarizeRound(r *coding.Round) roundSummary {
	return roundSummary{ID: r.ID, Name: r.Name, Note: r.Note, ClosedAt: r.ClosedAt.UTC().Format("2006-01-02T15:04:05Z"),
		Seq: r.Seq, Codes: len(r.Codes), Quotes: len(r.Coding)}
}

// handleCloseRound answers POST /api/v1/projects/{pid}/rounds {name, note}
// with 201 and the round's summary: the codebook and coding as they stand
// are kept with it.
func (s *Server) handleCloseRound(c echo.Context) error {
	var req roundRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	r := &coding.Round{ProjectID: c.Param("pid"), Name: req.Name, Note: req.Note}
	if err := s.cfg.Store.CloseRound(c.Request().Context(), r); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, summarizeRound(r))
}

// handleListRounds answers GET /api/v1/projects/{pid}/rounds with the
// closed rounds, oldest first, without their snapshots.
func (s *Server) handleListRounds(c echo.Context) error {
	ctx, pid := c.Request().Context(), c.Param("pid")
	if _, err := s.cfg.Store.FindProject(ctx, pid); err != nil {
		return err
	}
	rs, err := s.cfg.Store.ListRounds(ctx, pid)
	if err != nil {
		return err
	}
	out := make([]roundSummary, len(rs))
	for i, r := range rs {
		out[i] = summarizeRound(r)
	}
	return c.JSON(http.StatusOK, out)
}

// handleGetRound answers GET /api/v1/projects/{pid}/rounds/{rid} with the
// round and its snapshot (codes and coding).
func (s *Server) handleGetRound(c echo.Context) error {
	r, err := s.cfg.Store.FindRound(c.Request().Context(), c.Param("pid"), c.Param("rid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// roundOrCurrent finds the round with id, or the project as it stands for
// "current".
func (s *Server) roundOrCurrent(c echo.Context, pid, id string) (*coding.Round, error) {
	if id == rounds.Current {
		snap, err := s.cfg.Store.Snapshot(c.Request().Context(), pid, false)
		if err != nil {
			return nil, err
		}
		return rounds.FromSnapshot(snap), nil
	}
	return s.cfg.Store.FindRound(c.Request().Context(), pid, id)
}

// handleEvolution answers GET /api/v1/projects/{pid}/rounds/evolution
// ?from={rid}&to={rid|current}[&format=md|csv|docx|xlsx] with the
// codebook's evolution between the two rounds: JSON without format, else
// a download.
func (s *Server) handleEvolution(c echo.Context) error {
	pid := c.Param("pid")
	from, to := strings.TrimSpace(c.QueryParam("from")), strings.TrimSpace(c.QueryParam("to"))
	if from == "" || to == "" {
		return coding.Errorf(coding.EINVALID, "query parameters from and to must name two rounds (to may be current)")
	}
	format, err := reportFormat(c)
	if err != nil {
		return err
	}
	a, err := s.roundOrCurrent(c, pid, from)
	if err != nil {
		return err
	}
	b, err := s.roundOrCurrent(c, pid, to)
	if err != nil {
		return err
	}
	ev := rounds.Compare(a, b)
	if format == nil {
		return c.JSON(http.StatusOK, ev)
	}
	var buf bytes.Buffer
	if err := export.WriteEvolution(&buf, ev, format.Name); err != nil {
		return err
	}
	return s.sendReport(c, pid, "evolution", *format, buf.Bytes())
}

// handleSaturation answers GET /api/v1/projects/{pid}/saturation
// [?order=coding|date&window=N&format=md|csv|docx|xlsx] with the
// saturation curves, overall and per case: JSON without format, else a
// download.
func (s *Server) handleSaturation(c echo.Context) error {
	pid := c.Param("pid")
	opt := rounds.SaturationOptions{Order: c.QueryParam("order")}
	if w := c.QueryParam("window"); w != "" {
		n, err := strconv.Atoi(w)
		if err != nil || n < 1 {
			return coding.Errorf(coding.EINVALID, "query parameter window=%q must be a whole number of at least 1", w)
		}
		opt.Window = n
	}
	format, err := reportFormat(c)
	if err != nil {
		return err
	}
	snap, err := s.snapshot(c, pid, false)
	if err != nil {
		return err
	}
	sat, err := rounds.Measure(snap, opt)
	if err != nil {
		return err
	}
	if format == nil {
		return c.JSON(http.StatusOK, sat)
	}
	var buf bytes.Buffer
	if err := export.WriteSaturation(&buf, sat, format.Name); err != nil {
		return err
	}
	return s.sendReport(c, pid, "saturation", *format, buf.Bytes())
}

// reportFormat reads the query parameter format: nil for JSON.
func reportFormat(c echo.Context) (*export.Format, error) {
	name := strings.ToLower(strings.TrimSpace(c.QueryParam("format")))
	if name == "" || name == "json" {
		return nil, nil
	}
	f, err := export.ReportFormat(name)
	if err != nil {
		return nil, err
	}
	return &f, nil
}

// sendReport answers with a report file named after the project.
func (s *Server) sendReport(c echo.Context, pid, what string, f export.Format, body []byte) error {
	p, err := s.cfg.Store.FindProject(c.Request().Context(), pid)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, attachment(p.Name+"-"+what+f.Ext))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, f.MediaType, body)
}
