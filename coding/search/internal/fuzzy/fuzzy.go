// Package fuzzy holds the edit distance of fuzzy words (word~, word~N):
// how far apart two words are, counting a swap of two neighbouring
// letters as one edit, and the distance word~ allows by the word's length.
// The query builder, the search engine and the highlighter use it, so a
// fuzzy word finds, ranks and highlights the same words.
package fuzzy

// Auto returns the edit distance word~ allows for a word: none for one or
// two letters, one for three to five, two beyond, as common search
// engines do.
func Auto(word string) int {
	switch n := len([]rune(word)); {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	default:
		return 2
	}
}

// Distance returns the number of edits between a and b: insertions,
// deletions and substitutions of code points, and swaps of two
// neighbouring code points (denail, denial: one edit). It stops counting
// past max and then returns max+1.
func Distance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	// Three rows of the optimal string alignment table: two rows back
	// are needed for swaps.
	back := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], back[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		back, prev, cur = prev, cur, back
	}
	return min(prev[len(rb)], max+1)
}

// Boost is the share of a word's relevance that a fuzzy match d edits away
// keeps: whole for the word itself, less with each edit, so that a fuzzy
// word ranks the closest words first.
func Boost(d int) float64 {
	return 1 / float64((1+d)*(1+d))
}
