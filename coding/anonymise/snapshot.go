package anonymise

import (
	"tessera/coding"
	"tessera/coding/markdown"
)

// Snapshot returns an anonymised copy of snap, which it leaves as it is:
// cases carry their pseudonyms, and every text of the project (the
// project's name and description, case attributes, document titles,
// metadata, source names, texts and speakers, code names and
// definitions, quotes and their memos, memos) has the names the profile
// knows replaced (see Rules). Turn and quote positions are moved to the
// anonymised texts, so each quote covers the anonymised form of the
// passage it codes. Facets, user names (coders, memo authors) and
// times are kept.
func Snapshot(snap *coding.Snapshot) *coding.Snapshot {
	r := NewReplacer(Rules(snap))
	out := *snap
	out.Project = copyProject(snap.Project, r)
	pseudonyms := CasePseudonyms(snap)
	out.Cases = make([]*coding.Case, len(snap.Cases))
	for i, c := range snap.Cases {
		cc := *c
		cc.Name = pseudonyms[c.ID]
		cc.Attributes = make([]coding.Attribute, len(c.Attributes))
		for j, a := range c.Attributes {
			switch v := a.Value.(type) {
			case string:
				a.Value = r.Replace(v)
			case []string:
				items := make([]string, len(v))
				for k, s := range v {
					items[k] = r.Replace(s)
				}
				a.Value = items
			}
			cc.Attributes[j] = a
		}
		out.Cases[i] = &cc
	}
	maps := map[string]*posMap{}
	texts := map[string][]rune{}
	out.Documents = make([]*coding.Document, len(snap.Documents))
	for i, d := range snap.Documents {
		dd := copyDocument(d, r)
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
		qq.Memo = r.Replace(q.Memo)
		if pm, ok := maps[q.DocumentID]; ok {
			qq.Start, qq.End = pm.start(q.Start), pm.end(q.End)
			qq.Text = string(texts[q.DocumentID][qq.Start:qq.End])
		} else {
			qq.Text = r.Replace(q.Text)
		}
		out.Quotes[i] = &qq
	}
	out.Memos = make([]*coding.Memo, len(snap.Memos))
	for i, m := range snap.Memos {
		mm := *m
		mm.Title, mm.Body = r.Replace(m.Title), r.Replace(m.Body)
		// A body that grew past Markdown's size limit keeps no HTML.
		mm.HTML, _ = markdown.Render(mm.Body)
		out.Memos[i] = &mm
	}
	return &out
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
	dd.Turns = make([]coding.Turn, len(d.Turns))
	for i, t := range d.Turns {
		t.Speaker = r.Replace(t.Speaker)
		dd.Turns[i] = t
	}
	dd.Speakers = make([]coding.Speaker, len(d.Speakers))
	for i, s := range d.Speakers {
		s.Name = r.Replace(s.Name)
		dd.Speakers[i] = s
	}
	return &dd
}

func replaceAll(r *Replacer, ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = r.Replace(s)
	}
	return out
}
