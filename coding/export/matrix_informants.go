package export

import (
	"strings"

	"tessera/coding"
)

// attrSource is where the matrix reads the attribute its columns are
// the values of: a case attribute ("attr:NAME", the quote's case) or an
// informant attribute ("iattr:NAME", the informant who said the quote).
type attrSource struct {
	name string              // as spelled in the data
	all  []*coding.Attribute // every entity's value, in entity order
	of   func(q *coding.Quote) *coding.Attribute
}

// attributeSource resolves a column kind "attr:NAME" or "iattr:NAME".
func (ix *index) attributeSource(kind string) (attrSource, error) {
	if name, ok := strings.CutPrefix(kind, "iattr:"); ok {
		who := ix.quoteInformants()
		return collectAttribute("informant", name, ix.snap.Informants, (*coding.Informant).Attribute, func(q *coding.Quote) *coding.Informant { return who[q.ID] })
	}
	return collectAttribute("case", strings.TrimPrefix(kind, "attr:"), ix.snap.Cases, (*coding.Case).Attribute, ix.caseOf)
}

// collectAttribute makes the source of the attribute name of the owners
// (cases or informants), ownerOf giving a quote's owner (nil for none).
func collectAttribute[T comparable](what, name string, owners []T, attr func(T, string) *coding.Attribute, ownerOf func(*coding.Quote) T) (attrSource, error) {
	src := attrSource{name: strings.TrimSpace(name)}
	for _, o := range owners {
		if a := attr(o, src.name); a != nil {
			src.name = a.Name
			src.all = append(src.all, a)
		}
	}
	if len(src.all) == 0 {
		return src, coding.Errorf(coding.EINVALID, "no %s has an attribute %q", what, src.name)
	}
	var none T
	src.of = func(q *coding.Quote) *coding.Attribute {
		if o := ownerOf(q); o != none {
			return attr(o, src.name)
		}
		return nil
	}
	return src, nil
}

// informantColumns adds a column per informant, "I-01 (Aino)", and
// returns the label of the column of quotes no informant said and the
// keys of a quote. Interviewers get a column only when a quote is
// attributed to one.
func (ix *index) informantColumns(add func(key, label string)) (string, func(*coding.Quote) []string) {
	who := ix.quoteInformants()
	said := map[string]bool{}
	for _, i := range who {
		said[i.ID] = true
	}
	for _, i := range ix.snap.Informants {
		if !i.Interviewer || said[i.ID] {
			add(i.ID, i.Name())
		}
	}
	return "No informant", func(q *coding.Quote) []string {
		if i := who[q.ID]; i != nil {
			return []string{i.ID}
		}
		return nil
	}
}

// quoteInformants maps the ID of each quote an informant said to that
// informant.
func (ix *index) quoteInformants() map[string]*coding.Informant {
	out := map[string]*coding.Informant{}
	for _, q := range ix.snap.Quotes {
		if who, ok := ix.snap.QuoteInformant(q); ok {
			out[q.ID] = ix.snap.InformantByID(who.InformantID)
		}
	}
	return out
}
