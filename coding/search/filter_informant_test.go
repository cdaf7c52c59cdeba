package search_test

import (
	"testing"

	"tessera/coding"
	"tessera/coding/codingtest"
	"tessera/coding/search"
)

// TestInformantFilters finds the turns and quotes of informants, by ID,
// pseudonym or attribute, and follows changes of informants and links.
func TestInformantFilters(t *testing.T) {
	e := mustEnv(t)
	s := codingtest.NewInformantStudy(t, e.st, "Informant study")
	e.pid = s.Project.ID
	count := func(kind string, filters map[string][]string) int {
		t.Helper()
		return e.search(search.Request{Kinds: []string{kind}, Filters: filters, CountOnly: true}).Total
	}
	tests := []struct {
		name    string
		filters map[string][]string
		turns   int
		quotes  int
	}{
		{"by ID, in two documents", map[string][]string{"informant": {"i-01"}}, 3, 3},
		{"by pseudonym", map[string][]string{"informant": {"Elin"}}, 1, 1},
		{"several informants", map[string][]string{"informant": {"I-03", "I-04"}}, 2, 2},
		{"the interviewer", map[string][]string{"informant": {"INT-01"}}, 10, 0},
		{"attribute text", map[string][]string{"iattr:gender": {"female"}}, 5, 5},
		{"attribute in the value", map[string][]string{"iattr": {"gender=male"}}, 2, 2},
		{"attribute number range", map[string][]string{"iattr:duration": {"40..55"}}, 3, 3},
		{"with a case filter", map[string][]string{"iattr:gender": {"female"}, "case": {"Nordic Sensors AB"}}, 3, 3},
	}
	for _, tt := range tests {
		if got := count("turn", tt.filters); got != tt.turns {
			t.Errorf("%s: got %d turns, want %d", tt.name, got, tt.turns)
		}
		if got := count("quote", tt.filters); got != tt.quotes {
			t.Errorf("%s: got %d quotes, want %d", tt.name, got, tt.quotes)
		}
	}
	if got := e.search(search.Request{Query: `informant:I-02 testing`, Kinds: []string{"turn"}, CountOnly: true}).Total; got != 1 {
		t.Errorf("informant in the query: got %d turns, want 1", got)
	}
	if got := e.search(search.Request{Query: `informant:I-02 Hannover`, Kinds: []string{"turn"}, CountOnly: true}).Total; got != 0 {
		t.Errorf("informant in the query, another's words: got %d turns, want 0", got)
	}
	for _, bad := range []map[string][]string{{"informant": {"I-99"}}, {"iattr:height": {"2"}}, {"iattr": {"gender"}}} {
		if _, err := e.ix.Search(ctx, e.pid, search.Request{Filters: bad}); coding.ErrorCode(err) != coding.EINVALID {
			t.Errorf("filter %v: got %v, want an invalid error", bad, err)
		}
	}
	// A changed attribute and a new link are found at once.
	gender := []coding.Attribute{{Name: "gender", Value: "female"}}
	if _, err := e.st.UpdateInformant(ctx, e.pid, s.Informants["I-02"].ID, coding.InformantUpdate{Attributes: gender}); err != nil {
		t.Fatal(err)
	}
	if got := count("turn", map[string][]string{"iattr:gender": {"female"}}); got != 6 {
		t.Errorf("after the change: got %d turns, want 6", got)
	}
	if _, err := e.st.LinkSpeaker(ctx, e.pid, coding.SpeakerLink{DocumentID: s.Documents["Luleå Metall – export"].ID, Speaker: "Eva", InformantID: s.Informants["I-01"].ID}); err != nil {
		t.Fatal(err)
	}
	if got := count("turn", map[string][]string{"informant": {"I-01"}}); got != 4 {
		t.Errorf("after linking Eva to I-01: got %d turns, want 4", got)
	}
}
