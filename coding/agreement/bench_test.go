package agreement_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"tessera/coding"
	"tessera/coding/agreement"
)

// BenchmarkCompute measures a large study: 10 documents of 100,000 code
// points, 50 codes, 3 coders with 400 quotes each per document. The
// target is well under a second per report.
func BenchmarkCompute(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 7))
	in := agreement.Input{Documents: map[string]int{}, Coders: []string{"aino", "bjorn", "carl"}}
	for d := range 10 {
		doc := fmt.Sprintf("d%d", d)
		in.Documents[doc] = 100_000
		for _, coder := range in.Coders {
			for range 400 {
				start := r.IntN(99_000)
				q := &coding.Quote{DocumentID: doc, Coder: coder, Start: start, End: start + 1 + r.IntN(1000)}
				for range 1 + r.IntN(3) {
					q.CodeIDs = append(q.CodeIDs, fmt.Sprintf("code%02d", r.IntN(50)))
				}
				in.Quotes = append(in.Quotes, q)
			}
		}
	}
	for b.Loop() {
		if _, err := agreement.Compute(in); err != nil {
			b.Fatal(err)
		}
	}
}
