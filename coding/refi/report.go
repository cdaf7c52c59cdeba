package refi

import "fmt"

// ImportReport tells what Import created and what it left out.
type ImportReport struct {
	// Project is the name of the project created.
	Project   string `json:"project"`
	Cases     int    `json:"cases"`
	Documents int    `json:"documents"`
	Codes     int    `json:"codes"`
	Facets    int    `json:"facets"`
	Sets      int    `json:"sets"`
	Quotes    int    `json:"quotes"`
	Memos     int    `json:"memos"`
	// Users counts the users the file lists.
	Users int `json:"users"`
	// Positions tells, per imported source, whether its selection
	// positions were read as code points or UTF-16 code units, and why.
	Positions []SourcePositions `json:"positions"`
	// Skipped lists every element of the file that was not imported.
	Skipped []Skipped `json:"skipped"`
	// Warnings tell what was imported differently from the file: renamed
	// codes, moved codes, approximate positions, notes kept at project
	// level.
	Warnings []string `json:"warnings"`
}

// Skipped is one element of the file that was not imported and why.
type Skipped struct {
	// Element is the REFI-QDA element name, e.g. "PlainTextSelection".
	Element string `json:"element"`
	// Name is the element's name, or its GUID when it has none.
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

func newReport() *ImportReport {
	return &ImportReport{Skipped: []Skipped{}, Warnings: []string{}, Positions: []SourcePositions{}}
}

// skip records a skipped element.
func (r *ImportReport) skip(element, name, guid, reason string, args ...any) {
	if name == "" {
		name = guid
	}
	r.Skipped = append(r.Skipped, Skipped{Element: element, Name: name, Reason: fmt.Sprintf(reason, args...)})
}

// warnf records a warning.
func (r *ImportReport) warnf(format string, args ...any) {
	r.Warnings = append(r.Warnings, fmt.Sprintf(format, args...))
}
