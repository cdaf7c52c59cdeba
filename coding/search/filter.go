package search

import (
	"sort"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"tessera/coding"
)

// filter resolves a filter (from the query or Request.Filters) to a query
// on keyword fields. Names are resolved through the catalog to IDs, so
// renaming a case or code never requires re-indexing; codes match with
// every code below them, as in the codebook. Several values match any.
func (b *builder) filter(key string, values []string) (query.Query, error) {
	name, arg, _ := strings.Cut(key, ":")
	name = strings.ToLower(strings.TrimSpace(name))
	var qs []query.Query
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			return nil, coding.Errorf(coding.EINVALID, "filter %s has an empty value", key)
		}
		q, err := b.filterValue(name, strings.TrimSpace(arg), v)
		if err != nil {
			return nil, err
		}
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "filter %s has no value", key)
	}
	return anyOf(qs), nil
}

func (b *builder) filterValue(name, arg, v string) (query.Query, error) {
	c := b.cat
	switch name {
	case "case":
		ids, err := resolve("case", v, len(c.cases), func(i int) (string, string) { return c.cases[i].ID, c.cases[i].Name })
		return anyTerm(fieldCase, ids), err
	case "document":
		ids, err := resolve("document", v, len(c.docs), func(i int) (string, string) { return c.docs[i].ID, c.docs[i].Title })
		return anyTerm(fieldDocument, ids), err
	case "speaker":
		return b.speaker(v)
	case "role":
		role := strings.ToLower(v)
		if role != coding.RoleInterviewer && role != coding.RoleInformant {
			return nil, coding.Errorf(coding.EINVALID, "role %q is not %s or %s", v, coding.RoleInterviewer, coding.RoleInformant)
		}
		return termQ(fieldRole, role), nil
	case "code":
		ids, err := resolve("code", v, len(c.codes), func(i int) (string, string) { return c.codes[i].ID, c.codes[i].Name })
		if err != nil {
			return nil, err
		}
		return anyTerm(fieldCode, c.withDescendants(ids)), nil
	case "level":
		l := coding.Level(strings.ToLower(v))
		if !l.Valid() {
			return nil, coding.Errorf(coding.EINVALID, "level %q is not concept, theme or dimension", v)
		}
		var ids []string
		for _, code := range c.codes {
			if code.Level == l {
				ids = append(ids, code.ID)
			}
		}
		return anyTerm(fieldCode, ids), nil
	case "coder":
		for _, name := range c.coders() {
			if strings.EqualFold(name, v) {
				return termQ(fieldCoder, name), nil
			}
		}
		return bleve.NewMatchNoneQuery(), nil
	case "date":
		from, to, err := dateRange(v)
		if err != nil {
			return nil, err
		}
		q := bleve.NewTermRangeInclusiveQuery(from, to, boolPtr(true), boolPtr(true))
		q.SetField(fieldDate)
		return q, nil
	case "facet":
		return b.facetFilter(arg, v)
	case "attr":
		return b.attrFilter(arg, v)
	case "set":
		return b.setFilter(v)
	case "informant":
		return b.informantFilter(v)
	case "iattr":
		return b.informantAttrFilter(arg, v)
	}
	return nil, coding.Errorf(coding.EINVALID, "unknown filter %q (known: attr:NAME, case, code, coder, date, document, facet:NAME, iattr:NAME, informant, level, role, set, speaker)", name)
}

func boolPtr(b bool) *bool { return &b }

// resolve returns the IDs of the n items whose ID is v or whose name is v
// (ignoring case), or an error naming what was not found.
func resolve(what, v string, n int, item func(int) (id, name string)) ([]string, error) {
	var ids []string
	for i := 0; i < n; i++ {
		id, name := item(i)
		if id == v {
			return []string{id}, nil
		}
		if strings.EqualFold(name, v) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "no %s named %q in this project", what, v)
	}
	return ids, nil
}

// speaker matches speakers named v (ignoring case), or else those whose
// name contains v, so speaker:Anna finds "CEO (Anna)".
func (b *builder) speaker(v string) (query.Query, error) {
	names := b.cat.speakerNames()
	var exact, partial []string
	lv := strings.ToLower(v)
	for _, n := range names {
		switch {
		case strings.EqualFold(n, v):
			exact = append(exact, n)
		case strings.Contains(strings.ToLower(n), lv):
			partial = append(partial, n)
		}
	}
	if len(exact) == 0 {
		exact = partial
	}
	if len(exact) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "no speaker named %q in this project", v)
	}
	return anyTerm(fieldSpeaker, exact), nil
}

