package anonymise

import (
	"strconv"

	"tessera/coding"
	"tessera/coding/markdown"
)

// Anonymiser anonymises one project snapshot with its profile
// (snap.Anonymisation): the names the profile knows in text, and user
// names.
type Anonymiser struct {
	snap *coding.Snapshot
	r    *Replacer
	user func(string) string
}

// New returns the anonymiser of snap.
func New(snap *coding.Snapshot) *Anonymiser {
	return &Anonymiser{snap: snap, r: NewReplacer(Rules(snap)), user: userPseudonyms(snap)}
}

// Text returns s with the names the profile knows replaced.
func (a *Anonymiser) Text(s string) string { return a.r.Replace(s) }

// User returns the name a user has in the anonymised snapshot.
func (a *Anonymiser) User(name string) string { return a.user(name) }

// Snapshot is New(snap).Snapshot().
func Snapshot(snap *coding.Snapshot) *coding.Snapshot { return New(snap).Snapshot() }

// Snapshot returns an anonymised copy of the snapshot, which it leaves
// as it is: cases carry their pseudonyms, and every text of the project (the
// project's name and description, case attributes, document titles,
// metadata, source names, texts and speakers, code names and
// definitions, quotes with their memos, print excerpts and corrections,
// informants' roles and attributes, sets, memos, models) has the names the
// profile knows replaced (see Rules). Turn and quote positions are moved
// to the anonymised texts, so each quote covers the anonymised form of
// the passage it codes. User names (coders, memo authors, who changed
// what) become "Coder 1", "Coder 2"... unless the profile keeps them.
// Facets, informant IDs and pseudonyms and times are kept.
func (a *Anonymiser) Snapshot() *coding.Snapshot {
	snap, r, user := a.snap, a.r, a.user
	out := *snap
	out.Project = copyProject(snap.Project, r)
	pseudonyms := CasePseudonyms(snap)
	out.Cases = make([]*coding.Case, len(snap.Cases))
	for i, c := range snap.Cases {
		cc := *c
		cc.Name = pseudonyms[c.ID]
		cc.Attributes = replaceAttributes(r, c.Attributes)
		out.Cases[i] = &cc
	}
	maps := map[string]*posMap{}
	texts := map[string][]rune{}
	out.Documents = make([]*coding.Document, len(snap.Documents))
	for i, d := range snap.Documents {
		dd := copyDocument(d, r)
		dd.CreatedBy, dd.UpdatedBy = user(d.CreatedBy), user(d.UpdatedBy)
		if d.Text != "" {
			var pm *posMap
			dd.Text, pm = r.apply(d.Text)
			dd.Length = coding.RuneLen(dd.Text)
			for j := range dd.Turns {
				dd.Turns[j].Start, dd.Turns[j].End = pm.start(d.Turns[j].Start), pm.end(d.Turns[j].End)
			}
			maps[d.ID], texts[d.ID] = pm, []rune(dd.Text)
		}
		out.Documents[i] = dd
	}
	out.Codes = make([]*coding.Code, len(snap.Codes))
	for i, c := range snap.Codes {
		cc := *c
		cc.Name, cc.Definition = r.Replace(c.Name), r.Replace(c.Definition)
		cc.Inclusion, cc.Exclusion = r.Replace(c.Inclusion), r.Replace(c.Exclusion)
		cc.Aliases = replaceAll(r, c.Aliases)
		out.Codes[i] = &cc
	}
	out.Quotes = make([]*coding.Quote, len(snap.Quotes))
	for i, q := range snap.Quotes {
		qq := *q
		qq.Memo, qq.Excerpt = r.Replace(q.Memo), r.Replace(q.Excerpt)
		qq.Coder, qq.UpdatedBy = user(q.Coder), user(q.UpdatedBy)
		qq.Corrections = each(q.Corrections, func(c *coding.QuoteCorrection) {
			c.Before, c.After, c.Actor = r.Replace(c.Before), r.Replace(c.After), user(c.Actor)
		})
		if pm, ok := maps[q.DocumentID]; ok {
			qq.Start, qq.End = pm.start(q.Start), pm.end(q.End)
			qq.Text = string(texts[q.DocumentID][qq.Start:qq.End])
		} else {
			qq.Text = r.Replace(q.Text)
		}
		out.Quotes[i] = &qq
	}
	out.Informants = make([]*coding.Informant, len(snap.Informants))
	for i, inf := range snap.Informants {
		ii := *inf
		ii.Role = r.Replace(inf.Role)
		ii.Attributes = replaceAttributes(r, inf.Attributes)
		out.Informants[i] = &ii
	}
	out.Sets = make([]*coding.Set, len(snap.Sets))
	for i, set := range snap.Sets {
		ss := *set
		ss.Name, ss.Description = r.Replace(set.Name), r.Replace(set.Description)
		out.Sets[i] = &ss
	}
	out.Models = make([]*coding.Model, len(snap.Models))
	for i, m := range snap.Models {
		out.Models[i] = copyModel(m, r)
	}
	out.Memos = make([]*coding.Memo, len(snap.Memos))
	for i, m := range snap.Memos {
		mm := *m
		mm.Title, mm.Body = r.Replace(m.Title), r.Replace(m.Body)
		mm.Author, mm.UpdatedBy = user(m.Author), user(m.UpdatedBy)
		// A body that grew past Markdown's size limit keeps no HTML.
		mm.HTML, _ = markdown.Render(mm.Body)
		out.Memos[i] = &mm
	}
	return &out
}

