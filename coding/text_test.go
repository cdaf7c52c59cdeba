package coding_test

import (
	"testing"

	"tessera/coding"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantRep        coding.TextReport
	}{
		{"crlf and cr", "a\r\nb\rc\n", "a\nb\nc\n", coding.TextReport{LineEndings: 2}},
		{"controls removed", "Lule\x00å\x07\tok", "Luleå\tok", coding.TextReport{ControlRemoved: 2}},
		{"nfd to nfc", "Lulea\u030a", "Luleå", coding.TextReport{Normalized: true}},
		{"bom dropped", "\ufeffKohtamäki 👍", "Kohtamäki 👍", coding.TextReport{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rep := coding.NormalizeText(tt.in)
			if got != tt.want || rep != tt.wantRep {
				t.Errorf("got %q %+v, want %q %+v", got, rep, tt.want, tt.wantRep)
			}
		})
	}
}

func TestSliceAndOffsets(t *testing.T) {
	s := "Åsa: Luleå 👍 ok"
	if got := coding.Slice(s, 5, 12); got != "Luleå 👍" {
		t.Errorf("got %q, want %q", got, "Luleå 👍")
	}
	b := coding.ByteOffset(s, 12)
	if got := coding.RuneOffset(s, b); got != 12 {
		t.Errorf("got rune offset %d, want 12", got)
	}
	if got := coding.RuneLen(s); got != 15 {
		t.Errorf("got length %d, want 15", got)
	}
}

func TestInferAttribute(t *testing.T) {
	tests := []struct {
		cell     string
		wantType coding.AttrType
		wantStr  string
	}{
		{"45", coding.AttrNumber, "45"},
		{"4.20", coding.AttrNumber, "4.2"},
		{"2011-05-01", coding.AttrDate, "2011-05-01"},
		{"Sweden; Germany;Japan", coding.AttrList, "Sweden; Germany; Japan"},
		{"medical technology", coding.AttrText, "medical technology"},
		{"Inf", coding.AttrText, "Inf"},
	}
	for _, tt := range tests {
		a := coding.InferAttribute("x", tt.cell)
		if a.Type != tt.wantType || a.String() != tt.wantStr {
			t.Errorf("%q: got %s %q, want %s %q", tt.cell, a.Type, a.String(), tt.wantType, tt.wantStr)
		}
	}
	bad := coding.Attribute{Name: "employees", Type: coding.AttrNumber, Value: "many"}
	if got := coding.ErrorCode(bad.Validate()); got != coding.EINVALID {
		t.Errorf("got %q, want %q", got, coding.EINVALID)
	}
}

func TestDocumentValidate(t *testing.T) {
	d := &coding.Document{Title: "x", Text: "a\r\nb"}
	if got := coding.ErrorCode(d.Validate()); got != coding.EINVALID {
		t.Errorf("unnormalised text: got %q, want %q", got, coding.EINVALID)
	}
	d = &coding.Document{Title: "x", Text: "Anna: hi", Turns: []coding.Turn{{Speaker: "Anna", Start: 6, End: 9}}}
	if got := coding.ErrorCode(d.Validate()); got != coding.EINVALID {
		t.Errorf("turn past the end: got %q, want %q", got, coding.EINVALID)
	}
	d = &coding.Document{Title: "x", Text: "no speakers here"}
	if err := d.Validate(); err != nil || len(d.Turns) != 1 || d.Turns[0].End != 16 {
		t.Errorf("got %+v, %v; want one turn over the whole text", d.Turns, err)
	}
}

func TestErrorHelpers(t *testing.T) {
	err := coding.Errorf(coding.ENOTFOUND, "code %q not found", "x")
	if coding.ErrorCode(err) != coding.ENOTFOUND || coding.ErrorMessage(err) != `code "x" not found` {
		t.Errorf("got %q %q", coding.ErrorCode(err), coding.ErrorMessage(err))
	}
	if coding.ErrorCode(nil) != "" || coding.ErrorMessage(errPlain{}) != "internal error" || coding.ErrorCode(errPlain{}) != coding.EINTERNAL {
		t.Error("plain errors must be internal")
	}
}

type errPlain struct{}

func (errPlain) Error() string { return "disk on fire" }

func TestGUID(t *testing.T) {
	a, b := coding.GUID("01HX"), coding.GUID("01HX")
	if a != b || len(a) != 36 || a[14] != '5' || a == coding.GUID("01HY") {
		t.Errorf("got %q and %q, want one stable version-5 UUID per ID", a, b)
	}
}
