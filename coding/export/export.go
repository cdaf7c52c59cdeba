// Package export turns a project snapshot into the tables, figures and
// files researchers publish: the Gioia data structure, the codebook,
// cross-case matrices, case profiles, co-occurrences and quotes. Every
// export is a pure function of a *coding.Snapshot, so the same snapshot
// gives byte-identical output.
package export

import (
	"io"
	"slices"
	"strings"

	"tessera/coding"
	"tessera/coding/anonymise"
	"tessera/coding/refi"
)

// Options are the knobs of every export format. Each format reads the
// fields it needs and ignores the others; the zero value gives defaults.
type Options struct {
	// Facets names the facets shown as columns (Gioia table, quotes);
	// empty means all facets.
	Facets []string
	// Sections names the facet whose values group the Gioia table into
	// section rows; "" means no sections.
	Sections string
	// Subsections names a second facet whose values split each section
	// again (nested section rows); it needs Sections.
	Subsections string
	// Counts adds quote, document and case counts.
	Counts bool
	// Quotes adds a representative quote per concept.
	Quotes bool
	// SubCodes lists sub-concepts (concepts under a concept) indented
	// under their concept in the Gioia table; without it their quotes
	// count with the concept's and they have no row.
	SubCodes bool
	// QuoteMode says which quotes the Gioia table's quote column and the
	// supporting-data table print: those the researcher chose (power and
	// proof quotes, see coding.QuotePick), automatic ones, or both (the
	// default: automatic ones where none is chosen).
	QuoteMode QuoteMode
	// PerRow is how many quotes automatic choice gives each row of the
	// supporting-data table: 1 to MaxPerRow, default DefaultPerRow.
	PerRow int
	// Level is the level of the matrix rows (default theme) and the level
	// co-occurrences are rolled up to (default: codes as tagged).
	Level coding.Level
	// Columns is the matrix column kind: "case" (default), "document",
	// "speaker", "set" (the sets of documents) or "attr:NAME" for the
	// values of a case attribute.
	Columns string
	// Bins splits the values of a numeric case attribute (Columns
	// "attr:NAME") into bins at these lower bounds, "50,250".
	Bins string
	// Cell is the matrix cell: "count" (default), "presence", "share" or
	// "quotes".
	Cell string
	// FacetFilter keeps matrix rows whose effective value of a facet is
	// the given one, written "Facet=value".
	FacetFilter string
	// Set narrows analyses and exports to a set, by name or ID (see
	// InSet).
	Set string
	// Rows, "set:NAME", makes the matrix rows the codes of a code set
	// instead of the codes of Level.
	Rows string
	// Attributes names the case attributes of the case profile table (the
	// informant attributes of the informant table), in order; empty means
	// all (the informant table's defaults), in order of first appearance.
	Attributes []string
	// Unit is the co-occurrence unit: "quote" (default), "turn" or
	// "document".
	Unit string
	// Positions is how REFI-QDA selection positions count characters:
	// "codepoints" (default) or "utf16".
	Positions string
	// Raw writes CSV and XLSX cells as they are. By default text that a
	// spreadsheet program would run as a formula gets a leading
	// apostrophe (see coding.SpreadsheetSafe).
	Raw bool
	// Model names the model (by name or ID) that the model formats draw;
	// "" picks the project's only model.
	Model string
	// Memos narrows the memos export.
	Memos MemoFilter
	// Table shapes how table exports print: headers, section labels,
	// caption, number, notes and style.
	Table TableOptions
	// Anonymise applies the project's anonymisation profile
	// (snap.Anonymisation) before the format reads the snapshot: every
	// format reads the anonymised copy (see anonymise.Snapshot).
	Anonymise bool
	// Figure shapes the data-structure figure: one per dimension or
	// section, page size, facet badges.
	Figure FigureOptions
}

// Format describes one export format.
type Format struct {
	Name        string `json:"name"`
	MediaType   string `json:"media_type"`
	Ext         string `json:"ext"` // file name extension with the dot
	Description string `json:"description"`
}

