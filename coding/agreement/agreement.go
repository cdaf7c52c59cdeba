// Package agreement measures how far independent coders agree on the
// quotes they made in the same documents. It reports percent agreement,
// Cohen's kappa (two coders) and Krippendorff's alpha (two or more
// coders), per code and pooled over codes, at two levels: character level
// (every code point is a unit, as NVivo counts) and segment level (coded
// segments are matched by their overlap, as MAXQDA counts). The method and
// its formulas are documented in docs/agreement.md.
//
// The package is a pure function of its input: it reads no store and
// gives the same report for the same input.
package agreement

import "tessera/coding"

// DefaultMinOverlap is the segment-level match threshold used when
// Input.MinOverlap is zero: two segments agree when their common part is
// at least 90 % of the text they cover together.
const DefaultMinOverlap = 0.9

// Input is what an agreement report is computed from.
type Input struct {
	// Documents maps the ID of each compared document to its length in
	// code points of stored text. Only these documents are compared.
	Documents map[string]int
	// Coders names the coders compared, two or more, in the order the
	// report lists them. Quotes by other coders are ignored.
	Coders []string
	// Codes lists the IDs of the codes to report, in order. Empty means
	// every code that a listed coder applied on a listed document, sorted
	// by ID. Other codes on the quotes are ignored.
	Codes []string
	// Quotes are the coders' quotes; quotes on unlisted documents or by
	// unlisted coders are ignored.
	Quotes []*coding.Quote
	// MinOverlap is the segment-level match threshold: two segments of
	// different coders with the same code match when the code points they
	// share are at least this share of the code points either covers
	// (intersection over union). It must lie in (0, 1]; zero means
	// DefaultMinOverlap.
	MinOverlap float64
}

// Report is the agreement of a set of coders on a set of documents.
type Report struct {
	// Coders lists the coders in the order of the per-coder counts.
	Coders []string `json:"coders"`
	// Documents lists the compared document IDs, sorted.
	Documents []string `json:"documents"`
	// MinOverlap is the segment-level match threshold that was applied.
	MinOverlap float64 `json:"min_overlap"`
	Character  Level   `json:"character"`
	Segment    Level   `json:"segment"`
}

// Level holds the figures of one unit definition (character or segment).
type Level struct {
	// PerCode has one entry per reported code, in the order of the codes.
	PerCode []CodeAgreement `json:"per_code"`
	// Pooled treats every (unit, code) pair of all reported codes as one
	// unit: its counts are the sums of the per-code counts, and its
	// coefficients are computed from those sums.
	Pooled CodeAgreement `json:"pooled"`
}

// CodeAgreement holds the counts and coefficients of one code, or of all
// codes pooled (CodeID empty). Coefficients that are undefined for the
// data (no units, no variation) are nil and encode as JSON null.
type CodeAgreement struct {
	CodeID string `json:"code_id"`
	// Units is the number of units rated: code points at character level;
	// matched segment groups plus stretches nobody coded at segment level.
	// A code no coder applied has no units.
	Units int `json:"units"`
	// Coded holds, per coder (in Report.Coders order), the units the coder
	// rated 1 (coded with the code).
	Coded []int `json:"coded"`
	// UnitsByCoders[j] is the number of units exactly j coders rated 1,
	// for j from 0 to the number of coders. Its first and last entries
	// are the units nobody coded and the units everybody coded.
	UnitsByCoders []int `json:"units_by_coders"`
	// Segments is the number of coded segments of all coders and
	// MatchedSegments the number of those lying in a unit every coder
	// coded. Both are zero at character level.
	Segments        int `json:"segments"`
	MatchedSegments int `json:"matched_segments"`
	// PercentAgreement is 100 times the observed agreement: at character
	// level the share of units on which all coders gave the same rating,
	// at segment level the share of segments that are matched. Nil when
	// there is nothing to compare.
	PercentAgreement *float64 `json:"percent_agreement"`
	// Kappa is Cohen's kappa; nil unless there are exactly two coders and
	// the expected agreement is below 1.
	Kappa *float64 `json:"kappa"`
	// Alpha is Krippendorff's alpha for nominal data; nil when all
	// ratings are equal (or there are no units).
	Alpha *float64 `json:"alpha"`
}

// Compute measures the agreement of in.Coders on in.Documents. It returns
// an EINVALID error when fewer than two coders are given, when a document
// length, code list or threshold is malformed, and when a quote of a
// listed coder lies outside its listed document.
func Compute(in Input) (*Report, error) {
	p, err := prepare(in)
	if err != nil {
		return nil, err
	}
	rep := &Report{
		Coders:     append([]string(nil), p.coders...),
		Documents:  make([]string, len(p.docs)),
		MinOverlap: p.minOverlap,
	}
	for i, d := range p.docs {
		rep.Documents[i] = d.id
	}
	rep.Character = p.level(false, p.characterTally)
	rep.Segment = p.level(true, p.segmentTally)
	return rep, nil
}

// level builds the per-code and pooled figures of one unit definition
// from a function that tallies one code.
func (p *prepared) level(segment bool, tallyCode func(code int) *tally) Level {
	lv := Level{PerCode: make([]CodeAgreement, len(p.codes))}
	pooled := newTally(len(p.coders))
	for i, id := range p.codes {
		t := tallyCode(i)
		lv.PerCode[i] = t.result(id, segment)
		pooled.add(t)
	}
	lv.Pooled = pooled.result("", segment)
	return lv
}
