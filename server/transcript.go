package server

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/importer"
)

// Transcript editing: speakers, turns and the text of a document. Each
// route makes one change (one audit entry, undone by POST /undo) and
// answers with the document, the quotes it moved and the change's seq.
func (s *Server) registerTranscriptRoutes(g *routes) {
	owner := rule{perm: permOwner}
	g.POST("/projects/:pid/documents/:did/speakers/rename", s.handleRenameSpeaker, owner)
	g.POST("/projects/:pid/documents/:did/speakers/merge", s.handleMergeSpeakers, owner)
	g.POST("/projects/:pid/documents/:did/speakers/split", s.handleSplitSpeaker, owner)
	g.POST("/projects/:pid/documents/:did/speakers/role", s.handleSetSpeakerRole, owner)
	g.PUT("/projects/:pid/documents/:did/turns/:n/speaker", s.handleSetTurnSpeaker, owner)
	g.POST("/projects/:pid/documents/:did/turns/:n/split", s.handleSplitTurn, owner)
	g.POST("/projects/:pid/documents/:did/turns/:n/merge", s.handleMergeTurns, owner)
	g.POST("/projects/:pid/documents/:did/corrections", s.handleCorrectText, owner)
}

// changeTranscript applies ch to the request's document, honouring
// If-Match, and answers with the result: the document (with its ETag),
// the quotes it changed that the reader may see, and the seq.
func (s *Server) changeTranscript(c echo.Context, ch coding.TranscriptChange) error {
	ifVersion, err := ifMatch(c)
	if err != nil {
		return err
	}
	ctx, pid, did := c.Request().Context(), c.Param("pid"), c.Param("did")
	res, err := s.cfg.Store.ChangeTranscript(ctx, pid, did, ch, ifVersion)
	if err != nil {
		return s.stale(c, err, pid, "document", did, func() (any, error) {
			return s.cfg.Store.FindDocument(ctx, pid, did)
		})
	}
	if res.Quotes, err = s.visibleQuotes(c, pid, res.Quotes); err != nil {
		return err
	}
	res.Quotes = nonNil(res.Quotes)
	setETag(c, res.Document.Version)
	return c.JSON(http.StatusOK, res)
}

// decodeChange reads the JSON body of a transcript edit into ch.
func decodeChange[T coding.TranscriptChange](s *Server, c echo.Context, ch *T) error {
	if err := decodeJSON(c, ch); err != nil {
		return err
	}
	return s.changeTranscript(c, *ch)
}

// turnNumber reads the turn number of the path, counted from 1.
func turnNumber(c echo.Context) (int, error) {
	n, err := strconv.Atoi(c.Param("n"))
	if err != nil || n < 1 {
		return 0, coding.Errorf(coding.EINVALID, "turn number %q must be a whole number from 1", c.Param("n"))
	}
	return n, nil
}

// handleRenameSpeaker answers POST /api/v1/projects/{pid}/documents/{did}/
// speakers/rename {from, to}: every turn of the speaker takes the new
// name. 409 when another speaker has that name (merge them instead).
func (s *Server) handleRenameSpeaker(c echo.Context) error {
	return decodeChange(s, c, &coding.RenameSpeaker{})
}

// handleMergeSpeakers answers POST /api/v1/projects/{pid}/documents/{did}/
// speakers/merge {speakers, into}: every turn of the speakers goes to
// into (one of them or a new name).
func (s *Server) handleMergeSpeakers(c echo.Context) error {
	return decodeChange(s, c, &coding.MergeSpeakers{})
}

// handleSplitSpeaker answers POST /api/v1/projects/{pid}/documents/{did}/
// speakers/split {speaker, turns, name, role}: the turns (numbers from 1)
// of speaker go to name, a new or existing speaker.
func (s *Server) handleSplitSpeaker(c echo.Context) error {
	return decodeChange(s, c, &coding.SplitSpeaker{})
}

// handleSetSpeakerRole answers POST /api/v1/projects/{pid}/documents/{did}/
// speakers/role {speaker, role}: the speaker's role becomes role
// (interviewer, informant or "").
func (s *Server) handleSetSpeakerRole(c echo.Context) error {
	return decodeChange(s, c, &coding.SetSpeakerRole{})
}

// handleSetTurnSpeaker answers PUT /api/v1/projects/{pid}/documents/{did}/
// turns/{n}/speaker {speaker, role}: turn n (from 1) is spoken by
// speaker, new or existing; role is a new speaker's role.
func (s *Server) handleSetTurnSpeaker(c echo.Context) error {
	n, err := turnNumber(c)
	if err != nil {
		return err
	}
	ch := coding.SetTurnSpeaker{Turn: n}
	if err := decodeJSON(c, &ch); err != nil {
		return err
	}
	return s.changeTranscript(c, ch)
}

// handleSplitTurn answers POST /api/v1/projects/{pid}/documents/{did}/
// turns/{n}/split {at, speaker, role}: turn n is cut at code point at;
// the second part goes to speaker, or, when speaker is empty, to the
// speaker whose label ("Anna:") starts it, the label left out of it.
func (s *Server) handleSplitTurn(c echo.Context) error {
	n, err := turnNumber(c)
	if err != nil {
		return err
	}
	ch := coding.SplitTurn{Turn: n, Label: importer.ReadLabel}
	if err := decodeJSON(c, &ch); err != nil {
		return err
	}
	return s.changeTranscript(c, ch)
}

// handleMergeTurns answers POST /api/v1/projects/{pid}/documents/{did}/
// turns/{n}/merge (no body): turn n and the next become one turn of
// turn n's speaker.
func (s *Server) handleMergeTurns(c echo.Context) error {
	n, err := turnNumber(c)
	if err != nil {
		return err
	}
	return s.changeTranscript(c, coding.MergeTurns{Turn: n})
}

// handleCorrectText answers POST /api/v1/projects/{pid}/documents/{did}/
// corrections {start, end, text}: the code points [start, end) of the
// text become text. Quotes and turns keep covering their words (see
// coding.CorrectText); the quotes it moved are in the answer.
func (s *Server) handleCorrectText(c echo.Context) error {
	return decodeChange(s, c, &coding.CorrectText{})
}
