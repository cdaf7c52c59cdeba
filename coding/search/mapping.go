package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"tessera/coding"
)

// LayoutVersion is the version of the index layout: the mapping, the
// analyzers, the unit IDs and what term vectors record. An index written
// with another version is rebuilt from the store.
const LayoutVersion = 2

// Kinds of indexed units (coding.UnitTurn...).
const (
	KindTurn  = coding.UnitTurn
	KindQuote = coding.UnitQuote
	KindMemo  = coding.UnitMemo
	KindCode  = coding.UnitCode
)

// Field names. Every kind uses "text" for its main content (turn text,
// quote text, memo body, code definition) and "title" for its short text
// (quote code names, memo title, code name), so one query reaches all.
const (
	fieldKind     = "kind"
	fieldText     = "text"
	fieldTitle    = "title"
	fieldDocument = "document"
	fieldCase     = "case"
	fieldSpeaker  = "speaker"
	fieldRole     = "role"
	fieldCode     = "code"
	fieldCoder    = "coder"
	fieldDate     = "date"
	fieldSort     = "sort"
)

// newMapping returns the explicit mapping of a project index whose text is
// analysed for language lang (see analyzerLanguage). Nothing is stored:
// the text lives in the store, and hits are turned into results from unit
// IDs, the project catalog and the texts. Units are written as documents
// built by unitDoc, which analyses them itself; the mapping describes the
// same fields to bleve.
func newMapping(lang string) (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(wordsAnalyzer, map[string]any{"type": custom.Name, "tokenizer": tokenizerName}); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = wordsAnalyzer
	im.TypeField = fieldKind
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()
	field := func(name string) *mapping.FieldMapping {
		if name == fieldText || name == fieldTitle {
			// Words keep their positions (term vectors) for phrases and proximity.
			f := bleve.NewTextFieldMapping()
			f.Analyzer, f.Store, f.IncludeInAll, f.DocValues = wordsAnalyzer, false, false, false
			f.IncludeTermVectors = true
			return f
		}
		// An exact identifier or name; facet and sort fields keep doc values.
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer, f.Store, f.IncludeInAll, f.IncludeTermVectors = keyword.Name, false, false, false
		f.DocValues = keywordDocValues[name]
		return f
	}
	for kind, names := range kindFields {
		dm := bleve.NewDocumentStaticMapping()
		for _, name := range names {
			dm.AddFieldMappingsAt(name, field(name))
		}
		dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
		im.AddDocumentMapping(kind, dm)
	}
	return im, nil
}

// keywordDocValues lists the keyword fields that keep doc values, for
// facets and sorting.
var keywordDocValues = map[string]bool{fieldDocument: true, fieldCase: true, fieldSpeaker: true, fieldCode: true, fieldSort: true}

// kindFields lists the fields of each kind of unit.
var kindFields = map[string][]string{
	KindTurn:  {fieldKind, fieldText, fieldDocument, fieldCase, fieldSpeaker, fieldRole, fieldCode, fieldDate, fieldSort},
	KindQuote: {fieldKind, fieldText, fieldTitle, fieldDocument, fieldCase, fieldSpeaker, fieldRole, fieldCode, fieldCoder, fieldDate, fieldSort},
	KindMemo:  {fieldKind, fieldText, fieldTitle, fieldDocument, fieldCase, fieldCode, fieldCoder, fieldDate, fieldSort},
	KindCode:  {fieldKind, fieldText, fieldTitle, fieldCode, fieldDate, fieldSort},
}
