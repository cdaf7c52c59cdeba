package rounds_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/coding/export"
	"tessera/coding/rounds"
	"tessera/coding/store"
)

var ctx = context.Background()

// fixture is a project in a real store whose clock ticks a minute per
// reading, so that quotes are coded in the order they are made.
type fixture struct {
	tb  testing.TB
	s   *store.Store
	pid string
}

func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { now = now.Add(time.Minute); return now }
	s, err := store.Open(filepath.Join(tb.TempDir(), "tessera.db"), store.Options{Now: clock})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	p := &coding.Project{Name: "Rounds"}
	if err := s.CreateProject(ctx, p); err != nil {
		tb.Fatal(err)
	}
	return &fixture{tb: tb, s: s, pid: p.ID}
}

func (f *fixture) caseNamed(name string) *coding.Case {
	f.tb.Helper()
	c := &coding.Case{ProjectID: f.pid, Name: name}
	if err := f.s.CreateCase(ctx, c); err != nil {
		f.tb.Fatal(err)
	}
	return c
}

func (f *fixture) doc(title, caseID, date string) *coding.Document {
	f.tb.Helper()
	d := &coding.Document{ProjectID: f.pid, Title: title, CaseID: caseID, Text: strings.Repeat("A passage of the interview. ", 20)}
	d.Meta.InterviewDate = date
	if err := f.s.CreateDocument(ctx, d); err != nil {
		f.tb.Fatal(err)
	}
	return d
}

func (f *fixture) code(name string, level coding.Level, parent string) *coding.Code {
	f.tb.Helper()
	c := &coding.Code{ProjectID: f.pid, Name: name, Level: level, ParentID: parent}
	if err := f.s.CreateCode(ctx, c); err != nil {
		f.tb.Fatal(err)
	}
	return c
}

// quote codes the n-th passage of doc (passages are 28 code points long).
func (f *fixture) quote(doc *coding.Document, n int, codes ...string) *coding.Quote {
	f.tb.Helper()
	q := &coding.Quote{ProjectID: f.pid, DocumentID: doc.ID, Start: n * 28, End: n*28 + 26, CodeIDs: codes}
	if err := f.s.CreateQuote(ctx, q); err != nil {
		f.tb.Fatal(err)
	}
	return q
}

func (f *fixture) close(name string) *coding.Round {
	f.tb.Helper()
	r := &coding.Round{ProjectID: f.pid, Name: name}
	if err := f.s.CloseRound(ctx, r); err != nil {
		f.tb.Fatal(err)
	}
	return r
}

// done fails the test on err and returns the code.
func (f *fixture) done(c *coding.Code, err error) *coding.Code {
	f.tb.Helper()
	if err != nil {
		f.tb.Fatal(err)
	}
	return c
}

// round fails the test on err and returns the round.
func (f *fixture) round(r *coding.Round, err error) *coding.Round {
	f.tb.Helper()
	if err != nil {
		f.tb.Fatal(err)
	}
	return r
}

// described maps each code (by its later name, else its earlier one) to
// the description of its changes.
func described(ev *rounds.Evolution) map[string]string {
	out := map[string]string{}
	for _, c := range ev.Codes {
		name := c.ToName
		if name == "" {
			name = c.FromName
		}
		out[name] = c.Describe()
	}
	return out
}

