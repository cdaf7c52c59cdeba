// Package rounds compares the closed coding rounds of a project (the
// codebook's evolution) and measures saturation: how many new codes each
// interview brought.
package rounds

import (
	"slices"
	"strings"
	"time"

	"tessera/coding"
)

// Current is the round ID that stands for the codebook as it is now.
const Current = "current"

// FromSnapshot returns the project as it stands in snap as an unsaved
// round named "Current", so that the last closed round can be compared
// with the present.
func FromSnapshot(snap *coding.Snapshot) *coding.Round {
	r := &coding.Round{ID: Current, ProjectID: snap.Project.ID, Name: "Current", Seq: snap.Seq, Codes: snap.Codes}
	for _, q := range snap.Quotes {
		r.Coding = append(r.Coding, coding.RoundQuote{ID: q.ID, DocumentID: q.DocumentID, CodeIDs: q.CodeIDs})
	}
	return r
}

// Change kinds of a code between two rounds.
const (
	ChangeAdded    = "added"
	ChangeMerged   = "merged"
	ChangeSplit    = "split"
	ChangeRenamed  = "renamed"
	ChangeMoved    = "moved"
	ChangeRetired  = "retired"
	ChangeRestored = "restored"
	ChangeRemoved  = "removed"
)

// RoundSummary describes one round of the comparison.
type RoundSummary struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	ClosedAt   time.Time `json:"closed_at"`
	Concepts   int       `json:"concepts"`
	Themes     int       `json:"themes"`
	Dimensions int       `json:"dimensions"`
	Retired    int       `json:"retired"`
	Quotes     int       `json:"quotes"`
	Documents  int       `json:"documents"`
}

// Counts are a code's quotes and the documents they lie in, in one round.
type Counts struct {
	Quotes    int `json:"quotes"`
	Documents int `json:"documents"`
}

// CodeChange is one code of either round and what happened to it.
type CodeChange struct {
	ID    string       `json:"id"`
	Level coding.Level `json:"level"`
	// FromName and ToName are the code's names in the two rounds; "" in
	// the round where it does not exist.
	FromName string `json:"from_name"`
	ToName   string `json:"to_name"`
	// Changes lists the change kinds, in the order of the constants.
	Changes []string `json:"changes"`
	// MergedInto names the code of the later round this one was merged
	// into; MergedFrom the codes of the earlier round merged into this.
	MergedInto string   `json:"merged_into,omitempty"`
	MergedFrom []string `json:"merged_from,omitempty"`
	// SplitFrom names the code of the earlier round this one was split
	// off; SplitInto the codes split off this one.
	SplitFrom string   `json:"split_from,omitempty"`
	SplitInto []string `json:"split_into,omitempty"`
	// FromParent and ToParent name the parent in each round when moved.
	FromParent string  `json:"from_parent,omitempty"`
	ToParent   string  `json:"to_parent,omitempty"`
	FromCounts *Counts `json:"from_counts"` // nil where the code does not exist
	ToCounts   *Counts `json:"to_counts"`
}

// Has reports whether the code underwent change kind.
func (c *CodeChange) Has(kind string) bool { return slices.Contains(c.Changes, kind) }

// Evolution is the codebook's evolution from one round to another.
type Evolution struct {
	From  RoundSummary  `json:"from"`
	To    RoundSummary  `json:"to"`
	Codes []*CodeChange `json:"codes"`
	// Totals counts the codes per change kind.
	Totals map[string]int `json:"totals"`
}

// roundView indexes one round.
type roundView struct {
	r      *coding.Round
	byID   map[string]*coding.Code
	tree   *coding.CodeTree
	counts map[string]*Counts
}

func newRoundView(r *coding.Round) *roundView {
	v := &roundView{r: r, byID: map[string]*coding.Code{}, tree: coding.NewCodeTree(r.Codes), counts: map[string]*Counts{}}
	for _, c := range r.Codes {
		v.byID[c.ID] = c
	}
	docs := map[string]map[string]bool{}
	for _, q := range r.Coding {
		for _, id := range q.CodeIDs {
			if v.counts[id] == nil {
				v.counts[id], docs[id] = &Counts{}, map[string]bool{}
			}
			v.counts[id].Quotes++
			if !docs[id][q.DocumentID] {
				docs[id][q.DocumentID] = true
				v.counts[id].Documents++
			}
		}
	}
	return v
}

// countsOf returns the code's counts (zero when it codes nothing).
func (v *roundView) countsOf(id string) *Counts {
	if c := v.counts[id]; c != nil {
		return c
	}
	return &Counts{}
}

func (v *roundView) summary() RoundSummary {
	s := RoundSummary{ID: v.r.ID, Name: v.r.Name, ClosedAt: v.r.ClosedAt, Quotes: len(v.r.Coding)}
	for _, c := range v.r.Codes {
		switch {
		case c.Retired:
			s.Retired++
		case c.Level == coding.LevelConcept:
			s.Concepts++
		case c.Level == coding.LevelTheme:
			s.Themes++
		case c.Level == coding.LevelDimension:
			s.Dimensions++
		}
	}
	docs := map[string]bool{}
	for _, q := range v.r.Coding {
		docs[q.DocumentID] = true
	}
	s.Documents = len(docs)
	return s
}

