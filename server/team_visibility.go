package server

import (
	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// Independent coding: a member with the role coder who is one of the
// coders of an independent assignment sees, on that document, only their
// own quotes (and only memos on those). Owners, viewers and
// administrators see every quote. Every route that answers quotes, or
// figures computed from them, filters through quoteScope, so the rule
// holds alike for quote lists, documents with quotes, code statistics,
// analyses, exports, search and memos.

// quoteScope tells which quotes a request may see.
type quoteScope struct {
	// hiddenDocs are the documents on which others' quotes are hidden.
	hiddenDocs map[string]bool
	me         string
	// coders, when set, keeps only the quotes of these coders (the
	// coders= query parameter of analyses and exports).
	coders map[string]bool
}

// scopeOf returns the request's quote scope in project pid.
func (s *Server) scopeOf(c echo.Context, pid string) (*quoteScope, error) {
	a := accessOf(c)
	sc := &quoteScope{me: a.name}
	if a.solo || a.role != coding.RoleCoder || s.cfg.Access == nil {
		return sc, nil
	}
	as, err := s.cfg.Access.ListAssignments(c.Request().Context(), pid)
	if err != nil {
		return nil, err
	}
	for _, as := range as {
		if as.Independent && as.Includes(a.name) {
			if sc.hiddenDocs == nil {
				sc.hiddenDocs = map[string]bool{}
			}
			sc.hiddenDocs[as.DocumentID] = true
		}
	}
	return sc, nil
}

// hides reports whether q is out of the scope.
func (sc *quoteScope) hides(q *coding.Quote) bool {
	if sc.coders != nil && !sc.coders[q.Coder] {
		return true
	}
	return sc.hiddenDocs[q.DocumentID] && q.Coder != sc.me
}

// filter returns the quotes in scope, in their order.
func (sc *quoteScope) filter(qs []*coding.Quote) []*coding.Quote {
	if sc.hiddenDocs == nil && sc.coders == nil {
		return qs
	}
	out := make([]*coding.Quote, 0, len(qs))
	for _, q := range qs {
		if !sc.hides(q) {
			out = append(out, q)
		}
	}
	return out
}

// visibleQuotes filters quotes of project pid for the request.
func (s *Server) visibleQuotes(c echo.Context, pid string, qs []*coding.Quote) ([]*coding.Quote, error) {
	sc, err := s.scopeOf(c, pid)
	if err != nil {
		return nil, err
	}
	return sc.filter(qs), nil
}

// snapshot reads a project as the request may see it: quotes out of its
// scope, and memos on them, are left out. The query parameter coders
// (comma-separated) keeps only those coders' quotes, e.g.
// coders=consensus for the agreed coding.
func (s *Server) snapshot(c echo.Context, pid string, withText bool) (*coding.Snapshot, error) {
	snap, err := s.cfg.Store.Snapshot(c.Request().Context(), pid, withText)
	if err != nil {
		return nil, err
	}
	sc, err := s.scopeOf(c, pid)
	if err != nil {
		return nil, err
	}
	if coders := queryList(c, "coders"); len(coders) > 0 {
		sc.coders = map[string]bool{}
		for _, name := range coders {
			sc.coders[name] = true
		}
	}
	hidden := map[string]bool{}
	for _, q := range snap.Quotes {
		if sc.hides(q) {
			hidden[q.ID] = true
		}
	}
	if len(hidden) == 0 {
		return snap, nil
	}
	snap.Quotes = sc.filter(snap.Quotes)
	memos := snap.Memos[:0:0]
	for _, m := range snap.Memos {
		if !(m.TargetType == coding.MemoQuote && hidden[m.TargetID]) {
			memos = append(memos, m)
		}
	}
	snap.Memos = memos
	return snap, nil
}

// hiddenQuoteIDs returns the IDs of the project's quotes out of the
// request's scope; nil when none are.
func (s *Server) hiddenQuoteIDs(c echo.Context, pid string) (map[string]bool, error) {
	sc, err := s.scopeOf(c, pid)
	if err != nil || sc.hiddenDocs == nil {
		return nil, err
	}
	hidden := map[string]bool{}
	for doc := range sc.hiddenDocs {
		qs, err := s.cfg.Store.ListQuotes(c.Request().Context(), pid, coding.QuoteFilter{DocumentID: doc})
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			if sc.hides(q) {
				hidden[q.ID] = true
			}
		}
	}
	return hidden, nil
}

// visibleMemos leaves out memos on quotes out of the request's scope.
func (s *Server) visibleMemos(c echo.Context, pid string, ms []*coding.Memo) ([]*coding.Memo, error) {
	hidden, err := s.hiddenQuoteIDs(c, pid)
	if err != nil || len(hidden) == 0 {
		return ms, err
	}
	out := make([]*coding.Memo, 0, len(ms))
	for _, m := range ms {
		if !(m.TargetType == coding.MemoQuote && hidden[m.TargetID]) {
			out = append(out, m)
		}
	}
	return out, nil
}

// visibleSearch removes from a search result the quote and memo hits,
// quote references and code counts that would show quotes out of the
// request's scope.
func (s *Server) visibleSearch(c echo.Context, pid string, res *coding.SearchResult) (*coding.SearchResult, error) {
	hidden, err := s.hiddenQuoteIDs(c, pid)
	if err != nil || len(hidden) == 0 {
		return res, err
	}
	// Memos on hidden quotes are hidden too.
	memos, err := s.cfg.Store.ListMemos(c.Request().Context(), pid, coding.MemoFilter{TargetType: coding.MemoQuote})
	if err != nil {
		return nil, err
	}
	hiddenMemos := map[string]bool{}
	for _, m := range memos {
		if hidden[m.TargetID] {
			hiddenMemos[m.ID] = true
		}
	}
	hits := res.Hits[:0:0]
	for _, h := range res.Hits {
		if (h.Kind == coding.UnitQuote && hidden[h.ID]) || (h.Kind == coding.UnitMemo && hiddenMemos[h.ID]) {
			res.Total--
			continue
		}
		refs := h.InQuotes[:0:0]
		for _, r := range h.InQuotes {
			if !hidden[r.ID] {
				refs = append(refs, r)
			}
		}
		h.InQuotes = refs
		matches := make([]coding.SearchMatch, len(h.Matches))
		for i, m := range h.Matches {
			ids := m.QuoteIDs[:0:0]
			for _, id := range m.QuoteIDs {
				if !hidden[id] {
					ids = append(ids, id)
				}
			}
			m.QuoteIDs = ids
			matches[i] = m
		}
		h.Matches = matches
		hits = append(hits, h)
	}
	res.Hits = hits
	// Code counts of turns include the hidden quotes' codes.
	delete(res.Facets, "code")
	return res, nil
}
