package server

import (
	"context"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerQuotePickRoutes(g *routes) {
	g.PUT("/projects/:pid/quotes/:qid/picks/:cid", s.handlePickQuote, rule{perm: permCode, own: "quote"})
	g.DELETE("/projects/:pid/quotes/:qid/picks/:cid", s.handleUnpickQuote, rule{perm: permCode, own: "quote"})
	g.PUT("/projects/:pid/quotes/:qid/excerpt", s.handleQuoteExcerpt, rule{perm: permCode, own: "quote"})
}

// pickRequest is the body of PUT /quotes/{qid}/picks/{cid}.
type pickRequest struct {
	Kind  coding.PickKind `json:"kind"`
	Order int             `json:"order"`
}

// handlePickQuote answers PUT /api/v1/projects/{pid}/quotes/{qid}/picks/{cid}
// {kind: power|proof, order} with 200 and the quote, now chosen as
// evidence for its code cid; order 0 (or none) places it after the
// code's other chosen quotes. If-Match as for PATCH.
func (s *Server) handlePickQuote(c echo.Context) error {
	var req pickRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Kind == "" {
		return coding.Errorf(coding.EINVALID, "kind is required: power or proof (DELETE takes the choice back)")
	}
	return s.updateQuoteWith(c, coding.QuoteUpdate{Pick: &coding.QuotePick{CodeID: c.Param("cid"), Kind: req.Kind, Order: req.Order}})
}

// handleUnpickQuote answers DELETE /api/v1/projects/{pid}/quotes/{qid}/picks/{cid}
// with 200 and the quote, no longer chosen for the code cid.
func (s *Server) handleUnpickQuote(c echo.Context) error {
	return s.updateQuoteWith(c, coding.QuoteUpdate{Pick: &coding.QuotePick{CodeID: c.Param("cid")}})
}

// excerptRequest is the body of PUT /quotes/{qid}/excerpt.
type excerptRequest struct {
	Excerpt *string `json:"excerpt"`
}

// handleQuoteExcerpt answers PUT /api/v1/projects/{pid}/quotes/{qid}/excerpt
// {excerpt} with 200 and the quote: the excerpt, pieces of the quote's
// text in order joined by "[…]", is what exports print; "" removes it.
// 422 when a piece is not in the text or out of order.
func (s *Server) handleQuoteExcerpt(c echo.Context) error {
	var req excerptRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Excerpt == nil {
		return coding.Errorf(coding.EINVALID, "excerpt is required (\"\" removes it)")
	}
	return s.updateQuoteWith(c, coding.QuoteUpdate{Excerpt: req.Excerpt})
}

// updateQuoteWith applies u to the route's quote, honouring If-Match.
func (s *Server) updateQuoteWith(c echo.Context, u coding.QuoteUpdate) error {
	update := func(ctx context.Context, pid, id string) (*coding.Quote, error) {
		return s.cfg.Store.UpdateQuote(ctx, pid, id, u)
	}
	return updateVersioned(s, c, "quote", "qid", &u.IfVersion, update, s.cfg.Store.FindQuote, func(q *coding.Quote) int { return q.Version })
}
