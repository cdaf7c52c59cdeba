package server

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/unicode/norm"

	"tessera/coding"
	"tessera/coding/anonymise"
	"tessera/coding/export"
)

func (s *Server) registerExportRoutes(g *routes) {
	g.GET("/export/formats", s.handleExportFormats, rule{perm: permUser})
	g.GET("/projects/:pid/export/:format", s.handleExport, rule{perm: permRead})
}

// exportFormat is one entry of GET /api/v1/export/formats: the format
// and the options it reads.
type exportFormat struct {
	export.Format
	Options []string `json:"options"`
}

// handleExportFormats answers GET /api/v1/export/formats with every
// export format: name, media_type, ext, description and options, the
// list `tessera export --list` prints.
func (s *Server) handleExportFormats(c echo.Context) error {
	formats := export.Formats()
	out := make([]exportFormat, len(formats))
	for i, f := range formats {
		out[i] = exportFormat{Format: f, Options: export.FormatOptions(f.Name)}
	}
	return c.JSON(http.StatusOK, out)
}

// exportOptions reads the export options from the query: facets,
// sections, subsections, counts, quotes (true, false, chosen, auto or
// both), per_row, level, columns, bins, cell, facet_filter, attributes,
// unit, positions, subcodes, raw, anonymise and model; the memo
// filters author, code, from and to; the figure's split, page,
// orientation and badges; and the table options (see tableOptions).
func exportOptions(c echo.Context) (export.Options, error) {
	opt := export.Options{
		Facets:      queryList(c, "facets"),
		Sections:    strings.TrimSpace(c.QueryParam("sections")),
		Level:       coding.Level(strings.TrimSpace(c.QueryParam("level"))),
		Columns:     strings.TrimSpace(c.QueryParam("columns")),
		Cell:        strings.TrimSpace(c.QueryParam("cell")),
		FacetFilter: strings.TrimSpace(c.QueryParam("facet_filter")),
		Set:         strings.TrimSpace(c.QueryParam("set")),
		Rows:        strings.TrimSpace(c.QueryParam("rows")),
		Attributes:  queryList(c, "attributes"),
		Unit:        strings.TrimSpace(c.QueryParam("unit")),
		Positions:   strings.TrimSpace(c.QueryParam("positions")),
		Subsections: strings.TrimSpace(c.QueryParam("subsections")),
		Bins:        strings.TrimSpace(c.QueryParam("bins")),
		Model:       strings.TrimSpace(c.QueryParam("model")),
		Memos: export.MemoFilter{
			Author: c.QueryParam("author"),
			Code:   c.QueryParam("code"),
			From:   c.QueryParam("from"),
			To:     c.QueryParam("to"),
		},
	}
	var err error
	if opt.Table, err = tableOptions(c); err != nil {
		return opt, err
	}
	opt.Figure = export.FigureOptions{
		Split:       strings.TrimSpace(c.QueryParam("split")),
		Page:        strings.ToLower(strings.TrimSpace(c.QueryParam("page"))),
		Orientation: strings.TrimSpace(c.QueryParam("orientation")),
		Badges:      queryList(c, "badges"),
	}
	if err := opt.Figure.Validate(); err != nil {
		return opt, err
	}
	if opt.Level != "" && !opt.Level.Valid() {
		return opt, coding.Errorf(coding.EINVALID, "query parameter level=%q must be concept, theme or dimension", opt.Level)
	}
	if opt.Counts, err = queryBool(c, "counts", false); err != nil {
		return opt, err
	}
	if opt.SubCodes, err = queryBool(c, "subcodes", false); err != nil {
		return opt, err
	}
	if opt.Quotes, opt.QuoteMode, err = export.ParseQuotes(c.QueryParam("quotes")); err != nil {
		return opt, err
	}
	if opt.PerRow, err = queryInt(c, "per_row", 0); err != nil {
		return opt, err
	}
	if opt.Anonymise, err = queryBool(c, "anonymise", false); err != nil {
		return opt, err
	}
	opt.Raw, err = queryBool(c, "raw", false)
	return opt, err
}

// tableOptions reads the table options from the query: header (repeated,
// one per column in order), section_label, caption, table_number, notes,
// style and order.
func tableOptions(c echo.Context) (export.TableOptions, error) {
	opt := export.TableOptions{
		Headers:      c.QueryParams()["header"],
		SectionLabel: strings.TrimSpace(c.QueryParam("section_label")),
		Caption:      c.QueryParam("caption"),
		Number:       c.QueryParam("table_number"),
		Notes:        c.QueryParam("notes"),
		Style:        strings.TrimSpace(c.QueryParam("style")),
		Order:        strings.TrimSpace(c.QueryParam("order")),
	}
	return opt, opt.Validate()
}

// handleExport answers GET /api/v1/projects/{pid}/export/{format} with the
// exported file as an attachment; with anonymise=true the project's
// anonymisation profile is applied first, to the file name too. The file is rendered in full before
// anything is sent, so a failing export answers a JSON error, never half
// a file.
func (s *Server) handleExport(c echo.Context) error {
	name := strings.ToLower(c.Param("format"))
	format, ok := export.FormatByName(name)
	if !ok {
		names := make([]string, 0, len(export.Formats()))
		for _, f := range export.Formats() {
			names = append(names, f.Name)
		}
		return coding.Errorf(coding.ENOTFOUND, "unknown export format %q (known: %s)", name, strings.Join(names, ", "))
	}
	opt, err := exportOptions(c)
	if err != nil {
		return err
	}
	snap, err := s.snapshot(c, c.Param("pid"), true)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := export.Export(&buf, snap, format.Name, opt); err != nil {
		return err
	}
	name = snap.Project.Name
	if opt.Anonymise {
		name = anonymise.NewReplacer(anonymise.Rules(snap)).Replace(name)
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, attachment(name+"-"+format.Name+format.Ext))
	h.Set(echo.HeaderContentLength, strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, format.MediaType, buf.Bytes())
}

// attachment returns a Content-Disposition value for a download named
// filename: a quoted ASCII fallback (accents dropped, unsafe characters
// replaced) and, when the name is not plain ASCII, the exact UTF-8 name
// in RFC 5987 form.
func attachment(filename string) string {
	var fallback strings.Builder
	ascii := true
	for _, r := range norm.NFD.String(filename) {
		switch {
		case unicode.Is(unicode.Mn, r):
			ascii = false // a dropped accent
		case r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '/':
			ascii = false
			fallback.WriteByte('_')
		default:
			fallback.WriteRune(r)
		}
	}
	v := fmt.Sprintf("attachment; filename=%q", fallback.String())
	if !ascii {
		v += "; filename*=UTF-8''" + rfc5987(filename)
	}
	return v
}

// rfc5987 percent-encodes s as an RFC 5987 ext-value: every byte outside
// attr-char becomes %XX.
func rfc5987(s string) string {
	const attrChar = "!#$&+-.^_`|~"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(attrChar, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
