package refi

import (
	"math"
	"strings"

	"tessera/coding"
)

// REFI-QDA variable types Tessera writes.
const (
	varText    = "Text"
	varInteger = "Integer"
	varFloat   = "Float"
	varDate    = "Date"
)

// docField is a document metadata field written as a source variable.
type docField struct {
	key, name, typ string
	get            func(coding.DocumentMeta) string
}

// docFields lists the document metadata in the order written.
var docFields = []docField{
	{"informant_role", "Informant role", varText, func(m coding.DocumentMeta) string { return m.InformantRole }},
	{"interview_date", "Interview date", varDate, func(m coding.DocumentMeta) string { return m.InterviewDate }},
	{"interviewer", "Interviewer", varText, func(m coding.DocumentMeta) string { return m.Interviewer }},
	{"language", "Language", varText, func(m coding.DocumentMeta) string { return m.Language }},
}

// caseVariable is a case attribute name declared as a project variable.
type caseVariable struct {
	name string
	typ  string
	list bool
}

// caseVariables declares one variable per attribute name (compared
// case-insensitively) in order of first appearance. The type is the one
// all cases agree on: numbers are Integer when every value is whole,
// lists are Text marked as lists, and names used with different types
// become Text.
func (x *exporter) caseVariables() (keys []string, vars map[string]*caseVariable) {
	vars = map[string]*caseVariable{}
	types := map[string]map[coding.AttrType]bool{}    // types of the values
	declared := map[string]map[coding.AttrType]bool{} // types of empty attributes
	whole := map[string]bool{}
	for _, c := range x.snap.Cases {
		for _, a := range c.Attributes {
			key := strings.ToLower(a.Name)
			if vars[key] == nil {
				keys = append(keys, key)
				vars[key] = &caseVariable{name: a.Name}
				types[key] = map[coding.AttrType]bool{}
				declared[key] = map[coding.AttrType]bool{}
				whole[key] = true
			}
			if a.Value == nil {
				declared[key][a.Type] = true
				continue
			}
			types[key][a.Type] = true
			if f, ok := a.Value.(float64); ok && (f != math.Trunc(f) || math.Abs(f) >= 1e15) {
				whole[key] = false
			}
		}
	}
	for _, key := range keys {
		v := vars[key]
		v.typ = varText
		ts := types[key]
		if len(ts) == 0 {
			ts = declared[key]
		}
		if len(ts) != 1 {
			continue
		}
		for t := range ts {
			switch t {
			case coding.AttrNumber:
				v.typ = varFloat
				if whole[key] {
					v.typ = varInteger
				}
			case coding.AttrDate:
				v.typ = varDate
			case coding.AttrList:
				v.list = true
			}
		}
	}
	return keys, vars
}

// variableElems declares the case attributes, then the document metadata
// fields that any document uses.
func (x *exporter) variableElems() []outVariable {
	var out []outVariable
	keys, vars := x.caseVariables()
	for _, key := range keys {
		v := vars[key]
		var marker any
		if v.list {
			marker = variableMarker{Type: string(coding.AttrList)}
		}
		out = append(out, outVariable{
			GUID: variableGUID(x.snap.Project.ID, key), Name: v.name, Type: v.typ,
			Description: describe(marker, "Case attribute."),
		})
	}
	for _, f := range x.usedDocFields() {
		out = append(out, outVariable{
			GUID: variableGUID(x.snap.Project.ID, "document:"+f.key), Name: f.name, Type: f.typ,
			Description: describe(variableMarker{Document: f.key}, "Interview metadata of the source."),
		})
	}
	return out
}

// usedDocFields returns the document fields some document fills in.
func (x *exporter) usedDocFields() []docField {
	var out []docField
	for _, f := range docFields {
		for _, d := range x.snap.Documents {
			if f.get(d.Meta) != "" {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// caseElems writes the cases in their order with their attribute values
// and references to their documents.
func (x *exporter) caseElems() []outCase {
	_, vars := x.caseVariables()
	var out []outCase
	for _, c := range x.snap.Cases {
		oc := outCase{GUID: coding.GUID(c.ID), Name: c.Name}
		for _, a := range c.Attributes {
			key := strings.ToLower(a.Name)
			oc.Values = append(oc.Values, attributeValue(variableGUID(x.snap.Project.ID, key), vars[key], a))
		}
		for _, d := range x.snap.Documents {
			if d.CaseID == c.ID {
				oc.SourceRefs = append(oc.SourceRefs, outRef{Target: coding.GUID(d.ID)})
			}
		}
		out = append(out, oc)
	}
	return out
}

// attributeValue writes one attribute as a value of its variable.
func attributeValue(guid string, v *caseVariable, a coding.Attribute) outValue {
	ov := outValue{Variable: outRef{Target: guid}}
	if a.Value == nil {
		return ov
	}
	s := a.String()
	switch v.typ {
	case varInteger:
		ov.Integer = &s
	case varFloat:
		ov.Float = &s
	case varDate:
		ov.Date = &s
	default:
		ov.Text = &s
	}
	return ov
}

// docValues writes a document's metadata as values of the document
// variables.
func (x *exporter) docValues(d *coding.Document) []outValue {
	var out []outValue
	for _, f := range docFields {
		if s := f.get(d.Meta); s != "" {
			s := s
			v := outValue{Variable: outRef{Target: variableGUID(x.snap.Project.ID, "document:"+f.key)}}
			if f.typ == varDate {
				v.Date = &s
			} else {
				v.Text = &s
			}
			out = append(out, v)
		}
	}
	return out
}
