package codebook

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"slices"
	"strings"

	"tessera/coding"
)

// readQDC reads REFI-QDA codebook XML. Codes written by Tessera
// carry their level, notes and facet values in the description; for codes
// from other programs the definition is the whole description and the
// level follows from the nesting: a top-level code is a dimension when it
// has grandchildren, a theme when it has children, else a concept, and
// each level below is one lower. Codes nested deeper than a concept are
// kept with an invalid level, so that Apply reports them.
func readQDC(data []byte) (*Codebook, error) {
	var book QDCBook
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, coding.Errorf(coding.EINVALID, "codebook XML cannot be read: %v", err)
		}
		root, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root.Name.Space != QDCNamespace || root.Name.Local != "CodeBook" {
			return nil, coding.Errorf(coding.EINVALID, "codebook XML is not a REFI-QDA codebook (root element %s in namespace %q, want CodeBook in %q)", root.Name.Local, root.Name.Space, QDCNamespace)
		}
		if err := dec.DecodeElement(&book, &root); err != nil {
			return nil, coding.Errorf(coding.EINVALID, "codebook XML cannot be read: %v", err)
		}
		break
	}
	cb := &Codebook{Entries: []Entry{}, Facets: []string{}}
	seenFacet := map[string]bool{}
	var walk func(c QDCCode, parent []string, rank int)
	walk = func(c QDCCode, parent []string, rank int) {
		e := Entry{
			Line: len(cb.Entries) + 1, ID: c.GUID, Name: strings.TrimSpace(c.Name),
			Parent: parent, Color: expandColor(c.Color), Facets: []FacetValue{},
		}
		meta := parseQDCDescription(c.Description, &e)
		switch {
		case meta != nil && meta.Level.Valid():
			e.Level = meta.Level
		case rank >= 0:
			e.Level = []coding.Level{coding.LevelConcept, coding.LevelTheme, coding.LevelDimension}[rank]
		default:
			e.Level = "nested below a concept"
		}
		if meta != nil {
			e.Facets = sortedFacets(meta.Facets)
			for _, fv := range e.Facets {
				if !seenFacet[strings.ToLower(fv.Facet)] {
					seenFacet[strings.ToLower(fv.Facet)] = true
					cb.Facets = append(cb.Facets, fv.Facet)
				}
			}
		}
		cb.Entries = append(cb.Entries, e)
		path := append(append([]string(nil), parent...), e.Name)
		for _, k := range c.Codes {
			walk(k, path, e.Level.Rank()-1)
		}
	}
	for _, c := range book.Codes {
		walk(c, []string{}, min(qdcHeight(c), 2))
	}
	return cb, nil
}

// qdcHeight returns the number of levels below c.
func qdcHeight(c QDCCode) int {
	h := 0
	for _, k := range c.Codes {
		h = max(h, qdcHeight(k)+1)
	}
	return h
}

// parseQDCDescription splits a description written by the codebook-qdc export
// into the entry's definition and notes, and returns its metadata. A
// description without the metadata line is all definition.
func parseQDCDescription(desc string, e *Entry) *QDCMeta {
	desc = strings.TrimSpace(strings.ReplaceAll(desc, "\r\n", "\n"))
	body, last := "", desc
	if i := strings.LastIndex(desc, "\n"); i >= 0 {
		body, last = strings.TrimSpace(desc[:i]), desc[i+1:]
	}
	var meta QDCMeta
	if !strings.HasPrefix(last, QDCMetaPrefix) || json.Unmarshal([]byte(last[len(QDCMetaPrefix):]), &meta) != nil {
		e.Definition = desc
		return nil
	}
	e.Inclusion, e.Exclusion = meta.Inclusion, meta.Exclusion
	// The notes' paragraphs end the body unless another program edited it.
	notes := QDCNotes(meta)
	switch {
	case notes == "":
		e.Definition = body
	case body == notes:
		e.Definition = ""
	default:
		e.Definition = strings.TrimSpace(strings.TrimSuffix(body, "\n\n"+notes))
	}
	return &meta
}

// sortedFacets turns a facet map into values sorted by facet name.
func sortedFacets(m map[string]string) []FacetValue {
	out := []FacetValue{}
	for k, v := range m {
		out = append(out, FacetValue{Facet: k, Value: v})
	}
	slices.SortFunc(out, func(a, b FacetValue) int { return strings.Compare(a.Facet, b.Facet) })
	return out
}

// expandColor turns "#abc" into "#aabbcc"; other values stay.
func expandColor(c string) string {
	c = strings.TrimSpace(c)
	if len(c) == 4 && c[0] == '#' {
		return "#" + strings.Repeat(c[1:2], 2) + strings.Repeat(c[2:3], 2) + strings.Repeat(c[3:4], 2)
	}
	return c
}
