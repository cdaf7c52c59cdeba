package agreement_test

import (
	"math"
	"testing"

	"tessera/coding"
	"tessera/coding/agreement"
)

// TestComputeRejectsInvalidInput checks that malformed input gives an
// EINVALID error with a message for the researcher.
func TestComputeRejectsInvalidInput(t *testing.T) {
	valid := func() agreement.Input {
		return agreement.Input{
			Documents: map[string]int{"d": 10},
			Coders:    []string{"aino", "bjorn"},
			Quotes:    []*coding.Quote{quote("d", "aino", 0, 5, "x")},
		}
	}
	tests := []struct {
		name   string
		change func(in *agreement.Input)
	}{
		{"no coders", func(in *agreement.Input) { in.Coders = nil }},
		{"one coder", func(in *agreement.Input) { in.Coders = []string{"aino"} }},
		{"a coder twice", func(in *agreement.Input) { in.Coders = []string{"aino", "aino"} }},
		{"an unnamed coder", func(in *agreement.Input) { in.Coders = []string{"aino", ""} }},
		{"no documents", func(in *agreement.Input) { in.Documents = nil }},
		{"a negative length", func(in *agreement.Input) { in.Documents["e"] = -1 }},
		{"an unnamed document", func(in *agreement.Input) { in.Documents[""] = 3 }},
		{"a quote past the end", func(in *agreement.Input) { in.Quotes = append(in.Quotes, quote("d", "bjorn", 5, 11, "x")) }},
		{"a quote before the start", func(in *agreement.Input) { in.Quotes = append(in.Quotes, quote("d", "bjorn", -1, 3, "x")) }},
		{"an empty quote", func(in *agreement.Input) { in.Quotes = append(in.Quotes, quote("d", "bjorn", 4, 4, "x")) }},
		{"a missing quote", func(in *agreement.Input) { in.Quotes = append(in.Quotes, nil) }},
		{"a code twice", func(in *agreement.Input) { in.Codes = []string{"x", "x"} }},
		{"an empty code", func(in *agreement.Input) { in.Codes = []string{""} }},
		{"an overlap above 1", func(in *agreement.Input) { in.MinOverlap = 90 }},
		{"a negative overlap", func(in *agreement.Input) { in.MinOverlap = -0.1 }},
		{"an overlap that is not a number", func(in *agreement.Input) { in.MinOverlap = math.NaN() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := valid()
			tt.change(&in)
			rep, err := agreement.Compute(in)
			if got := coding.ErrorCode(err); got != coding.EINVALID {
				t.Fatalf("got error code %q (%v), want %q", got, err, coding.EINVALID)
			}
			if rep != nil {
				t.Errorf("got a report with the error, want nil")
			}
			if coding.ErrorMessage(err) == "" {
				t.Errorf("got an empty error message")
			}
		})
	}
}

// TestComputeIgnoresOtherQuotes checks that quotes of other coders or on
// other documents are not validated against the compared documents.
func TestComputeIgnoresOtherQuotes(t *testing.T) {
	_, err := agreement.Compute(agreement.Input{
		Documents: map[string]int{"d": 10},
		Coders:    []string{"aino", "bjorn"},
		Quotes: []*coding.Quote{
			quote("d", "carl", 0, 50, "x"),  // another coder, beyond the end
			quote("e", "aino", 0, 500, "x"), // another document
		},
	})
	if err != nil {
		t.Errorf("got error %v, want none", err)
	}
}
