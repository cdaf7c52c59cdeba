package export

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// writeTableTeX writes t as a complete LaTeX document holding a longtable;
// merged cells become \multirow cells, section rows \multicolumn rows.
// Every text is escaped. The table between the "table" comment lines can
// be pasted into a paper whose preamble loads booktabs, multirow,
// longtable and array. pdfLaTeX sets Latin scripts and, through the
// preamble's fallbacks, shows other characters (emoji, say) by their
// Unicode names; LuaLaTeX and XeLaTeX set them all, given a font that has
// them.
func writeTableTeX(w io.Writer, t *table) error {
	bw := bufio.NewWriter(w)
	geometry := "a4paper,margin=2cm"
	if t.Landscape {
		geometry += ",landscape"
	}
	bw.WriteString("% " + strings.ReplaceAll(t.Title, "\n", " ") + "\n")
	texts := append([]string{t.Title, t.Notes}, t.Intro...)
	texts = append(texts, t.Header...)
	for _, r := range t.Rows {
		texts = append(texts, r.Section)
		for _, c := range r.Cells {
			texts = append(texts, c.Text)
		}
	}
	bw.WriteString(texPreamble(geometry, texts))
	if t.Style == StyleGrid {
		if n := t.numberLabel(); n != "" {
			bw.WriteString(`\noindent\textbf{` + texEscape(n) + "}\n\n")
		}
		if t.Title != "" {
			bw.WriteString(`\section*{` + texEscape(t.Title) + "}\n")
		}
		for _, p := range t.Intro {
			bw.WriteString(texEscape(p) + "\n\n")
		}
	}
	writeTeXTable(bw, t)
	bw.WriteString("\\end{document}\n")
	return bw.Flush()
}

