package fuzzy_test

import (
	"testing"

	"tessera/coding/search/internal/fuzzy"
)

func TestAuto(t *testing.T) {
	for _, tt := range []struct {
		word string
		want int
	}{{"a", 0}, {"ab", 0}, {"öl", 0}, {"abc", 1}, {"blaim", 1}, {"fäire", 1}, {"denail", 2}, {"distributer", 2}} {
		if got := fuzzy.Auto(tt.word); got != tt.want {
			t.Errorf("Auto(%q): got %d, want %d", tt.word, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		max  int
		want int
	}{
		{"denail", "denial", 2, 1}, // a swap is one edit
		{"denail", "deal", 2, 2},   // two deletions
		{"blaim", "blame", 2, 2},   // i dropped, e added
		{"blaim", "blame", 1, 2},   // past max: max+1
		{"teh", "the", 1, 1},       // swap at the end
		{"ab", "ba", 1, 1},         // a whole word swapped
		{"abc", "ca", 3, 3},        // no edit inside a swap (optimal alignment)
		{"learning", "learning", 2, 0},
		{"luleå", "lulea", 1, 1}, // code points, not bytes
		{"kitten", "sitting", 3, 3},
		{"fair", "fairs", 1, 1},
		{"a", "abcd", 2, 3}, // lengths alone exceed max
	} {
		if got := fuzzy.Distance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("Distance(%q, %q, %d): got %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
		if got := fuzzy.Distance(tt.b, tt.a, tt.max); got != tt.want {
			t.Errorf("Distance(%q, %q, %d): got %d, want %d (symmetric)", tt.b, tt.a, tt.max, got, tt.want)
		}
	}
}

func TestBoostFavoursCloserWords(t *testing.T) {
	if !(fuzzy.Boost(0) == 1 && fuzzy.Boost(0) > fuzzy.Boost(1) && fuzzy.Boost(1) > fuzzy.Boost(2)) {
		t.Errorf("Boost: got %v, %v, %v, want 1 and falling with each edit", fuzzy.Boost(0), fuzzy.Boost(1), fuzzy.Boost(2))
	}
}