// copyModel copies a model with its name and every label and text
// anonymised: a bound box's label is its code's name, replaced as the
// code's own.
func copyModel(m *coding.Model, r *Replacer) *coding.Model {
	mm := *m
	mm.Name = r.Replace(m.Name)
	mm.Boxes = each(m.Boxes, func(b *coding.ModelBox) { b.Text, b.Label = r.Replace(b.Text), r.Replace(b.Label) })
	mm.Frames = each(m.Frames, func(f *coding.ModelFrame) { f.Label = r.Replace(f.Label) })
	mm.Arrows = each(m.Arrows, func(a *coding.ModelArrow) { a.Label = r.Replace(a.Label) })
	return &mm
}

func copyProject(p *coding.Project, r *Replacer) *coding.Project {
	if p == nil {
		return nil
	}
	pp := *p
	pp.Name, pp.Description = r.Replace(p.Name), r.Replace(p.Description)
	return &pp
}

// copyDocument copies d with its own fields anonymised; the caller
// replaces the text and moves the turns.
func copyDocument(d *coding.Document, r *Replacer) *coding.Document {
	dd := *d
	dd.Title, dd.SourceName = r.Replace(d.Title), r.Replace(d.SourceName)
	dd.Meta.Interviewer = r.Replace(d.Meta.Interviewer)
	dd.Meta.InformantRole = r.Replace(d.Meta.InformantRole)
	dd.Turns = each(d.Turns, func(t *coding.Turn) { t.Speaker = r.Replace(t.Speaker) })
	dd.Speakers = each(d.Speakers, func(s *coding.Speaker) { s.Name = r.Replace(s.Name) })
	return &dd
}

// replaceAll returns ss with the names in each string replaced.
func replaceAll(r *Replacer, ss []string) []string {
	return each(ss, func(s *string) { *s = r.Replace(*s) })
}

// each returns a copy of items (nil for nil) with fn applied to every
// element.
func each[T any](items []T, fn func(*T)) []T {
	if items == nil {
		return nil
	}
	out := make([]T, len(items))
	for i, x := range items {
		fn(&x)
		out[i] = x
	}
	return out
}

// replaceAttributes copies attributes with their text and list values
// anonymised.
func replaceAttributes(r *Replacer, attrs []coding.Attribute) []coding.Attribute {
	return each(attrs, func(a *coding.Attribute) {
		switch v := a.Value.(type) {
		case string:
			a.Value = r.Replace(v)
		case []string:
			a.Value = replaceAll(r, v)
		}
	})
}

// userPseudonyms returns the function that names a user in the
// anonymised snapshot: "Coder N", numbered in order of first appearance
// (documents, quotes, memos), or the name itself when the profile keeps
// user names or the project has no such user.
func userPseudonyms(snap *coding.Snapshot) func(string) string {
	if snap.Anonymisation != nil && snap.Anonymisation.KeepUsers {
		return func(name string) string { return name }
	}
	names := map[string]string{}
	add := func(users ...string) {
		for _, u := range users {
			if _, ok := names[u]; !ok && u != "" {
				names[u] = "Coder " + strconv.Itoa(len(names)+1)
			}
		}
	}
	for _, d := range snap.Documents {
		add(d.CreatedBy, d.UpdatedBy)
	}
	for _, q := range snap.Quotes {
		add(q.Coder, q.UpdatedBy)
		for _, c := range q.Corrections {
			add(c.Actor)
		}
	}
	for _, m := range snap.Memos {
		add(m.Author, m.UpdatedBy)
	}
	return func(name string) string {
		if p, ok := names[name]; ok {
			return p
		}
		return name
	}
}
