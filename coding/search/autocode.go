package search

import (
	"context"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"tessera/coding"
)

// maxAutoCodeHits bounds the turns one auto-coding request may touch.
const maxAutoCodeHits = 10000

// target is a range of a document to code.
type target struct {
	doc        string
	docOrder   int
	start, end int
}

// AutoCode codes the turns matching req.Query and req.Filters (or the
// selected ones among them) with req.CodeID, one quote per match, per
// sentence holding a match, or per turn. It is idempotent: where a quote
// with exactly the same range exists, the code is added to it if missing
// and no quote is created, so running it twice creates nothing new.
func (ix *Index) AutoCode(ctx context.Context, projectID string, req AutoCodeRequest) (*AutoCodeResult, error) {
	extend := strings.ToLower(strings.TrimSpace(req.Extend))
	switch extend {
	case "":
		extend = "match"
	case "match", "sentence", "turn":
	default:
		return nil, coding.Errorf(coding.EINVALID, "extend must be match, sentence or turn, not %q", req.Extend)
	}
	if req.CodeID == "" {
		return nil, coding.Errorf(coding.EINVALID, "auto-coding needs a code_id")
	}
	node, err := parseQuery(req.Query)
	if err != nil {
		return nil, err
	}
	if node == nil {
		return nil, coding.Errorf(coding.EINVALID, "auto-coding needs a query: words or phrases to code")
	}

	// Find the ranges to code while holding the index; write to the store
	// afterwards, since each write updates the index through Apply.
	var targets []target
	err = ix.withProject(ctx, projectID, func(p *project) error {
		code := p.cat.tree.ByID[req.CodeID]
		if code == nil {
			return coding.Errorf(coding.ENOTFOUND, "code %q not found", req.CodeID)
		}
		if code.Level == coding.LevelDimension {
			return coding.Errorf(coding.EUNPROCESSABLE, "quotes are coded with concepts or themes, not with the aggregate dimension %q", code.Name)
		}
		pl, err := newPlan(p, node, []string{KindTurn}, req.Filters)
		if err != nil {
			return err
		}
		targets, err = ix.autoCodeTargets(ctx, p, pl, req.HitIDs, extend)
		return err
	})
	if err != nil {
		return nil, err
	}
	return ix.codeTargets(ctx, projectID, targets, req.CodeID, req.Coder, req.Hidden)
}

// autoCodeTargets runs the plan over all matching turns (restricted to
// hitIDs when given) and returns the ranges to code, sorted and without
// duplicates. p is read-locked.
func (ix *Index) autoCodeTargets(ctx context.Context, p *project, pl *plan, hitIDs []string, extend string) ([]target, error) {
	q := pl.full
	if len(hitIDs) > 0 {
		q = bleve.NewConjunctionQuery(bleve.NewDocIDQuery(hitIDs), q)
	}
	sr := bleve.NewSearchRequestOptions(q, maxAutoCodeHits+1, 0, false)
	sr.Score = "none"
	sr.SortBy([]string{fieldSort})
	res, err := p.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, searchError(err)
	}
	if len(res.Hits) > maxAutoCodeHits {
		return nil, coding.Errorf(coding.ETOOLARGE, "the query matches %d turns; auto-coding handles at most %d at once: narrow the query or select hits", res.Total, maxAutoCodeHits)
	}
	seen := map[target]bool{}
	var out []target
	add := func(t target) {
		if t.end > t.start && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, h := range res.Hits {
		ref, ok := parseUnitID(h.ID)
		if !ok || ref.Kind != KindTurn || p.cat.docByID[ref.ID] == nil {
			continue
		}
		t, err := ix.texts.get(ctx, ix.store, p.id, ref.ID)
		if err != nil {
			return nil, err
		}
		if ref.Turn >= len(t.turns) {
			continue
		}
		tr := t.turns[ref.Turn]
		order := p.cat.docOrder(ref.ID)
		if extend == "turn" {
			add(target{doc: ref.ID, docOrder: order, start: tr.Start, end: tr.End})
			continue
		}
		ut := unitText{text: t.turnText(ref.Turn), base: tr.Start}
		for _, m := range pl.m.matches(ut, fieldText) {
			if extend == "sentence" {
				s := byteAt(ut.text, m.Start-tr.Start)
				e := s + byteAt(ut.text[s:], m.End-m.Start)
				bs, be := coding.SentenceAround(ut.text, s, e, tr.Speaker)
				m.Start = tr.Start + coding.RuneLen(ut.text[:bs])
				m.End = m.Start + coding.RuneLen(ut.text[bs:be])
			}
			add(target{doc: ref.ID, docOrder: order, start: m.Start, end: m.End})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.docOrder != b.docOrder {
			return a.docOrder < b.docOrder
		}
		if a.doc != b.doc {
			return a.doc < b.doc
		}
		if a.start != b.start {
			return a.start < b.start
		}
		return a.end < b.end
	})
	return out, nil
}

// codeTargets codes the targets with codeID in one store change.
func (ix *Index) codeTargets(ctx context.Context, pid string, targets []target, codeID, coder string, hidden func(*coding.Quote) bool) (*AutoCodeResult, error) {
	req := coding.CodeRangesRequest{CodeID: codeID, Coder: coder, Hidden: hidden, Ranges: make([]coding.QuoteRange, len(targets))}
	for i, t := range targets {
		req.Ranges[i] = coding.QuoteRange{DocumentID: t.doc, Start: t.start, End: t.end}
	}
	return ix.store.CodeRanges(ctx, pid, req)
}
