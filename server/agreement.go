package server

import (
	"bytes"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
	"tessera/coding/agreement"
	"tessera/coding/export"
)

func (s *Server) registerAgreementRoutes(g *routes) {
	g.GET("/projects/:pid/agreement", s.handleAgreement, rule{perm: permReview})
	g.GET("/projects/:pid/agreement/export", s.handleAgreementExport, rule{perm: permReview})
	g.GET("/projects/:pid/disagreements", s.handleDisagreements, rule{perm: permReview})
}

// agreementInput reads what to compare from the query: documents (IDs;
// default every document), coders (default every coder with quotes on
// those documents, but the consensus), codes (IDs; default every code
// used) and min_overlap (a share in (0, 1]; default 0.9).
func (s *Server) agreementInput(c echo.Context, withText bool) (agreement.Input, *coding.Snapshot, error) {
	var in agreement.Input
	snap, err := s.cfg.Store.Snapshot(c.Request().Context(), c.Param("pid"), withText)
	if err != nil {
		return in, nil, err
	}
	in.Documents = map[string]int{}
	if ids := queryList(c, "documents"); len(ids) > 0 {
		for _, id := range ids {
			d := snap.DocumentByID(id)
			if d == nil {
				return in, nil, coding.Errorf(coding.ENOTFOUND, "document %q not found in this project", id)
			}
			in.Documents[id] = d.Length
		}
	} else {
		for _, d := range snap.Documents {
			in.Documents[d.ID] = d.Length
		}
	}
	in.Coders = queryList(c, "coders")
	if len(in.Coders) == 0 {
		seen := map[string]bool{}
		for _, q := range snap.Quotes {
			if _, ok := in.Documents[q.DocumentID]; ok && q.Coder != coding.CoderConsensus && !seen[q.Coder] {
				seen[q.Coder] = true
				in.Coders = append(in.Coders, q.Coder)
			}
		}
		sort.Strings(in.Coders)
	}
	tree := snap.Tree()
	for _, id := range queryList(c, "codes") {
		if tree.ByID[id] == nil {
			return in, nil, coding.Errorf(coding.ENOTFOUND, "code %q not found in this project", id)
		}
		in.Codes = append(in.Codes, id)
	}
	if v := strings.TrimSpace(c.QueryParam("min_overlap")); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 1 {
			return in, nil, coding.Errorf(coding.EINVALID, "query parameter min_overlap=%q must be a share above 0 and at most 1 (0.9 means 90 %%)", v)
		}
		in.MinOverlap = f
	}
	in.Quotes = snap.Quotes
	return in, snap, nil
}

// codeNames maps the snapshot's code IDs to their names.
func codeNames(snap *coding.Snapshot) map[string]string {
	names := make(map[string]string, len(snap.Codes))
	for _, c := range snap.Codes {
		names[c.ID] = c.Name
	}
	return names
}

// agreementView is the agreement report with the names of its codes.
type agreementView struct {
	*agreement.Report
	CodeNames map[string]string `json:"code_names"`
}

// handleAgreement answers GET /api/v1/projects/{pid}/agreement
// [?documents=&coders=&codes=&min_overlap=] with the agreement report
// (docs/agreement.md): per code and pooled, at character and segment
// level, percent agreement, Cohen's kappa and Krippendorff's alpha.
func (s *Server) handleAgreement(c echo.Context) error {
	in, snap, err := s.agreementInput(c, false)
	if err != nil {
		return err
	}
	rep, err := agreement.Compute(in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, agreementView{Report: rep, CodeNames: codeNames(snap)})
}

