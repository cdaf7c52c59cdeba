package export

import (
	"slices"
	"strings"
	"time"

	"tessera/coding"
)

// MemoFilter narrows the memos export. The zero value keeps every memo.
type MemoFilter struct {
	// Author keeps the memos of this author (case-insensitive).
	Author string `json:"author,omitempty"`
	// Code keeps the memos on this code (a name, or a path "Dimension >
	// Theme > Concept") or a code below it, and on quotes coded with them.
	Code string `json:"code,omitempty"`
	// From and To keep memos last changed on or after From and on or
	// before To, both dates "YYYY-MM-DD" in UTC; "" leaves that end open.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
}

// memoGroup is one part of the memos export: the memos on the project,
// on cases, documents, codes or quotes.
type memoGroup struct {
	Heading string
	Targets []memoTarget
}

// memoTarget is one thing memos are attached to, with its memos in the
// order they were written.
type memoTarget struct {
	Name    string // the case or document name, the code path, the quote text
	Context string // for a quote: its document and code paths
	Memos   []*coding.Memo
}

// memoGroups gathers the memos that pass the filter, grouped by what they
// are attached to: the project, cases, documents (project order), codes
// (codebook order, named by their path) and quotes (project order, with
// their text, document and codes). Memos whose target no longer exists
// are left out; a project without memos gives no groups. It returns
// EINVALID for a filter that names no author or code of the project, a
// bad date, or one that keeps no memo.
func memoGroups(snap *coding.Snapshot, f MemoFilter) ([]memoGroup, error) {
	ix := newIndex(snap)
	keep, err := ix.memoFilter(f)
	if err != nil {
		return nil, err
	}
	byTarget := map[string][]*coding.Memo{}
	n := 0
	for _, m := range snap.Memos {
		if keep(m) {
			byTarget[m.TargetType+"/"+m.TargetID] = append(byTarget[m.TargetType+"/"+m.TargetID], m)
		}
	}
	for _, ms := range byTarget {
		slices.SortStableFunc(ms, func(a, b *coding.Memo) int {
			if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
				return c
			}
			return strings.Compare(a.ID, b.ID)
		})
	}
	take := func(kind, id string) []*coding.Memo {
		ms := byTarget[kind+"/"+id]
		n += len(ms)
		return ms
	}
	var groups []memoGroup
	add := func(heading string, targets []memoTarget) {
		if len(targets) > 0 {
			groups = append(groups, memoGroup{Heading: heading, Targets: targets})
		}
	}
	if ms := take(coding.MemoProject, snap.Project.ID); len(ms) > 0 {
		add("Project", []memoTarget{{Name: snap.Project.Name, Memos: ms}})
	}
	var targets []memoTarget
	for _, c := range snap.Cases {
		if ms := take(coding.MemoCase, c.ID); len(ms) > 0 {
			targets = append(targets, memoTarget{Name: c.Name, Memos: ms})
		}
	}
	add("Cases", targets)
	targets = nil
	for _, d := range snap.Documents {
		if ms := take(coding.MemoDocument, d.ID); len(ms) > 0 {
			targets = append(targets, memoTarget{Name: d.Title, Memos: ms})
		}
	}
	add("Documents", targets)
	targets = nil
	for _, c := range ix.order {
		if ms := take(coding.MemoCode, c.ID); len(ms) > 0 {
			targets = append(targets, memoTarget{Name: strings.Join(ix.tree.Path(c), " › "), Memos: ms})
		}
	}
	add("Codes", targets)
	targets = nil
	for _, q := range snap.Quotes {
		if ms := take(coding.MemoQuote, q.ID); len(ms) > 0 {
			targets = append(targets, memoTarget{Name: "“" + collapseSpace(q.Text) + "”", Context: ix.quoteContext(q), Memos: ms})
		}
	}
	add("Quotes", targets)
	if n == 0 && f != (MemoFilter{}) {
		return nil, coding.Errorf(coding.EINVALID, "no memo matches the filter (%s)", f.describe())
	}
	return groups, nil
}

