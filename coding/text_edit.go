package coding

import (
	"strings"
	"time"
)

// MaxCorrectionLen bounds the text one correction puts in, in code points.
const MaxCorrectionLen = 10000

// CorrectText replaces the code points [Start, End) of a document's text
// with Text: a typo, a misheard word. Start == End inserts. Every quote
// and turn keeps covering the same words:
//
//   - ranges after the edit shift by the change in length;
//   - a range that holds the edit grows or shrinks with it;
//   - a range that only partly overlaps the edited span keeps its words
//     outside the span and covers the whole replacement;
//   - text inserted exactly at a quote's start or end stays outside the
//     quote; inserted at a turn's start or end, it joins the turn.
//
// A quote whose text changed records the correction (QuoteCorrection).
// Its print excerpt, when it no longer matches the text, takes the
// correction where it holds the replaced words once; otherwise it is
// removed (the record keeps it).
// The edit must lie within one turn or between turns; a correction that
// would leave a quote or turn without text is refused.
type CorrectText struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// QuoteCorrection records a correction of the transcript inside a quote:
// its text before and after.
type QuoteCorrection struct {
	Time   time.Time `json:"time"`
	Actor  string    `json:"actor,omitempty"`
	Before string    `json:"before"`
	After  string    `json:"after"`
	// Excerpt is the quote's print excerpt before the correction, when
	// the correction changed it or removed it (see CorrectText).
	Excerpt string `json:"excerpt,omitempty"`
}

// Op implements TranscriptChange.
func (CorrectText) Op() string { return "correct_transcript" }

// Apply implements TranscriptChange.
func (e CorrectText) Apply(d *Document, qs []*Quote, now time.Time, actor string) ([]*Quote, error) {
	n := RuneLen(d.Text)
	if e.Start < 0 || e.End < e.Start || e.End > n {
		return nil, Errorf(EUNPROCESSABLE, "correction range [%d,%d) is not within the text (0 <= start <= end <= %d, in characters)", e.Start, e.End, n)
	}
	typed := e.Text
	if err := CleanText("the corrected text", &typed); err != nil {
		return nil, err
	}
	repl, _ := NormalizeText(typed)
	added := RuneLen(repl)
	if added > MaxCorrectionLen {
		return nil, Errorf(ETOOLARGE, "a correction puts in at most %d characters", MaxCorrectionLen)
	}
	old := Slice(d.Text, e.Start, e.End)
	if old == repl {
		return nil, Errorf(EINVALID, "the corrected text is the same as the text it replaces")
	}
	for i, t := range d.Turns {
		inside := e.Start >= t.Start && e.End <= t.End
		outside := e.End <= t.Start || e.Start >= t.End
		if !inside && !outside {
			return nil, Errorf(EUNPROCESSABLE, "the correction [%d,%d) crosses the edge of turn %d [%d,%d); correct one turn at a time", e.Start, e.End, i+1, t.Start, t.End)
		}
	}
	text := d.Text[:ByteOffset(d.Text, e.Start)] + repl + d.Text[ByteOffset(d.Text, e.End):]
	if !IsStoredForm(text) {
		return nil, Errorf(EUNPROCESSABLE, "the corrected text would join the characters around it (an accent or a combining mark at its edge); include them in the corrected span")
	}
	m := spanMap{a: e.Start, b: e.End, n: added}
	for i := range d.Turns {
		t := &d.Turns[i]
		s, en := m.turnStart(t.Start), m.turnEnd(t.End)
		if en <= s {
			return nil, Errorf(EUNPROCESSABLE, "the correction would leave turn %d without text; merge or delete the turn's words another way", i+1)
		}
		t.Start, t.End = s, en
	}
	d.Text = text
	if err := d.Validate(); err != nil {
		return nil, err
	}
	placer := NewPlacer(d)
	var changed []*Quote
	for _, q := range qs {
		moved := *q
		moved.Start, moved.End = m.quoteStart(q.Start), m.quoteEnd(q.End)
		if moved.End <= moved.Start {
			return nil, Errorf(ECONFLICT, "the correction would remove all the text of quote «%s»; delete or resize the quote first", shortText(q.Text, 40))
		}
		if err := placer.Place(&moved); err != nil {
			return nil, err
		}
		if moved.Start == q.Start && moved.End == q.End && moved.Text == q.Text {
			continue
		}
		if moved.Text != q.Text {
			rec := QuoteCorrection{Time: now, Actor: actor, Before: q.Text, After: moved.Text}
			if moved.Excerpt != "" && CheckExcerpt(moved.Text, moved.Excerpt) != nil {
				rec.Excerpt, moved.Excerpt = moved.Excerpt, correctExcerpt(moved.Excerpt, old, repl, moved.Text)
			}
			// Copy the list: the caller's quote keeps its own.
			moved.Corrections = append(append([]QuoteCorrection(nil), q.Corrections...), rec)
		}
		moved.UpdatedAt = now
		*q = moved
		changed = append(changed, q)
	}
	return changed, nil
}

// correctExcerpt makes the same correction in a quote's print excerpt:
// the replaced words old become repl where the excerpt holds them once.
// It returns "" when the result does not match the quote's new text.
func correctExcerpt(excerpt, old, repl, text string) string {
	if old == "" || strings.Count(excerpt, old) != 1 {
		return ""
	}
	fixed := strings.Replace(excerpt, old, repl, 1)
	if CheckExcerpt(text, fixed) != nil {
		return ""
	}
	return fixed
}

// spanMap maps positions of a text before the code points [a, b) were
// replaced by n others to positions after.
type spanMap struct{ a, b, n int }

func (m spanMap) delta() int { return m.n - (m.b - m.a) }

// quoteStart maps a quote's start: insertions at it stay outside, a start
// inside the replaced span moves to the replacement's start.
func (m spanMap) quoteStart(s int) int {
	switch {
	case m.a == m.b && s >= m.a, s >= m.b:
		return s + m.delta()
	case s <= m.a:
		return s
	}
	return m.a
}

// quoteEnd maps a quote's end: insertions at it stay outside, an end
// inside the replaced span moves to the replacement's end.
func (m spanMap) quoteEnd(e int) int {
	switch {
	case e <= m.a:
		return e
	case e >= m.b:
		return e + m.delta()
	}
	return m.a + m.n
}

// turnStart maps a turn's start: insertions at it join the turn.
func (m spanMap) turnStart(s int) int {
	switch {
	case s <= m.a:
		return s
	case s >= m.b:
		return s + m.delta()
	}
	return m.a
}

// turnEnd maps a turn's end: insertions at it join the turn.
func (m spanMap) turnEnd(e int) int {
	switch {
	case m.a == m.b && e >= m.a, e >= m.b && m.a < e:
		return e + m.delta()
	case e <= m.a:
		return e
	}
	return m.a + m.n
}

// shortText cuts s to n code points for a message.
func shortText(s string, n int) string {
	if RuneLen(s) <= n {
		return s
	}
	return Slice(s, 0, n-1) + "…"
}
