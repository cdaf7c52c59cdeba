package refi

import (
	"strconv"
	"strings"
	"time"

	"tessera/coding"
)

// codingGroup is the codings of one coder on one selection: one quote.
type codingGroup struct {
	coder   string
	created time.Time // the earliest creationDateTime of its codings
	codes   []*planCode
	guids   []string // coding GUIDs
	notes   []inRef  // notes on the codings
	hasCode map[*planCode]bool
}

// groupCodings resolves codings to codes and groups them by coder in
// order of appearance; codings without a usable code are reported.
// defaultUser is the selection's creator, for codings that name none.
func (p *planner) groupCodings(codings []inCoding, defaultUser, where string) []*codingGroup {
	var groups []*codingGroup
	byCoder := map[string]*codingGroup{}
	for _, c := range codings {
		pc := p.codeByGUID[c.CodeRef.ref()]
		switch {
		case pc == nil:
			p.rep.skip("Coding", c.GUID, "", "%s is coded with %s, which is not in the codebook", where, c.CodeRef.ref())
			continue
		case pc.code.Level == coding.LevelDimension:
			p.rep.skip("Coding", c.GUID, "", "%s is coded with %q, an aggregate dimension; Tessera codes passages with concepts and themes", where, pc.code.Name)
			continue
		}
		user := c.CreatingUser
		if normGUID(user) == "" {
			user = defaultUser
		}
		coder := p.userName(user)
		g := byCoder[coder]
		if g == nil {
			g = &codingGroup{coder: coder, hasCode: map[*planCode]bool{}}
			byCoder[coder] = g
			groups = append(groups, g)
		}
		if !g.hasCode[pc] {
			g.hasCode[pc] = true
			g.codes = append(g.codes, pc)
		}
		if t, ok := parseDateTime(c.Created); ok && (g.created.IsZero() || t.Before(g.created)) {
			g.created = t
		}
		g.guids = append(g.guids, normGUID(c.GUID))
		g.notes = append(g.notes, c.NoteRefs...)
	}
	return groups
}

// planSelection plans the quotes of a selection: its range, read in the
// source's position convention, mapped into the stored text, one quote
// per coder.
func (p *planner) planSelection(d *planDoc, st *sourceText, conv Positions, sel inSelection) {
	tm := st.mapper
	where := "selection " + strconv.Quote(firstNonEmpty(sel.Name, normGUID(sel.GUID))) + " in " + quoteName(d.doc.Title)
	start, err1 := strconv.Atoi(strings.TrimSpace(sel.Start))
	end, err2 := strconv.Atoi(strings.TrimSpace(sel.End))
	if err1 != nil || err2 != nil {
		p.rep.skip("PlainTextSelection", sel.Name, sel.GUID, "its positions %q and %q in %q are not whole numbers", sel.Start, sel.End, d.doc.Title)
		return
	}
	if conv == PositionsUTF16 {
		start, end = st.fromUTF16(start, end)
	}
	s, e, ok := tm.Map(start, end)
	if !ok {
		p.rep.skip("PlainTextSelection", sel.Name, sel.GUID, "its range [%d,%d) is empty or outside the text of %q (%d characters)", start, end, d.doc.Title, tm.RawLen)
		return
	}
	groups := p.groupCodings(sel.Codings, sel.CreatingUser, where)
	if len(groups) == 0 {
		p.rep.skip("PlainTextSelection", sel.Name, sel.GUID, "it has no code Tessera can use (a quote needs a concept or theme)")
		p.attachNotes(sel.NoteRefs, noteRef{what: where})
		return
	}
	memo := sel.Description
	if strings.TrimSpace(memo) == "" {
		memo = ""
	}
	if len(memo) > coding.MaxMemoLen {
		p.rep.warnf("the description of %s is larger than %d bytes and was not kept", where, coding.MaxMemoLen)
		memo = ""
	}
	for i, g := range groups {
		if t, ok := parseDateTime(sel.Created); ok && g.created.IsZero() {
			g.created = t
		}
		pq := p.addQuote(d, s, e, g)
		pq.stamp = p.stampOf("", "", sel.Modified, sel.Modifying)
		pq.stamp.created, pq.stamp.createdBy = g.created, g.coder
		pq.stamp = pq.stamp.complete()
		if i == 0 {
			pq.q.Memo = memo
			if guid := normGUID(sel.GUID); guid != "" {
				p.quoteBySel[guid] = pq
			}
			p.attachNotes(sel.NoteRefs, noteRef{what: where, quot: pq})
		}
	}
}

// planWholeCodings turns codings of a whole source into quotes of its
// whole text.
func (p *planner) planWholeCodings(d *planDoc, codings []inCoding) {
	if len(codings) == 0 {
		return
	}
	groups := p.groupCodings(codings, "", "source "+quoteName(d.doc.Title))
	if len(groups) > 0 {
		p.rep.warnf("source %q is coded as a whole; Tessera made quotes of its whole text", d.doc.Title)
	}
	for _, g := range groups {
		p.addQuote(d, 0, coding.RuneLen(d.doc.Text), g)
	}
}

// addQuote adds the quote of one coding group.
func (p *planner) addQuote(d *planDoc, start, end int, g *codingGroup) *planQuote {
	pq := &planQuote{q: coding.Quote{Start: start, End: end, Coder: g.coder, CreatedAt: g.created}, codes: g.codes}
	d.quotes = append(d.quotes, pq)
	for _, guid := range g.guids {
		if guid != "" {
			p.quoteByCod[guid] = pq
		}
	}
	p.attachNotes(g.notes, noteRef{what: "a coding in " + quoteName(d.doc.Title), quot: pq})
	return pq
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// parseDateTime reads an xsd:dateTime as REFI-QDA files write it (UTC
// with Z, or with an offset; fractions of a second allowed). ok is false
// for an empty or unreadable value.
func parseDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
