package refi

import (
	"context"
	"fmt"
	"strings"

	"tessera/coding"
)

// write creates the planned project in st. Every entity is created
// through the store's ordinary methods, so its rules hold; if one fails,
// the project is deleted again and the error returned.
func (p *planner) write(ctx context.Context, st coding.Store) (*coding.Project, error) {
	proj := p.project
	if err := st.CreateProject(ctx, &proj); err != nil {
		return nil, err
	}
	if err := p.writeAll(ctx, st, proj.ID); err != nil {
		if derr := st.DeleteProject(context.WithoutCancel(ctx), proj.ID); derr != nil {
			return nil, fmt.Errorf("%w (the partly imported project %q could not be removed: %v)", err, proj.Name, derr)
		}
		return nil, err
	}
	return &proj, nil
}

// writeAll creates facets, codes, cases, documents, quotes, sets and
// memos in that order, each after what it refers to.
func (p *planner) writeAll(ctx context.Context, st coding.Store, pid string) error {
	facetIDs := map[string]string{} // lower-case facet name -> ID
	for _, pf := range p.facets {
		f := &coding.Facet{ProjectID: pid, Name: pf.name, Values: pf.values}
		if f.Values == nil {
			f.Values = []string{}
		}
		if err := st.CreateFacet(ctx, f); err != nil {
			return err
		}
		facetIDs[strings.ToLower(f.Name)] = f.ID
	}
	for _, pc := range p.codes {
		c := &pc.code
		c.ProjectID = pid
		if pc.parent != nil {
			c.ParentID = pc.parent.code.ID
		}
		c.Facets = map[string]string{}
		for key, v := range pc.facets {
			c.Facets[facetIDs[key]] = v
		}
		if err := st.CreateCode(ctx, c); err != nil {
			return wrap(err, "code %q", c.Name)
		}
	}
	for _, pc := range p.cases {
		pc.c.ProjectID = pid
		if err := st.CreateCase(ctx, &pc.c); err != nil {
			return wrap(err, "case %q", pc.c.Name)
		}
	}
	quotes := 0
	for _, pd := range p.docs {
		d := &pd.doc
		d.ProjectID = pid
		if pd.cas != nil {
			d.CaseID = pd.cas.c.ID
		}
		if err := st.CreateDocument(ctx, d); err != nil {
			return wrap(err, "document %q", d.Title)
		}
		qs := make([]*coding.Quote, 0, len(pd.quotes))
		for _, pq := range pd.quotes {
			q := &pq.q
			for _, c := range pq.codes {
				q.CodeIDs = append(q.CodeIDs, c.code.ID)
			}
			qs = append(qs, q)
		}
		if err := st.ImportQuotes(ctx, pid, d.ID, qs); err != nil {
			return wrap(err, "quotes in %q", d.Title)
		}
		quotes += len(qs)
	}
	if err := p.writeSets(ctx, st, pid); err != nil {
		return err
	}
	for _, pm := range p.memos {
		m := pm.m
		m.ProjectID = pid
		switch {
		case pm.cas != nil:
			m.TargetType, m.TargetID = coding.MemoCase, pm.cas.c.ID
		case pm.doc != nil:
			m.TargetType, m.TargetID = coding.MemoDocument, pm.doc.doc.ID
		case pm.code != nil:
			m.TargetType, m.TargetID = coding.MemoCode, pm.code.code.ID
		case pm.quot != nil:
			m.TargetType, m.TargetID = coding.MemoQuote, pm.quot.q.ID
		default:
			m.TargetType, m.TargetID = coding.MemoProject, pid
		}
		if err := st.CreateMemo(ctx, &m); err != nil {
			return wrap(err, "memo %q", m.Title)
		}
		pm.m.ID = m.ID
	}
	if err := p.writeProvenance(ctx, st, pid); err != nil {
		return err
	}
	p.rep.Facets, p.rep.Codes, p.rep.Cases, p.rep.Sets = len(p.facets), len(p.codes), len(p.cases), len(p.sets)
	p.rep.Documents, p.rep.Quotes, p.rep.Memos = len(p.docs), quotes, len(p.memos)
	return nil
}

// wrap prefixes err's message with what was being created, keeping its
// error code.
func wrap(err error, format string, args ...any) error {
	what := fmt.Sprintf(format, args...)
	if code := coding.ErrorCode(err); code != coding.EINTERNAL {
		return coding.Errorf(code, "%s: %s", what, coding.ErrorMessage(err))
	}
	return fmt.Errorf("%s: %w", what, err)
}
