package coding_test

import (
	"testing"

	"tessera/coding"
)

func TestSpreadsheetSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
		{"+SUM(A1:A2)", "'+SUM(A1:A2)"},
		{"-2+3", "'-2+3"},
		{"@SUM(1)", "'@SUM(1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-Inf", "'-Inf"},
		{"-12", "-12"},
		{"+3.5", "+3.5"},
		{"-1e5", "-1e5"},
		{"Kohtamäki = CFO", "Kohtamäki = CFO"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := coding.SpreadsheetSafe(tt.in); got != tt.want {
			t.Errorf("SpreadsheetSafe(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}
