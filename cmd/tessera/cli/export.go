package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"tessera/coding"
	"tessera/coding/anonymise"
	"tessera/coding/datadir"
	"tessera/coding/export"
)

// exportCommand declares the flags of export.
func exportCommand(fs *flag.FlagSet) runFunc {
	dir := fs.String("data", defaultDataDir, "data `directory`")
	project := fs.String("project", "", "project `name`")
	format := fs.String("format", "", "export `format` (see --list)")
	out := fs.String("o", "", "output `file` (default: standard output)")
	listFormats := fs.Bool("list", false, "list the formats and exit")
	var opt export.Options
	var facets, attributes listFlag
	fs.Var(&facets, "facets", "facet `names` to show as columns, comma-separated (default all)")
	fs.StringVar(&opt.Sections, "sections", "", "group the Gioia table into sections by this `facet`")
	fs.BoolVar(&opt.Counts, "counts", false, "add counts of quotes, documents and cases")
	quotes := fs.String("quotes", "", "quotes to print: `chosen`, auto or both (chosen, else automatic); in the Gioia table it adds a quote column")
	fs.IntVar(&opt.PerRow, "per-row", 0, "supporting-data table: automatic quotes per row, 1 to 6 (default 3)")
	fs.BoolVar(&opt.SubCodes, "subcodes", false, "list sub-concepts indented under their concept in the Gioia table")
	level := fs.String("level", "", "matrix rows: concept, theme or dimension (default theme)")
	fs.StringVar(&opt.Columns, "columns", "", "matrix columns: case, document, speaker, informant, set, attr:NAME, iattr:NAME or facet:NAME")
	fs.StringVar(&opt.Rows, "rows", "", "matrix rows: set:NAME for the codes of a code set (default: the codes of --level)")
	fs.StringVar(&opt.Set, "set", "", "narrow the export to a set of documents or codes (`name` or ID)")
	fs.StringVar(&opt.Bins, "bins", "", "matrix columns by a numeric attribute: bin at these `bounds`, e.g. 50,250")
	fs.StringVar(&opt.Cell, "cell", "", "matrix cells: count, presence, share or quotes")
	fs.StringVar(&opt.FacetFilter, "filter", "", "matrix rows with this `Facet=value` only")
	fs.Var(&attributes, "attributes", "case-profile (or informant-table) `attributes` in order, comma-separated")
	fs.StringVar(&opt.Unit, "unit", "", "co-occurrence unit: quote, turn or document")
	fs.StringVar(&opt.Positions, "positions", "", "qdpx selection positions: codepoints (default) or utf16")
	fs.StringVar(&opt.Model, "model", "", "model formats: the model `name` to draw (default: the project's only model)")
	fs.StringVar(&opt.Subsections, "subsections", "", "split each section of the Gioia table again by this `facet`")
	var headers headerFlag
	fs.Var(&headers, "header", "column `header`, repeat for the columns in order (an empty one keeps that column's own)")
	fs.StringVar(&opt.Table.SectionLabel, "section-label", "", "section rows print `facet` (\"Facet: value\", default) or value")
	fs.StringVar(&opt.Table.Caption, "caption", "", "table title (default: the export's own)")
	fs.StringVar(&opt.Table.Number, "table-number", "", "print \"Table `N`\" above the table")
	fs.StringVar(&opt.Table.Notes, "notes", "", "`text` printed below the table after \"Note.\"")
	fs.StringVar(&opt.Memos.Author, "author", "", "memos export: memos by this `author` only")
	fs.StringVar(&opt.Memos.Code, "code", "", "memos export: memos on this `code` (name or Dimension > Theme > Concept), codes below it and their quotes")
	fs.StringVar(&opt.Memos.From, "from", "", "memos export: memos last changed on or after this `date` (YYYY-MM-DD)")
	fs.StringVar(&opt.Memos.To, "to", "", "memos export: memos last changed on or before this `date` (YYYY-MM-DD)")
	fs.StringVar(&opt.Table.Order, "order", "", "row `order`: codebook (default), alpha, count; cases also attr:NAME")
	fs.StringVar(&opt.Table.Style, "style", "", "Word and LaTeX table `style`: apa (three rules, default) or grid")
	continued := fs.Bool("continued", true, "Word and LaTeX: repeat the header row, with \"(continued)\", on every page a long table runs on to")
	preset := fs.String("preset", "", "use the project's table preset `NAME` (saved on the Exports screen); flags given replace its options")
	fs.StringVar(&opt.Figure.Split, "split", "", "Gioia figure: one figure per `dimension` or per section (section, with --sections)")
	fs.StringVar(&opt.Figure.Page, "page", "", "Gioia figure: fit on `size` a4 or letter pages at 9 pt, split across pages (gioia-pdf: a4 by default)")
	fs.StringVar(&opt.Figure.Orientation, "orientation", "", "Gioia figure pages: portrait (default) or landscape")
	var badges listFlag
	fs.Var(&badges, "badges", "Gioia figure: facet `names` whose values are badges on the themes, comma-separated")
	fs.BoolVar(&opt.Raw, "raw", false, "CSV and XLSX: write cells that read like formulas as they are (by default they get a leading apostrophe)")
	fs.BoolVar(&opt.Anonymise, "anonymise", false, "replace the names the project's anonymisation profile knows (cases, speakers, places, its terms) with their pseudonyms")
	check := fs.Bool("check", false, "with --anonymise: write nothing, scan the anonymised export (every format without --format) for names the profile replaces, and exit 1 when one is left")
	return func(ctx context.Context, m *Main, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		if *listFormats {
			for _, f := range export.Formats() {
				fmt.Fprintf(m.Stdout, "%-20s %s", f.Name, f.Description)
				if opts := export.FormatOptions(f.Name); len(opts) > 0 {
					fmt.Fprintf(m.Stdout, " (options: %s)", strings.Join(opts, ", "))
				}
				fmt.Fprintln(m.Stdout)
			}
			return nil
		}
		if *check && !opt.Anonymise {
			return coding.Errorf(coding.EINVALID, "--check checks an anonymised export: add --anonymise")
		}
		if *format == "" && !*check {
			fs.Usage()
			return coding.Errorf(coding.EINVALID, "--format is required (see tessera export --list)")
		}
		opt.Facets, opt.Attributes, opt.Level = facets, attributes, coding.Level(*level)
		opt.Table.Headers = headers
		var err error
		if opt.Quotes, opt.QuoteMode, err = export.ParseQuotes(*quotes); err != nil {
			return err
		}
		opt.Figure.Badges = badges
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		if set["continued"] {
			opt.Table.Continued = continued
		}
		if err := opt.Table.Validate(); err != nil {
			return err
		}
		if err := opt.Figure.Validate(); err != nil {
			return err
		}

		a, err := datadir.Open(ctx, *dir, datadir.Options{})
		if err != nil {
			return err
		}
		defer a.Close()
		p, err := findProject(ctx, a, *project)
		if err != nil {
			return err
		}
		if *preset != "" {
			if err := applyPreset(ctx, a.Store, p.ID, *preset, set, &opt); err != nil {
				return err
			}
		}
		snap, err := a.Store.Snapshot(ctx, p.ID, true)
		if err != nil {
			return err
		}
		if *check {
			return checkAnonymised(m, snap, strings.ToLower(*format), opt)
		}
		// Render fully before writing, so a failure leaves no partial file.
		var buf bytes.Buffer
		if err := export.Export(&buf, snap, strings.ToLower(*format), opt); err != nil {
			return err
		}
		return writeOutput(m, *out, &buf)
	}
}