// Media types of the output files.
const (
	mediaCSV  = "text/csv; charset=utf-8"
	mediaMD   = "text/markdown; charset=utf-8"
	mediaHTML = "text/html; charset=utf-8"
	mediaTeX  = "application/x-tex; charset=utf-8"
	mediaSVG  = "image/svg+xml"
	mediaPNG  = "image/png"
	mediaPDF  = "application/pdf"
	mediaZip  = "application/zip"
	mediaXML  = "application/xml"
	mediaXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	mediaDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

type exporter struct {
	Format
	write func(w io.Writer, snap *coding.Snapshot, opt Options) error
}

// exporters lists every format in the order Formats reports them.
var exporters = []exporter{
	{Format{"gioia-md", mediaMD, ".md", "Gioia data-structure table as Markdown"}, tab(gioiaTable, writeTableMD)},
	{Format{"gioia-csv", mediaCSV, ".csv", "Gioia data structure, one row per concept, parents repeated"}, tab(gioiaTable, writeTableCSV)},
	{Format{"gioia-html", mediaHTML, ".html", "Gioia data-structure table as a printable web page"}, tab(gioiaTable, writeTableHTML)},
	{Format{"gioia-xlsx", mediaXLSX, ".xlsx", "Gioia data-structure table as an Excel workbook with merged cells"}, tab(gioiaTable, writeTableXLSX)},
	{Format{"gioia-docx", mediaDOCX, ".docx", "Gioia data-structure table as a Word document with merged cells"}, tab(gioiaTable, writeTableDOCX)},
	{Format{"gioia-tex", mediaTeX, ".tex", "Gioia data-structure table as LaTeX (booktabs, multirow, longtable)"}, tab(gioiaTable, writeTableTeX)},
	{Format{"gioia-svg", mediaSVG, ".svg", "Gioia data-structure figure as SVG"}, writeGioiaSVG},
	{Format{"gioia-png", mediaPNG, ".png", "Gioia data-structure figure as PNG"}, writeGioiaPNG},
	{Format{"supporting-docx", mediaDOCX, ".docx", "Representative supporting data: themes with their chosen quotes and who said them, as a Word table"}, tab(supportingTable, writeTableDOCX)},
	{Format{"supporting-tex", mediaTeX, ".tex", "Representative supporting data as a LaTeX table (booktabs, longtable)"}, tab(supportingTable, writeTableTeX)},
	{Format{"supporting-html", mediaHTML, ".html", "Representative supporting data as a printable web page"}, tab(supportingTable, writeTableHTML)},
	{Format{"supporting-md", mediaMD, ".md", "Representative supporting data as Markdown"}, tab(supportingTable, writeTableMD)},
	{Format{"supporting-xlsx", mediaXLSX, ".xlsx", "Representative supporting data as an Excel workbook, one row per quote"}, tab(supportingSheet, writeTableXLSX)},
	{Format{"supporting-csv", mediaCSV, ".csv", "Representative supporting data as CSV, one row per quote"}, tab(supportingSheet, writeTableCSV)},
	{Format{"gioia-pdf", mediaPDF, ".pdf", "Gioia data-structure figure as PDF, split across A4 or Letter pages"}, writeGioiaPDF},
	{Format{"gioia-svg-zip", mediaZip, ".zip", "Gioia data-structure figure, one SVG per page or figure, in a zip file"}, writeGioiaSVGZip},
	{Format{"gioia-png-zip", mediaZip, ".zip", "Gioia data-structure figure, one PNG per page or figure, in a zip file"}, writeGioiaPNGZip},
	{Format{"gioia-pptx", mediaPPTX, ".pptx", "Gioia data-structure figure as editable PowerPoint slides (shapes and connectors), one per page or figure"}, writeGioiaPPTX},
	{Format{"gioia-drawio", mediaDrawio, ".drawio", "Gioia data-structure figure as a draw.io diagram, one page per page or figure"}, writeGioiaDrawio},
	{Format{"codebook-csv", mediaCSV, ".csv", "Codebook as CSV (re-importable)"}, tab(codebookTable, writeTableCSV)},
	{Format{"codebook-md", mediaMD, ".md", "Codebook as Markdown"}, writeCodebookMD},
	{Format{"codebook-docx", mediaDOCX, ".docx", "Codebook as a Word document"}, writeCodebookDOCX},
	{Format{"codebook-xlsx", mediaXLSX, ".xlsx", "Codebook as an Excel workbook (re-importable)"}, tab(codebookTable, writeTableXLSX)},
	{Format{"codebook-table-docx", mediaDOCX, ".docx", "Codebook as a table in a Word document"}, tab(codebookPageTable, writeTableDOCX)},
	{Format{"codebook-table-tex", mediaTeX, ".tex", "Codebook as a LaTeX table (booktabs, longtable)"}, tab(codebookPageTable, writeTableTeX)},
	{Format{"codebook-qdc", mediaXML, ".qdc", "Codebook as REFI-QDA codebook XML (re-importable)"}, writeCodebookQDC},
	{Format{"matrix-csv", mediaCSV, ".csv", "Code x case matrix as CSV"}, tab(matrixTable, writeTableCSV)},
	{Format{"matrix-xlsx", mediaXLSX, ".xlsx", "Code x case matrix as an Excel workbook"}, tab(matrixTable, writeTableXLSX)},
	{Format{"matrix-md", mediaMD, ".md", "Code x case matrix as Markdown"}, tab(matrixTable, writeTableMD)},
	{Format{"matrix-html", mediaHTML, ".html", "Code x case matrix as a web page"}, tab(matrixTable, writeTableHTML)},
	{Format{"matrix-docx", mediaDOCX, ".docx", "Code x case matrix as a Word table"}, tab(matrixTable, writeTableDOCX)},
	{Format{"matrix-tex", mediaTeX, ".tex", "Code x case matrix as a LaTeX table (booktabs, longtable)"}, tab(matrixTable, writeTableTeX)},
	{Format{"cases-csv", mediaCSV, ".csv", "Case profiles as CSV"}, tab(casesTable, writeTableCSV)},
	{Format{"cases-xlsx", mediaXLSX, ".xlsx", "Case profiles as an Excel workbook"}, tab(casesTable, writeTableXLSX)},
	{Format{"cases-md", mediaMD, ".md", "Case profiles as Markdown"}, tab(casesTable, writeTableMD)},
	{Format{"cases-html", mediaHTML, ".html", "Case profiles as a web page"}, tab(casesTable, writeTableHTML)},
	{Format{"cases-docx", mediaDOCX, ".docx", "Case profiles as a Word table"}, tab(casesTable, writeTableDOCX)},
	{Format{"cases-tex", mediaTeX, ".tex", "Case profiles as a LaTeX table (booktabs, longtable)"}, tab(casesTable, writeTableTeX)},
	{Format{"informants-csv", mediaCSV, ".csv", "Informant table (data sources) as CSV"}, tab(informantsTable, writeTableCSV)},
	{Format{"informants-xlsx", mediaXLSX, ".xlsx", "Informant table (data sources) as an Excel workbook"}, tab(informantsTable, writeTableXLSX)},
	{Format{"informants-md", mediaMD, ".md", "Informant table (data sources) as Markdown"}, tab(informantsTable, writeTableMD)},
	{Format{"informants-html", mediaHTML, ".html", "Informant table (data sources) as a web page"}, tab(informantsTable, writeTableHTML)},
	{Format{"informants-docx", mediaDOCX, ".docx", "Informant table (data sources) as a Word table"}, tab(informantsTable, writeTableDOCX)},
	{Format{"informants-tex", mediaTeX, ".tex", "Informant table (data sources) as a LaTeX table (booktabs, longtable)"}, tab(informantsTable, writeTableTeX)},
	{Format{"cooccurrence-csv", mediaCSV, ".csv", "Code co-occurrences as a list of pairs with counts"}, tab(cooccurrencePairsTable, writeTableCSV)},
	{Format{"cooccurrence-xlsx", mediaXLSX, ".xlsx", "Code co-occurrence matrix as an Excel workbook"}, tab(cooccurrenceTable, writeTableXLSX)},
	{Format{"cooccurrence-md", mediaMD, ".md", "Code co-occurrence matrix as Markdown"}, tab(cooccurrenceTable, writeTableMD)},
	{Format{"cooccurrence-html", mediaHTML, ".html", "Code co-occurrence matrix as a web page"}, tab(cooccurrenceTable, writeTableHTML)},
	{Format{"cooccurrence-docx", mediaDOCX, ".docx", "Code co-occurrence matrix as a Word table"}, tab(cooccurrencePageTable, writeTableDOCX)},
	{Format{"cooccurrence-tex", mediaTeX, ".tex", "Code co-occurrence matrix as a LaTeX table (booktabs, longtable)"}, tab(cooccurrencePageTable, writeTableTeX)},
	{Format{"quotes-csv", mediaCSV, ".csv", "Every quote with its codes, one row per quote and code"}, tab(quotesTable, writeTableCSV)},
	{Format{"quotes-xlsx", mediaXLSX, ".xlsx", "Every quote with its codes as an Excel workbook"}, tab(quotesTable, writeTableXLSX)},
	{Format{"quotes-md", mediaMD, ".md", "Every quote with its codes as Markdown"}, tab(quotesTable, writeTableMD)},
	{Format{"quotes-html", mediaHTML, ".html", "Every quote with its codes as a web page"}, tab(quotesTable, writeTableHTML)},
	{Format{"quotes-docx", mediaDOCX, ".docx", "Every quote with its codes as a Word table"}, tab(quotesPageTable, writeTableDOCX)},
	{Format{"quotes-tex", mediaTeX, ".tex", "Every quote with its codes as a LaTeX table (booktabs, longtable)"}, tab(quotesPageTable, writeTableTeX)},
	{Format{"memos-md", mediaMD, ".md", "All memos grouped by what they are attached to, as Markdown"}, writeMemosMD},
	{Format{"memos-html", mediaHTML, ".html", "All memos grouped by what they are attached to, as a web page"}, writeMemosHTML},
	{Format{"memos-docx", mediaDOCX, ".docx", "All memos grouped by what they are attached to, as a Word document"}, writeMemosDOCX},
	{Format{"memos-tex", mediaTeX, ".tex", "All memos grouped by what they are attached to, as LaTeX for a PDF"}, writeMemosTeX},
	{Format{"qdpx", "application/zip", ".qdpx", "Whole project as a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)"}, writeQDPX},
}

// writeQDPX writes the whole project as a REFI-QDA project exchange file.
func writeQDPX(w io.Writer, snap *coding.Snapshot, opt Options) error {
	return refi.Export(w, snap, refi.ExportOptions{Positions: refi.Positions(opt.Positions)})
}

// tab makes an exporter from a table builder and a table writer.
func tab(build func(*coding.Snapshot, Options) (*table, error), write func(io.Writer, *table) error) func(io.Writer, *coding.Snapshot, Options) error {
	return func(w io.Writer, snap *coding.Snapshot, opt Options) error {
		t, err := build(snap, opt)
		if err != nil {
			return err
		}
		t.Raw = opt.Raw
		t.localizeNumbers(snap.Project.Language)
		if err := opt.Table.apply(t); err != nil {
			return err
		}
		return write(w, t)
	}
}

// Formats returns every export format, grouped by family.
func Formats() []Format {
	out := make([]Format, len(exporters))
	for i, e := range exporters {
		out[i] = e.Format
	}
	return out
}

// FormatByName returns the format called name and whether it exists.
func FormatByName(name string) (Format, bool) {
	for _, e := range exporters {
		if e.Name == name {
			return e.Format, true
		}
	}
	return Format{}, false
}

// Export writes snap to w in the named format. The snapshot should be read
// with text (documents' turns give speakers). It returns EINVALID for an
// unknown format or options that name missing facets, attributes or
// values, and passes on write errors.
func Export(w io.Writer, snap *coding.Snapshot, format string, opt Options) error {
	if snap == nil || snap.Project == nil {
		return coding.Errorf(coding.EINVALID, "nothing to export: the project snapshot is empty")
	}
	for _, e := range exporters {
		if e.Name == format {
			snap, err := InSet(snap, opt.Set)
			if err != nil {
				return err
			}
			if strings.HasPrefix(format, "model-") && opt.Model != "" {
				// The model is named as the researcher knows it, before
				// anonymisation renames it.
				m, err := chooseModel(snap, opt.Model)
				if err != nil {
					return err
				}
				opt.Model = m.ID
			}
			if opt.Anonymise {
				// Options that name things of the project name them
				// as the anonymised copy does.
				a := anonymise.New(snap)
				snap = a.Snapshot()
				opt.Rows, opt.Memos.Code, opt.Memos.Author = a.Text(opt.Rows), a.Text(opt.Memos.Code), a.User(opt.Memos.Author)
				// Text the researcher adds to the table is anonymised too.
				opt.Table.Caption, opt.Table.Notes = a.Text(opt.Table.Caption), a.Text(opt.Table.Notes)
				opt.Table.Headers = slices.Clone(opt.Table.Headers)
				for i, h := range opt.Table.Headers {
					opt.Table.Headers[i] = a.Text(h)
				}
			}
			return e.write(w, snap, opt)
		}
	}
	names := make([]string, len(exporters))
	for i, e := range exporters {
		names[i] = e.Name
	}
	return coding.Errorf(coding.EINVALID, "unknown export format %q (known: %s)", format, strings.Join(names, ", "))
}
