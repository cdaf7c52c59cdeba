package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"tessera/coding"
)

// CodingFile is a starter coding of a study: facets, a codebook as a tree
// and coded quotes located by their exact text (see docs/import.md).
type CodingFile struct {
	Facets []CodingFacet `json:"facets"`
	Codes  []CodingCode  `json:"codes"`
	Quotes []CodingQuote `json:"quotes"`
}

// CodingFacet is a facet and its values.
type CodingFacet struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
}

// CodingCode is a code and the codes grouped under it.
type CodingCode struct {
	Name string `json:"name"`
	// Level is "dimension", "theme" or "concept"; when empty it follows
	// from the tree: codes without children are concepts, codes whose
	// children have none are themes, others dimensions.
	Level      string `json:"level"`
	Definition string `json:"definition"`
	Inclusion  string `json:"inclusion"`
	Exclusion  string `json:"exclusion"`
	Color      string `json:"color"`
	// Facets maps facet names to this code's value.
	Facets   map[string]string `json:"facets"`
	Children []CodingCode      `json:"children"`
}

// CodingQuote is a coded passage: the document's path relative to the
// imported folder, the passage's exact text, code names and a memo.
type CodingQuote struct {
	Document string   `json:"document"`
	Text     string   `json:"text"`
	Codes    []string `json:"codes"`
	Memo     string   `json:"memo"`
}

// CodingReport tells what ApplyCoding did. Errors lists quotes that could
// not be placed (text not found, unknown document or code).
type CodingReport struct {
	FacetsCreated int      `json:"facets_created"`
	CodesCreated  int      `json:"codes_created"`
	QuotesCreated int      `json:"quotes_created"`
	QuotesMerged  int      `json:"quotes_merged"`
	Errors        []string `json:"errors"`
}

