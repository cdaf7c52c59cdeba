// Package corpus generates deterministic synthetic interview transcripts
// (Zipf-distributed words, Nordic names, phrases inserted now and then),
// stores them as a project, and gives the fixed mix of queries the search
// benchmark times and the engine's agreement test checks. The same seed
// gives the same corpus on every machine, so figures compare across runs.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"tessera/coding"
)

// corpusWords are the frequent words of the synthetic interviews, most
// frequent first; a long tail of invented words follows them.
var corpusWords = strings.Fields(`the and we to of a in that it is was for they our
with on you have but so this be are at as what not there do had would were
about or when all more from if can one then our very also because which them
market markets customer customers learn learned learning learns export exports
exporting growth partner partners distributor distributors product products
sales company firm firms abroad international country countries network
networks trade fair fairs experience experiences knowledge peer vicarious
founder founders board team teams investor investors competitor competitors
price prices quality service services project projects time year years first
new local global office offices subsidiary agent agents contract contracts
decision decisions strategy strategies opportunity opportunities risk risks
manager managers engineer engineers factory supply chain chains technology
software robotics analytics medical games license licensing brand brands
visit visited visiting meeting meetings conference conferences contact
contacts relationship relationships trust culture cultural language languages
Luleå Kohtamäki Jyväskylä Göteborg München Zürich café naïve Straße Øresund
Tromsø Åbo Pöllö Nebelhöhle crème façade 👍 resilience pivot pivoted scaling`)

// corpusPhrases are inserted now and then so phrase queries have hits.
var corpusPhrases = []string{
	"trade fair", "peer learning", "export market", "trial and error",
	"learning by doing", "network partner", "board member", "first customer",
}

// corpusSpeakers are the informants of the synthetic interviews.
var corpusSpeakers = []string{"CEO (Anna)", "CTO (Mikko)", "Sales director", "Founder"}

// corpusDoc is one synthetic transcript.
type corpusDoc struct {
	Title string
	Case  int
	Text  string
	Turns []coding.Turn
}

// corpus generates deterministic synthetic interview transcripts.
type corpus struct {
	rng   *rand.Rand
	zipf  *rand.Zipf
	vocab []string
}

func newCorpus(seed uint64) *corpus {
	rng := rand.New(rand.NewPCG(seed, 0x7e55e7a))
	vocab := append([]string(nil), corpusWords...)
	// The tail: 30,000 invented words built from syllables.
	syl := strings.Fields("ka lo mi ne ta ri so vu pe la mo ni ke tu ra si po ve lu ma")
	for i := 0; len(vocab) < len(corpusWords)+30000; i++ {
		n := 2 + i%3
		var b strings.Builder
		x := i
		for j := 0; j < n; j++ {
			b.WriteString(syl[x%len(syl)])
			x /= len(syl)
			x += 7 * j
		}
		fmt.Fprintf(&b, "%c", 'a'+rune(i%26))
		vocab = append(vocab, b.String())
	}
	return &corpus{rng: rng, zipf: rand.NewZipf(rng, 1.07, 2, uint64(len(vocab)-1)), vocab: vocab}
}

// document returns the n-th transcript of about words words.
func (c *corpus) document(n, words int) corpusDoc {
	var b strings.Builder
	var turns []coding.Turn
	pos, count := 0, 0
	informant := corpusSpeakers[n%len(corpusSpeakers)]
	for t := 0; count < words; t++ {
		speaker, lo, hi := "Interviewer", 8, 40
		if t%2 == 1 {
			speaker, lo, hi = informant, 40, 260
		}
		start := pos
		line := c.turn(lo + c.rng.IntN(hi-lo))
		count += strings.Count(line, " ") + 1
		s := speaker + ": " + line
		b.WriteString(s)
		pos += utf8.RuneCountInString(s)
		turns = append(turns, coding.Turn{Speaker: speaker, Start: start, End: pos})
		b.WriteString("\n\n")
		pos += 2
	}
	return corpusDoc{
		Title: fmt.Sprintf("Interview %04d", n+1),
		Case:  n % 40,
		Text:  strings.TrimRight(b.String(), "\n"),
		Turns: turns,
	}
}

// turn returns sentences of about words words.
func (c *corpus) turn(words int) string {
	var b strings.Builder
	for w := 0; w < words; {
		n := 6 + c.rng.IntN(14)
		for i := 0; i < n; i++ {
			word := c.vocab[c.zipf.Uint64()]
			if c.rng.IntN(60) == 0 {
				word = corpusPhrases[c.rng.IntN(len(corpusPhrases))]
			}
			if i == 0 {
				r, size := utf8.DecodeRuneInString(word)
				word = string(unicode.ToUpper(r)) + word[size:]
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(word)
			if i < n-1 && c.rng.IntN(12) == 0 {
				b.WriteByte(',')
			}
		}
		if c.rng.IntN(8) == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('.')
		}
		w += n
	}
	return b.String()
}
