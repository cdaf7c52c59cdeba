package refi

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"tessera/coding"
)

func TestTextMapperMap(t *testing.T) {
	tests := []struct {
		name       string
		raw        string
		start, end int
		want       string // the stored text of the mapped selection
		wantOK     bool
	}{
		{"ascii", "Luleå works", 6, 11, "works", true},
		{"crlf after", "a\r\nb\r\nc", 6, 7, "c", true},
		{"crlf inside", "a\r\nb\r\nc", 0, 4, "a\nb", true},
		{"selection on CR only", "a\r\nb", 1, 2, "\n", true},
		{"selection on LF only", "a\r\nb", 2, 3, "\n", true},
		{"lone CR", "a\rb", 2, 3, "b", true},
		{"decomposed å whole", "Lulea\u030a x", 0, 6, "Luleå", true},
		{"decomposed å after", "Lulea\u030a x", 7, 8, "x", true},
		{"half of decomposed å", "Lulea\u030a x", 4, 5, "å", true},
		{"only the ring", "Lulea\u030a x", 5, 6, "å", true},
		{"emoji", "👍 Kohtamäki", 2, 11, "Kohtamäki", true},
		{"emoji itself", "ok 👍 ok", 3, 4, "👍", true},
		{"NUL removed", "a\x00bc", 2, 4, "bc", true},
		{"only NUL", "a\x00bc", 1, 2, "", false},
		{"BOM", "\uFEFFabc", 1, 3, "ab", true},
		{"everything", "\uFEFFKohtama\u0308ki\r\nLulea\u030a 👍\r\n", 1, 21, "Kohtamäki\nLuleå 👍", true},
		{"past the end", "abc", 1, 4, "", false},
		{"negative", "abc", -1, 2, "", false},
		{"empty", "abc", 2, 2, "", false},
		{"reversed", "abc", 2, 1, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tm, err := newTextMapper(tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			s, e, ok := tm.Map(tt.start, tt.end)
			if ok != tt.wantOK {
				t.Fatalf("Map(%d, %d) ok = %v, want %v (got [%d,%d))", tt.start, tt.end, ok, tt.wantOK, s, e)
			}
			if !ok {
				return
			}
			if got := coding.Slice(tm.Text, s, e); got != tt.want {
				t.Errorf("Map(%d, %d) = [%d,%d) = %q, want %q", tt.start, tt.end, s, e, got, tt.want)
			}
		})
	}
}

// TestTextMapperRandom checks, on random texts built of self-contained
// pieces, that a selection of whole pieces maps to exactly the normalised
// form of the pieces it covers.
func TestTextMapperRandom(t *testing.T) {
	pieces := []string{"a", "Z", " ", "å", "a\u030a", "e\u0301\u0323", "\u1112\u1161\u11ab", "\r\n", "\r", "\n", "\t", "\x00", "\x1b", "👍", "ä", "o\u0308"}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 500; round++ {
		n := 1 + rng.IntN(30)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = pieces[rng.IntN(len(pieces))]
		}
		raw := strings.Join(parts, "")
		tm, err := newTextMapper(raw)
		if err != nil {
			t.Fatalf("newTextMapper(%q): %v", raw, err)
		}
		// Code-point offsets of the piece boundaries.
		bounds := []int{0}
		for _, p := range parts {
			bounds = append(bounds, bounds[len(bounds)-1]+utf8.RuneCountInString(p))
		}
		for k := 0; k < 20; k++ {
			i, j := rng.IntN(n+1), rng.IntN(n+1)
			if i > j {
				i, j = j, i
			}
			if i == j {
				continue
			}
			want, _ := coding.NormalizeText(strings.Join(parts[i:j], ""))
			s, e, ok := tm.Map(bounds[i], bounds[j])
			got := ""
			if ok {
				got = coding.Slice(tm.Text, s, e)
			}
			if got != want {
				t.Fatalf("text %q, pieces [%d,%d) = raw [%d,%d): got [%d,%d) %q, want %q", raw, i, j, bounds[i], bounds[j], s, e, got, want)
			}
		}
	}
}
