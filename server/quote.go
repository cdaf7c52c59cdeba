package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerQuoteRoutes(g *routes) {
	g.POST("/projects/:pid/quotes", s.handleCreateQuote, rule{perm: permCode})
	g.GET("/projects/:pid/quotes", s.handleListQuotes, rule{perm: permRead})
	g.GET("/projects/:pid/quotes/:qid", s.handleGetQuote, rule{perm: permRead})
	g.PATCH("/projects/:pid/quotes/:qid", s.handleUpdateQuote, rule{perm: permCode, own: "quote"})
	g.DELETE("/projects/:pid/quotes/:qid", s.handleDeleteQuote, rule{perm: permCode, own: "quote"})
}

// quoteRequest is the body of POST /quotes. Start and End count code
// points of the document's stored text.
type quoteRequest struct {
	DocumentID string   `json:"document_id"`
	Start      *int     `json:"start"`
	End        *int     `json:"end"`
	CodeIDs    []string `json:"code_ids"`
	Memo       string   `json:"memo"`
}

// handleCreateQuote answers POST /api/v1/projects/{pid}/quotes
// {document_id, start, end, code_ids, memo} with 201 and the stored quote,
// including its text.
func (s *Server) handleCreateQuote(c echo.Context) error {
	var req quoteRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	switch {
	case req.DocumentID == "":
		return coding.Errorf(coding.EINVALID, "document_id is required")
	case req.Start == nil || req.End == nil:
		return coding.Errorf(coding.EINVALID, "start and end are required (code-point offsets into the document's text)")
	}
	q := &coding.Quote{
		ProjectID: c.Param("pid"), DocumentID: req.DocumentID, Start: *req.Start, End: *req.End,
		CodeIDs: req.CodeIDs, Memo: req.Memo, Coder: s.coder(c),
	}
	if err := s.cfg.Store.CreateQuote(c.Request().Context(), q); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, q)
}

// handleListQuotes answers GET /api/v1/projects/{pid}/quotes
// [?document=&code=&coder=] with the matching quotes in document order;
// code also matches quotes coded with codes below it.
func (s *Server) handleListQuotes(c echo.Context) error {
	f := coding.QuoteFilter{
		DocumentID: c.QueryParam("document"),
		CodeID:     c.QueryParam("code"),
		Coder:      c.QueryParam("coder"),
	}
	qs, err := s.cfg.Store.ListQuotes(c.Request().Context(), c.Param("pid"), f)
	if err != nil {
		return err
	}
	if qs, err = s.visibleQuotes(c, c.Param("pid"), qs); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(qs))
}

// handleGetQuote answers GET /api/v1/projects/{pid}/quotes/{qid}.
func (s *Server) handleGetQuote(c echo.Context) error {
	return getVisible(c, "quote", "qid", s.cfg.Store.FindQuote, s.visibleQuotes, func(q *coding.Quote) int { return q.Version })
}

// handleUpdateQuote answers PATCH /api/v1/projects/{pid}/quotes/{qid}
// {start, end, code_ids, memo, pick, excerpt} (each optional): resize,
// recode, annotate, choose as evidence (see handlePickQuote) or set the
// print excerpt (see handleQuoteExcerpt).
// If-Match with an outdated version: 412 with the current quote.
func (s *Server) handleUpdateQuote(c echo.Context) error {
	var u coding.QuoteUpdate
	if err := decodeJSON(c, &u); err != nil {
		return err
	}
	return s.updateQuoteWith(c, u)
}

// handleDeleteQuote answers DELETE /api/v1/projects/{pid}/quotes/{qid}
// with 204.
func (s *Server) handleDeleteQuote(c echo.Context) error {
	if err := s.cfg.Store.DeleteQuote(c.Request().Context(), c.Param("pid"), c.Param("qid")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
