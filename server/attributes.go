package server

import (
	"bytes"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"tessera/coding"
)

// attributesInput holds case attributes as clients send them: either an
// array of {name, type, value} or an object {"sector": "software",
// "employees": 45, "markets": ["SE", "DE"]}, whose keys keep their order
// and whose types are inferred from the values.
type attributesInput []coding.Attribute

// UnmarshalJSON accepts both forms.
func (a *attributesInput) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*a = nil
		return nil
	case len(b) > 0 && b[0] == '[':
		list, err := attributesFromArray(b)
		if err != nil {
			return err
		}
		*a = list
		return nil
	case len(b) > 0 && b[0] == '{':
		list, err := attributesFromObject(b)
		if err != nil {
			return coding.Errorf(coding.EINVALID, "attributes: %s", err)
		}
		*a = list
		return nil
	}
	return coding.Errorf(coding.EINVALID, "attributes must be an array of {name, type, value} or an object of name: value")
}

// attributesFromObject reads {"name": value, ...} in key order.
func attributesFromObject(b []byte) ([]coding.Attribute, error) {
	dec := jsontext.NewDecoder(bytes.NewReader(b))
	if _, err := dec.ReadToken(); err != nil { // the opening brace
		return nil, err
	}
	list := []coding.Attribute{}
	for dec.PeekKind() == '"' {
		tok, err := dec.ReadToken()
		if err != nil {
			return nil, err
		}
		name := tok.String() // before the decoder moves on
		var value any
		if err := json.UnmarshalDecode(dec, &value); err != nil {
			return nil, err
		}
		list = append(list, coding.Attribute{Name: name, Value: value})
	}
	if _, err := dec.ReadToken(); err != nil { // the closing brace
		return nil, err
	}
	return list, nil
}

// attributeJSON mirrors coding.Attribute without its custom decoding, so
// unknown fields are caught.
type attributeJSON struct {
	Name  string          `json:"name"`
	Type  coding.AttrType `json:"type"`
	Value any             `json:"value"`
}

// attributesFromArray reads [{name, type, value}, ...], rejecting unknown
// fields.
func attributesFromArray(b []byte) ([]coding.Attribute, error) {
	var items []jsontext.Value
	if err := json.Unmarshal(b, &items); err != nil {
		return nil, coding.Errorf(coding.EINVALID, "attributes: %s", coding.ErrorMessage(jsonError(b, err)))
	}
	list := make([]coding.Attribute, 0, len(items))
	for i, item := range items {
		var a attributeJSON
		if err := unmarshalStrict(item, &a); err != nil {
			return nil, coding.Errorf(coding.EINVALID, "attribute %d: %s", i+1, coding.ErrorMessage(err))
		}
		list = append(list, coding.Attribute(a))
	}
	return list, nil
}
