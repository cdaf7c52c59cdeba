package export

import (
	"fmt"
	"io"
	"strings"

	"tessera/coding"
	"tessera/coding/rounds"
)

// reportFormats are the file formats of the round reports (codebook
// evolution, saturation), each with its table writer.
var reportFormats = []struct {
	Format
	write func(io.Writer, *table) error
}{
	{Format{"md", mediaMD, ".md", "Markdown"}, writeTableMD},
	{Format{"csv", mediaCSV, ".csv", "CSV"}, writeTableCSV},
	{Format{"docx", mediaDOCX, ".docx", "Word document"}, writeTableDOCX},
	{Format{"xlsx", mediaXLSX, ".xlsx", "Excel workbook"}, writeTableXLSX},
}

// ReportFormat returns the report format called name (md, csv, docx or
// xlsx), or EINVALID.
func ReportFormat(name string) (Format, error) {
	names := make([]string, len(reportFormats))
	for i, f := range reportFormats {
		if f.Name == name {
			return f.Format, nil
		}
		names[i] = f.Name
	}
	return Format{}, coding.Errorf(coding.EINVALID, "unknown report format %q (known: %s)", name, strings.Join(names, ", "))
}

// writeReport writes t in the named report format.
func writeReport(w io.Writer, t *table, format string) error {
	for _, f := range reportFormats {
		if f.Name == format {
			return f.write(w, t)
		}
	}
	_, err := ReportFormat(format)
	return err
}

// WriteEvolution writes the codebook evolution between two rounds as a
// table (md, csv, docx or xlsx): one row per code of either round, with
// its names, what happened to it, and its quotes and documents in each.
func WriteEvolution(w io.Writer, ev *rounds.Evolution, format string) error {
	return writeReport(w, evolutionTable(ev), format)
}

func evolutionTable(ev *rounds.Evolution) *table {
	a, b := ev.From.Name, ev.To.Name
	t := &table{
		Title: "Codebook evolution: " + a + " to " + b,
		Sheet: "Evolution",
		Header: []string{"Level", "Code in " + a, "Code in " + b, "Change",
			"Quotes in " + a, "Quotes in " + b, "Documents in " + a, "Documents in " + b},
		Widths:    []float64{1.2, 2.5, 2.5, 3, 1, 1, 1, 1},
		Landscape: true,
	}
	for _, s := range []rounds.RoundSummary{ev.From, ev.To} {
		t.Intro = append(t.Intro, fmt.Sprintf("%s: %d first-order concepts, %d second-order themes, %d aggregate dimensions, %d retired codes; %d quotes in %d documents.",
			s.Name, s.Concepts, s.Themes, s.Dimensions, s.Retired, s.Quotes, s.Documents))
	}
	var totals []string
	for _, k := range []string{rounds.ChangeAdded, rounds.ChangeMerged, rounds.ChangeSplit, rounds.ChangeRenamed, rounds.ChangeMoved, rounds.ChangeRetired, rounds.ChangeRestored, rounds.ChangeRemoved} {
		if n := ev.Totals[k]; n > 0 {
			totals = append(totals, fmt.Sprintf("%s %d", k, n))
		}
	}
	if len(totals) > 0 {
		t.Intro = append(t.Intro, "Codes changed: "+strings.Join(totals, ", ")+".")
	} else {
		t.Intro = append(t.Intro, "No code changed.")
	}
	for _, c := range ev.Codes {
		cells := []tableCell{textCell(coding.LevelLabel(c.Level)), textCell(c.FromName), textCell(c.ToName), textCell(c.Describe())}
		cells = append(cells, countCells(c.FromCounts, c.ToCounts)...)
		t.Rows = append(t.Rows, tableRow{Cells: cells})
	}
	return t
}

// countCells gives the quotes then the documents of a code in two
// rounds, blank where it does not exist.
func countCells(a, b *rounds.Counts) []tableCell {
	quotes := func(c *rounds.Counts) tableCell {
		if c == nil {
			return textCell("")
		}
		return intCell(c.Quotes)
	}
	docs := func(c *rounds.Counts) tableCell {
		if c == nil {
			return textCell("")
		}
		return intCell(c.Documents)
	}
	return []tableCell{quotes(a), quotes(b), docs(a), docs(b)}
}

// WriteSaturation writes a saturation measure as a table (md, csv, docx
// or xlsx): a section for all interviews, then one per case, each with a
// row per interview.
func WriteSaturation(w io.Writer, s *rounds.Saturation, format string) error {
	return writeReport(w, saturationTable(s), format)
}

func saturationTable(s *rounds.Saturation) *table {
	t := &table{
		Title:         "Saturation",
		Sheet:         "Saturation",
		Header:        []string{"#", "Interview", "Case", "Interview date", "New concepts", "New themes", "Concepts so far", "Themes so far", "New concepts named"},
		Widths:        []float64{0.5, 2.5, 1.5, 1.2, 1, 1, 1, 1, 4},
		SectionColumn: "Interviews",
		Landscape:     true,
	}
	order := "the order in which they were first coded"
	if s.Order == rounds.OrderDate {
		order = "interview date"
	}
	t.Intro = append(t.Intro, fmt.Sprintf("Interviews in %s; saturation is reached after the first interview followed by %d interviews that add no new first-order concept.", order, s.Window))
	curves := append([]*rounds.Curve{s.Overall}, s.Cases...)
	for _, cv := range curves {
		label := "All interviews"
		if cv.Case != "" {
			label = "Case " + cv.Case
		}
		t.Intro = append(t.Intro, label+": "+saturationText(cv))
		t.Rows = append(t.Rows, tableRow{IsSection: true, Section: label, SectionValue: label})
		for _, st := range cv.Steps {
			t.Rows = append(t.Rows, tableRow{Cells: []tableCell{
				intCell(st.Position), textCell(st.Title), textCell(st.CaseName), textCell(st.InterviewDate),
				intCell(len(st.NewConcepts)), intCell(len(st.NewThemes)), intCell(st.Concepts), intCell(st.Themes),
				textCell(strings.Join(st.NewConcepts, "; ")),
			}})
		}
	}
	return t
}

// saturationText says where a curve saturated.
func saturationText(cv *rounds.Curve) string {
	if cv.SaturatedAfter == 0 {
		return fmt.Sprintf("not saturated (%d interviews).", len(cv.Steps))
	}
	st := cv.Steps[cv.SaturatedAfter-1]
	return fmt.Sprintf("saturated after interview %d (%s).", st.Position, st.Title)
}
