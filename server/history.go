package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"tessera/coding"
)

// historyWindow is how many of the project's latest changes GET /history
// reads to find the user's undo and redo targets.
const historyWindow = 1000

func (s *Server) registerHistoryRoutes(g *routes) {
	g.GET("/projects/:pid/history", s.handleHistory, rule{perm: permRead})
}

// historyStep is a change the user can undo or redo: POST /undo with its
// seq does it.
type historyStep struct {
	// Seq is the audit entry to undo: for undo the user's change (or
	// redo), for redo the user's undo.
	Seq uint64 `json:"seq"`
	// Op is the operation of the change that undoing or redoing affects,
	// such as "create_quote".
	Op string `json:"op"`
	// Summary says that change in words, e.g. "Create quote «we learned
	// the hard way…» in Interview 3".
	Summary string `json:"summary"`
}

// historyAnswer is the body of GET /history.
type historyAnswer struct {
	Undo *historyStep `json:"undo"`
	Redo *historyStep `json:"redo"`
}

// handleHistory answers GET /api/v1/projects/{pid}/history with what the
// signed-in user (solo: the local coder) would undo and redo next, as in
// an editor: undo takes back their latest change not yet undone (a redo
// counts as a change); redo brings back their latest undone change while
// they have made no other change since. Either is null when there is
// none. Both are done with POST /undo {seq}.
func (s *Server) handleHistory(c echo.Context) error {
	ctx, pid := c.Request().Context(), c.Param("pid")
	entries, err := s.cfg.Store.ListAudit(ctx, pid, coding.AuditFilter{Limit: historyWindow})
	if err != nil {
		return err
	}
	h := &historyReader{s: s, ctx: ctx, pid: pid, bySeq: map[uint64]*coding.AuditEntry{}}
	for _, e := range entries {
		h.bySeq[e.Seq] = e
	}
	me := s.coder(c)
	var undo, redo []uint64
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		base, depth, err := h.resolve(e)
		if err != nil {
			return err
		}
		switch {
		case depth == 0: // a change
			if e.Actor == me && undoable(e) {
				undo = append(undo, e.Seq)
				redo = nil
			}
		case depth%2 == 1: // an undo, by anyone, takes the change off
			undo = without(undo, e.Undoes)
			if e.Actor == me && base != nil {
				redo = append(redo, e.Seq)
			}
		default: // a redo, that is the undo of an undo
			redo = without(redo, e.Undoes)
			if e.Actor == me && base != nil {
				undo = append(undo, e.Seq)
			}
		}
	}
	var ans historyAnswer
	if ans.Undo, err = h.step(undo); err != nil {
		return err
	}
	if ans.Redo, err = h.step(redo); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ans)
}

// undoable reports whether the store can undo e: not the creation or
// deletion of the project.
func undoable(e *coding.AuditEntry) bool {
	for _, c := range e.Changes {
		if c.Kind == "project" && (c.Before == nil || c.After == nil) {
			return false
		}
	}
	return true
}

// without returns seqs without seq.
func without(seqs []uint64, seq uint64) []uint64 {
	for i := len(seqs) - 1; i >= 0; i-- {
		if seqs[i] == seq {
			return append(seqs[:i:i], seqs[i+1:]...)
		}
	}
	return seqs
}

// historyReader reads audit entries for /history, also those older than
// the window that undos refer to.
type historyReader struct {
	s     *Server
	ctx   context.Context
	pid   string
	bySeq map[uint64]*coding.AuditEntry
	// docs holds the project's document titles, read when first needed.
	docs map[string]string
}

// entry returns audit entry seq, or nil when there is none.
func (h *historyReader) entry(seq uint64) (*coding.AuditEntry, error) {
	if e, ok := h.bySeq[seq]; ok {
		return e, nil
	}
	es, err := h.s.cfg.Store.ListAudit(h.ctx, h.pid, coding.AuditFilter{Before: seq + 1, Limit: 1})
	if err != nil {
		return nil, err
	}
	var e *coding.AuditEntry
	if len(es) == 1 && es[0].Seq == seq {
		e = es[0]
	}
	h.bySeq[seq] = e
	return e, nil
}

// resolve follows e's chain of undos to the change at its root: depth 0
// for a change, odd for an undo, even for a redo. base is nil when the
// chain leads to no recorded entry.
func (h *historyReader) resolve(e *coding.AuditEntry) (base *coding.AuditEntry, depth int, err error) {
	for base = e; base != nil && base.Undoes != 0; depth++ {
		if base, err = h.entry(base.Undoes); err != nil {
			return nil, 0, err
		}
	}
	return base, depth, nil
}