func TestEvolutionOverThreeRounds(t *testing.T) {
	f := newFixture(t)
	d1, d2 := f.doc("Interview 1", "", ""), f.doc("Interview 2", "", "")
	late := f.code("Delayed recognition", coding.LevelTheme, "")
	talk := f.code("Sensemaking", coding.LevelTheme, "")
	escalation := f.code("Client escalation", coding.LevelConcept, late.ID)
	numbers := f.code("Late numbers", coding.LevelConcept, late.ID)
	failure := f.code("Failure talk", coding.LevelConcept, talk.ID)
	habit := f.code("Old habit", coding.LevelConcept, "")
	f.quote(d1, 0, escalation.ID)
	f.quote(d2, 0, numbers.ID)
	f.quote(d1, 1, failure.ID)
	q4 := f.quote(d2, 1, failure.ID)
	f.quote(d1, 2, habit.ID)
	r1 := f.close("Open coding")

	// Round 2: merge, split, move.
	f.done(f.s.MergeCodes(ctx, f.pid, numbers.ID, escalation.ID))
	f.done(f.s.SplitCode(ctx, f.pid, failure.ID, coding.CodeSplit{Name: "Open failure talk", QuoteIDs: []string{q4.ID}}))
	f.done(f.s.UpdateCode(ctx, f.pid, habit.ID, coding.CodeUpdate{ParentID: &talk.ID}))
	r2 := f.close("Axial coding")

	// Round 3: rename, retire, create.
	name := "Spotting failure late"
	f.done(f.s.UpdateCode(ctx, f.pid, escalation.ID, coding.CodeUpdate{Name: &name}))
	f.done(f.s.RetireCode(ctx, f.pid, habit.ID, true))
	peers := f.code("Peer exchange", coding.LevelConcept, talk.ID)
	f.quote(d2, 2, peers.ID)
	r3 := f.close("Aggregation")

	tests := []struct {
		name       string
		from, to   *coding.Round
		want       map[string]string
		wantTotals map[string]int
	}{
		{"round 1 to 2", r1, r2, map[string]string{
			"Delayed recognition": "", "Sensemaking": "",
			"Client escalation": "merged from Late numbers",
			"Late numbers":      "merged into Client escalation",
			"Failure talk":      "split into Open failure talk",
			"Open failure talk": "split from Failure talk",
			"Old habit":         "moved from top level to Sensemaking",
		}, map[string]int{"merged": 2, "split": 2, "moved": 1}},
		{"round 2 to 3", r2, r3, map[string]string{
			"Delayed recognition": "", "Sensemaking": "", "Failure talk": "", "Open failure talk": "",
			"Spotting failure late": "renamed from Client escalation",
			"Old habit":             "retired",
			"Peer exchange":         "added",
		}, map[string]int{"renamed": 1, "retired": 1, "added": 1}},
		{"round 1 to 3", r1, r3, map[string]string{
			"Delayed recognition": "", "Sensemaking": "",
			"Spotting failure late": "merged from Late numbers; renamed from Client escalation",
			"Late numbers":          "merged into Spotting failure late",
			"Failure talk":          "split into Open failure talk",
			"Open failure talk":     "split from Failure talk",
			"Old habit":             "moved from top level to Sensemaking; retired",
			"Peer exchange":         "added",
		}, map[string]int{"merged": 2, "split": 2, "renamed": 1, "moved": 1, "retired": 1, "added": 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			from := f.round(f.s.FindRound(ctx, f.pid, tc.from.ID))
			to := f.round(f.s.FindRound(ctx, f.pid, tc.to.ID))
			ev := rounds.Compare(from, to)
			if diff := cmp.Diff(tc.want, described(ev)); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantTotals, ev.Totals); diff != "" {
				t.Errorf("totals (-want +got):\n%s", diff)
			}
		})
	}

	// Counts per round follow the quotes.
	ev := rounds.Compare(r1, r3)
	counts := map[string][2]*rounds.Counts{}
	for _, c := range ev.Codes {
		counts[c.FromName+">"+c.ToName] = [2]*rounds.Counts{c.FromCounts, c.ToCounts}
	}
	wantCounts := map[string][2]*rounds.Counts{
		"Client escalation>Spotting failure late": {{Quotes: 1, Documents: 1}, {Quotes: 2, Documents: 2}},
		"Late numbers>":                           {{Quotes: 1, Documents: 1}, nil},
		"Failure talk>Failure talk":               {{Quotes: 2, Documents: 2}, {Quotes: 1, Documents: 1}},
		">Open failure talk":                      {nil, {Quotes: 1, Documents: 1}},
		">Peer exchange":                          {nil, {Quotes: 1, Documents: 1}},
		"Old habit>Old habit":                     {{Quotes: 1, Documents: 1}, {Quotes: 1, Documents: 1}},
		"Delayed recognition>Delayed recognition": {{}, {}},
		"Sensemaking>Sensemaking":                 {{}, {}},
	}
	if diff := cmp.Diff(wantCounts, counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	wantFrom := rounds.RoundSummary{ID: r1.ID, Name: "Open coding", ClosedAt: r1.ClosedAt, Concepts: 4, Themes: 2, Quotes: 5, Documents: 2}
	wantTo := rounds.RoundSummary{ID: r3.ID, Name: "Aggregation", ClosedAt: r3.ClosedAt, Concepts: 4, Themes: 2, Retired: 1, Quotes: 6, Documents: 2}
	if diff := cmp.Diff([]rounds.RoundSummary{wantFrom, wantTo}, []rounds.RoundSummary{ev.From, ev.To}); diff != "" {
		t.Errorf("summaries (-want +got):\n%s", diff)
	}

	// The report in Markdown and CSV names every change.
	var md, csv bytes.Buffer
	if err := export.WriteEvolution(&md, ev, "md"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# Codebook evolution: Open coding to Aggregation",
		"| first-order concept | Late numbers |  | merged into Spotting failure late | 1 |  | 1 |  |",
		"| first-order concept |  | Open failure talk | split from Failure talk |  | 1 |  | 1 |",
		"Codes changed: added 1, merged 2, split 2, renamed 1, moved 1, retired 1.",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md.String())
		}
	}
	if err := export.WriteEvolution(&csv, ev, "csv"); err != nil {
		t.Fatal(err)
	}
	if want := "first-order concept,Old habit,Old habit,moved from top level to Sensemaking; retired,1,1,1,1\r\n"; !strings.Contains(csv.String(), want) {
		t.Errorf("CSV lacks %q:\n%s", want, csv.String())
	}
	var docx bytes.Buffer
	if err := export.WriteEvolution(&docx, ev, "docx"); err != nil || docx.Len() == 0 {
		t.Errorf("DOCX: got %d bytes, error %v", docx.Len(), err)
	}
	if err := export.WriteEvolution(&docx, ev, "pdf"); coding.ErrorCode(err) != coding.EINVALID {
		t.Errorf("got error %v for format pdf, want invalid", err)
	}
}

