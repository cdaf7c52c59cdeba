package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerPresenceRoutes(g *routes) {
	g.PUT("/projects/:pid/presence", s.handlePutPresence, rule{perm: permRead})
}

// presenceRequest is the body of PUT /presence.
type presenceRequest struct {
	// Client is the tab whose event stream is open.
	Client string `json:"client"`
	// Document is the document the tab shows; "" for none.
	Document string `json:"document"`
}

// handlePutPresence answers PUT /api/v1/projects/{pid}/presence
// {client, document} with 204 after recording which document the
// caller's client (browser tab) has open; every event stream of the
// project then gets a "presence" event. It answers 409 when that client
// has no event stream open: presence lasts as long as the stream, so the
// client reports its document again after each "hello".
func (s *Server) handlePutPresence(c echo.Context) error {
	var req presenceRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Client == "" {
		return coding.Errorf(coding.EINVALID, "client is required: the ID the tab gave its event stream")
	}
	if _, err := validClient(req.Client, "client"); err != nil {
		return err
	}
	if err := validDocumentRef(req.Document); err != nil {
		return err
	}
	if !s.hub.setDocument(c.Param("pid"), s.coder(c), req.Client, req.Document) {
		return coding.Errorf(coding.ECONFLICT, "client %q has no event stream open in this project; open /events?client=%s first", req.Client, req.Client)
	}
	return c.NoContent(http.StatusNoContent)
}
