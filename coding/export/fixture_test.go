package export_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"tessera/coding"
)

// fixed is the time stamp of every fixture entity.
var fixed = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

// builder assembles a snapshot in memory with fixed IDs, so exports of it
// are stable across runs.
type builder struct {
	tb   testing.TB
	snap *coding.Snapshot
	n    int
}

func newBuilder(tb testing.TB, name string) *builder {
	tb.Helper()
	return &builder{tb: tb, snap: &coding.Snapshot{
		Project: &coding.Project{ID: "P1", Name: name, CreatedAt: fixed, UpdatedAt: fixed},
	}}
}

func (b *builder) id(prefix string) string {
	b.n++
	return fmt.Sprintf("%s%02d", prefix, b.n)
}

func (b *builder) facet(name string, values ...string) *coding.Facet {
	f := &coding.Facet{ID: b.id("F"), ProjectID: "P1", Name: name, Values: values, Order: len(b.snap.Facets)}
	if err := f.Validate(); err != nil {
		b.tb.Fatal(err)
	}
	b.snap.Facets = append(b.snap.Facets, f)
	return f
}

// code adds a code under parent (nil for none) with facet values given
// as facet, value pairs.
func (b *builder) code(level coding.Level, parent *coding.Code, name string, facets ...any) *coding.Code {
	c := &coding.Code{ID: b.id("C"), ProjectID: "P1", Level: level, Name: name, Order: b.n,
		Definition: "Passages where " + strings.ToLower(name[:1]) + name[1:] + ".",
		CreatedAt:  fixed, UpdatedAt: fixed}
	if parent != nil {
		c.ParentID = parent.ID
	}
	if err := c.Validate(); err != nil {
		b.tb.Fatal(err)
	}
	for i := 0; i+1 < len(facets); i += 2 {
		c.Facets[facets[i].(*coding.Facet).ID] = facets[i+1].(string)
	}
	b.snap.Codes = append(b.snap.Codes, c)
	return c
}

func (b *builder) kase(name string, attrs ...coding.Attribute) *coding.Case {
	c := &coding.Case{ID: b.id("K"), ProjectID: "P1", Name: name, Attributes: attrs, Order: len(b.snap.Cases), CreatedAt: fixed, UpdatedAt: fixed}
	if err := c.Validate(); err != nil {
		b.tb.Fatal(err)
	}
	b.snap.Cases = append(b.snap.Cases, c)
	return c
}

// doc adds a transcript made of turns, each given as "Speaker: words"
// (a turn without ": " has no speaker). The raw text is normalised as the
// store would.
func (b *builder) doc(title string, kase *coding.Case, role string, turns ...string) *coding.Document {
	d := &coding.Document{ID: b.id("D"), ProjectID: "P1", Title: title, Meta: coding.DocumentMeta{InformantRole: role},
		Order: len(b.snap.Documents), CreatedAt: fixed, UpdatedAt: fixed}
	if kase != nil {
		d.CaseID = kase.ID
	}
	var text strings.Builder
	for _, raw := range turns {
		line, _ := coding.NormalizeText(raw)
		speaker, _, ok := strings.Cut(line, ": ")
		if !ok {
			speaker = ""
		}
		start := coding.RuneLen(text.String())
		text.WriteString(line + "\n")
		d.Turns = append(d.Turns, coding.Turn{Speaker: speaker, Start: start, End: start + coding.RuneLen(line) + 1})
	}
	d.Text = text.String()
	if err := d.Validate(); err != nil {
		b.tb.Fatal(err)
	}
	b.snap.Documents = append(b.snap.Documents, d)
	return d
}

// quote codes the first occurrence of passage in d.
func (b *builder) quote(d *coding.Document, passage, coder string, codes ...*coding.Code) *coding.Quote {
	b.tb.Helper()
	passage, _ = coding.NormalizeText(passage)
	i := strings.Index(d.Text, passage)
	if i < 0 {
		b.tb.Fatalf("passage %q not in %s", passage, d.Title)
	}
	start := coding.RuneOffset(d.Text, i)
	q := &coding.Quote{ID: b.id("Q"), ProjectID: "P1", DocumentID: d.ID, Start: start, End: start + coding.RuneLen(passage),
		Coder: coder, CreatedAt: fixed, UpdatedAt: fixed}
	for _, c := range codes {
		q.CodeIDs = append(q.CodeIDs, c.ID)
	}
	if err := q.Place(d); err != nil {
		b.tb.Fatal(err)
	}
	b.snap.Quotes = append(b.snap.Quotes, q)
	return q
}

// quoteAt codes the code points [start, end) of d.
func (b *builder) quoteAt(d *coding.Document, start, end int, codes ...*coding.Code) *coding.Quote {
	b.tb.Helper()
	q := &coding.Quote{ID: b.id("Q"), ProjectID: "P1", DocumentID: d.ID, Start: start, End: end, Coder: "anna", CreatedAt: fixed, UpdatedAt: fixed}
	for _, c := range codes {
		q.CodeIDs = append(q.CodeIDs, c.ID)
	}
	if err := q.Place(d); err != nil {
		b.tb.Fatal(err)
	}
	b.snap.Quotes = append(b.snap.Quotes, q)
	return q
}

func (b *builder) memo(q *coding.Quote, title, body string) {
	b.snap.Memos = append(b.snap.Memos, &coding.Memo{ID: b.id("M"), ProjectID: "P1", TargetType: coding.MemoQuote, TargetID: q.ID,
		Title: title, Body: body, Author: "anna", CreatedAt: fixed, UpdatedAt: fixed})
}

// done returns the snapshot with codes in codebook order, as the store
// gives them.
func (b *builder) done() *coding.Snapshot {
	var codes []*coding.Code
	b.snap.Tree().Walk(func(c *coding.Code, _ int) { codes = append(codes, c) })
	b.snap.Codes = codes
	coding.SortQuotes(b.snap.Quotes)
	return b.snap
}
