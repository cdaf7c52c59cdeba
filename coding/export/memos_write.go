package export

import (
	"bufio"
	"html"
	"io"
	"strings"

	"tessera/coding"
	"tessera/coding/markdown"
)

// memosTitle is the title of the memos export.
func memosTitle(snap *coding.Snapshot) string { return "Memos: " + snap.Project.Name }

// writeMemosMD writes the memos as Markdown: a ## heading per group, a
// ### heading per target (a quote's document and codes under it), a ####
// heading per memo with its author and date, then the memo's Markdown
// with raw HTML escaped.
func writeMemosMD(w io.Writer, snap *coding.Snapshot, opt Options) error {
	groups, err := memoGroups(snap, opt.Memos)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("# " + mdEscape(memosTitle(snap)) + "\n")
	if len(groups) == 0 {
		bw.WriteString("\n" + noMemos + "\n")
	}
	for _, g := range groups {
		bw.WriteString("\n## " + g.Heading + "\n")
		for _, t := range g.Targets {
			bw.WriteString("\n### " + mdEscape(t.Name) + "\n")
			if t.Context != "" {
				bw.WriteString("\n*" + mdEscape(t.Context) + "*\n")
			}
			for _, m := range t.Memos {
				bw.WriteString("\n#### " + mdEscape(memoTitle(m)) + "\n\n*" + mdEscape(memoLine(m)) + "*\n")
				if body := strings.TrimSpace(m.Body); body != "" {
					bw.WriteString("\n" + markdown.EscapeHTML(body) + "\n")
				}
			}
		}
	}
	return bw.Flush()
}

// writeMemosHTML writes the memos as a standalone page with the layout of
// the Markdown export; memo bodies are rendered and sanitised as the app
// renders them.
func writeMemosHTML(w io.Writer, snap *coding.Snapshot, opt Options) error {
	groups, err := memoGroups(snap, opt.Memos)
	if err != nil {
		return err
	}
	esc := html.EscapeString
	bw := bufio.NewWriter(w)
	title := memosTitle(snap)
	bw.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title) +
		"</title>\n<style>\n" + memoCSS + "</style>\n</head>\n<body>\n<h1>" + esc(title) + "</h1>\n")
	if len(groups) == 0 {
		bw.WriteString("<p>" + noMemos + "</p>\n")
	}
	for _, g := range groups {
		bw.WriteString("<h2>" + esc(g.Heading) + "</h2>\n")
		for _, t := range g.Targets {
			bw.WriteString("<section>\n<h3>" + esc(t.Name) + "</h3>\n")
			if t.Context != "" {
				bw.WriteString("<p class=\"context\">" + esc(t.Context) + "</p>\n")
			}
			for _, m := range t.Memos {
				body, err := markdown.Render(m.Body)
				if err != nil {
					body = "<pre>" + esc(m.Body) + "</pre>"
				}
				bw.WriteString("<article>\n<h4>" + esc(memoTitle(m)) + "</h4>\n<p class=\"meta\">" + esc(memoLine(m)) + "</p>\n" + body + "\n</article>\n")
			}
			bw.WriteString("</section>\n")
		}
	}
	bw.WriteString("</body>\n</html>\n")
	return bw.Flush()
}

// memoCSS styles the memos page for the screen and for print.
const memoCSS = `body{font-family:"Helvetica Neue",Arial,"Liberation Sans",sans-serif;font-size:11pt;color:#111;margin:2em;max-width:45em}
h1{font-size:16pt}h2{font-size:14pt;margin-top:1.6em}h3{font-size:12pt;margin-bottom:.2em}h4{font-size:11pt;margin:.8em 0 0}
p.context,p.meta{color:#555;font-style:italic;margin:.2em 0}
blockquote{margin-left:1.5em;font-style:italic}
@page{size:A4;margin:20mm}
`

// writeMemosDOCX writes the memos as a Word document with the layout of
// the Markdown export, headings in Word's heading styles and memo bodies
// as Word formatting.
func writeMemosDOCX(w io.Writer, snap *coding.Snapshot, opt Options) error {
	groups, err := memoGroups(snap, opt.Memos)
	if err != nil {
		return err
	}
	title := memosTitle(snap)
	d := newDocx(title, false)
	d.heading(0, title)
	if len(groups) == 0 {
		d.para(docRun{text: noMemos})
	}
	for _, g := range groups {
		d.heading(1, g.Heading)
		for _, t := range g.Targets {
			d.heading(2, t.Name)
			if t.Context != "" {
				d.para(docRun{text: t.Context, italic: true})
			}
			for _, m := range t.Memos {
				d.heading(3, memoTitle(m))
				d.para(docRun{text: memoLine(m), italic: true})
				if strings.TrimSpace(m.Body) != "" {
					d.markdown(m.Body)
				}
			}
		}
	}
	return d.writeTo(w)
}

// writeMemosTeX writes the memos as a LaTeX document to make a PDF with
// pdfLaTeX: sections per group and target, the memo bodies as escaped
// paragraphs (their Markdown markers dropped to plain text).
func writeMemosTeX(w io.Writer, snap *coding.Snapshot, opt Options) error {
	groups, err := memoGroups(snap, opt.Memos)
	if err != nil {
		return err
	}
	title := memosTitle(snap)
	texts := []string{title}
	for _, g := range groups {
		for _, t := range g.Targets {
			texts = append(texts, t.Name, t.Context)
			for _, m := range t.Memos {
				texts = append(texts, m.Title, m.Author, m.Body)
			}
		}
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(texPreamble("a4paper,margin=2.5cm", texts))
	bw.WriteString(`\section*{` + texEscape(title) + "}\n")
	if len(groups) == 0 {
		bw.WriteString(noMemos + "\n")
	}
	for _, g := range groups {
		bw.WriteString(`\subsection*{` + texEscape(g.Heading) + "}\n")
		for _, t := range g.Targets {
			bw.WriteString(`\subsubsection*{` + texEscape(t.Name) + "}\n")
			if t.Context != "" {
				bw.WriteString(`\textit{` + texEscape(t.Context) + "}\n\n")
			}
			for _, m := range t.Memos {
				bw.WriteString(`\paragraph{` + texEscape(memoTitle(m)) + `} \textit{` + texEscape(memoLine(m)) + "}\n\n")
				for _, p := range strings.Split(markdownText(m.Body), "\n\n") {
					if p = strings.TrimSpace(p); p != "" {
						bw.WriteString(texEscape(p) + "\n\n")
					}
				}
			}
		}
	}
	bw.WriteString("\\end{document}\n")
	return bw.Flush()
}
