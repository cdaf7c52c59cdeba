package agreement

// tally holds the counts from which every figure of one code (or of the
// pooled codes) is computed. Each unit is rated 1 (coded) or 0 (not
// coded) by every coder, so the counts below describe the ratings fully.
type tally struct {
	units   int
	coded   []int // per coder: units rated 1
	byCount []int // byCount[j]: units rated 1 by exactly j coders
	// segments and matched are counted at segment level only.
	segments, matched int
}

func newTally(coders int) *tally {
	return &tally{coded: make([]int, coders), byCount: make([]int, coders+1)}
}

// add sums u into t.
func (t *tally) add(u *tally) {
	t.units += u.units
	for i, n := range u.coded {
		t.coded[i] += n
	}
	for j, n := range u.byCount {
		t.byCount[j] += n
	}
	t.segments += u.segments
	t.matched += u.matched
}

// result turns the counts into the reported figures.
func (t *tally) result(codeID string, segment bool) CodeAgreement {
	m := len(t.coded)
	ca := CodeAgreement{
		CodeID:          codeID,
		Units:           t.units,
		Coded:           append([]int(nil), t.coded...),
		UnitsByCoders:   append([]int(nil), t.byCount...),
		Segments:        t.segments,
		MatchedSegments: t.matched,
	}
	if segment {
		ca.PercentAgreement = percent(t.matched, t.segments)
	} else {
		ca.PercentAgreement = percent(t.byCount[0]+t.byCount[m], t.units)
	}
	if m == 2 {
		a := t.byCount[2]
		ca.Kappa = cohenKappa(a, t.coded[0]-a, t.coded[1]-a, t.byCount[0])
	}
	ca.Alpha = krippendorffAlpha(t.byCount)
	return ca
}
