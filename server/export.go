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

// exportFormat is one entry of GET /api/v1/export/formats: the format,
// the options it reads and, for options of a fixed few values, the
// values it accepts.
type exportFormat struct {
	export.Format
	Options []string            `json:"options"`
	Choices map[string][]string `json:"choices"`
}

// handleExportFormats answers GET /api/v1/export/formats with every
// export format: name, media_type, ext, description, options and
// choices, the list `tessera export --list` prints.
func (s *Server) handleExportFormats(c echo.Context) error {
	formats := export.Formats()
	out := make([]exportFormat, len(formats))
	for i, f := range formats {
		out[i] = exportFormat{Format: f, Options: export.FormatOptions(f.Name), Choices: export.FormatChoices(f.Name)}
	}
	return c.JSON(http.StatusOK, out)
}

// exportOptions reads the export options from the query: facets,
// sections, subsections, counts, quotes (true, false, chosen, auto or
// both), per_row, level, columns, bins, cell, facet_filter, attributes,
// unit, positions, subcodes, raw, anonymise and model; the memo
// filters author, code, from and to; the figure's split, page,
// orientation and badges; and the table options (see tableOptions). A
// preset gives the table options, sections and subsections that the
// query does not.
func exportOptionsWith(c echo.Context, preset export.Preset) (export.Options, error) {
	var opt export.Options
	preset.Apply(&opt)
	q := c.QueryParams()
	if _, ok := q["sections"]; ok {
		opt.Sections = strings.TrimSpace(c.QueryParam("sections"))
	}
	if _, ok := q["subsections"]; ok {
		opt.Subsections = strings.TrimSpace(c.QueryParam("subsections"))
	}
	opt.Facets = queryList(c, "facets")
	opt.Level = coding.Level(strings.TrimSpace(c.QueryParam("level")))
	opt.Columns = strings.TrimSpace(c.QueryParam("columns"))
	opt.Cell = strings.TrimSpace(c.QueryParam("cell"))
	opt.FacetFilter = strings.TrimSpace(c.QueryParam("facet_filter"))
	opt.Attributes = queryList(c, "attributes")
	opt.Unit = strings.TrimSpace(c.QueryParam("unit"))
	opt.Positions = strings.TrimSpace(c.QueryParam("positions"))
	opt.Bins = strings.TrimSpace(c.QueryParam("bins"))
	opt.Set = strings.TrimSpace(c.QueryParam("set"))
	opt.Rows = strings.TrimSpace(c.QueryParam("rows"))
	opt.Model = strings.TrimSpace(c.QueryParam("model"))
	opt.Memos = export.MemoFilter{
		Author: c.QueryParam("author"),
		Code:   c.QueryParam("code"),
		From:   c.QueryParam("from"),
		To:     c.QueryParam("to"),
	}
	var err error
	if opt.Table, err = tableOptionsOver(c, opt.Table); err != nil {
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

// exportOptions reads the export options from the query alone.
func exportOptions(c echo.Context) (export.Options, error) {
	return exportOptionsWith(c, export.Preset{})
}

// tableOptions reads the table options from the query alone.
func tableOptions(c echo.Context) (export.TableOptions, error) {
	return tableOptionsOver(c, export.TableOptions{})
}

// tableOptionsOver reads the table options from the query over base (a
// preset's): header (repeated, one per column in order), section_label,
// caption, table_number, notes, style, order and continued; each given
// replaces base's.
func tableOptionsOver(c echo.Context, base export.TableOptions) (export.TableOptions, error) {
	opt := base
	q := c.QueryParams()
	if h, ok := q["header"]; ok {
		opt.Headers = h
	}
	for name, dst := range map[string]*string{
		"section_label": &opt.SectionLabel, "caption": &opt.Caption, "table_number": &opt.Number,
		"notes": &opt.Notes, "style": &opt.Style, "order": &opt.Order,
	} {
		if _, ok := q[name]; ok {
			*dst = c.QueryParam(name)
		}
	}
	opt.SectionLabel, opt.Style, opt.Order = strings.TrimSpace(opt.SectionLabel), strings.TrimSpace(opt.Style), strings.TrimSpace(opt.Order)
	if _, ok := q["continued"]; ok {
		v, err := queryBool(c, "continued", true)
		if err != nil {
			return opt, err
		}
		opt.Continued = &v
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
	var preset export.Preset
	if name := strings.TrimSpace(c.QueryParam("preset")); name != "" {
		p, err := s.tablePreset(c.Request().Context(), c.Param("pid"), name)
		if err != nil {
			return err
		}
		preset = p
	}
	opt, err := exportOptionsWith(c, preset)
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
