package refi

import "encoding/xml"

// The types below write project.qde. Field order follows the sequences of
// Project-mrt2019.xsd, which validation enforces; empty optional parts are
// left out. Lists inside a wrapper element (Users>User...) are pointers:
// encoding/xml writes the wrapper of any non-nil field, and the schema
// forbids empty wrappers. See some.

type outProject struct {
	XMLName          xml.Name       `xml:"urn:QDA-XML:project:1.0 Project"`
	XSI              string         `xml:"xmlns:xsi,attr"`
	SchemaLocation   string         `xml:"xsi:schemaLocation,attr"`
	Name             string         `xml:"name,attr"`
	Origin           string         `xml:"origin,attr,omitempty"`
	CreationDateTime string         `xml:"creationDateTime,attr,omitempty"`
	Users            *[]outUser     `xml:"Users>User"`
	Codes            *[]outCode     `xml:"CodeBook>Codes>Code"`
	Variables        *[]outVariable `xml:"Variables>Variable"`
	Cases            *[]outCase     `xml:"Cases>Case"`
	Sources          *[]outSource   `xml:"Sources>TextSource"`
	Notes            *[]outSource   `xml:"Notes>Note"`
	Links            *[]outLink     `xml:"Links>Link"`
	Sets             *[]outSet      `xml:"Sets>Set"`
	Description      string         `xml:"Description,omitempty"`
	NoteRefs         []outRef       `xml:"NoteRef"`
}

type outUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
}

type outCode struct {
	GUID        string    `xml:"guid,attr"`
	Name        string    `xml:"name,attr"`
	IsCodable   bool      `xml:"isCodable,attr"`
	Color       string    `xml:"color,attr,omitempty"`
	Description string    `xml:"Description,omitempty"`
	NoteRefs    []outRef  `xml:"NoteRef"`
	Codes       []outCode `xml:"Code"`
}

type outVariable struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Type        string `xml:"typeOfVariable,attr"`
	Description string `xml:"Description,omitempty"`
}

type outCase struct {
	GUID       string     `xml:"guid,attr"`
	Name       string     `xml:"name,attr"`
	Values     []outValue `xml:"VariableValue"`
	SourceRefs []outRef   `xml:"SourceRef"`
}

// outValue is a VariableValue: the variable and at most one value.
type outValue struct {
	Variable outRef  `xml:"VariableRef"`
	Text     *string `xml:"TextValue"`
	Integer  *string `xml:"IntegerValue"`
	Float    *string `xml:"FloatValue"`
	Date     *string `xml:"DateValue"`
}

// outSource is a TextSource, or a Note (the schema gives notes the same
// type).
type outSource struct {
	GUID             string         `xml:"guid,attr"`
	Name             string         `xml:"name,attr,omitempty"`
	PlainTextPath    string         `xml:"plainTextPath,attr,omitempty"`
	CreatingUser     string         `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string         `xml:"creationDateTime,attr,omitempty"`
	ModifyingUser    string         `xml:"modifyingUser,attr,omitempty"`
	ModifiedDateTime string         `xml:"modifiedDateTime,attr,omitempty"`
	Description      string         `xml:"Description,omitempty"`
	Content          *string        `xml:"PlainTextContent"`
	Selections       []outSelection `xml:"PlainTextSelection"`
	NoteRefs         []outRef       `xml:"NoteRef"`
	Values           []outValue     `xml:"VariableValue"`
}

type outSelection struct {
	GUID             string      `xml:"guid,attr"`
	Start            int         `xml:"startPosition,attr"`
	End              int         `xml:"endPosition,attr"`
	CreatingUser     string      `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string      `xml:"creationDateTime,attr,omitempty"`
	ModifyingUser    string      `xml:"modifyingUser,attr,omitempty"`
	ModifiedDateTime string      `xml:"modifiedDateTime,attr,omitempty"`
	Description      string      `xml:"Description,omitempty"`
	Codings          []outCoding `xml:"Coding"`
	NoteRefs         []outRef    `xml:"NoteRef"`
}

type outCoding struct {
	GUID             string `xml:"guid,attr"`
	CreatingUser     string `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string `xml:"creationDateTime,attr,omitempty"`
	CodeRef          outRef `xml:"CodeRef"`
}

type outLink struct {
	GUID      string `xml:"guid,attr"`
	Name      string `xml:"name,attr,omitempty"`
	Direction string `xml:"direction,attr"`
	Origin    string `xml:"originGUID,attr"`
	Target    string `xml:"targetGUID,attr"`
}

type outSet struct {
	GUID        string   `xml:"guid,attr"`
	Name        string   `xml:"name,attr"`
	Description string   `xml:"Description,omitempty"`
	Members     []outRef `xml:"MemberCode"`
	Sources     []outRef `xml:"MemberSource"`
}

// outRef is any of the reference types (CodeRef, NoteRef, SourceRef,
// VariableRef, MemberCode): a target GUID.
type outRef struct {
	Target string `xml:"targetGUID,attr"`
}

// some returns a pointer to s, or nil when s is empty, for the wrapped
// lists of outProject.
func some[T any](s []T) *[]T {
	if len(s) == 0 {
		return nil
	}
	return &s
}
