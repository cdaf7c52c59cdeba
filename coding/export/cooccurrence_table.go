package export

import (
	"tessera/coding"
)

// cooccurrenceTable lays co-occurrences out as a symmetric code x code
// matrix; the diagonal holds how many units each code occurs in.
func cooccurrenceTable(snap *coding.Snapshot, opt Options) (*table, error) {
	if err := checkCooccurrence(opt); err != nil {
		return nil, err
	}
	res := Cooccurrence(snap, opt)
	t := &table{
		Title:     "Code co-occurrence by " + res.Unit + ": " + snap.Project.Name,
		Sheet:     "Co-occurrence",
		Header:    []string{"Code"},
		Widths:    []float64{3},
		Landscape: len(res.Codes) > 8,
		Intro:     []string{cooccurrenceIntro(res)},
	}
	for _, c := range res.Codes {
		t.Header = append(t.Header, c.Name)
		t.Widths = append(t.Widths, 1)
	}
	for i, c := range res.Codes {
		cells := []tableCell{textCell(c.Name)}
		for j := range res.Codes {
			cells = append(cells, intCell(res.Matrix[i][j]))
		}
		t.Rows = append(t.Rows, tableRow{Cells: cells})
	}
	return t, nil
}

// cooccurrencePairsTable lists the pairs that co-occur with their counts,
// most frequent first: the long form that suits R and pandas.
func cooccurrencePairsTable(snap *coding.Snapshot, opt Options) (*table, error) {
	if err := checkCooccurrence(opt); err != nil {
		return nil, err
	}
	res := Cooccurrence(snap, opt)
	t := &table{
		Title:  "Code co-occurrence by " + res.Unit + ": " + snap.Project.Name,
		Sheet:  "Co-occurrence",
		Header: []string{"code_a", "level_a", "code_b", "level_b", "count"},
	}
	for _, p := range res.Pairs {
		t.Rows = append(t.Rows, tableRow{Cells: []tableCell{
			textCell(p.A.Name), textCell(string(p.A.Level)), textCell(p.B.Name), textCell(string(p.B.Level)), intCell(p.Count),
		}})
	}
	return t, nil
}

// checkCooccurrence reports options Cooccurrence would silently replace.
func checkCooccurrence(opt Options) error {
	switch opt.Unit {
	case "", UnitQuote, UnitTurn, UnitDocument:
	default:
		return coding.Errorf(coding.EINVALID, "co-occurrence unit %q is not quote, turn or document", opt.Unit)
	}
	if opt.Level != "" && !opt.Level.Valid() {
		return coding.Errorf(coding.EINVALID, "co-occurrence level %q is not concept, theme or dimension", opt.Level)
	}
	return nil
}

func cooccurrenceIntro(res *CooccurrenceResult) string {
	s := "Each cell counts the "
	switch res.Unit {
	case UnitTurn:
		s += "speaker turns"
	case UnitDocument:
		s += "documents"
	default:
		s += "coded passages (a quote, or quotes whose texts overlap)"
	}
	s += " where both codes occur; the diagonal counts those where the code occurs."
	if res.Level != "" {
		s += " Codes are rolled up to " + coding.LevelLabel(res.Level) + "s."
	}
	return s
}
