package store

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"tessera/coding"
)

// pickQuote sets or (Kind "") removes q's pick for p.CodeID. Order 0
// places the quote after the code's other chosen quotes.
func (t *txn) pickQuote(q *coding.Quote, p coding.QuotePick) error {
	if p.CodeID == "" {
		return coding.Errorf(coding.EINVALID, "code_id is required: the code the quote is chosen for")
	}
	if !q.HasCode(p.CodeID) {
		return coding.Errorf(coding.EUNPROCESSABLE, "the quote does not carry the code %q: a quote is chosen only for its own codes", p.CodeID)
	}
	if p.Kind == "" {
		q.SetPick(p)
		return nil
	}
	if p.Order == 0 {
		next, err := t.nextPickOrder(q.ProjectID, q.ID, p.CodeID)
		if err != nil {
			return err
		}
		p.Order = next
	}
	if err := p.Validate(); err != nil {
		return err
	}
	q.SetPick(p)
	return nil
}

// nextPickOrder returns one more than the highest order of the other
// quotes chosen for code id, at most coding.MaxPickOrder.
func (t *txn) nextPickOrder(pid, self, id string) (int, error) {
	qs, err := t.quotes(pid)
	if err != nil {
		return 0, err
	}
	top := 0
	for _, o := range qs {
		if p := o.PickFor(id); p != nil && o.ID != self {
			top = max(top, p.Order)
		}
	}
	return min(top+1, coding.MaxPickOrder), nil
}

// setExcerpt sets q's print excerpt after checking it against the text;
// "" (or only white space) removes it.
func setExcerpt(q *coding.Quote, excerpt string) error {
	if err := coding.CleanText("excerpt", &excerpt); err != nil {
		return err
	}
	excerpt = strings.TrimSpace(norm.NFC.String(excerpt))
	if excerpt == "" {
		q.Excerpt = ""
		return nil
	}
	if err := coding.CheckExcerpt(q.Text, excerpt); err != nil {
		return err
	}
	q.Excerpt = strings.ReplaceAll(excerpt, "[...]", coding.Omission)
	return nil
}
