package agreement_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/agreement"
)

// TestSegmentMatching checks the segment-level rule: merged quotes,
// intersection over union against the threshold, groups and gaps.
func TestSegmentMatching(t *testing.T) {
	type counts struct {
		Units, Segments, Matched int
		ByCoders                 []int
	}
	tests := []struct {
		name      string
		threshold float64
		docs      map[string]int
		quotes    []*coding.Quote
		want      counts
	}{{
		name:   "9 of 10 code points meets the default 90 %",
		quotes: []*coding.Quote{quote("d", "a", 0, 10, "x"), quote("d", "b", 0, 9, "x")},
		want:   counts{Units: 2, Segments: 2, Matched: 2, ByCoders: []int{1, 0, 1}},
	}, {
		name:   "8 of 10 code points misses the default 90 %",
		quotes: []*coding.Quote{quote("d", "a", 0, 10, "x"), quote("d", "b", 1, 9, "x")},
		want:   counts{Units: 3, Segments: 2, Matched: 0, ByCoders: []int{1, 2, 0}},
	}, {
		name:      "8 of 10 meets 80 %",
		threshold: 0.8,
		quotes:    []*coding.Quote{quote("d", "a", 0, 10, "x"), quote("d", "b", 2, 10, "x")},
		want:      counts{Units: 2, Segments: 2, Matched: 2, ByCoders: []int{1, 0, 1}},
	}, {
		name:      "the overlap is shared over the union, not the shorter segment",
		threshold: 0.6,
		quotes:    []*coding.Quote{quote("d", "a", 0, 10, "x"), quote("d", "b", 0, 5, "x")},
		want:      counts{Units: 3, Segments: 2, Matched: 0, ByCoders: []int{1, 2, 0}},
	}, {
		name:      "a threshold of 1 needs identical segments",
		threshold: 1,
		quotes:    []*coding.Quote{quote("d", "a", 0, 10, "x"), quote("d", "b", 0, 10, "x"), quote("d", "a", 20, 30, "x"), quote("d", "b", 20, 29, "x")},
		want:      counts{Units: 4, Segments: 4, Matched: 2, ByCoders: []int{1, 2, 1}},
	}, {
		name:   "overlapping quotes of one coder merge into one segment",
		quotes: []*coding.Quote{quote("d", "a", 0, 6, "x"), quote("d", "a", 4, 10, "x"), quote("d", "b", 0, 10, "x")},
		want:   counts{Units: 2, Segments: 2, Matched: 2, ByCoders: []int{1, 0, 1}},
	}, {
		name:   "touching quotes of one coder stay two segments",
		quotes: []*coding.Quote{quote("d", "a", 0, 5, "x"), quote("d", "a", 5, 10, "x"), quote("d", "b", 0, 10, "x")},
		want:   counts{Units: 4, Segments: 3, Matched: 0, ByCoders: []int{1, 3, 0}},
	}, {
		name:      "a low threshold can put two segments of one coder in one unit",
		threshold: 0.3,
		quotes:    []*coding.Quote{quote("d", "a", 0, 10, "x"), quote("d", "a", 12, 22, "x"), quote("d", "b", 4, 18, "x")},
		want:      counts{Units: 2, Segments: 3, Matched: 3, ByCoders: []int{1, 0, 1}},
	}, {
		name:   "no gap before a segment at the start or after one at the end",
		docs:   map[string]int{"d": 20},
		quotes: []*coding.Quote{quote("d", "a", 0, 5, "x"), quote("d", "b", 15, 20, "x")},
		want:   counts{Units: 3, Segments: 2, Matched: 0, ByCoders: []int{1, 2, 0}},
	}, {
		name:   "a document without the code is one gap, an empty one none",
		docs:   map[string]int{"d": 30, "e": 7, "empty": 0},
		quotes: []*coding.Quote{quote("d", "a", 0, 10, "x"), quote("d", "b", 0, 10, "x")},
		want:   counts{Units: 3, Segments: 2, Matched: 2, ByCoders: []int{2, 0, 1}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := tt.docs
			if docs == nil {
				docs = map[string]int{"d": 30}
			}
			rep := mustCompute(t, agreement.Input{Documents: docs, Coders: []string{"a", "b"}, Quotes: tt.quotes, MinOverlap: tt.threshold})
			ca := rep.Segment.PerCode[0]
			got := counts{ca.Units, ca.Segments, ca.MatchedSegments, ca.UnitsByCoders}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("segment counts mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
