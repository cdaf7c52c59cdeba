package export

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// writeTableTeX writes t as a complete LaTeX document holding a longtable
// with booktabs rules; merged cells become \multirow cells, section rows
// \multicolumn rows. Every text is escaped. The table between the
// "table" comment lines can be pasted into a paper whose preamble loads
// booktabs, multirow, longtable and array. pdfLaTeX sets Latin scripts
// and, through the preamble's fallbacks, shows other characters (emoji,
// say) by their Unicode names; LuaLaTeX and XeLaTeX set them all, given a
// font that has them.
func writeTableTeX(w io.Writer, t *table) error {
	bw := bufio.NewWriter(w)
	n := len(t.Header)
	geometry := "a4paper,margin=2cm"
	textWidth := 17.0 // cm between the margins of A4 portrait
	if t.Landscape {
		geometry += ",landscape"
		textWidth = 25.7
	}
	bw.WriteString("% " + strings.ReplaceAll(t.Title, "\n", " ") + "\n")
	texts := append([]string{t.Title}, t.Intro...)
	texts = append(texts, t.Header...)
	for _, r := range t.Rows {
		texts = append(texts, r.Section)
		for _, c := range r.Cells {
			texts = append(texts, c.Text)
		}
	}
	bw.WriteString(`\documentclass[10pt]{article}
\usepackage{iftex}
\ifPDFTeX
  \usepackage[T1]{fontenc}
  \usepackage[utf8]{inputenc}
` + texFallbacks(texts) + `\else
  \usepackage{fontspec}
\fi
\usepackage[` + geometry + `]{geometry}
\usepackage{array,booktabs,longtable,multirow}
\begin{document}
`)
	if t.Title != "" {
		bw.WriteString(`\section*{` + texEscape(t.Title) + "}\n")
	}
	for _, p := range t.Intro {
		bw.WriteString(texEscape(p) + "\n\n")
	}

	// Column widths in cm: the text width less the space between columns;
	// a bold small character takes about 0.2 cm.
	avail := textWidth - float64(n-1)*0.42
	num := t.numeric()
	bw.WriteString("% table\n\\small\n\\begin{longtable}{@{}")
	for i, f := range t.fitWidths(avail, 0.2, 0.1) {
		align := ""
		if num[i] {
			align = `>{\raggedleft\arraybackslash}`
		} else {
			align = `>{\raggedright\arraybackslash}`
		}
		bw.WriteString(align + "p{" + strconv.FormatFloat(f, 'f', 2, 64) + "cm}")
	}
	bw.WriteString("@{}}\n\\toprule\n")
	for i, h := range t.Header {
		if i > 0 {
			bw.WriteString(" & ")
		}
		bw.WriteString(`\textbf{` + texEscape(h) + "}")
	}
	bw.WriteString(" \\\\\n\\midrule\n\\endhead\n\\bottomrule\n\\endlastfoot\n")
	for i, r := range t.Rows {
		switch {
		case r.IsSection:
			if i > 0 {
				bw.WriteString("\\midrule\n")
			}
			bw.WriteString(`\multicolumn{` + strconv.Itoa(n) + `}{@{}l}{\textit{` + texEscape(r.Section) + "}} \\\\\n\\midrule\n")
			continue
		case i > 0 && r.Rule == ruleFull:
			bw.WriteString("\\midrule\n")
		case i > 0 && r.Rule == rulePart:
			bw.WriteString("\\cmidrule(r){1-2}\n")
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
	bw.WriteString("\\end{longtable}\n% end of table\n\\end{document}\n")
	return bw.Flush()
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
