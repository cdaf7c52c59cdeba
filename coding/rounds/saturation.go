package rounds

import (
	"sort"
	"time"

	"tessera/coding"
)

// Orders in which saturation walks the interviews.
const (
	OrderCoding = "coding" // by the first quote made in each interview
	OrderDate   = "date"   // by interview date; undated ones last, in coding order
)

// DefaultWindow is the number of consecutive interviews without a new
// concept after which saturation counts as reached.
const DefaultWindow = 3

// SaturationOptions choose the order and the window.
type SaturationOptions struct {
	Order  string // OrderCoding ("" too) or OrderDate
	Window int    // 0 means DefaultWindow
}

// Step is one interview of a saturation curve.
type Step struct {
	Position      int       `json:"position"` // 1 for the first interview
	DocumentID    string    `json:"document_id"`
	Title         string    `json:"title"`
	CaseName      string    `json:"case_name"`
	InterviewDate string    `json:"interview_date,omitempty"`
	FirstCodedAt  time.Time `json:"first_coded_at"`
	NewConcepts   []string  `json:"new_concepts"` // names, in codebook order
	NewThemes     []string  `json:"new_themes"`
	// Cumulative counts of distinct concepts and themes up to this step.
	Concepts int `json:"concepts"`
	Themes   int `json:"themes"`
}

// Curve is the saturation of one set of interviews.
type Curve struct {
	Case  string  `json:"case"` // "" for all interviews
	Steps []*Step `json:"steps"`
	// SaturatedAfter is the position of the interview after which Window
	// consecutive interviews added no new concept (the first such run);
	// 0 while that has not happened.
	SaturatedAfter int `json:"saturated_after"`
}

// Saturation holds the overall curve and one per case.
type Saturation struct {
	Order   string   `json:"order"`
	Window  int      `json:"window"`
	Overall *Curve   `json:"overall"`
	Cases   []*Curve `json:"cases"`
}

// Validate fills in the defaults and checks the options.
func (o *SaturationOptions) Validate() error {
	if o.Order == "" {
		o.Order = OrderCoding
	}
	if o.Order != OrderCoding && o.Order != OrderDate {
		return coding.Errorf(coding.EINVALID, "order %q is not coding or date", o.Order)
	}
	if o.Window == 0 {
		o.Window = DefaultWindow
	}
	if o.Window < 1 {
		return coding.Errorf(coding.EINVALID, "the window must be at least 1 interview, not %d", o.Window)
	}
	return nil
}

// interview is a coded document with the codes its quotes roll up to.
type interview struct {
	doc      *coding.Document
	first    time.Time
	concepts map[string]bool
	themes   map[string]bool
}

// Measure computes saturation over the interviews of snap that have at
// least one quote. A quote's first-order concept is the concept its code
// rolls up to (sub-concepts count as their concept), its theme the theme
// above; retired codes count, as they were coded.
func Measure(snap *coding.Snapshot, opt SaturationOptions) (*Saturation, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	tree := snap.Tree()
	byDoc := map[string]*interview{}
	for _, q := range snap.Quotes {
		iv := byDoc[q.DocumentID]
		if iv == nil {
			doc := snap.DocumentByID(q.DocumentID)
			if doc == nil {
				continue
			}
			iv = &interview{doc: doc, first: q.CreatedAt, concepts: map[string]bool{}, themes: map[string]bool{}}
			byDoc[q.DocumentID] = iv
		}
		if q.CreatedAt.Before(iv.first) {
			iv.first = q.CreatedAt
		}
		for _, id := range q.CodeIDs {
			c := tree.ByID[id]
			if concept := tree.Ancestor(c, coding.LevelConcept); concept != nil {
				iv.concepts[concept.ID] = true
			}
			if theme := tree.Ancestor(c, coding.LevelTheme); theme != nil {
				iv.themes[theme.ID] = true
			}
		}
	}
	ivs := make([]*interview, 0, len(byDoc))
	for _, iv := range byDoc {
		ivs = append(ivs, iv)
	}
	sortInterviews(ivs, opt.Order)

	// Codebook order names new codes in a stable order.
	rank := map[string]int{}
	tree.Walk(func(c *coding.Code, _ int) { rank[c.ID] = len(rank) })
	s := &Saturation{Order: opt.Order, Window: opt.Window, Overall: curve("", ivs, snap, tree, rank, opt.Window), Cases: []*Curve{}}
	for _, cs := range snap.Cases {
		var mine []*interview
		for _, iv := range ivs {
			if iv.doc.CaseID == cs.ID {
				mine = append(mine, iv)
			}
		}
		if len(mine) > 0 {
			s.Cases = append(s.Cases, curve(cs.Name, mine, snap, tree, rank, opt.Window))
		}
	}
	return s, nil
}

// sortInterviews puts interviews in the chosen order; ties fall back to
// coding order, then document order.
func sortInterviews(ivs []*interview, order string) {
	sort.SliceStable(ivs, func(i, j int) bool {
		a, b := ivs[i], ivs[j]
		if order == OrderDate {
			da, db := a.doc.Meta.InterviewDate, b.doc.Meta.InterviewDate
			if (da == "") != (db == "") {
				return da != ""
			}
			if da != db {
				return da < db
			}
		}
		if !a.first.Equal(b.first) {
			return a.first.Before(b.first)
		}
		return a.doc.Order < b.doc.Order
	})
}

// curve walks ivs in order, counting the concepts and themes each adds.
func curve(caseName string, ivs []*interview, snap *coding.Snapshot, tree *coding.CodeTree, rank map[string]int, window int) *Curve {
	cv := &Curve{Case: caseName, Steps: []*Step{}}
	seenC, seenT := map[string]bool{}, map[string]bool{}
	for i, iv := range ivs {
		st := &Step{Position: i + 1, DocumentID: iv.doc.ID, Title: iv.doc.Title, InterviewDate: iv.doc.Meta.InterviewDate, FirstCodedAt: iv.first}
		if cs := snap.CaseByID(iv.doc.CaseID); cs != nil {
			st.CaseName = cs.Name
		}
		st.NewConcepts = newNames(iv.concepts, seenC, tree, rank)
		st.NewThemes = newNames(iv.themes, seenT, tree, rank)
		st.Concepts, st.Themes = len(seenC), len(seenT)
		cv.Steps = append(cv.Steps, st)
	}
	cv.SaturatedAfter = saturationPoint(cv.Steps, window)
	return cv
}

// newNames marks ids as seen and returns the names of those not seen
// before, in codebook order.
func newNames(ids, seen map[string]bool, tree *coding.CodeTree, rank map[string]int) []string {
	var fresh []string
	for id := range ids {
		if !seen[id] {
			seen[id] = true
			fresh = append(fresh, id)
		}
	}
	sort.Slice(fresh, func(i, j int) bool { return rank[fresh[i]] < rank[fresh[j]] })
	names := make([]string, len(fresh))
	for i, id := range fresh {
		names[i] = tree.ByID[id].Name
	}
	return names
}

// saturationPoint returns the position of the first interview followed by
// window interviews that add no concept, or 0.
func saturationPoint(steps []*Step, window int) int {
	run := 0
	for i := 1; i < len(steps); i++ {
		if len(steps[i].NewConcepts) > 0 {
			run = 0
			continue
		}
		run++
		if run == window {
			return i - window + 1
		}
	}
	return 0
}
