package export_test

import (
	"fmt"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/export"
)

// BenchmarkSupportingRows chooses the quotes of a study of 40 themes with
// 200 concepts and 6000 quotes in 60 interviews of 20 cases, all chosen
// automatically (the slowest case).
func BenchmarkSupportingRows(b *testing.B) {
	bld := newBuilder(b, "Large")
	dim := bld.code(coding.LevelDimension, nil, "Dimension")
	var concepts []*coding.Code
	for i := range 40 {
		theme := bld.code(coding.LevelTheme, dim, fmt.Sprintf("Theme %d", i))
		for j := range 5 {
			concepts = append(concepts, bld.code(coding.LevelConcept, theme, fmt.Sprintf("Concept %d.%d", i, j)))
		}
	}
	var docs []*coding.Document
	for i := range 60 {
		kase := bld.kase(fmt.Sprintf("Firm %d", i/3))
		var turns []string
		for t := range 50 {
			turns = append(turns, fmt.Sprintf("Interviewer: Question %d?", t),
				fmt.Sprintf("Person %d: We talked about topic %d at length. It mattered to us in year %d. Then we moved on.", i, t, t))
		}
		docs = append(docs, bld.doc(fmt.Sprintf("Interview %d", i), kase, "", turns...))
	}
	n := 0
	for _, d := range docs {
		for t := range 50 {
			passage := fmt.Sprintf("It mattered to us in year %d.", t)
			q := bld.quote(d, passage, "anna", concepts[n%len(concepts)])
			q.Start += strings.Index(q.Text, "mattered") // mid-sentence: extended when printed
			q.Text = coding.Slice(d.Text, q.Start, q.End)
			n++
		}
	}
	snap := bld.done()
	b.ResetTimer()
	for b.Loop() {
		if _, err := export.SupportingRows(snap, export.Options{Level: coding.LevelConcept, QuoteMode: export.QuotesAuto}); err != nil {
			b.Fatal(err)
		}
	}
}
