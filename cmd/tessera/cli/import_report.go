package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"tessera/coding/codebook"
	"tessera/coding/importer"
)

// printBatchReport says file by file what an import did, then sums it
// up: how many files are new, already there or failed.
func printBatchReport(w io.Writer, rep *importer.BatchReport, project string) {
	for _, f := range rep.Files {
		switch {
		case f.Duplicate:
			fmt.Fprintf(w, "duplicate  %s: %s\n", f.File, f.Error)
		case !f.OK:
			fmt.Fprintf(w, "FAILED     %s: %s\n", f.File, f.Error)
		default:
			fmt.Fprintf(w, "imported   %s (%s, %d turns, speakers: %v)\n", f.File, f.Format, f.Turns, f.Speakers)
		}
	}
	if rep.Imported == 0 && rep.Failed == 0 {
		fmt.Fprintf(w, "nothing new: all %d files were already in %q\n", len(rep.Files), project)
		return
	}
	fmt.Fprintf(w, "%d of %d files imported into %q", rep.Imported, len(rep.Files), project)
	if rep.Duplicates > 0 {
		fmt.Fprintf(w, ", %d already there", rep.Duplicates)
	}
	if rep.Failed > 0 {
		fmt.Fprintf(w, ", %d failed", rep.Failed)
	}
	fmt.Fprintln(w)
	if rep.SpeakersLinked > 0 {
		fmt.Fprintf(w, "%d speakers linked to informants (%d new informants)\n", rep.SpeakersLinked, rep.InformantsCreated)
	}
}

// progressPrinter shows import progress: a line rewritten in place on a
// terminal, a quiet line every 100 files otherwise.
func progressPrinter(w io.Writer) func(importer.Progress) {
	f, ok := w.(*os.File)
	tty := ok && term.IsTerminal(int(f.Fd()))
	return func(p importer.Progress) {
		secs := p.Elapsed.Seconds()
		mb := float64(p.Bytes) / (1 << 20)
		rate := 0.0
		if secs > 0 {
			rate = mb / secs
		}
		eta := time.Duration(0)
		if p.Bytes > 0 && p.TotalBytes > p.Bytes {
			eta = time.Duration(float64(p.Elapsed) * float64(p.TotalBytes-p.Bytes) / float64(p.Bytes)).Round(time.Second)
		}
		line := fmt.Sprintf("%d/%d files, %.1f/%.1f MB, %.1f MB/s, ETA %s", p.Files, p.TotalFiles, mb, float64(p.TotalBytes)/(1<<20), rate, eta)
		switch {
		case tty:
			end := ""
			if p.Files == p.TotalFiles {
				end = "\n"
			}
			fmt.Fprintf(w, "\r\033[K%s%s", line, end)
		case p.Files == p.TotalFiles || p.Files%100 == 0:
			fmt.Fprintln(w, line)
		}
	}
}

// printCodebookReport says what a codebook import created, matched and
// skipped.
func printCodebookReport(w io.Writer, r *codebook.Report) {
	fmt.Fprintf(w, "codebook: %d codes created, %d matched, %d skipped\n", len(r.Created), len(r.Matched), len(r.Skipped))
	for _, o := range r.Skipped {
		fmt.Fprintf(w, "skipped    line %d %q: %s\n", o.Line, o.Name, o.Reason)
	}
	for _, f := range r.FacetsCreated {
		fmt.Fprintf(w, "facet      %s created\n", f)
	}
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "warning    %s\n", warn)
	}
}
