package anonymise

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"path"
	"strings"
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
}

// Scan looks for the terms of rules in an export file, as whole words
// with the same folding the replacement uses. It reads plain text files
// (CSV, Markdown, HTML, LaTeX, SVG, XML) with their character references
// decoded, and every text part of a zip container (DOCX, XLSX, QDPX).
// It returns scanned false for a file it cannot read as text, such as a
// PNG image.
func Scan(data []byte, rules []Rule) (findings []Finding, scanned bool, err error) {
	r := NewReplacer(rules)
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
			findings = append(findings, scanText(r, f.Name, string(body))...)
		}
		return findings, true, nil
	case bytes.HasPrefix(data, []byte("\x89PNG")):
		return nil, false, nil
	}
	return scanText(r, "", string(data)), true, nil
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

// scanText finds the terms in text with its character references decoded.
func scanText(r *Replacer, part, text string) []Finding {
	text = html.UnescapeString(text)
	var out []Finding
	src := []rune(text)
	for _, m := range r.Matches(text) {
		rule := r.Rules()[m.Rule]
		from, to := max(0, m.Start-30), min(len(src), m.End+30)
		ctx := strings.Join(strings.Fields(string(src[from:to])), " ")
		out = append(out, Finding{Part: part, Kind: rule.Kind, Term: string(src[m.Start:m.End]), Context: ctx})
	}
	return out
}
