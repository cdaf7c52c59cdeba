package refi

import "encoding/xml"

// The types below read project.qde. Child elements are matched by local
// name whatever their namespace, unknown elements and attributes are
// ignored, and every part is optional, so files that stretch the schema
// (extra namespaces, vendor elements, missing attributes) still read.

type inProject struct {
	XMLName     xml.Name     `xml:"Project"`
	Name        string       `xml:"name,attr"`
	Origin      string       `xml:"origin,attr"`
	BasePath    string       `xml:"basePath,attr"`
	Users       []inUser     `xml:"Users>User"`
	Codes       []inCode     `xml:"CodeBook>Codes>Code"`
	Variables   []inVariable `xml:"Variables>Variable"`
	Cases       []inCase     `xml:"Cases>Case"`
	Sources     inAny        `xml:"Sources"`
	Notes       []inSource   `xml:"Notes>Note"`
	Links       []inLink     `xml:"Links>Link"`
	Sets        []inSet      `xml:"Sets>Set"`
	Graphs      []inNamed    `xml:"Graphs>Graph"`
	Description string       `xml:"Description"`
	NoteRefs    []inRef      `xml:"NoteRef"`
}

type inUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
	ID   string `xml:"id,attr"`
}

type inCode struct {
	GUID        string   `xml:"guid,attr"`
	Name        string   `xml:"name,attr"`
	Color       string   `xml:"color,attr"`
	Description string   `xml:"Description"`
	NoteRefs    []inRef  `xml:"NoteRef"`
	Codes       []inCode `xml:"Code"`
}

type inVariable struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Type        string `xml:"typeOfVariable,attr"`
	Description string `xml:"Description"`
}

type inCase struct {
	GUID          string    `xml:"guid,attr"`
	Name          string    `xml:"name,attr"`
	Description   string    `xml:"Description"`
	CodeRefs      []inRef   `xml:"CodeRef"`
	Values        []inValue `xml:"VariableValue"`
	SourceRefs    []inRef   `xml:"SourceRef"`
	SelectionRefs []inRef   `xml:"SelectionRef"`
}

// inValue is a VariableValue; at most one of the value pointers is set.
type inValue struct {
	Variable inRef   `xml:"VariableRef"`
	Text     *string `xml:"TextValue"`
	Boolean  *string `xml:"BooleanValue"`
	Integer  *string `xml:"IntegerValue"`
	Float    *string `xml:"FloatValue"`
	Date     *string `xml:"DateValue"`
	DateTime *string `xml:"DateTimeValue"`
}

// inAny collects the children of Sources, which may come in any order and
// of any kind.
type inAny struct {
	Items []inSource `xml:",any"`
}

// inSource reads every kind of source (TextSource, PDFSource,
// PictureSource, AudioSource, VideoSource) and notes and transcripts,
// which share most of their shape; XMLName tells which one it is.
type inSource struct {
	XMLName          xml.Name
	GUID             string        `xml:"guid,attr"`
	Name             string        `xml:"name,attr"`
	PlainTextPath    string        `xml:"plainTextPath,attr"`
	RichTextPath     string        `xml:"richTextPath,attr"`
	Path             string        `xml:"path,attr"`
	CurrentPath      string        `xml:"currentPath,attr"`
	CreatingUser     string        `xml:"creatingUser,attr"`
	Created          string        `xml:"creationDateTime,attr"`
	ModifyingUser    string        `xml:"modifyingUser,attr"`
	Modified         string        `xml:"modifiedDateTime,attr"`
	Description      string        `xml:"Description"`
	Content          *string       `xml:"PlainTextContent"`
	Selections       []inSelection `xml:"PlainTextSelection"`
	Codings          []inCoding    `xml:"Coding"`
	NoteRefs         []inRef       `xml:"NoteRef"`
	Values           []inValue     `xml:"VariableValue"`
	Representation   *inSource     `xml:"Representation"`
	TextDescription  *inSource     `xml:"TextDescription"`
	Transcripts      []inSource    `xml:"Transcript"`
	PDFSelections    []inNamed     `xml:"PDFSelection"`
	PictureSelection []inNamed     `xml:"PictureSelection"`
	AudioSelections  []inNamed     `xml:"AudioSelection"`
	VideoSelections  []inNamed     `xml:"VideoSelection"`
	TranscriptSel    []inNamed     `xml:"TranscriptSelection"`
}

type inSelection struct {
	GUID         string     `xml:"guid,attr"`
	Name         string     `xml:"name,attr"`
	Start        string     `xml:"startPosition,attr"`
	End          string     `xml:"endPosition,attr"`
	CreatingUser string     `xml:"creatingUser,attr"`
	Created      string     `xml:"creationDateTime,attr"`
	Modifying    string     `xml:"modifyingUser,attr"`
	Modified     string     `xml:"modifiedDateTime,attr"`
	Description  string     `xml:"Description"`
	Codings      []inCoding `xml:"Coding"`
	NoteRefs     []inRef    `xml:"NoteRef"`
}

type inCoding struct {
	GUID         string  `xml:"guid,attr"`
	CreatingUser string  `xml:"creatingUser,attr"`
	Created      string  `xml:"creationDateTime,attr"`
	CodeRef      inRef   `xml:"CodeRef"`
	NoteRefs     []inRef `xml:"NoteRef"`
}

type inLink struct {
	GUID   string `xml:"guid,attr"`
	Name   string `xml:"name,attr"`
	Origin string `xml:"originGUID,attr"`
	Target string `xml:"targetGUID,attr"`
}

type inSet struct {
	GUID          string  `xml:"guid,attr"`
	Name          string  `xml:"name,attr"`
	Description   string  `xml:"Description"`
	MemberCodes   []inRef `xml:"MemberCode"`
	MemberSources []inRef `xml:"MemberSource"`
	MemberNotes   []inRef `xml:"MemberNote"`
}

// inRef is any reference element. Codebook files name the target in a
// guid attribute instead; both are read.
type inRef struct {
	Target string `xml:"targetGUID,attr"`
	GUID   string `xml:"guid,attr"`
}

// ref returns the normalised target GUID.
func (r inRef) ref() string {
	if r.Target != "" {
		return normGUID(r.Target)
	}
	return normGUID(r.GUID)
}

// inNamed is an element Tessera only names in the report.
type inNamed struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
}
