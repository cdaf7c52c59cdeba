package codebook

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"tessera/coding"
	"tessera/coding/unzip"
)

// Read parses a codebook file: CSV or XLSX with the columns of
// codebook-csv (see docs/exports.md), REFI-QDA codebook XML (.qdc), or
// the codebook of a REFI-QDA project (.qdpx). The file name's extension
// picks the format; without a known one the content decides (a ZIP
// archive is read as a workbook). It returns EINVALID when the file
// cannot be read as a codebook, ETOOLARGE for a project archive over
// the import limits. Entries are checked when applied, not here.
func Read(name string, data []byte) (*Codebook, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv", ".txt":
		return readCSV(data)
	case ".xlsx":
		return readXLSX(data)
	case ".qdc", ".xml":
		return readQDC(data)
	case ".qdpx":
		return readQDPX(bytes.NewReader(data), int64(len(data)))
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\uFEFF")))
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return readXLSX(data)
	case bytes.HasPrefix(trimmed, []byte("<")):
		return readQDC(data)
	case len(trimmed) > 0:
		return readCSV(data)
	}
	return nil, coding.Errorf(coding.EINVALID, "codebook file %q is empty", name)
}

// MaxFileBytes bounds a codebook file read whole (CSV, XLSX, QDC); a
// project archive (.qdpx) is read at random positions instead, within
// the limits of project imports.
const MaxFileBytes = 32 << 20

// ReadAt is Read for a file of size bytes read from r, such as an upload
// kept on disk: a .qdpx project is read at random positions, never whole;
// other formats are read whole when they are within MaxFileBytes and
// refused with ETOOLARGE beyond.
func ReadAt(name string, r io.ReaderAt, size int64) (*Codebook, error) {
	if strings.ToLower(filepath.Ext(name)) == ".qdpx" {
		return readQDPX(r, size)
	}
	if size > MaxFileBytes {
		return nil, coding.Errorf(coding.ETOOLARGE, "codebook file %q is larger than the limit of %s", name, unzip.SizeLabel(MaxFileBytes))
	}
	data := make([]byte, size)
	if _, err := r.ReadAt(data, 0); err != nil && !(errors.Is(err, io.EOF) && size == 0) {
		return nil, fmt.Errorf("read codebook file %q: %w", name, err)
	}
	return Read(name, data)
}

// readCSV reads comma-, semicolon- or tab-separated UTF-8 text
// (a byte-order mark is allowed).
func readCSV(data []byte) (*Codebook, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = guessDelimiter(data)
	r.FieldsPerRecord = -1
	var records [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, coding.Errorf(coding.EINVALID, "codebook CSV: %v", err)
		}
		line, _ := r.FieldPos(0)
		records, lines = append(records, rec), append(lines, line)
	}
	return fromRows(records, lines)
}

