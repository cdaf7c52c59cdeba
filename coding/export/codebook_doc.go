package export

import (
	"bufio"
	"io"
	"strings"

	"tessera/coding"
	"tessera/coding/markdown"
)

// codebookSection is one code of the codebook laid out as a document
// section: a heading, a line about its place and counts, then labelled
// paragraphs.
type codebookSection struct {
	depth  int // 1 dimension, 2 theme, 3 concept
	name   string
	about  string
	fields [][2]string // label, text (Markdown for definitions and notes)
}

// codebookSections lays out every code in codebook order.
func codebookSections(cb *Codebook) []codebookSection {
	out := make([]codebookSection, 0, len(cb.Entries))
	for _, e := range cb.Entries {
		s := codebookSection{depth: 3 - e.Level.Rank(), name: e.Name}
		label := coding.LevelLabel(e.Level)
		s.about = strings.ToUpper(label[:1]) + label[1:]
		if len(e.Parent) > 0 {
			s.about += " under " + e.ParentPath()
		}
		s.about += " · " + plural(e.Counts.Quotes, "quote") + ", " + plural(e.Counts.Documents, "document") + ", " + plural(e.Counts.Cases, "case")
		for _, f := range [][2]string{{"Definition", e.Definition}, {"Inclusion", e.Inclusion}, {"Exclusion", e.Exclusion}} {
			if strings.TrimSpace(f[1]) != "" {
				s.fields = append(s.fields, [2]string{f[0], strings.TrimSpace(f[1])})
			}
		}
		for _, fv := range e.Facets {
			s.fields = append(s.fields, [2]string{fv.Facet, fv.Value})
		}
		if e.Example != "" {
			s.fields = append(s.fields, [2]string{"Example", e.Example})
		}
		out = append(out, s)
	}
	return out
}

// writeCodebookMD writes the codebook as Markdown: a heading per code
// (## dimensions, ### themes, #### concepts) in codebook order.
// Definitions and notes are Markdown already and are written as they
// are, except raw HTML in them, which is escaped so that no renderer runs
// it. Line ends are CRLF (see coding.CRLFWriter).
func writeCodebookMD(w io.Writer, snap *coding.Snapshot, _ Options) error {
	bw := bufio.NewWriter(coding.NewCRLFWriter(w))
	bw.WriteString("# " + mdEscape("Codebook: "+snap.Project.Name) + "\n")
	for _, s := range codebookSections(CodebookOf(snap)) {
		bw.WriteString("\n" + strings.Repeat("#", s.depth+1) + " " + mdEscape(s.name) + "\n\n")
		bw.WriteString("*" + mdEscape(s.about) + "*\n")
		for _, f := range s.fields {
			text := markdown.EscapeHTML(f[1])
			if !isMarkdownField(f[0]) {
				text = mdEscape(f[1])
			}
			bw.WriteString("\n**" + mdEscape(f[0]) + ":** " + text + "\n")
		}
	}
	return bw.Flush()
}

// writeCodebookDOCX writes the codebook as a Word document with the same
// layout as the Markdown codebook, using Word's heading styles so the
// navigation pane shows the structure. Definitions and inclusion and
// exclusion criteria are Markdown and print as Word formatting.
func writeCodebookDOCX(w io.Writer, snap *coding.Snapshot, _ Options) error {
	title := "Codebook: " + snap.Project.Name
	d := newDocx(title, false)
	d.heading(0, title)
	for _, s := range codebookSections(CodebookOf(snap)) {
		d.heading(s.depth, s.name)
		d.para(docRun{text: s.about, italic: true})
		for _, f := range s.fields {
			label := docRun{text: f[0] + ": ", bold: true}
			if isMarkdownField(f[0]) {
				d.markdown(f[1], label)
				continue
			}
			d.para(label, docRun{text: f[1]})
		}
	}
	return d.writeTo(w)
}

// isMarkdownField reports whether a codebook field holds Markdown.
func isMarkdownField(label string) bool {
	return label == "Definition" || label == "Inclusion" || label == "Exclusion"
}
