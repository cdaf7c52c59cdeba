package refi

import (
	"math"
	"strconv"
	"strings"

	"tessera/coding"
)

// planVariables reads the variable declarations. A variable marked (or,
// from other programs, named) as one of the document metadata fields
// fills that field when a source uses it.
func (p *planner) planVariables() {
	for _, v := range p.xp.Variables {
		pv := &planVariable{name: cleanLine(v.Name), typ: strings.TrimSpace(v.Type)}
		var vm variableMarker
		if _, ok := splitMarker(v.Description, &vm); ok {
			pv.list = vm.Type == string(coding.AttrList)
			pv.doc = vm.Document
		}
		if pv.doc == "" {
			for _, f := range docFields {
				if strings.EqualFold(f.name, pv.name) {
					pv.doc = f.key
				}
			}
		}
		p.variables[normGUID(v.GUID)] = pv
	}
}

// planCases plans the cases with their attributes and assigns each
// source to the first case that lists it.
func (p *planner) planCases() {
	taken := map[string]bool{}
	for i, x := range p.xp.Cases {
		name := p.cleanName("case", x.Name, "Case "+strconv.Itoa(i+1))
		unique := uniqueName(name, func(s string) bool { return taken[strings.ToLower(s)] })
		if unique != name {
			p.rep.warnf("case %q was renamed %q: another case has that name", name, unique)
		}
		taken[strings.ToLower(unique)] = true
		pc := &planCase{guid: normGUID(x.GUID), c: coding.Case{Name: unique, Attributes: []coding.Attribute{}}}
		p.planAttributes(pc, x.Values)
		for _, ref := range x.SourceRefs {
			d := p.docByGUID[ref.ref()]
			switch {
			case d == nil && p.skippedSources[ref.ref()]:
				// The source was skipped and reported already.
			case d == nil:
				p.rep.skip("SourceRef", ref.ref(), "", "case %q refers to a source that is not in the project", unique)
			case d.cas != nil:
				p.rep.warnf("source %q belongs to the cases %q and %q; Tessera keeps it in %q", d.doc.Title, d.cas.c.Name, unique, d.cas.c.Name)
			default:
				d.cas = pc
			}
		}
		for _, ref := range x.CodeRefs {
			p.rep.skip("CodeRef", ref.ref(), "", "case %q is coded with a code; Tessera codes passages of documents, not cases", unique)
		}
		for _, ref := range x.SelectionRefs {
			p.rep.skip("SelectionRef", ref.ref(), "", "case %q lists a single selection; Tessera assigns whole documents to cases", unique)
		}
		if strings.TrimSpace(x.Description) != "" {
			p.rep.warnf("the description of case %q was kept as a memo on the case", unique)
			p.memos = append(p.memos, &planMemo{m: coding.Memo{Title: "Description", Body: strings.TrimSpace(x.Description)}, cas: pc})
		}
		if pc.guid != "" {
			p.caseByGUID[pc.guid] = pc
		}
		p.cases = append(p.cases, pc)
	}
}

// planAttributes turns a case's variable values into attributes.
func (p *planner) planAttributes(pc *planCase, values []inValue) {
	for _, val := range values {
		v := p.variables[val.Variable.ref()]
		if v == nil {
			p.rep.skip("VariableValue", val.Variable.ref(), "", "case %q has a value of a variable that is not declared", pc.c.Name)
			continue
		}
		a, err := attribute(v, val)
		if err == nil {
			err = a.Validate()
		}
		if err == nil && pc.c.Attribute(a.Name) != nil {
			err = coding.Errorf(coding.EINVALID, "the case has two values of %q", a.Name)
		}
		if err != nil {
			p.rep.skip("VariableValue", v.name, "", "case %q: %s", pc.c.Name, coding.ErrorMessage(err))
			continue
		}
		pc.c.Attributes = append(pc.c.Attributes, a)
	}
}

// attribute converts a variable value: Integer and Float become numbers,
// Date dates, Text text (or a list, split at ";", when marked as one);
// Boolean and DateTime values are kept as text. A value element missing
// gives an empty attribute of the variable's type.
func attribute(v *planVariable, val inValue) (coding.Attribute, error) {
	a := coding.Attribute{Name: v.name}
	var s *string
	kind := v.typ
	for _, c := range []struct {
		kind string
		s    *string
	}{{"Text", val.Text}, {"Boolean", val.Boolean}, {"Integer", val.Integer}, {"Float", val.Float}, {"Date", val.Date}, {"DateTime", val.DateTime}} {
		if c.s != nil {
			s = c.s
			if kind == "" {
				kind = c.kind
			}
			break
		}
	}
	switch kind {
	case "Integer", "Float":
		a.Type = coding.AttrNumber
	case "Date":
		a.Type = coding.AttrDate
	default:
		a.Type = coding.AttrText
		if v.list {
			a.Type = coding.AttrList
		}
	}
	if s == nil {
		return a, nil
	}
	text := strings.TrimSpace(*s)
	switch a.Type {
	case coding.AttrNumber:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return a, coding.Errorf(coding.EINVALID, "%q is not a number", text)
		}
		a.Value = f
	case coding.AttrDate:
		// xsd:date may carry a time zone ("2019-03-18Z"); the day is kept.
		if len(text) > 10 {
			text = text[:10]
		}
		a.Value = text
	default:
		a.Value = text
	}
	return a, nil
}