// parentName returns the name of c's parent in the round, or "top level".
func (v *roundView) parentName(c *coding.Code) string {
	if p := v.byID[c.ParentID]; p != nil {
		return p.Name
	}
	return "top level"
}

// Compare returns the evolution of the codebook from round a to round b.
// Codes are matched by ID; merges and splits are read from the codes'
// MergedFrom and SplitFrom records, which follow merges of merged codes.
func Compare(a, b *coding.Round) *Evolution {
	va, vb := newRoundView(a), newRoundView(b)
	ev := &Evolution{From: va.summary(), To: vb.summary(), Totals: map[string]int{}}
	changes := map[string]*CodeChange{}
	order := []string{}
	get := func(c *coding.Code) *CodeChange {
		if ch := changes[c.ID]; ch != nil {
			return ch
		}
		ch := &CodeChange{ID: c.ID, Level: c.Level}
		changes[c.ID] = ch
		order = append(order, c.ID)
		return ch
	}
	// Codes of the later round, in its display order.
	vb.tree.Walk(func(c *coding.Code, _ int) {
		ch := get(c)
		ch.ToName, ch.ToCounts = c.Name, vb.countsOf(c.ID)
		old := va.byID[c.ID]
		if old == nil {
			if src := va.byID[c.SplitFrom]; src != nil {
				ch.SplitFrom = src.Name
			} else {
				ch.Changes = append(ch.Changes, ChangeAdded)
			}
			return
		}
		ch.FromName, ch.FromCounts = old.Name, va.countsOf(c.ID)
		if old.Name != c.Name {
			ch.Changes = append(ch.Changes, ChangeRenamed)
		}
		if old.ParentID != c.ParentID {
			ch.FromParent, ch.ToParent = va.parentName(old), vb.parentName(c)
		}
		switch {
		case c.Retired && !old.Retired:
			ch.Changes = append(ch.Changes, ChangeRetired)
		case !c.Retired && old.Retired:
			ch.Changes = append(ch.Changes, ChangeRestored)
		}
		for _, id := range c.MergedFrom {
			if src := va.byID[id]; src != nil && vb.byID[id] == nil {
				ch.MergedFrom = append(ch.MergedFrom, src.Name)
			}
		}
	})
	// Codes of the earlier round that are gone: merged away or removed.
	mergedInto := map[string]*coding.Code{}
	for _, c := range b.Codes {
		for _, id := range c.MergedFrom {
			mergedInto[id] = c
		}
	}
	va.tree.Walk(func(c *coding.Code, _ int) {
		if vb.byID[c.ID] != nil {
			return
		}
		ch := get(c)
		ch.FromName, ch.FromCounts = c.Name, va.countsOf(c.ID)
		if into := mergedInto[c.ID]; into != nil {
			ch.MergedInto = into.Name
			ch.Changes = append(ch.Changes, ChangeMerged)
			return
		}
		ch.Changes = append(ch.Changes, ChangeRemoved)
	})
	// Splits are told on both sides: the new code and the code split.
	for _, id := range order {
		ch := changes[id]
		if ch.SplitFrom == "" {
			continue
		}
		srcCh := changes[vb.byID[id].SplitFrom]
		srcCh.SplitInto = append(srcCh.SplitInto, ch.ToName)
	}
	for _, id := range order {
		ch := changes[id]
		ch.Changes = normalise(ch)
		for _, k := range ch.Changes {
			ev.Totals[k]++
		}
		ev.Codes = append(ev.Codes, ch)
	}
	return ev
}

// normalise gives a change's kinds in the order of the constants, adding
// those recorded in its fields.
func normalise(ch *CodeChange) []string {
	has := map[string]bool{}
	for _, k := range ch.Changes {
		has[k] = true
	}
	has[ChangeMerged] = has[ChangeMerged] || len(ch.MergedFrom) > 0
	has[ChangeSplit] = ch.SplitFrom != "" || len(ch.SplitInto) > 0
	has[ChangeMoved] = ch.FromParent != "" || ch.ToParent != ""
	out := []string{}
	for _, k := range []string{ChangeAdded, ChangeMerged, ChangeSplit, ChangeRenamed, ChangeMoved, ChangeRetired, ChangeRestored, ChangeRemoved} {
		if has[k] {
			out = append(out, k)
		}
	}
	return out
}

// Describe returns the code's changes as a phrase for a report, e.g.
// "merged from A, B; renamed from C".
func (c *CodeChange) Describe() string {
	var parts []string
	for _, k := range c.Changes {
		switch k {
		case ChangeAdded:
			parts = append(parts, "added")
		case ChangeMerged:
			if c.MergedInto != "" {
				parts = append(parts, "merged into "+c.MergedInto)
			}
			if len(c.MergedFrom) > 0 {
				parts = append(parts, "merged from "+strings.Join(c.MergedFrom, ", "))
			}
		case ChangeSplit:
			if c.SplitFrom != "" {
				parts = append(parts, "split from "+c.SplitFrom)
			}
			if len(c.SplitInto) > 0 {
				parts = append(parts, "split into "+strings.Join(c.SplitInto, ", "))
			}
		case ChangeRenamed:
			parts = append(parts, "renamed from "+c.FromName)
		case ChangeMoved:
			parts = append(parts, "moved from "+c.FromParent+" to "+c.ToParent)
		default:
			parts = append(parts, k)
		}
	}
	return strings.Join(parts, "; ")
}
