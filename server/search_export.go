package server

import (
	"bytes"
	"cmp"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/export"
)

// handleSearchExport answers GET /api/v1/projects/{pid}/search/export?
// format=csv|xlsx|md|html&q=...[&raw=&kind=&sort=&context= and the filters of
// GET /search] with the concordance of the search as an attachment: one
// line per match with its context, in document order unless sort says
// otherwise.
func (s *Server) handleSearchExport(c echo.Context) error {
	if s.cfg.Search == nil {
		return errNoSearch
	}
	name := strings.ToLower(c.QueryParam("format"))
	if name == "" {
		name = "csv"
	}
	format, err := export.ConcordanceFormat(name)
	if err != nil {
		return err
	}
	raw, err := queryBool(c, "raw", false)
	if err != nil {
		return err
	}
	req, err := searchRequest(c, "format", "raw")
	if err != nil {
		return err
	}
	if strings.TrimSpace(req.Query) == "" {
		return coding.Errorf(coding.EINVALID, "q is required: the search to export")
	}
	ctx, pid := c.Request().Context(), c.Param("pid")
	proj, err := s.cfg.Store.FindProject(ctx, pid)
	if err != nil {
		return err
	}
	filters, err := s.describeFilters(c, pid, req.Filters)
	if err != nil {
		return err
	}
	conc := &export.Concordance{Project: proj.Name, Query: req.Query, Filters: filters, Raw: raw}
	err = export.CollectConcordance(conc, req, export.MaxConcordanceUnits, func(r coding.SearchRequest) (*coding.SearchResult, error) {
		res, err := s.cfg.Search.Search(ctx, pid, r)
		if err != nil {
			return nil, err
		}
		return s.visibleSearch(c, pid, res)
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := export.WriteConcordance(&buf, conc, format.Name); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, attachment(proj.Name+"-search"+format.Ext))
	h.Set(echo.HeaderContentLength, strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, format.MediaType, buf.Bytes())
}

// describeFilters lists the filters of a search as "key: v1, v2", sorted
// by key, with the IDs of cases, documents and codes given as names.
func (s *Server) describeFilters(c echo.Context, pid string, filters map[string][]string) ([]string, error) {
	if len(filters) == 0 {
		return nil, nil
	}
	ctx := c.Request().Context()
	names := map[string]string{}
	cases, err := s.cfg.Store.ListCases(ctx, pid)
	if err != nil {
		return nil, err
	}
	for _, x := range cases {
		names["case/"+x.ID] = x.Name
	}
	docs, err := s.cfg.Store.ListDocuments(ctx, pid, coding.DocumentFilter{})
	if err != nil {
		return nil, err
	}
	for _, x := range docs {
		names["document/"+x.ID] = x.Title
	}
	codes, err := s.cfg.Store.ListCodes(ctx, pid)
	if err != nil {
		return nil, err
	}
	for _, x := range codes {
		names["code/"+x.ID] = x.Name
	}
	keys := make([]string, 0, len(filters))
	for k := range filters {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		values := make([]string, len(filters[k]))
		for i, v := range filters[k] {
			values[i] = cmp.Or(names[k+"/"+v], v)
		}
		out = append(out, k+": "+strings.Join(values, ", "))
	}
	return out, nil
}