// writeOutput writes a rendered file to standard output ("" or "-") or,
// in one step, to the file out.
func writeOutput(m *Main, out string, buf *bytes.Buffer) error {
	if out == "" || out == "-" {
		_, err := m.Stdout.Write(buf.Bytes())
		return err
	}
	_, err := writeAtomic(out, func(w io.Writer) (int64, error) { return buf.WriteTo(w) })
	if err == nil {
		fmt.Fprintf(m.Stderr, "wrote %s\n", out)
	}
	return err
}

// headerFlag collects one column header per occurrence, in order; a
// header may hold commas.
type headerFlag []string

func (h *headerFlag) String() string { return strings.Join(*h, " | ") }

// Set adds one header.
func (h *headerFlag) Set(v string) error {
	*h = append(*h, v)
	return nil
}

// applyPreset fills the table options, sections and subsections of opt
// that no flag set (set names the flags given) from the project's preset
// called name.
func applyPreset(ctx context.Context, st coding.TablePresetStore, pid, name string, set map[string]bool, opt *export.Options) error {
	tp, err := st.FindTablePreset(ctx, pid, name)
	if err != nil {
		return err
	}
	p, err := export.ParsePreset(tp.Options)
	if err != nil {
		return err
	}
	var base export.Options
	p.Apply(&base)
	take := func(flag string, dst *string, v string) {
		if !set[flag] {
			*dst = v
		}
	}
	if !set["header"] {
		opt.Table.Headers = base.Table.Headers
	}
	take("section-label", &opt.Table.SectionLabel, base.Table.SectionLabel)
	take("caption", &opt.Table.Caption, base.Table.Caption)
	take("table-number", &opt.Table.Number, base.Table.Number)
	take("notes", &opt.Table.Notes, base.Table.Notes)
	take("order", &opt.Table.Order, base.Table.Order)
	take("style", &opt.Table.Style, base.Table.Style)
	take("sections", &opt.Sections, base.Sections)
	take("subsections", &opt.Subsections, base.Subsections)
	if !set["continued"] {
		opt.Table.Continued = base.Table.Continued
	}
	return opt.Table.Validate()
}

