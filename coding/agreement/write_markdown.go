package agreement

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"tessera/coding"
)

// WriteMarkdown writes the agreement report r as a Markdown document: a
// short statement of what was compared, then one table per level with a
// line per code and a bold pooled line. codeNames maps code IDs to the
// names shown. Undefined figures read "n/a". Line ends are CRLF (see
// coding.CRLFWriter).
func WriteMarkdown(w io.Writer, r *Report, codeNames map[string]string) error {
	bw := bufio.NewWriter(coding.NewCRLFWriter(w))
	bw.WriteString("# Intercoder agreement\n\n")
	fmt.Fprintf(bw, "Coders: %s. Documents: %d. At segment level two segments agree when they share at least %s %% of the text they cover together.\n",
		mdEscape(strings.Join(r.Coders, ", ")), len(r.Documents), strconv.FormatFloat(100*r.MinOverlap, 'f', -1, 64))
	cols := append([]column{{"Code", kindText, func(x row) any { return x.code }}}, countColumns(r)...)
	rows := tableRows(r, codeNames)
	for _, lv := range []struct {
		title, label string
		segment      bool
	}{
		{"Character level", characterLabel, false},
		{"Segment level", segmentLabel, true},
	} {
		fmt.Fprintf(bw, "\n## %s\n\n", lv.title)
		writeMDHeader(bw, cols, lv.segment)
		for _, x := range rows {
			if x.level == lv.label {
				writeMDRow(bw, cols, x)
			}
		}
	}
	return bw.Flush()
}

// mdColumns drops the segment counts from the character-level table.
func mdColumns(cols []column, segment bool) []column {
	if segment {
		return cols
	}
	var out []column
	for _, c := range cols {
		if c.header != "Segments" && c.header != "Matched segments" {
			out = append(out, c)
		}
	}
	return out
}

func writeMDHeader(bw *bufio.Writer, cols []column, segment bool) {
	cols = mdColumns(cols, segment)
	bw.WriteString("|")
	for _, c := range cols {
		bw.WriteString(" " + mdEscape(c.header) + " |")
	}
	bw.WriteString("\n|")
	for _, c := range cols {
		if c.kind == kindText {
			bw.WriteString("---|")
		} else {
			bw.WriteString("---:|")
		}
	}
	bw.WriteString("\n")
}

func writeMDRow(bw *bufio.Writer, cols []column, x row) {
	pooled := x.ca.CodeID == ""
	bw.WriteString("|")
	for _, c := range mdColumns(cols, x.segment) {
		text := mdEscape(formatValue(c.value(x), c.kind))
		if text == "" {
			text = "n/a"
		}
		if pooled {
			text = "**" + text + "**"
		}
		bw.WriteString(" " + text + " |")
	}
	bw.WriteString("\n")
}

// mdEscaper keeps user text from breaking a table or turning into markup.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "\n", " ", "\r", " ",
)

func mdEscape(s string) string { return mdEscaper.Replace(s) }
