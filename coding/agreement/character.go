package agreement

import "sort"

// event is a boundary of a coder's span: the coder's coverage depth
// changes by delta at pos.
type event struct{ pos, coder, delta int }

// characterTally counts, for one code, the code points of all documents
// by how many coders covered them. It sweeps over the span boundaries of
// each document instead of visiting every code point, so its cost grows
// with the number of quotes, not with the length of the text.
func (p *prepared) characterTally(code int) *tally {
	t := newTally(len(p.coders))
	if p.spans[code] == nil {
		return t // nobody used the code: no units
	}
	var events []event
	depth := make([]int, len(p.coders))
	from := make([]int, len(p.coders))
	for d, doc := range p.docs {
		t.units += doc.length
		events = events[:0]
		for c, spans := range p.spans[code][d] {
			for _, s := range spans {
				events = append(events, event{s.start, c, 1}, event{s.end, c, -1})
			}
		}
		sort.Slice(events, func(i, j int) bool { return events[i].pos < events[j].pos })
		// Between two boundaries the set of covering coders is constant:
		// credit the stretch to the number of coders covering it.
		covering, prev := 0, 0
		for i := 0; i < len(events); {
			pos := events[i].pos
			t.byCount[covering] += pos - prev
			for ; i < len(events) && events[i].pos == pos; i++ {
				e := events[i]
				before := depth[e.coder]
				depth[e.coder] += e.delta
				switch {
				case before == 0 && depth[e.coder] > 0:
					covering++
					from[e.coder] = pos
				case before > 0 && depth[e.coder] == 0:
					covering--
					t.coded[e.coder] += pos - from[e.coder]
				}
			}
			prev = pos
		}
		t.byCount[0] += doc.length - prev
	}
	return t
}