// writeTeXTable writes the longtable between the "table" comment lines.
// The APA style uses booktabs rules and no vertical lines, with the
// table number and the italic title above the header, "(continued)" in
// the header repeated on later pages and the notes under the bottom
// rule; the grid style rules every row and column.
func writeTeXTable(bw *bufio.Writer, t *table) {
	n := len(t.Header)
	apa := t.Style != StyleGrid
	textWidth := 17.0 // cm between the margins of A4 portrait
	if t.Landscape {
		textWidth = 25.7
	}
	top, mid, bottom, sep := "\\toprule\n", "\\midrule\n", "\\bottomrule\n", ""
	if !apa {
		top, mid, bottom, sep = "\\hline\n", "\\hline\n", "\\hline\n", "|"
	}
	// Column widths in cm: the text width less the space between columns;
	// a bold small character takes about 0.2 cm.
	avail := textWidth - float64(n-1)*0.42
	num := t.numeric()
	bw.WriteString("% table\n\\small\n\\begin{longtable}{" + map[bool]string{true: "@{}", false: "|"}[apa])
	for i, f := range t.fitWidths(avail, 0.2, 0.1) {
		if i > 0 {
			bw.WriteString(sep)
		}
		align := `>{\raggedright\arraybackslash}`
		if num[i] {
			align = `>{\raggedleft\arraybackslash}`
		}
		bw.WriteString(align + "p{" + strconv.FormatFloat(f, 'f', 2, 64) + "cm}")
	}
	bw.WriteString(map[bool]string{true: "@{}", false: "|"}[apa] + "}\n")
	full := func(text string) string {
		return `\multicolumn{` + strconv.Itoa(n) + `}{@{}l}{` + text + "} \\\\\n"
	}
	header := func() {
		for i, h := range t.Header {
			if i > 0 {
				bw.WriteString(" & ")
			}
			if apa {
				bw.WriteString(texEscape(h))
			} else {
				bw.WriteString(`\textbf{` + texEscape(h) + "}")
			}
		}
		bw.WriteString(" \\\\\n")
	}
	if apa {
		// First page: number and title; later pages: "(continued)".
		number := t.numberLabel()
		if number != "" {
			bw.WriteString(full(`\textbf{` + texEscape(number) + "}"))
		}
		if t.Title != "" {
			bw.WriteString(`\multicolumn{` + strconv.Itoa(n) + `}{@{}p{\linewidth}@{}}{\textit{` + texEscape(t.Title) + "}} \\\\[4pt]\n")
		}
		bw.WriteString(top)
		header()
		bw.WriteString(mid + "\\endfirsthead\n")
		if !t.Once {
			bw.WriteString(full(`\textit{` + texEscape(joinNonEmpty(" ", number, "(continued)")) + "}"))
			bw.WriteString(top)
			header()
			bw.WriteString(mid)
		}
		bw.WriteString("\\endhead\n")
		bw.WriteString(bottom + "\\endfoot\n" + bottom)
		if note := t.noteText(); note != "" {
			bw.WriteString(`\multicolumn{` + strconv.Itoa(n) + `}{@{}p{\linewidth}@{}}{\footnotesize\textit{Note.} ` + texEscape(note) + "} \\\\\n")
		}
		bw.WriteString("\\endlastfoot\n")
	} else {
		bw.WriteString(top)
		header()
		if t.Once {
			// Later pages start with a rule, without the header.
			bw.WriteString(mid + "\\endfirsthead\n" + top + "\\endhead\n")
		} else {
			bw.WriteString(mid + "\\endhead\n")
		}
		bw.WriteString(bottom + "\\endfoot\n" + bottom)
		if t.Notes != "" {
			bw.WriteString(`\multicolumn{` + strconv.Itoa(n) + `}{|p{\linewidth}|}{\footnotesize\textit{Note.} ` + texEscape(t.Notes) + "} \\\\\n\\hline\n")
		}
		bw.WriteString("\\endlastfoot\n")
	}
	for i, r := range t.Rows {
		switch {
		case r.IsSection:
			label := `\textit{` + texEscape(r.Section) + "}"
			if r.Sub {
				label = `\quad` + label
			}
			if i > 0 && (!r.Sub || !apa) {
				bw.WriteString(mid)
			}
			bw.WriteString(full(label))
			if !r.Sub || !apa {
				bw.WriteString(mid)
			}
			continue
		case i > 0 && r.Rule == ruleFull:
			bw.WriteString(mid)
		case i > 0 && r.Rule == rulePart && apa:
			bw.WriteString("\\cmidrule(r){1-2}\n")
		case i > 0 && r.Rule == rulePart:
			bw.WriteString("\\cline{1-2}\n")
		}
		for j, c := range r.Cells {
			if j > 0 {
				bw.WriteString(" & ")
			}
			if c.Covered {
				continue
			}
			text := texEscape(c.Text)
			if c.Bold || r.Total {
				text = `\textbf{` + text + "}"
			}
			if c.Span > 1 {
				text = `\multirow[t]{` + strconv.Itoa(c.Span) + `}{=}{` + text + "}"
			}
			bw.WriteString(text)
		}
		bw.WriteString(" \\\\\n")
	}
	bw.WriteString("\\end{longtable}\n% end of table\n")
}

// texPreamble starts a LaTeX document with the page geometry given,
// loading what the exports need; texts are the document's texts, whose
// characters outside pdfLaTeX's encodings get fallbacks.
func texPreamble(geometry string, texts []string) string {
	return `\documentclass[10pt]{article}
\usepackage{iftex}
\ifPDFTeX
  \usepackage[T1]{fontenc}
  \usepackage[utf8]{inputenc}
  \IfFileExists{lmodern.sty}{\usepackage{lmodern}}{}
  \input{glyphtounicode}\pdfgentounicode=1
` + texFallbacks(texts) + `\else
  \usepackage{fontspec}
\fi
\usepackage[` + geometry + `]{geometry}
\usepackage{array,booktabs,longtable,multirow}
\begin{document}
`
}

var texReplacer = strings.NewReplacer(
	`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "$", `\$`, "&", `\&`,
	"#", `\#`, "^", `\textasciicircum{}`, "_", `\_`, "~", `\textasciitilde{}`,
	"%", `\%`, "<", `\textless{}`, ">", `\textgreater{}`, "|", `\textbar{}`,
	"\r\n", `\newline `, "\n", `\newline `,
)

// texEscape makes s safe as LaTeX text.
func texEscape(s string) string {
	return texReplacer.Replace(strings.TrimSpace(s))
}
