package server

import (
	"encoding/json"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// eventView decides which changes of audit entries a reader may see:
// exactly what the read routes would show them (see quoteScope).
type eventView struct {
	s     *Server
	c     echo.Context
	pid   string
	scope *quoteScope
}

func (s *Server) newEventView(c echo.Context, pid string) (*eventView, error) {
	sc, err := s.scopeOf(c, pid)
	if err != nil {
		return nil, err
	}
	return &eventView{s: s, c: c, pid: pid, scope: sc}, nil
}

// visible returns the changes of e the reader may see, grouped by kind
// in the order they first appear.
func (v *eventView) visible(e *coding.AuditEntry) ([]eventChange, error) {
	coder := accessOf(v.c).role == coding.RoleCoder
	var out []eventChange
	type group struct {
		kind    string
		deleted bool
	}
	at := map[group]int{}
	seen := map[string]bool{}
	for _, ch := range e.Changes {
		kind := ch.Kind
		if kind == "text" {
			kind = "document"
		}
		if kind == "decision" && coder {
			continue // consensus is for owners and viewers
		}
		hide, err := v.hides(e, ch)
		if err != nil {
			return nil, err
		}
		if hide {
			continue
		}
		deleted := ch.After == nil
		if seen[kind+"/"+ch.ID] {
			continue
		}
		seen[kind+"/"+ch.ID] = true
		k := group{kind, deleted}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, eventChange{Kind: kind, IDs: []string{}, Deleted: deleted})
		}
		out[i].IDs = append(out[i].IDs, ch.ID)
	}
	return out, nil
}

// hides reports whether change ch of entry e concerns a quote out of the
// reader's scope, or a memo on one. A memo on a quote that is neither in
// the entry nor stored any more is hidden too: whose it was is unknown,
// and there is nothing left to show.
func (v *eventView) hides(e *coding.AuditEntry, ch coding.AuditChange) (bool, error) {
	if v.scope.hiddenDocs == nil {
		return false, nil
	}
	switch ch.Kind {
	case "quote":
		return v.hiddenQuote(ch.Before) || v.hiddenQuote(ch.After), nil
	case "memo":
		for _, raw := range []json.RawMessage{ch.Before, ch.After} {
			var m coding.Memo
			if raw == nil || json.Unmarshal(raw, &m) != nil || m.TargetType != coding.MemoQuote {
				continue
			}
			if hidden, ok := v.quoteInEntry(e, m.TargetID); ok {
				if hidden {
					return true, nil
				}
				continue
			}
			q, err := v.s.cfg.Store.FindQuote(v.c.Request().Context(), v.pid, m.TargetID)
			if coding.ErrorCode(err) == coding.ENOTFOUND {
				return true, nil
			} else if err != nil {
				return false, err
			}
			if v.scope.hides(q) {
				return true, nil
			}
		}
	}
	return false, nil
}

// hiddenQuote reports whether a stored quote is out of scope.
func (v *eventView) hiddenQuote(raw json.RawMessage) bool {
	var q coding.Quote
	if raw == nil || json.Unmarshal(raw, &q) != nil {
		return false
	}
	return v.scope.hides(&q)
}

// quoteInEntry reports whether entry e changed quote id (ok) and whether
// it was out of scope before or after.
func (v *eventView) quoteInEntry(e *coding.AuditEntry, id string) (hidden, ok bool) {
	for _, ch := range e.Changes {
		if ch.Kind == "quote" && ch.ID == id {
			return v.hiddenQuote(ch.Before) || v.hiddenQuote(ch.After), true
		}
	}
	return false, false
}
