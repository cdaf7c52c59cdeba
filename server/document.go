package server

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerDocumentRoutes(g *routes) {
	g.POST("/projects/:pid/documents", s.handleCreateDocument, rule{perm: permOwner})
	g.GET("/projects/:pid/documents", s.handleListDocuments, rule{perm: permRead})
	g.GET("/projects/:pid/documents/:did", s.handleGetDocument, rule{perm: permRead})
	g.PATCH("/projects/:pid/documents/:did", s.handleUpdateDocument, rule{perm: permOwner})
	g.DELETE("/projects/:pid/documents/:did", s.handleDeleteDocument, rule{perm: permOwner})
}

// documentView is a document with, when asked for, its quotes.
type documentView struct {
	*coding.Document
	Quotes []*coding.Quote `json:"quotes,omitzero"`
}

// handleCreateDocument answers POST /api/v1/projects/{pid}/documents: a
// multipart upload of one or more files (see handleUpload) or a JSON
// transcript {title, text, case, meta} (see handleCreateTextDocument).
func (s *Server) handleCreateDocument(c echo.Context) error {
	ct := strings.ToLower(c.Request().Header.Get(echo.HeaderContentType))
	if strings.HasPrefix(ct, "multipart/form-data") {
		return s.handleUpload(c)
	}
	return s.handleCreateTextDocument(c)
}

// handleListDocuments answers GET /api/v1/projects/{pid}/documents
// [?case=CASE_ID] with the documents in order, without text and turns.
func (s *Server) handleListDocuments(c echo.Context) error {
	f := coding.DocumentFilter{CaseID: c.QueryParam("case")}
	docs, err := s.cfg.Store.ListDocuments(c.Request().Context(), c.Param("pid"), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, nonNil(docs))
}

// handleGetDocument answers GET /api/v1/projects/{pid}/documents/{did}
// [?quotes=true] with the document's text, turns, speakers and metadata,
// and its quotes in text order when asked for.
func (s *Server) handleGetDocument(c echo.Context) error {
	withQuotes, err := queryBool(c, "quotes", false)
	if err != nil {
		return err
	}
	ctx, pid := c.Request().Context(), c.Param("pid")
	d, err := s.cfg.Store.FindDocument(ctx, pid, c.Param("did"))
	if err != nil {
		return err
	}
	v := documentView{Document: d}
	if withQuotes {
		qs, err := s.cfg.Store.ListQuotes(ctx, pid, coding.QuoteFilter{DocumentID: d.ID})
		if err != nil {
			return err
		}
		if qs, err = s.visibleQuotes(c, pid, qs); err != nil {
			return err
		}
		v.Quotes = nonNil(qs)
	}
	setETag(c, d.Version)
	return c.JSON(http.StatusOK, v)
}

// handleUpdateDocument answers PATCH /api/v1/projects/{pid}/documents/{did}
// {title, case_id, meta, rename_speakers, speaker_roles} (each optional)
// with the document, text included. If-Match with an outdated version:
// 412 with the current document.
func (s *Server) handleUpdateDocument(c echo.Context) error {
	var u coding.DocumentUpdate
	if err := decodeJSON(c, &u); err != nil {
		return err
	}
	update := func(ctx context.Context, pid, id string) (documentView, error) {
		d, err := s.cfg.Store.UpdateDocument(ctx, pid, id, u)
		return documentView{Document: d}, err
	}
	find := func(ctx context.Context, pid, id string) (documentView, error) {
		d, err := s.cfg.Store.FindDocument(ctx, pid, id)
		return documentView{Document: d}, err
	}
	return updateVersioned(s, c, "document", "did", &u.IfVersion, update, find, func(v documentView) int { return v.Version })
}

// handleDeleteDocument answers DELETE /api/v1/projects/{pid}/documents/{did}
// [?confirm=true] with 204. A document with quotes is deleted (with its
// quotes) only with confirm=true; otherwise the answer is 409.
func (s *Server) handleDeleteDocument(c echo.Context) error {
	confirm, err := queryBool(c, "confirm", false)
	if err != nil {
		return err
	}
	if err := s.cfg.Store.DeleteDocument(c.Request().Context(), c.Param("pid"), c.Param("did"), confirm); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// findCase resolves a case given by ID or by name (case-insensitive).
// With create, a name that matches no case creates one; otherwise the
// answer is an EUNPROCESSABLE error.
func (s *Server) findCase(ctx context.Context, pid, ref string, create bool) (*coding.Case, error) {
	ref = strings.TrimSpace(ref)
	if cs, err := s.cfg.Store.FindCase(ctx, pid, ref); err == nil {
		return cs, nil
	} else if coding.ErrorCode(err) != coding.ENOTFOUND {
		return nil, err
	}
	cs, err := s.cfg.Store.FindCaseByName(ctx, pid, ref)
	if err == nil || coding.ErrorCode(err) != coding.ENOTFOUND {
		return cs, err
	}
	if !create {
		return nil, coding.Errorf(coding.EUNPROCESSABLE, "case %q not found", ref)
	}
	cs = &coding.Case{ProjectID: pid, Name: ref}
	if err := s.cfg.Store.CreateCase(ctx, cs); err != nil {
		return nil, err
	}
	return cs, nil
}
