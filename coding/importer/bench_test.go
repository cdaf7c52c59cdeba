package importer_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"tessera/coding"
	"tessera/coding/importer"
)

// benchWords is the vocabulary of generated transcripts, with some
// non-ASCII words.
var benchWords = strings.Fields(`we the market failure learned customer Sweden Luleå Kohtamäki Pöllö
	trade fair distributor board team product release project client tender recall because then
	after before again first later never always really think know said asked told changed decided
	Nebelhöhle Zoë Björn Märta François Jörg Åsa about from with without into over under very quite
	much more less price quality supplier partner peers association experience mistake lesson 👍
	Germany Japan Norway Oulu Tampere München Kraków São Paulo growth revenue people hired fired`)

// genTranscript writes a deterministic transcript of about words words
// with alternating speaker labels.
func genTranscript(r *rand.Rand, n, words int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "Interview %d\n\n", n)
	speakers := []string{"Interviewer", fmt.Sprintf("Informant %c%d", 'A'+rune(n%26), n)}
	for w, turn := 0, 0; w < words; turn++ {
		b.WriteString(speakers[turn%2])
		b.WriteString(": ")
		k := 10 + r.IntN(190)
		for i := 0; i < k; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(benchWords[r.IntN(len(benchWords))])
		}
		b.WriteString(".\n\n")
		w += k
	}
	return []byte(b.String())
}

// BenchmarkImport1000 imports 1,000 generated transcripts of about 8,000
// words each (some 8 million words) into a real store.
func BenchmarkImport1000(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	files := make([]importer.File, 1000)
	var total int64
	for i := range files {
		files[i] = importer.File{
			Name: fmt.Sprintf("Case %02d/interview-%04d.txt", i%40, i),
			Case: fmt.Sprintf("Case %02d", i%40),
			Data: genTranscript(r, i, 8000),
		}
		total += int64(len(files[i].Data))
	}
	s := mustOpenStore(b)
	im := &importer.Importer{Store: s}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		p := &coding.Project{Name: fmt.Sprintf("Bench %d", i)}
		if err := s.CreateProject(ctx, p); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := im.Import(ctx, p.ID, files)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Imported != len(files) {
			b.Fatalf("imported %d of %d files", rep.Imported, len(files))
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(len(files))/sec, "files/s")
	b.ReportMetric(float64(total)/(1<<20)/sec, "MB/s")
	b.ReportMetric(float64(total)/(1<<20), "MB")
}