// checkAnonymised scans the anonymised export in format (every format
// when "") for names the profile replaces and prints what it finds; an
// error when a name is left.
func checkAnonymised(m *Main, snap *coding.Snapshot, format string, opt export.Options) error {
	var formats []string
	if format != "" {
		if _, ok := export.FormatByName(format); !ok {
			return coding.Errorf(coding.EINVALID, "unknown export format %q (see tessera export --list)", format)
		}
		formats = []string{format}
	}
	results, err := export.CheckAnonymised(snap, formats, opt)
	if err != nil {
		return err
	}
	left := 0
	for _, r := range results {
		var names, parts []anonymise.Finding
		for _, f := range r.Findings {
			if f.Partial {
				parts = append(parts, f)
			} else {
				names = append(names, f)
			}
		}
		left += len(names)
		label := r.Format
		if r.Model != "" {
			label += " (model " + r.Model + ")"
		}
		switch {
		case r.Error != "":
			fmt.Fprintf(m.Stdout, "%-20s not exported: %s\n", r.Format, r.Error)
		case !r.Scanned:
			fmt.Fprintf(m.Stdout, "%-20s not scanned: an image or PDF, drawn from the same anonymised labels as the SVG figure\n", label)
		case len(names) == 0:
			fmt.Fprintf(m.Stdout, "%-20s no known name left\n", label)
		default:
			fmt.Fprintf(m.Stdout, "%-20s %d known names left:\n", label, len(names))
		}
		printFindings(m, names)
		if len(parts) > 0 {
			fmt.Fprintf(m.Stdout, "%-20s %d capitalised words of known names, perhaps names (add them as terms to replace them):\n", "", len(parts))
			printFindings(m, parts)
		}
	}
	if left > 0 {
		return coding.Errorf(coding.EUNPROCESSABLE, "%d known names are left in the anonymised export", left)
	}
	return nil
}

// printFindings prints one line per name found: its kind, the name, how
// often, and where it was first found with its context.
func printFindings(m *Main, findings []anonymise.Finding) {
	count := map[string]int{}
	var first []anonymise.Finding
	for _, f := range findings {
		key := f.Kind + "\x00" + strings.ToLower(f.Term)
		if count[key] == 0 {
			first = append(first, f)
		}
		count[key]++
	}
	for _, f := range first {
		where := ""
		if f.Part != "" {
			where = " in " + f.Part
		}
		fmt.Fprintf(m.Stdout, "    %s %q, %d×, first%s: …%s…\n", f.Kind, f.Term, count[f.Kind+"\x00"+strings.ToLower(f.Term)], where, f.Context)
	}
}