// agreementFormats are the export formats of the agreement table.
var agreementFormats = map[string]struct {
	ext, mediaType string
	write          func(w io.Writer, r *agreement.Report, codeNames map[string]string, opt agreement.SheetOptions) error
}{
	"csv": {".csv", "text/csv; charset=utf-8", agreement.WriteCSV},
	"md": {".md", "text/markdown; charset=utf-8", func(w io.Writer, r *agreement.Report, names map[string]string, _ agreement.SheetOptions) error {
		return agreement.WriteMarkdown(w, r, names)
	}},
	"xlsx": {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", agreement.WriteXLSX},
	// Page formats are written by the export package with the table
	// options of the query (write is nil).
	"docx": {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", nil},
	"tex":  {".tex", "application/x-tex; charset=utf-8", nil},
}

// handleAgreementExport answers GET
// /api/v1/projects/{pid}/agreement/export?format=csv|xlsx|md|docx|tex
// [&raw=&documents=&coders=&codes=&min_overlap=] and, for docx and tex,
// the table options of the exports (header, caption, table_number, notes,
// style) with the agreement table as a download.
func (s *Server) handleAgreementExport(c echo.Context) error {
	name := strings.ToLower(strings.TrimSpace(c.QueryParam("format")))
	f, ok := agreementFormats[name]
	if !ok {
		return coding.Errorf(coding.EINVALID, "query parameter format=%q must be csv, xlsx, md, docx or tex", name)
	}
	raw, err := queryBool(c, "raw", false)
	if err != nil {
		return err
	}
	in, snap, err := s.agreementInput(c, false)
	if err != nil {
		return err
	}
	rep, err := agreement.Compute(in)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if f.write == nil {
		topt, err := tableOptions(c)
		if err != nil {
			return err
		}
		if err := export.WriteAgreement(&buf, name, agreement.Page(rep, codeNames(snap)), topt); err != nil {
			return err
		}
	} else if err := f.write(&buf, rep, codeNames(snap), agreement.SheetOptions{Raw: raw}); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, attachment(snap.Project.Name+"-agreement"+f.ext))
	h.Set(echo.HeaderContentLength, strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, f.mediaType, buf.Bytes())
}

// disagreementView is a disagreement with the texts and names the
// side-by-side view shows.
type disagreementView struct {
	agreement.Disagreement
	CodeName      string `json:"code_name"`
	DocumentTitle string `json:"document_title"`
	// Text is the passage's text, [start, end).
	Text     string        `json:"text"`
	Segments []segmentView `json:"segments"`
}

// segmentView is one coder's segment with its text and the consensus
// decisions already taken on its quotes.
type segmentView struct {
	agreement.Segment
	Text      string                      `json:"text"`
	Decisions []*coding.ConsensusDecision `json:"decisions"`
}

// handleDisagreements answers GET /api/v1/projects/{pid}/disagreements
// [?documents=&coders=&codes=&min_overlap=] with the passages where the
// coders differ, per code, document and position: each with its text,
// the coders who coded it and those who did not, and every coder's
// segment with its text, quote IDs and consensus decisions.
func (s *Server) handleDisagreements(c echo.Context) error {
	in, snap, err := s.agreementInput(c, true)
	if err != nil {
		return err
	}
	ds, err := agreement.Disagreements(in)
	if err != nil {
		return err
	}
	decided := map[string]*coding.ConsensusDecision{}
	if s.cfg.Access != nil {
		list, err := s.cfg.Access.ListConsensus(c.Request().Context(), snap.Project.ID)
		if err != nil {
			return err
		}
		for _, d := range list {
			decided[d.QuoteID] = d
		}
	}
	names := codeNames(snap)
	out := make([]disagreementView, 0, len(ds))
	for _, d := range ds {
		doc := snap.DocumentByID(d.DocumentID)
		v := disagreementView{Disagreement: d, CodeName: names[d.CodeID], DocumentTitle: doc.Title,
			Text: coding.Slice(doc.Text, d.Start, d.End)}
		for _, seg := range d.Segments {
			sv := segmentView{Segment: seg, Text: coding.Slice(doc.Text, seg.Start, seg.End), Decisions: []*coding.ConsensusDecision{}}
			for _, id := range seg.QuoteIDs {
				if dec := decided[id]; dec != nil {
					sv.Decisions = append(sv.Decisions, dec)
				}
			}
			v.Segments = append(v.Segments, sv)
		}
		out = append(out, v)
	}
	return c.JSON(http.StatusOK, out)
}