// quoteContext names a quote's document and the paths of its codes.
func (ix *index) quoteContext(q *coding.Quote) string {
	var parts []string
	if d := ix.docs[q.DocumentID]; d != nil {
		parts = append(parts, d.Title)
	}
	for _, c := range ix.codesOf(q) {
		parts = append(parts, strings.Join(ix.tree.Path(c), " › "))
	}
	return strings.Join(parts, " · ")
}

// memoFilter resolves a filter into a test of memos.
func (ix *index) memoFilter(f MemoFilter) (func(*coding.Memo) bool, error) {
	var tests []func(*coding.Memo) bool
	if a := strings.TrimSpace(f.Author); a != "" {
		var authors []string
		found := false
		for _, m := range ix.snap.Memos {
			if !slices.Contains(authors, m.Author) {
				authors = append(authors, m.Author)
			}
			found = found || strings.EqualFold(m.Author, a)
		}
		if !found {
			return nil, coding.Errorf(coding.EINVALID, "no memo is by %q (authors: %s)", a, strings.Join(authors, ", "))
		}
		tests = append(tests, func(m *coding.Memo) bool { return strings.EqualFold(m.Author, a) })
	}
	if name := strings.TrimSpace(f.Code); name != "" {
		top := ix.codeByNameOrPath(name)
		if top == nil {
			return nil, coding.Errorf(coding.EINVALID, "memo filter: the project has no code %q", name)
		}
		codes := map[string]bool{top.ID: true}
		for _, id := range ix.tree.Descendants(top.ID) {
			codes[id] = true
		}
		quotes := map[string]bool{}
		for _, q := range ix.quotes[top.ID] {
			quotes[q.ID] = true
		}
		tests = append(tests, func(m *coding.Memo) bool {
			return m.TargetType == coding.MemoCode && codes[m.TargetID] || m.TargetType == coding.MemoQuote && quotes[m.TargetID]
		})
	}
	for _, end := range []struct {
		value string
		after bool
	}{{f.From, true}, {f.To, false}} {
		if strings.TrimSpace(end.value) == "" {
			continue
		}
		day, err := time.Parse(time.DateOnly, strings.TrimSpace(end.value))
		if err != nil {
			return nil, coding.Errorf(coding.EINVALID, "memo filter: date %q is not YYYY-MM-DD", end.value)
		}
		if end.after {
			tests = append(tests, func(m *coding.Memo) bool { return !m.UpdatedAt.UTC().Before(day) })
		} else {
			next := day.AddDate(0, 0, 1)
			tests = append(tests, func(m *coding.Memo) bool { return m.UpdatedAt.UTC().Before(next) })
		}
	}
	return func(m *coding.Memo) bool {
		for _, t := range tests {
			if !t(m) {
				return false
			}
		}
		return true
	}, nil
}

// codeByNameOrPath finds a code by its name, or by its path written with
// ">" or "›" between the names (case-insensitive). A name shared by two
// codes matches the first in codebook order.
func (ix *index) codeByNameOrPath(s string) *coding.Code {
	want := splitPath(s)
	for _, c := range ix.order {
		path := ix.tree.Path(c)
		if len(want) == 1 && strings.EqualFold(c.Name, want[0]) {
			return c
		}
		if len(want) > 1 && len(want) == len(path) && slices.EqualFunc(want, path, strings.EqualFold) {
			return c
		}
	}
	return nil
}

func splitPath(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '>' || r == '›' })
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// describe prints the filter's parts for messages.
func (f MemoFilter) describe() string {
	var parts []string
	for _, p := range [][2]string{{"author", f.Author}, {"code", f.Code}, {"from", f.From}, {"to", f.To}} {
		if strings.TrimSpace(p[1]) != "" {
			parts = append(parts, p[0]+" "+strings.TrimSpace(p[1]))
		}
	}
	return strings.Join(parts, ", ")
}

// memoLine is the line under a memo's title: its author and the day it
// was last changed.
func memoLine(m *coding.Memo) string {
	return joinNonEmpty(" · ", m.Author, m.UpdatedAt.UTC().Format(time.DateOnly))
}

// memoTitle is a memo's title, or "Memo" when it has none.
func memoTitle(m *coding.Memo) string {
	if t := strings.TrimSpace(m.Title); t != "" {
		return t
	}
	return "Memo"
}

// noMemos is what the memos export says for a project without memos.
const noMemos = "The project has no memos."
