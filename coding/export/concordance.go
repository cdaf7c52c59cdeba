package export

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"tessera/coding"
)

// Concordance is the keyword-in-context listing of a search: one line
// per match, in document order.
type Concordance struct {
	Project string
	Query   string
	// Filters describes the filters in effect ("speaker: CEO (Anna)"), one
	// per entry.
	Filters []string
	// Units is the number of matching units (turns, quotes...).
	Units int
	Lines []ConcordanceLine
	// Omitted counts matches left out: beyond the lines a unit lists, or
	// beyond the units an export takes.
	Omitted int
	// Raw writes CSV and XLSX cells as they are; see Options.Raw.
	Raw bool
}

// ConcordanceLine is one match with its context. Start and End are
// code-point offsets in the document (or in the memo or code text).
type ConcordanceLine struct {
	Document, Case, Speaker string
	// Unit names what matched when it is not a transcript turn: "quote",
	// "memo: Title", "code: Name".
	Unit               string
	Start, End         int
	Left, Match, Right string
	Codes              []string // codes of the quotes the match lies in
}

// ConcordanceFormats are the formats WriteConcordance writes.
var ConcordanceFormats = []Format{
	{"csv", mediaCSV, ".csv", "Concordance as CSV"},
	{"xlsx", mediaXLSX, ".xlsx", "Concordance as an Excel workbook"},
	{"md", mediaMD, ".md", "Concordance as Markdown"},
	{"html", mediaHTML, ".html", "Concordance as a web page"},
}

// ConcordanceFormat returns the concordance format named name, or an
// EINVALID error naming the formats there are.
func ConcordanceFormat(name string) (Format, error) {
	names := make([]string, len(ConcordanceFormats))
	for i, f := range ConcordanceFormats {
		if f.Name == name {
			return f, nil
		}
		names[i] = f.Name
	}
	return Format{}, coding.Errorf(coding.EINVALID, "unknown concordance format %q; use %s", name, strings.Join(names, ", "))
}

// WriteConcordance writes c as a table in format (see ConcordanceFormats).
func WriteConcordance(w io.Writer, c *Concordance, format string) error {
	if _, err := ConcordanceFormat(format); err != nil {
		return err
	}
	write := map[string]func(io.Writer, *table) error{
		"csv": writeTableCSV, "xlsx": writeTableXLSX, "md": writeTableMD, "html": writeTableHTML,
	}[format]
	return write(w, concordanceTable(c))
}

func concordanceTable(c *Concordance) *table {
	t := &table{
		Title:     "Search: " + c.Query,
		Sheet:     "Concordance",
		Header:    []string{"Document", "Case", "Speaker", "Start", "End", "Left context", "Match", "Right context", "Coded with"},
		Widths:    []float64{1.4, 1.2, 1.1, 0.6, 0.6, 3.2, 1.4, 3.2, 1.8},
		Landscape: true,
		Raw:       c.Raw,
	}
	intro := fmt.Sprintf("Project %s. Query %s", c.Project, c.Query)
	if len(c.Filters) > 0 {
		intro += "; " + strings.Join(c.Filters, "; ")
	}
	t.Intro = append(t.Intro, intro+".")
	units := fmt.Sprintf("%d matching unit", c.Units)
	if c.Units != 1 {
		units += "s"
	}
	lines := fmt.Sprintf("%d line", len(c.Lines))
	if len(c.Lines) != 1 {
		lines += "s"
	}
	summary := units + ", " + lines + ", one per match (matched words next to each other share a line). " +
		"Start and End count characters (Unicode code points) from the start of the document."
	if c.Omitted > 0 {
		summary += fmt.Sprintf(" %d more matches are not listed.", c.Omitted)
	}
	t.Intro = append(t.Intro, summary)
	for _, l := range c.Lines {
		speaker := l.Speaker
		if l.Unit != "" {
			speaker = joinNonEmpty(", ", l.Unit, l.Speaker)
		}
		t.Rows = append(t.Rows, tableRow{Cells: []tableCell{
			textCell(l.Document), textCell(l.Case), textCell(speaker), intCell(l.Start), intCell(l.End),
			textCell(l.Left), {Text: l.Match, Bold: true}, textCell(l.Right), textCell(strings.Join(l.Codes, "; ")),
		}})
	}
	return t
}

// ConcordanceLines turns a search hit's KWIC lines into concordance
// lines, each with the codes of the quotes its match lies in.
func ConcordanceLines(h coding.SearchHit) []ConcordanceLine {
	unit := ""
	switch h.Kind {
	case coding.UnitQuote:
		unit = "quote"
	case coding.UnitMemo:
		unit = "memo: " + h.Title
	case coding.UnitCode:
		unit = "code: " + h.Title
	}
	out := make([]ConcordanceLine, 0, len(h.KWIC))
	for _, k := range joinAdjacent(h.KWIC) {
		var codes []string
		for _, q := range h.InQuotes {
			if q.Start < k.End && k.Start < q.End {
				for _, code := range q.Codes {
					if !slices.Contains(codes, code.Name) {
						codes = append(codes, code.Name)
					}
				}
			}
		}
		out = append(out, ConcordanceLine{
			Document: h.DocumentTitle, Case: h.CaseName, Speaker: h.Speaker, Unit: unit,
			Start: k.Start, End: k.End, Left: k.Left, Match: k.Match, Right: k.Right, Codes: codes,
		})
	}
	return out
}

// joinAdjacent merges KWIC lines whose matches are at most three
// characters apart (the words of "trade fair" searched without quotes)
// into one line, as the search screen shows them.
func joinAdjacent(lines []coding.KWICLine) []coding.KWICLine {
	sorted := slices.Clone(lines)
	slices.SortStableFunc(sorted, func(a, b coding.KWICLine) int { return a.Start - b.Start })
	var out []coding.KWICLine
	for _, l := range sorted {
		if n := len(out); n > 0 {
			prev := &out[n-1]
			gap := l.Start - prev.End
			if right := []rune(prev.Right); gap >= 0 && gap <= 3 && len(right) >= gap {
				prev.Match += string(right[:gap]) + l.Match
				prev.Right, prev.End = l.Right, l.End
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// MaxConcordanceUnits is the most units (turns, quotes...) a concordance
// export reads.
const MaxConcordanceUnits = 10000

// CollectConcordance fills c with the lines of the hits of req, in pages
// of coding.SearchMaxLimit units read through run, up to maxUnits units; the
// matches of units beyond are counted in Omitted. Turns, quotes and
// other units come in document order unless req sorts otherwise.
func CollectConcordance(c *Concordance, req coding.SearchRequest, maxUnits int, run func(coding.SearchRequest) (*coding.SearchResult, error)) error {
	if req.Sort == "" {
		req.Sort = "document"
	}
	req.CountOnly, req.NoFacets = false, true
	seen := 0
	for req.Offset = 0; req.Offset < maxUnits; req.Offset += req.Limit {
		req.Limit = min(coding.SearchMaxLimit, maxUnits-req.Offset)
		res, err := run(req)
		if err != nil {
			return err
		}
		c.Units = res.Total
		for _, h := range res.Hits {
			c.Lines = append(c.Lines, ConcordanceLines(h)...)
			c.Omitted += h.MatchCount - len(h.KWIC)
		}
		seen += len(res.Hits)
		if len(res.Hits) < req.Limit {
			break
		}
	}
	if c.Units > seen {
		// Units beyond maxUnits are not read; count them as one match each.
		c.Omitted += c.Units - seen
	}
	return nil
}
