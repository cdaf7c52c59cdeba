package export

import (
	"bufio"
	"html"
	"io"
	"strconv"
	"strings"
)

// pageCSS styles every HTML export for the screen and for print.
const pageCSS = `body{font-family:"Helvetica Neue",Arial,"Liberation Sans",sans-serif;font-size:10pt;color:#111;margin:2em}
h1{font-size:14pt;margin:0 0 .6em}
p.intro{margin:.2em 0;color:#444}
table{border-collapse:collapse;width:100%;margin-top:1em}
th,td{border:1px solid #999;padding:4px 6px;vertical-align:top;text-align:left}
thead th{background:#e7e6e6}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tr.section th{background:#f4f4f4;font-style:italic}
tr.total td{font-weight:bold}
@page{size:A4 landscape;margin:15mm}
@media print{body{margin:0}thead{display:table-header-group}tr{break-inside:avoid}}
`

// writeTableHTML writes t as a standalone, printable HTML page: inline
// CSS, merged cells as rowspans, section rows spanning all columns, every
// text escaped.
func writeTableHTML(w io.Writer, t *table) error {
	bw := bufio.NewWriter(w)
	esc := html.EscapeString
	bw.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	bw.WriteString("<title>" + esc(t.Title) + "</title>\n<style>\n" + pageCSS + "</style>\n</head>\n<body>\n")
	if t.Title != "" {
		bw.WriteString("<h1>" + esc(t.Title) + "</h1>\n")
	}
	for _, p := range t.Intro {
		bw.WriteString("<p class=\"intro\">" + esc(p) + "</p>\n")
	}
	num := t.numeric()
	bw.WriteString("<table>\n<thead>\n<tr>")
	for i, h := range t.Header {
		bw.WriteString("<th scope=\"col\"" + numClass(num[i]) + ">" + esc(h) + "</th>")
	}
	bw.WriteString("</tr>\n</thead>\n<tbody>\n")
	for _, r := range t.Rows {
		if r.IsSection {
			bw.WriteString("<tr class=\"section\"><th colspan=\"" + strconv.Itoa(len(t.Header)) + "\" scope=\"colgroup\">" + esc(r.Section) + "</th></tr>\n")
			continue
		}
		if r.Total {
			bw.WriteString("<tr class=\"total\">")
		} else {
			bw.WriteString("<tr>")
		}
		for i, c := range r.Cells {
			if c.Covered {
				continue
			}
			bw.WriteString("<td")
			if c.Span > 1 {
				bw.WriteString(" rowspan=\"" + strconv.Itoa(c.Span) + "\"")
			}
			bw.WriteString(numClass(i < len(num) && num[i]) + ">")
			text := htmlLines(c.Text)
			if c.Bold {
				text = "<strong>" + text + "</strong>"
			}
			bw.WriteString(text + "</td>")
		}
		bw.WriteString("</tr>\n")
	}
	bw.WriteString("</tbody>\n</table>\n</body>\n</html>\n")
	return bw.Flush()
}

func numClass(num bool) string {
	if num {
		return ` class="n"`
	}
	return ""
}

// htmlLines escapes s and keeps its line breaks.
func htmlLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = html.EscapeString(l)
	}
	return strings.Join(lines, "<br>")
}