// ApplyCoding loads a starter coding (coding.json) into the project:
// facets (created, or given missing values), codes in the listed order
// with parents from the nesting and facet values by name (a code that
// already exists under the same parent is reused), then quotes. Each
// quote's text is searched exactly in the stored text of its document
// (docsByFile maps file paths relative to the imported folder to
// document IDs) and the first occurrence is coded; a quote on a range
// already coded adds its codes to that quote. Problems with quotes are
// reported without stopping; a malformed file or codebook is an error.
func (im *Importer) ApplyCoding(ctx context.Context, projectID string, data []byte, docsByFile map[string]string) (*CodingReport, error) {
	var cf CodingFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cf); err != nil {
		return nil, coding.Errorf(coding.EINVALID, "the coding file is not valid: %v", err)
	}
	rep := &CodingReport{Errors: []string{}}
	facets, err := im.applyFacets(ctx, projectID, cf.Facets, rep)
	if err != nil {
		return rep, err
	}
	cb := &codebookLoader{im: im, pid: projectID, facets: facets, rep: rep, byName: map[string][]string{}}
	if err := cb.load(ctx); err != nil {
		return rep, err
	}
	for _, c := range cf.Codes {
		if err := cb.add(ctx, c, "", ""); err != nil {
			return rep, err
		}
	}
	ql := &quoteLoader{im: im, pid: projectID, codes: cb.byName, rep: rep, docs: map[string]*coding.Document{},
		quotes: map[string]map[[2]int]*coding.Quote{}, files: map[string]string{}}
	for k, v := range docsByFile {
		ql.files[cleanPath(k)] = v
	}
	for i, q := range cf.Quotes {
		if err := ql.add(ctx, i+1, q); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// applyFacets creates the facets or adds their missing values, and
// returns the project's facets by lower-case name.
func (im *Importer) applyFacets(ctx context.Context, pid string, list []CodingFacet, rep *CodingReport) (map[string]*coding.Facet, error) {
	existing, err := im.Store.ListFacets(ctx, pid)
	if err != nil {
		return nil, err
	}
	byName := map[string]*coding.Facet{}
	for _, f := range existing {
		byName[strings.ToLower(f.Name)] = f
	}
	for _, cf := range list {
		f, ok := byName[strings.ToLower(strings.TrimSpace(cf.Name))]
		if !ok {
			f = &coding.Facet{ProjectID: pid, Name: cf.Name, Values: cf.Values}
			if err := im.Store.CreateFacet(ctx, f); err != nil {
				return nil, codingErr(fmt.Sprintf("facet %q", cf.Name), err)
			}
			byName[strings.ToLower(f.Name)] = f
			rep.FacetsCreated++
			continue
		}
		values := append([]string(nil), f.Values...)
		for _, v := range cf.Values {
			if _, has := f.HasValue(v); !has {
				values = append(values, v)
			}
		}
		if len(values) > len(f.Values) {
			if f, err = im.Store.UpdateFacet(ctx, pid, f.ID, coding.FacetUpdate{Values: values}); err != nil {
				return nil, codingErr(fmt.Sprintf("facet %q", cf.Name), err)
			}
			byName[strings.ToLower(f.Name)] = f
		}
	}
	return byName, nil
}

// codingErr prefixes a domain error's message with what it concerns.
func codingErr(what string, err error) error {
	if coding.ErrorCode(err) == coding.EINTERNAL {
		return err
	}
	return coding.Errorf(coding.ErrorCode(err), "the coding file: %s: %s", what, coding.ErrorMessage(err))
}

// codebookLoader creates the codes of a coding file.
type codebookLoader struct {
	im       *Importer
	pid      string
	facets   map[string]*coding.Facet
	rep      *CodingReport
	existing map[string]*coding.Code // parent ID + "/" + lower-case name
	byName   map[string][]string     // lower-case name -> code IDs
}

func (cb *codebookLoader) load(ctx context.Context) error {
	codes, err := cb.im.Store.ListCodes(ctx, cb.pid)
	if err != nil {
		return err
	}
	cb.existing = map[string]*coding.Code{}
	for _, c := range codes {
		cb.existing[c.ParentID+"/"+strings.ToLower(c.Name)] = c
		cb.byName[strings.ToLower(c.Name)] = append(cb.byName[strings.ToLower(c.Name)], c.ID)
	}
	return nil
}

// add creates (or finds) c under parentID, sets its facets, then adds
// its children. A code without a colour takes its parent's, so each
// branch of the data structure reads as one colour.
func (cb *codebookLoader) add(ctx context.Context, c CodingCode, parentID, parentColor string) error {
	if c.Color == "" {
		c.Color = parentColor
	}
	level := coding.Level(strings.ToLower(strings.TrimSpace(c.Level)))
	if level == "" {
		level = impliedLevel(c)
	}
	code, ok := cb.existing[parentID+"/"+strings.ToLower(strings.TrimSpace(c.Name))]
	if !ok || code.Level != level {
		code = &coding.Code{ProjectID: cb.pid, Level: level, ParentID: parentID, Name: c.Name,
			Definition: c.Definition, Inclusion: c.Inclusion, Exclusion: c.Exclusion, Color: c.Color}
		if err := cb.im.Store.CreateCode(ctx, code); err != nil {
			return codingErr(fmt.Sprintf("code %q", c.Name), err)
		}
		cb.rep.CodesCreated++
		key := strings.ToLower(code.Name)
		cb.byName[key] = append(cb.byName[key], code.ID)
	}
	names := make([]string, 0, len(c.Facets))
	for name := range c.Facets {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := cb.facets[strings.ToLower(strings.TrimSpace(name))]
		if f == nil {
			return coding.Errorf(coding.EINVALID, "the coding file: code %q: facet %q is not listed in \"facets\"", c.Name, name)
		}
		v, ok := f.HasValue(c.Facets[name])
		if !ok {
			return coding.Errorf(coding.EINVALID, "the coding file: code %q: %q is not a value of facet %q", c.Name, c.Facets[name], f.Name)
		}
		if _, err := cb.im.Store.SetCodeFacet(ctx, cb.pid, code.ID, f.ID, v); err != nil {
			return codingErr(fmt.Sprintf("code %q", c.Name), err)
		}
	}
	for _, child := range c.Children {
		if err := cb.add(ctx, child, code.ID, code.Color); err != nil {
			return err
		}
	}
	return nil
}

// impliedLevel gives a code without a level the level its subtree implies.
func impliedLevel(c CodingCode) coding.Level {
	depth := 0
	var walk func(c CodingCode, d int)
	walk = func(c CodingCode, d int) {
		depth = max(depth, d)
		for _, k := range c.Children {
			walk(k, d+1)
		}
	}
	walk(c, 0)
	switch depth {
	case 0:
		return coding.LevelConcept
	case 1:
		return coding.LevelTheme
	}
	return coding.LevelDimension
}