// withDescendants returns ids with the IDs of every code below them.
func (c *catalog) withDescendants(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		for _, d := range c.tree.Descendants(id) {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	return out
}

// facetFilter matches units coded with codes whose value of the facet
// (their own or inherited) is v. The facet is named in the key
// ("facet:Type of learning") or in the value ("Type of learning=vicarious").
func (b *builder) facetFilter(name, v string) (query.Query, error) {
	if name == "" {
		var ok bool
		if name, v, ok = strings.Cut(v, "="); !ok {
			return nil, coding.Errorf(coding.EINVALID, `a facet filter reads facet:"NAME=VALUE"`)
		}
		name, v = strings.TrimSpace(name), strings.TrimSpace(v)
	}
	var f *coding.Facet
	for _, x := range b.cat.facets {
		if x.ID == name || strings.EqualFold(x.Name, name) {
			f = x
		}
	}
	if f == nil {
		return nil, coding.Errorf(coding.EINVALID, "no facet named %q in this project", name)
	}
	value, ok := f.HasValue(v)
	if !ok {
		return nil, coding.Errorf(coding.EINVALID, "facet %q has no value %q (values: %s)", f.Name, v, strings.Join(f.Values, ", "))
	}
	var ids []string
	for _, c := range b.cat.codes {
		if got, _ := b.cat.tree.EffectiveFacet(c, f.ID); got == value {
			ids = append(ids, c.ID)
		}
	}
	return anyTerm(fieldCode, ids), nil
}

// attrFilter matches units of cases whose attribute has value v: equal
// (ignoring case) for text, one of the items for lists, and for numbers
// and dates either equal or within a range "LOW..HIGH" (either end may be
// left open).
func (b *builder) attrFilter(name, v string) (query.Query, error) {
	ids, err := matchAttribute("attr", "case", name, v, b.cat.cases, func(c *coding.Case) (string, func(string) *coding.Attribute) { return c.ID, c.Attribute })
	if err != nil {
		return nil, err
	}
	return anyTerm(fieldCase, ids), nil
}

// matchAttribute returns, sorted, the IDs of the items (cases or
// informants) whose attribute matches an attribute filter of field with
// key argument name and value v (see attrNameValue, attrMatches). attr
// gives an item's ID and its attribute lookup. It is an error when no
// item has the attribute.
func matchAttribute[T any](field, what, name, v string, items []T, attr func(T) (string, func(string) *coding.Attribute)) ([]string, error) {
	name, v, err := attrNameValue(field, name, v)
	if err != nil {
		return nil, err
	}
	known := false
	var ids []string
	for _, it := range items {
		id, lookup := attr(it)
		a := lookup(name)
		if a == nil {
			continue
		}
		known = true
		ok, err := attrMatches(a, v)
		if err != nil {
			return nil, err
		}
		if ok {
			ids = append(ids, id)
		}
	}
	if !known {
		return nil, coding.Errorf(coding.EINVALID, "no %s has an attribute named %q", what, name)
	}
	sort.Strings(ids)
	return ids, nil
}

// attrNameValue returns the attribute name and value of an attribute
// filter, named in the key (attr:NAME) or in the value ("NAME=VALUE").
func attrNameValue(field, name, v string) (string, string, error) {
	if name != "" {
		return name, v, nil
	}
	name, v, ok := strings.Cut(v, "=")
	if !ok {
		return "", "", coding.Errorf(coding.EINVALID, `an attribute filter reads %s:"NAME=VALUE"`, field)
	}
	return strings.TrimSpace(name), strings.TrimSpace(v), nil
}

func attrMatches(a *coding.Attribute, v string) (bool, error) {
	switch val := a.Value.(type) {
	case nil:
		return false, nil
	case []string:
		for _, item := range val {
			if strings.EqualFold(item, v) {
				return true, nil
			}
		}
		return false, nil
	case float64:
		lo, hi, isRange := strings.Cut(v, "..")
		if !isRange {
			hi = lo
		}
		return inRange(val, lo, hi, a.Name)
	case string:
		if a.Type == coding.AttrDate {
			from, to, err := dateRange(v)
			return err == nil && val >= from && val <= to, err
		}
		return strings.EqualFold(val, v), nil
	}
	return false, nil
}

func inRange(x float64, lo, hi, name string) (bool, error) {
	parse := func(s string, def float64) (float64, error) {
		s = strings.TrimSpace(s)
		if s == "" {
			return def, nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, coding.Errorf(coding.EINVALID, "attribute %q is a number: %q is not one (use 10, or a range 10..50)", name, s)
		}
		return f, nil
	}
	l, err := parse(lo, -1e308)
	if err != nil {
		return false, err
	}
	h, err := parse(hi, 1e308)
	if err != nil {
		return false, err
	}
	return x >= l && x <= h, nil
}

// dateRange parses "YYYY-MM-DD" or "FROM..TO" (either end may be empty;
// a year or year-month stands for its whole span) into inclusive bounds.
func dateRange(v string) (string, string, error) {
	lo, hi, isRange := strings.Cut(v, "..")
	if !isRange {
		hi = lo
	}
	from, err := datePrefix(lo, "0000-00-00")
	if err != nil {
		return "", "", err
	}
	to, err := datePrefix(hi, "9999-99-99")
	if err != nil {
		return "", "", err
	}
	// A partial upper date covers its whole year or month.
	if t := strings.TrimSpace(hi); t != "" && len(t) < 10 {
		to = t + "9999-99-99"[len(t):]
	}
	return from, to, nil
}

func datePrefix(s, open string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return open, nil
	}
	ok := len(s) == 4 || len(s) == 7 || len(s) == 10
	for i, r := range s {
		if i == 4 || i == 7 {
			ok = ok && r == '-'
		} else {
			ok = ok && r >= '0' && r <= '9'
		}
	}
	if !ok {
		return "", coding.Errorf(coding.EINVALID, "%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", s)
	}
	return s, nil
}