// guessDelimiter picks the separator of the header line: spreadsheet
// programs in many European locales write semicolons.
func guessDelimiter(data []byte) rune {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	best, n := ',', bytes.Count(first, []byte(","))
	for _, d := range []rune{';', '\t'} {
		if c := bytes.Count(first, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}

// readXLSX reads the first sheet of a workbook.
func readXLSX(data []byte) (*Codebook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, coding.Errorf(coding.EINVALID, "codebook workbook cannot be read: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "codebook workbook has no sheets")
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, coding.Errorf(coding.EINVALID, "codebook workbook sheet %q cannot be read: %v", sheets[0], err)
	}
	lines := make([]int, len(rows))
	for i := range rows {
		lines[i] = i + 1
	}
	return fromRows(rows, lines)
}

// fromRows maps a header row and data rows to entries.
func fromRows(rows [][]string, lines []int) (*Codebook, error) {
	if len(rows) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "codebook sheet is empty")
	}
	// Exports neutralise formula-like text with a leading apostrophe
	// (coding.SpreadsheetSafe); reading them back drops it.
	for _, rec := range rows[1:] {
		for i, cell := range rec {
			rec[i] = coding.SpreadsheetText(cell)
		}
	}
	cb := &Codebook{Entries: []Entry{}, Facets: []string{}}
	cols := map[string]int{}
	facets := map[int]string{}
	for i, h := range rows[0] {
		key := strings.ToLower(strings.TrimSpace(h))
		switch {
		case strings.HasPrefix(key, ColFacetPrefix):
			name := strings.TrimSpace(strings.TrimSpace(h)[len(ColFacetPrefix):])
			facets[i] = name
			cb.Facets = append(cb.Facets, name)
		case headerAliases[key] != "":
			if _, dup := cols[headerAliases[key]]; !dup {
				cols[headerAliases[key]] = i
			}
		case key == ColExample || key == ColQuotes || key == ColDocuments || key == ColCases || key == "":
		default:
			cb.Ignored = append(cb.Ignored, strings.TrimSpace(h))
		}
	}
	if _, ok := cols[ColName]; !ok {
		return nil, coding.Errorf(coding.EINVALID, "codebook sheet has no %q column (columns: %s)", ColName, strings.Join(rows[0], ", "))
	}
	get := func(rec []string, col string) string {
		if i, ok := cols[col]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for n, rec := range rows[1:] {
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		e := Entry{
			Line: lines[n+1], Name: get(rec, ColName), Level: parseLevel(get(rec, ColLevel)),
			Parent:     splitParent(get(rec, ColParent)),
			Definition: get(rec, ColDefinition), Inclusion: get(rec, ColInclusion), Exclusion: get(rec, ColExclusion),
			Color: get(rec, ColColor), Facets: []FacetValue{},
		}
		for i := range rec {
			if f, ok := facets[i]; ok && strings.TrimSpace(rec[i]) != "" {
				e.Facets = append(e.Facets, FacetValue{Facet: f, Value: strings.TrimSpace(rec[i])})
			}
		}
		cb.Entries = append(cb.Entries, e)
	}
	inferLevels(cb.Entries)
	return cb, nil
}

// headerAliases maps accepted column headers to the codebook columns.
var headerAliases = map[string]string{
	"name": ColName, "code": ColName, "code name": ColName,
	"level": ColLevel, "gioia level": ColLevel,
	"parent": ColParent, "parent path": ColParent,
	"definition": ColDefinition, "description": ColDefinition,
	"inclusion": ColInclusion, "inclusion criteria": ColInclusion, "when to use": ColInclusion,
	"exclusion": ColExclusion, "exclusion criteria": ColExclusion, "when not to use": ColExclusion,
	"color": ColColor, "colour": ColColor,
}

// parseLevel reads a level as researchers write it ("theme",
// "2nd-order theme", "Aggregate dimension"...). Unknown text is kept as
// it is, for Apply to report.
func parseLevel(s string) coding.Level {
	l := strings.ToLower(s)
	switch {
	case l == "":
		return ""
	case strings.Contains(l, "dimension") || strings.Contains(l, "aggregate"):
		return coding.LevelDimension
	case strings.Contains(l, "theme") || strings.Contains(l, "2nd") || strings.Contains(l, "second"):
		return coding.LevelTheme
	case strings.Contains(l, "concept") || strings.Contains(l, "1st") || strings.Contains(l, "first"):
		return coding.LevelConcept
	}
	return coding.Level(s)
}

// splitParent splits a parent path written with " > " (">" alone works too).
func splitParent(s string) []string {
	out := []string{}
	for _, p := range strings.Split(s, ">") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// inferLevels fills missing levels: a code named as the parent of
// concepts is a theme, of themes a dimension; any other is a concept.
func inferLevels(entries []Entry) {
	for pass := 0; pass < 3; pass++ {
		for i := range entries {
			if entries[i].Level != "" {
				continue
			}
			for _, o := range entries {
				if len(o.Parent) > 0 && strings.EqualFold(o.Parent[len(o.Parent)-1], entries[i].Name) && o.Level.Valid() && o.Level != coding.LevelDimension {
					entries[i].Level = []coding.Level{coding.LevelTheme, coding.LevelDimension}[o.Level.Rank()]
					break
				}
			}
		}
	}
	for i := range entries {
		if entries[i].Level == "" {
			entries[i].Level = coding.LevelConcept
		}
	}
}
