package export

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// localizeNumbers writes the text of t's number cells with the digit
// grouping and decimal mark of lang, an ISO 639-1 code ("" or unknown:
// English): 12,500 in English, 12 500 in Finnish, 12.500 in German;
// shares as 18.8% or 18,8%. Attribute columns whose numbers are all whole
// numbers from 1000 to 2999 are years and keep their digits as they are. CSV and
// XLSX write the numbers themselves, so only the page and document
// formats change.
func (t *table) localizeNumbers(lang string) {
	p := message.NewPrinter(language.Make(lang))
	years := t.yearColumns()
	for _, r := range t.Rows {
		for i, c := range r.Cells {
			if i < len(years) && years[i] {
				continue
			}
			// Only cells that print their number as plain digits change
			// (a presence cell's ✓ stays).
			switch v := c.Value.(type) {
			case int:
				if c.Text == strconv.Itoa(v) {
					r.Cells[i].Text = p.Sprintf("%d", v)
				}
			case float64:
				switch {
				case c.Percent && strings.HasSuffix(c.Text, "%"):
					r.Cells[i].Text = p.Sprintf("%.1f%%", v*100)
				case c.Text != strconv.FormatFloat(v, 'f', -1, 64):
				case v == math.Trunc(v) && math.Abs(v) < 1e15:
					r.Cells[i].Text = p.Sprintf("%d", int64(v))
				default:
					r.Cells[i].Text = p.Sprint(v)
				}
			}
		}
	}
}

// yearColumns reports, per column, whether every number in it is a whole
// number from 1000 to 2999 (a year), with at least one number.
func (t *table) yearColumns() []bool {
	return t.columnsAll(func(c tableCell) (bool, bool) {
		// Counts (int) are never years; attribute values are float64.
		f, ok := c.Value.(float64)
		return c.Value != nil, ok && !c.Percent && f == math.Trunc(f) && f >= 1000 && f < 3000
	})
}
