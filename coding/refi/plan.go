package refi

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"tessera/coding"
)

// planner turns the parsed project.qde and the archive's sources
// into a plan: every entity to create, checked and linked by pointers.
// Nothing is written to the store until the plan is complete.
type planner struct {
	arc  *archive
	bare bool // the file is a bare project.qde: no archive, no source files
	xp   *inProject
	rep  *ImportReport

	project coding.Project
	marker  projectMarker
	users   map[string]string // user GUID -> name
	unknown map[string]bool   // user GUIDs referenced but not listed

	codes          []*planCode // in creation order: parents first
	codeByGUID     map[string]*planCode
	facets         []*planFacet
	otherSets      []inSet                  // sets that are not facet values, for planSets
	sets           []*planSet               // sets to create
	variables      map[string]*planVariable // variable GUID -> variable
	docs           []*planDoc
	docByGUID      map[string]*planDoc
	cases          []*planCase
	caseByGUID     map[string]*planCase
	quoteBySel     map[string]*planQuote // selection GUID -> its first quote
	quoteByCod     map[string]*planQuote // coding GUID -> the quote holding it
	memos          []*planMemo
	noteRefs       map[string][]noteRef // note GUID -> the elements it is attached to
	skippedSources map[string]bool      // GUIDs of sources that were not imported
}

// planCode is a code to create. parent is its Tessera parent (nil at the
// top level), which may differ from its parent in the file.
type planCode struct {
	guid   string
	code   coding.Code
	parent *planCode
	// facets maps facet names to values: as the code's marker spells
	// them until planFacets resolves them to lower-case facet names.
	facets map[string]string
}

// planFacet is a facet to create with its values in order.
type planFacet struct {
	name   string
	values []string
}

// planVariable is a variable of the file: a case attribute, or a
// document metadata field when doc is set.
type planVariable struct {
	name string
	typ  string // REFI-QDA typeOfVariable
	list bool
	doc  string // docField key, or ""
}

// planCase is a case to create.
type planCase struct {
	guid string
	c    coding.Case
}

// planDoc is a document to create with its quotes.
type planDoc struct {
	guid   string
	doc    coding.Document
	cas    *planCase
	quotes []*planQuote
	stamp  stamp
}

// planQuote is a quote to create.
type planQuote struct {
	q     coding.Quote
	codes []*planCode
	stamp stamp // the modification; creation is q's CreatedAt and Coder
}

// planMemo is a memo to create; exactly one target pointer is set, or
// none for a project memo.
type planMemo struct {
	m     coding.Memo
	stamp stamp
	cas   *planCase
	doc   *planDoc
	code  *planCode
	quot  *planQuote
}

// noteRef is one attachment of a note: the element and, when it was
// imported, the entity it became.
type noteRef struct {
	what string // for messages: "code \"X\""
	cas  *planCase
	doc  *planDoc
	code *planCode
	quot *planQuote
	proj bool
}

// resolved reports whether the attachment's target was imported.
func (r noteRef) resolved() bool {
	return r.proj || r.cas != nil || r.doc != nil || r.code != nil || r.quot != nil
}

func newPlanner(arc *archive, xp *inProject) *planner {
	p := &planner{
		arc: arc, xp: xp, rep: newReport(),
		users: map[string]string{}, unknown: map[string]bool{},
		codeByGUID: map[string]*planCode{}, variables: map[string]*planVariable{},
		docByGUID: map[string]*planDoc{}, caseByGUID: map[string]*planCase{},
		quoteBySel: map[string]*planQuote{}, quoteByCod: map[string]*planQuote{},
		noteRefs: map[string][]noteRef{}, skippedSources: map[string]bool{},
	}
	p.rep.Warnings = append(p.rep.Warnings, arc.warn...)
	return p
}

// plan builds the whole plan. The order matters: codes before the
// selections that use them, sources before the cases that group them,
// everything before the notes attached to it.
func (p *planner) plan() error {
	p.planProject()
	p.planUsers()
	p.planCodes()
	p.planFacets()
	p.planVariables()
	if err := p.planSources(); err != nil {
		return err
	}
	p.planCases()
	p.planSets()
	if err := p.planNotes(); err != nil {
		return err
	}
	for _, g := range p.xp.Graphs {
		p.rep.skip("Graph", g.Name, g.GUID, "graphs (network views) have no place in Tessera")
	}
	return nil
}

// planProject reads the project description and the language marker.
func (p *planner) planProject() {
	var pm projectMarker
	body, ok := splitMarker(p.xp.Description, &pm)
	p.project.Description = body
	if ok {
		p.project.Language = pm.Language
		if pos, err := ParsePositions(string(pm.Positions)); err == nil && pm.Positions != "" {
			p.marker.Positions = pos
		}
	}
	if ns := p.xp.XMLName.Space; ns != Namespace {
		p.rep.warnf("project.qde uses the namespace %q instead of %q; it was read anyway", ns, Namespace)
	}
}

// planUsers maps user GUIDs to names and keeps every listed user among
// the project's people, so that users who coded nothing are not lost.
func (p *planner) planUsers() {
	for _, u := range p.xp.Users {
		name := cleanLine(u.Name)
		if name == "" {
			name = cleanLine(u.ID)
		}
		if name == "" {
			name = normGUID(u.GUID)
		}
		p.users[normGUID(u.GUID)] = name
		if !slices.Contains(p.project.People, name) && coding.CheckLine("user", name) == nil && utf8.RuneCountInString(name) <= coding.MaxNameLen {
			p.project.People = append(p.project.People, name)
		}
	}
	p.rep.Users = len(p.xp.Users)
}

// userName returns the name of the user with guid: "" for none, the GUID
// itself for users the file does not list (so coders stay apart).
func (p *planner) userName(guid string) string {
	guid = normGUID(guid)
	if guid == "" {
		return ""
	}
	if name, ok := p.users[guid]; ok {
		return name
	}
	if !p.unknown[guid] {
		p.unknown[guid] = true
		p.rep.warnf("user %s is referred to but not listed in Users; their work is attributed to %q", guid, guid)
	}
	return guid
}

// cleanLine makes a single-line name: line breaks and tabs become spaces,
// surrounding space goes.
func cleanLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// truncate shortens s to at most n code points.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// cleanName makes a valid entity name from a file's name attribute:
// single line, at most coding.MaxNameLen code points, fallback when empty.
func (p *planner) cleanName(what, name, fallback string) string {
	clean := cleanLine(name)
	if clean == "" {
		return fallback
	}
	if utf8.RuneCountInString(clean) > coding.MaxNameLen {
		short := truncate(clean, coding.MaxNameLen)
		p.rep.warnf("%s name %q was shortened to %d characters", what, short, coding.MaxNameLen)
		return strings.TrimSpace(short)
	}
	return clean
}

// uniqueName returns name, or name with " (2)", " (3)"... when taken is
// true for it (compared case-insensitively).
func uniqueName(name string, taken func(string) bool) string {
	if !taken(name) {
		return name
	}
	for i := 2; ; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		cand := truncate(name, coding.MaxNameLen-len(suffix)) + suffix
		if !taken(cand) {
			return cand
		}
	}
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