func TestEvolutionToCurrentCodebook(t *testing.T) {
	f := newFixture(t)
	d := f.doc("Interview 1", "", "")
	c := f.code("Idea", coding.LevelConcept, "")
	f.quote(d, 0, c.ID)
	r1 := f.close("First")
	f.code("Second idea", coding.LevelConcept, "")
	snap, err := f.s.Snapshot(ctx, f.pid, false)
	if err != nil {
		t.Fatal(err)
	}
	ev := rounds.Compare(r1, rounds.FromSnapshot(snap))
	if diff := cmp.Diff(map[string]string{"Idea": "", "Second idea": "added"}, described(ev)); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
}

func TestRetiredCodesLeaveTheDataStructure(t *testing.T) {
	f := newFixture(t)
	d := f.doc("Interview 1", "", "")
	theme := f.code("Sensemaking", coding.LevelTheme, "")
	kept := f.code("Open failure talk", coding.LevelConcept, theme.ID)
	old := f.code("Cultural distance", coding.LevelConcept, theme.ID)
	loose := f.code("Loose idea", coding.LevelConcept, "")
	f.quote(d, 0, kept.ID)
	f.done(f.s.RetireCode(ctx, f.pid, old.ID, true))
	f.done(f.s.RetireCode(ctx, f.pid, loose.ID, true))
	snap, err := f.s.Snapshot(ctx, f.pid, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"gioia-md", "gioia-svg"} {
		var buf bytes.Buffer
		if err := export.Export(&buf, snap, format, export.Options{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "Open failure talk") || strings.Contains(buf.String(), "Cultural distance") || strings.Contains(buf.String(), "Loose idea") {
			t.Errorf("%s: want the concept in use and no retired one:\n%s", format, buf.String())
		}
	}
}
