package anonymise

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"path"
	"strings"
	"unicode"
)

// Finding is a known name found in an export file.
type Finding struct {
	// Part is the file inside a zip container (DOCX, XLSX, QDPX) the
	// name was found in; "" for a plain file.
	Part string `json:"part,omitempty"`
	Kind string `json:"kind"`
	Term string `json:"term"`
	// Context is the text around the name as the file holds it.
	Context string `json:"context"`
	// Partial marks a word of a known name found alone and capitalised
	// (see NameParts): perhaps a name left in, perhaps an ordinary word.
	Partial bool `json:"partial,omitempty"`
}

// Checker scans export files for the names a profile replaces and for
// the parts of those names.
type Checker struct{ full, parts *Replacer }

// NewChecker returns a checker for the names of rules and their parts.
func NewChecker(rules []Rule) *Checker {
	full := NewReplacer(rules)
	return &Checker{full: full, parts: NewReplacer(NameParts(full.Rules()))}
}

// Scan looks for the names in an export file, as whole words with the
// same folding the replacement uses, and for their parts where they
// start with a capital letter. It reads plain text files
// (CSV, Markdown, HTML, LaTeX, SVG, XML) with their character references
// decoded, and every text part of a zip container (DOCX, XLSX, PPTX,
// QDPX). It returns scanned false for a file it cannot read as text: a
// PNG image, a PDF (its text is compressed and set in embedded fonts), a
// zip of images.
func (c *Checker) Scan(data []byte) (findings []Finding, scanned bool, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, false, err
		}
		for _, f := range zr.File {
			if !isTextPart(f.Name) {
				continue
			}
			body, err := readPart(f)
			if err != nil {
				return nil, false, err
			}
			scanned = true
			findings = append(findings, c.scanText(f.Name, string(body))...)
		}
		return findings, scanned, nil
	case bytes.HasPrefix(data, []byte("\x89PNG")), bytes.HasPrefix(data, []byte("%PDF")):
		return nil, false, nil
	}
	return c.scanText("", string(data)), true, nil
}

// isTextPart reports whether a zip entry holds text worth scanning.
func isTextPart(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".xml", ".rels", ".qde", ".txt", ".html", ".svg", ".csv", ".md", ".tex":
		return true
	}
	return false
}

// readPart reads a zip entry. Scan reads export files Tessera wrote, so
// it sets no size limits.
func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// scanText finds the names and capitalised name parts in text with its
// character references decoded.
func (c *Checker) scanText(part, text string) []Finding {
	text = html.UnescapeString(text)
	src := []rune(text)
	var out []Finding
	add := func(r *Replacer, partial bool) {
		for _, m := range r.Matches(text) {
			if partial && !unicode.IsUpper(src[m.Start]) {
				continue
			}
			from, to := max(0, m.Start-30), min(len(src), m.End+30)
			out = append(out, Finding{Part: part, Kind: r.Rules()[m.Rule].Kind, Term: string(src[m.Start:m.End]),
				Context: strings.Join(strings.Fields(string(src[from:to])), " "), Partial: partial})
		}
	}
	add(c.full, false)
	add(c.parts, true)
	return out
}
