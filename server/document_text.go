package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/importer"
)

// textDocumentRequest is the JSON body of POST /documents.
type textDocumentRequest struct {
	Title string `json:"title"`
	Text  string `json:"text"`
	// Case is a case ID or name; a name that matches no case creates one.
	Case string              `json:"case"`
	Meta coding.DocumentMeta `json:"meta"`
}

// handleCreateTextDocument answers POST /api/v1/projects/{pid}/documents
// with a JSON body {title, text, case, meta} [?allow_duplicates=true]:
// the text is normalised like an imported .txt file (line ends, NFC) and
// its speaker turns detected. It answers 201 with the document, or 409
// when the project already holds the same text and duplicates were not
// allowed.
func (s *Server) handleCreateTextDocument(c echo.Context) error {
	var req textDocumentRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	allowDups, err := queryBool(c, "allow_duplicates", false)
	if err != nil {
		return err
	}
	parsed, err := importer.FromText(req.Title, req.Text)
	if err != nil {
		return err
	}
	ctx, pid := c.Request().Context(), c.Param("pid")
	if _, err := s.cfg.Store.FindProject(ctx, pid); err != nil {
		return err
	}
	if !allowDups {
		dups, err := s.cfg.Store.FindDocumentsByHash(ctx, pid, coding.ContentHash(parsed.Text))
		if err != nil {
			return err
		}
		if len(dups) > 0 {
			return coding.Errorf(coding.ECONFLICT, "document %q already holds this text; repeat with ?allow_duplicates=true to add it again", dups[0].Title)
		}
	}
	d := &coding.Document{
		ProjectID: pid, Title: parsed.Title, Meta: req.Meta,
		Text: parsed.Text, Turns: parsed.Turns, SourceFormat: parsed.Format,
	}
	if req.Case != "" {
		cs, err := s.findCase(ctx, pid, req.Case, true)
		if err != nil {
			return err
		}
		d.CaseID = cs.ID
	}
	if err := s.cfg.Store.CreateDocument(ctx, d); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, documentView{Document: d})
}
