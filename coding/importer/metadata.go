package importer

import (
	"path"
	"strings"
	"time"

	"tessera/coding"
)

// Metadata is what a metadata sheet says about one document: its case and
// interview metadata.
type Metadata struct {
	Case string `json:"case,omitempty"`
	coding.DocumentMeta
}

// metadataColumns maps accepted column headers (lower case, spaces and
// hyphens as underscores) to the canonical column names.
var metadataColumns = map[string]string{
	"file":           "file",
	"filename":       "file",
	"file_name":      "file",
	"path":           "file",
	"document":       "file",
	"case":           "case",
	"case_name":      "case",
	"informant_role": "informant_role",
	"role":           "informant_role",
	"interview_date": "interview_date",
	"date":           "interview_date",
	"interviewer":    "interviewer",
	"language":       "language",
	"lang":           "language",
}

// ReadMetadata reads a per-document metadata sheet in CSV:
//
//	file,case,informant_role,interview_date,interviewer,language
//
// with a header row naming its columns in any order ("file" is required;
// the others may be left out). The file column holds the document's path
// relative to the imported folder (with "/") or just its file name. Dates
// are YYYY-MM-DD. The map is keyed by the cleaned file column.
func ReadMetadata(data []byte) (map[string]Metadata, error) {
	rows, err := readCSV("metadata sheet", data)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "the metadata sheet is empty")
	}
	cols := map[string]int{}
	for i, h := range rows[0] {
		key := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))))
		name, ok := metadataColumns[key]
		if !ok {
			return nil, coding.Errorf(coding.EINVALID, "metadata sheet: unknown column %q (use file, case, informant_role, interview_date, interviewer, language)", h)
		}
		cols[name] = i
	}
	fileCol, ok := cols["file"]
	if !ok {
		return nil, coding.Errorf(coding.EINVALID, "metadata sheet: the column \"file\" is missing")
	}
	get := func(row []string, name string) string {
		if i, ok := cols[name]; ok {
			return cleanName(cell(row, i))
		}
		return ""
	}
	out := map[string]Metadata{}
	for n, row := range rows[1:] {
		line := n + 2
		file := cleanPath(cell(row, fileCol))
		if file == "" {
			return nil, coding.Errorf(coding.EINVALID, "metadata sheet, row %d: the file is missing", line)
		}
		if _, dup := out[file]; dup {
			return nil, coding.Errorf(coding.EINVALID, "metadata sheet, row %d: %q appears twice", line, file)
		}
		m := Metadata{Case: get(row, "case"), DocumentMeta: coding.DocumentMeta{
			InformantRole: get(row, "informant_role"),
			InterviewDate: get(row, "interview_date"),
			Interviewer:   get(row, "interviewer"),
			Language:      get(row, "language"),
		}}
		if d := m.InterviewDate; d != "" {
			if _, err := time.Parse("2006-01-02", d); err != nil {
				return nil, coding.Errorf(coding.EINVALID, "metadata sheet, row %d: interview date %q is not a date (YYYY-MM-DD)", line, d)
			}
		}
		out[file] = m
	}
	return out, nil
}

// cleanPath normalises a file path for matching: NFC, "/" separators, no
// leading "./".
func cleanPath(p string) string {
	p = strings.ReplaceAll(cleanName(p), `\`, "/")
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	return p
}

// lookupPath finds the entry of m for the file named name: by its exact
// path, then ignoring letter case, then by a path ending in the entry's,
// then by file name alone; the last two only when exactly one entry fits.
// Keys of m are cleaned with cleanPath.
func lookupPath[T any](m map[string]T, name string) (T, bool) {
	var zero T
	if len(m) == 0 {
		return zero, false
	}
	key := cleanPath(name)
	if v, ok := m[key]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	// The entry's path may be relative to a folder inside the one imported.
	lower := strings.ToLower(key)
	if v, ok := unique(m, func(k string) bool { return strings.HasSuffix(lower, "/"+strings.ToLower(k)) }); ok {
		return v, true
	}
	base := path.Base(key)
	return unique(m, func(k string) bool { return strings.EqualFold(path.Base(k), base) })
}

// unique returns the one entry whose key matches, if exactly one does.
func unique[T any](m map[string]T, match func(string) bool) (T, bool) {
	var found []T
	for k, v := range m {
		if match(k) {
			found = append(found, v)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	var zero T
	return zero, false
}
