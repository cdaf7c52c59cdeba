package server

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

func (s *Server) registerAuditExportRoutes(g *routes) {
	g.GET("/projects/:pid/audit/export", s.handleAuditExport, rule{perm: permRead, selfAudit: true})
}

// auditPage is how many entries the export reads at a time.
const auditPage = 500

// handleAuditExport answers GET /api/v1/projects/{pid}/audit/export
// [?format=csv&actor=&kind=&op=] with the whole matching audit trail as
// CSV, newest first, one row per changed entity: seq, time, actor, op,
// undoes, kind, id, action (created, updated, deleted) and a label (the
// entity's name, title or text, shortened). Members other than owners
// get their own changes only.
func (s *Server) handleAuditExport(c echo.Context) error {
	if f := strings.ToLower(strings.TrimSpace(c.QueryParam("format"))); f != "" && f != "csv" {
		return coding.Errorf(coding.EINVALID, "query parameter format=%q must be csv", f)
	}
	ctx, pid := c.Request().Context(), c.Param("pid")
	p, err := s.cfg.Store.FindProject(ctx, pid)
	if err != nil {
		return err
	}
	f := coding.AuditFilter{Actor: c.QueryParam("actor"), Kind: c.QueryParam("kind"), Op: c.QueryParam("op"), Limit: auditPage}
	var buf bytes.Buffer
	buf.WriteString("\ufeff") // a BOM, so spreadsheet programs read UTF-8
	w := csv.NewWriter(&buf)
	w.UseCRLF = true // RFC 4180
	w.Write([]string{"seq", "time", "actor", "op", "undoes", "kind", "id", "action", "label"})
	for {
		entries, err := s.cfg.Store.ListAudit(ctx, pid, f)
		if err != nil {
			return err
		}
		for _, e := range entries {
			writeAuditRows(w, e)
			f.Before = e.Seq
		}
		if len(entries) < auditPage {
			break
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, attachment(p.Name+"-audit.csv"))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// writeAuditRows writes one row per change of e (one row when it changed
// nothing).
func writeAuditRows(w *csv.Writer, e *coding.AuditEntry) {
	undoes := ""
	if e.Undoes > 0 {
		undoes = strconv.FormatUint(e.Undoes, 10)
	}
	head := []string{strconv.FormatUint(e.Seq, 10), e.Time.UTC().Format(time.RFC3339), coding.SpreadsheetSafe(e.Actor), e.Op, undoes}
	if len(e.Changes) == 0 {
		w.Write(append(head, "", "", "", ""))
		return
	}
	for _, ch := range e.Changes {
		w.Write(append(head[:5:5], ch.Kind, ch.ID, ch.Action(), coding.SpreadsheetSafe(auditLabel(ch))))
	}
}

// auditLabel names a changed entity by its name, title, username or text
// (after the change, else before), shortened to 80 characters.
func auditLabel(ch coding.AuditChange) string {
	if ch.Kind == "text" {
		return ""
	}
	raw := ch.After
	if raw == nil {
		raw = ch.Before
	}
	var v struct {
		Name, Title, Username, Text, Decision, Label string
	}
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	label := v.Name
	for _, alt := range []string{v.Title, v.Username, v.Text, v.Decision, v.Label} {
		if label == "" {
			label = alt
		}
	}
	return shorten(label, 80)
}

// shorten puts s on one line and cuts it to n characters, the last being
// "…" when it was longer.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if coding.RuneLen(s) > n {
		s = coding.Slice(s, 0, n-1) + "…"
	}
	return s
}
