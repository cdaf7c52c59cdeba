package server

import (
	"bytes"
	"encoding/json"
	"fmt"

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
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil { // the opening brace
		return nil, err
	}
	list := []coding.Attribute{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, ok := tok.(string)
		if !ok {
			return nil, fmt.Errorf("unexpected %v", tok)
		}
		var value any
		if err := dec.Decode(&value); err != nil {
			return nil, err
		}
		list = append(list, coding.Attribute{Name: name, Value: value})
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
	var items []json.RawMessage
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
