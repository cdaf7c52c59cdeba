package server

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

func (s *Server) registerConsensusRoutes(g *routes) {
	g.GET("/projects/:pid/consensus", s.handleListConsensus, rule{perm: permReview})
	g.POST("/projects/:pid/consensus", s.handleConsensus, rule{perm: permOwner})
}

// consensusRequest is the body of POST /consensus.
type consensusRequest struct {
	QuoteIDs []string `json:"quote_ids"`
	Decision string   `json:"decision"`
}

// handleConsensus answers POST /api/v1/projects/{pid}/consensus
// {quote_ids, decision: "accept"|"reject"} with the recorded decisions.
// Accepting copies each coder's quote (range and codes) into the shared
// coding, as a quote of the coder "consensus"; rejecting records that it
// stays out. To accept one coder's coding, accept their quotes and reject
// the others'; to accept both, accept all; to accept neither, reject all.
// The change is one audit entry with the operation "consensus", so it
// can be undone. A quote already decided answers 409.
func (s *Server) handleConsensus(c echo.Context) error {
	if s.cfg.Access == nil {
		return errNoAccounts
	}
	var req consensusRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ds, err := s.cfg.Access.DecideConsensus(c.Request().Context(), c.Param("pid"), req.QuoteIDs, req.Decision)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ds)
}

// handleListConsensus answers GET /api/v1/projects/{pid}/consensus with
// every consensus decision {quote_id, coder, decision, result_quote_id,
// decided_by, decided_at}.
func (s *Server) handleListConsensus(c echo.Context) error {
	if s.cfg.Access == nil {
		return errNoAccounts
	}
	ds, err := s.cfg.Access.ListConsensus(c.Request().Context(), c.Param("pid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(ds))
}
