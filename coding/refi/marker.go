package refi

import (
	"bytes"
	"encoding/json"
	"strings"

	"tessera/coding"
)

// markerPrefix starts the machine-readable last line of a description
// Tessera writes: "Tessera: " followed by a JSON object. Other programs
// show it as part of the description; Tessera reads it back to restore
// what the standard has no element for (Gioia levels, facet values,
// attribute list types). The codebook export (.qdc) writes codes the
// same way.
const markerPrefix = "Tessera: "

// codeMarker is the marker of a code: its level and its own facet values
// by facet name.
type codeMarker struct {
	Level  coding.Level      `json:"level"`
	Facets map[string]string `json:"facets,omitempty"`
}

// setMarker is the marker of a set standing for a facet value (or, with
// no value, for a facet without values), or, with Set, of a set of
// Tessera's own whose name would otherwise read as "Facet: value".
type setMarker struct {
	Facet string `json:"facet,omitempty"`
	Value string `json:"value,omitempty"`
	Set   bool   `json:"set,omitempty"`
}

// variableMarker is the marker of a variable: "list" for case attributes
// of list type (written as text joined by "; "), or the document metadata
// field the variable carries.
type variableMarker struct {
	Type     string `json:"type,omitempty"`
	Document string `json:"document,omitempty"`
}

// sourceMarker is the marker of a source whose name differs from the
// document's title (a second document of the same title).
type sourceMarker struct {
	Title string `json:"title,omitempty"`
}

// noteMarker is the marker of a note whose name Tessera made up because
// the memo has no title.
type noteMarker struct {
	Untitled bool `json:"untitled,omitempty"`
}

// projectMarker is the marker of the project description.
type projectMarker struct {
	Language string `json:"language,omitempty"`
	// Positions is the convention of the selection positions when it is
	// not the default.
	Positions Positions `json:"positions,omitempty"`
}

// describe joins the non-empty parts with blank lines and, when marker
// is not nil, adds the marker line.
func describe(marker any, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	if marker != nil {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(marker); err == nil {
			keep = append(keep, markerPrefix+strings.TrimSpace(buf.String()))
		}
	}
	return strings.Join(keep, "\n\n")
}

// splitMarker returns a description without its marker line and decodes
// the marker into v. ok is false, and body the whole description, when
// the last line is not a marker Tessera can read.
func splitMarker(desc string, v any) (body string, ok bool) {
	desc = strings.TrimSpace(strings.ReplaceAll(desc, "\r\n", "\n"))
	body, last := "", desc
	if i := strings.LastIndex(desc, "\n"); i >= 0 {
		body, last = desc[:i], desc[i+1:]
	}
	last = strings.TrimSpace(last)
	if !strings.HasPrefix(last, markerPrefix) || json.Unmarshal([]byte(last[len(markerPrefix):]), v) != nil {
		return desc, false
	}
	return strings.TrimSpace(body), true
}

// codeDescription writes a code's description: definition, inclusion and
// exclusion notes, and the marker.
func codeDescription(c *coding.Code, facets map[string]string) string {
	incl, excl := "", ""
	if s := strings.TrimSpace(c.Inclusion); s != "" {
		incl = "Inclusion: " + s
	}
	if s := strings.TrimSpace(c.Exclusion); s != "" {
		excl = "Exclusion: " + s
	}
	return describe(codeMarker{Level: c.Level, Facets: facets}, c.Definition, incl, excl)
}

// parseCodeDescription splits a code description into definition,
// inclusion and exclusion notes and returns its marker, or nil. A
// description without a marker is all definition.
func parseCodeDescription(desc string) (def, incl, excl string, m *codeMarker) {
	var cm codeMarker
	body, ok := splitMarker(desc, &cm)
	if !ok {
		return body, "", "", nil
	}
	body = "\n\n" + body
	if i := strings.LastIndex(body, "\n\nExclusion: "); i >= 0 {
		excl = strings.TrimSpace(body[i+len("\n\nExclusion: "):])
		body = body[:i]
	}
	if i := strings.LastIndex(body, "\n\nInclusion: "); i >= 0 {
		incl = strings.TrimSpace(body[i+len("\n\nInclusion: "):])
		body = body[:i]
	}
	return strings.TrimSpace(body), incl, excl, &cm
}
