package export

import (
	"bufio"
	"io"
	"strings"

	"tessera/coding"
)

// writeTableMD writes t as a GitHub-flavoured Markdown table under a
// level-one heading, with CRLF line ends (see coding.CRLFWriter).
// Markdown cannot merge cells: a merged cell is written on its first row
// and left blank on the rows it covers. Section rows are rows whose first
// cell holds the section label in bold.
func writeTableMD(w io.Writer, t *table) error {
	bw := bufio.NewWriter(coding.NewCRLFWriter(w))
	if t.Title != "" {
		bw.WriteString("# " + mdEscape(t.Title) + "\n\n")
	}
	for _, p := range t.Intro {
		bw.WriteString(mdEscape(p) + "\n\n")
	}
	writeMDTable(bw, t)
	return bw.Flush()
}

// writeMDTable writes only the table lines of t.
func writeMDTable(bw *bufio.Writer, t *table) {
	bw.WriteString("|")
	for _, h := range t.Header {
		bw.WriteString(" " + mdEscape(h) + " |")
	}
	bw.WriteString("\n|")
	for _, num := range t.numeric() {
		if num {
			bw.WriteString("---:|")
		} else {
			bw.WriteString("---|")
		}
	}
	bw.WriteString("\n")
	for _, r := range t.Rows {
		bw.WriteString("|")
		if r.IsSection {
			bw.WriteString(" **" + mdEscape(r.Section) + "** |")
			bw.WriteString(strings.Repeat("  |", len(t.Header)-1))
			bw.WriteString("\n")
			continue
		}
		for _, c := range r.Cells {
			text := mdEscape(c.Text)
			switch {
			case c.Covered:
				text = ""
			case text != "" && (c.Bold || r.Total):
				text = "**" + text + "**"
			}
			bw.WriteString(" " + text + " |")
		}
		bw.WriteString("\n")
	}
}

var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`",
	"<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`,
	"\r\n", "<br>", "\n", "<br>",
)

// mdEscape makes s safe inside a Markdown table cell: characters with
// meaning are escaped and line breaks become <br>.
func mdEscape(s string) string {
	return mdReplacer.Replace(strings.TrimSpace(s))
}