// step describes the entry on top of stack, or nil for an empty stack.
func (h *historyReader) step(stack []uint64) (*historyStep, error) {
	if len(stack) == 0 {
		return nil, nil
	}
	e, err := h.entry(stack[len(stack)-1])
	if err != nil {
		return nil, err
	}
	base, _, err := h.resolve(e)
	if err != nil || base == nil {
		return nil, err
	}
	summary, err := h.summary(base)
	if err != nil {
		return nil, err
	}
	return &historyStep{Seq: e.Seq, Op: base.Op, Summary: summary}, nil
}

// opNames are the words for operations whose name does not read well.
var opNames = map[string]string{
	"auto_code":        "Code search hits",
	"put_member":       "Set the role of",
	"delete_member":    "Remove member",
	"consensus":        "Record consensus on",
	"assign_documents": "Assign",
	"set_code_facet":   "Set a facet of",
	"reorder_cases":    "Reorder cases",
	"reorder_codes":    "Reorder codes",
	"split_code":       "Split off",
	"retire_code":      "Retire",
	"restore_code":     "Bring back",
	"close_round":      "Close round",
	// Transcript edits name the document they changed.
	"rename_speaker":     "Rename a speaker in",
	"merge_speakers":     "Merge speakers in",
	"split_speaker":      "Split a speaker in",
	"set_speaker_role":   "Set a speaker's role in",
	"set_turn_speaker":   "Change a turn's speaker in",
	"split_turn":         "Split a turn in",
	"merge_turns":        "Merge turns in",
	"correct_transcript": "Correct the text of",
	"move_codes":         "Move",
	"group_codes":        "Group",
	"relevel_codes":      "Change the level of",
	"set_codes_facet":    "Set a facet of",
	"recolor_codes":      "Recolour",
	"merge_many_codes":   "Merge",
	"delete_codes":       "Delete",
	"link_speaker":       "Link a speaker of",
	"link_speakers":      "Link speakers by name",
	"keep_provenance":    "Keep the imported dates of",
}

// summary says change e in words: the operation, then the entity it is
// about («name», title or text, a quote's document), or how many.
func (h *historyReader) summary(e *coding.AuditEntry) (string, error) {
	verb := opNames[e.Op]
	if verb == "" {
		verb = strings.ReplaceAll(e.Op, "_", " ")
		verb = strings.ToUpper(verb[:1]) + verb[1:]
	}
	if strings.HasPrefix(e.Op, "reorder_") {
		return verb, nil
	}
	// The entity the operation names (create_quote: a quote), else the
	// first one it changed.
	noun := e.Op[strings.LastIndex(e.Op, "_")+1:]
	var main []coding.AuditChange
	for _, ch := range e.Changes {
		if ch.Kind == noun || ch.Kind+"s" == noun {
			main = append(main, ch)
		}
	}
	if len(main) == 0 {
		for _, ch := range e.Changes {
			if ch.Kind != "text" && (len(main) == 0 || ch.Kind == main[0].Kind) {
				main = append(main, ch)
			}
		}
	}
	if len(main) == 0 {
		return verb, nil
	}
	if e.Op == "merge_codes" && len(main) == 2 {
		from, into := main[0], main[1]
		if from.After != nil {
			from, into = into, from
		}
		return fmt.Sprintf("Merge code «%s» into «%s»", shorten(auditLabel(from), 40), shorten(auditLabel(into), 40)), nil
	}
	if len(main) > 1 {
		return fmt.Sprintf("%s: %d %ss", verb, len(main), main[0].Kind), nil
	}
	ch := main[0]
	label := shorten(auditLabel(ch), 40)
	if ch.Kind == "memo" && label == "" {
		label = "untitled memo"
	}
	out := verb
	if label != "" {
		out += " «" + label + "»"
	}
	if ch.Kind == "quote" {
		title, err := h.quoteDocument(ch)
		if err != nil {
			return "", err
		}
		if title != "" {
			out += " in " + title
		}
	}
	return out, nil
}

// quoteDocument returns the title of the document of a changed quote.
func (h *historyReader) quoteDocument(ch coding.AuditChange) (string, error) {
	raw := ch.After
	if raw == nil {
		raw = ch.Before
	}
	var q struct {
		DocumentID string `json:"document_id"`
	}
	if err := json.Unmarshal(raw, &q); err != nil {
		return "", nil // an unreadable entry: no document named
	}
	if h.docs == nil {
		docs, err := h.s.cfg.Store.ListDocuments(h.ctx, h.pid, coding.DocumentFilter{})
		if err != nil {
			return "", err
		}
		h.docs = map[string]string{}
		for _, d := range docs {
			h.docs[d.ID] = d.Title
		}
	}
	return h.docs[q.DocumentID], nil
}
