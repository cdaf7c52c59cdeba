package anonymise_test

import (
	"testing"

	"tessera/coding/anonymise"
)

func TestReplaceFoldsCaseAndDiacritics(t *testing.T) {
	r := anonymise.NewReplacer([]anonymise.Rule{
		{Kind: "place", Term: "Luleå", Replacement: "[City]"},
		{Kind: "speaker", Term: "Kohtamäki", Replacement: "Informant 2"},
		{Kind: "term", Term: "Straße", Replacement: "[street]"},
	})
	tests := []struct{ in, want string }{
		{"We moved to Luleå in 2019.", "We moved to [City] in 2019."},
		{"We moved to Lulea in 2019.", "We moved to [City] in 2019."},
		{"LULEÅ and lulea and LuLeA", "[City] and [City] and [City]"},
		{"Kohtamäki said, then KOHTAMAKI and kohtamaki agreed.", "Informant 2 said, then Informant 2 and Informant 2 agreed."},
		{"Lule\u0061\u030a too", "[City] too"}, // a decomposed å
		{"in der Strasse", "in der [street]"},
		{"nothing to see", "nothing to see"},
	}
	for _, tt := range tests {
		if got := r.Replace(tt.in); got != tt.want {
			t.Errorf("Replace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReplaceWholeWordsOnly(t *testing.T) {
	r := anonymise.NewReplacer([]anonymise.Rule{
		{Term: "Anna", Replacement: "Informant 1"},
		{Term: "Nord", Replacement: "Firm A"},
		{Term: "Anna Virtanen", Replacement: "Informant 3"},
		{Term: "A/S", Replacement: "[form]"},
	})
	tests := []struct{ in, want string }{
		{"Annabel and Hanna met Anna.", "Annabel and Hanna met Informant 1."},
		{"Nordic Nordea Nord-Trading Nord.", "Nordic Nordea Firm A-Trading Firm A."},
		{"Anna's view", "Informant 1's view"},
		{"Anna Virtanen said", "Informant 3 said"},
		{"Anna\n  Virtanen said", "Informant 3 said"},
		{"Kemi A/S and A/Sx", "Kemi [form] and A/Sx"},
		{"(Anna)", "(Informant 1)"},
		{"Anna1 is a code", "Anna1 is a code"},
	}
	for _, tt := range tests {
		if got := r.Replace(tt.in); got != tt.want {
			t.Errorf("Replace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchesInCodePoints(t *testing.T) {
	r := anonymise.NewReplacer([]anonymise.Rule{{Term: "Lulea", Replacement: "X"}})
	got := r.Matches("Åsa in Luleå")
	if len(got) != 1 || got[0].Start != 7 || got[0].End != 12 {
		t.Fatalf("Matches = %+v, want one match [7,12)", got)
	}
}

func TestNewReplacerKeepsTheFirstRuleOfATerm(t *testing.T) {
	r := anonymise.NewReplacer([]anonymise.Rule{
		{Kind: "term", Term: "Lulea", Replacement: "the northern city"},
		{Kind: "place", Term: "Luleå", Replacement: "[City]"},
		{Kind: "term", Term: "   ", Replacement: "nothing"},
	})
	if got := len(r.Rules()); got != 1 {
		t.Fatalf("got %d rules, want 1", got)
	}
	if got, want := r.Replace("Luleå"), "the northern city"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
