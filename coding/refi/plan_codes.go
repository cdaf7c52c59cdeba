package refi

import (
	"regexp"
	"strings"

	"tessera/coding"
)

// rankLevels maps a nesting rank to a level: 0 concept, 1 theme,
// 2 dimension.
var rankLevels = []coding.Level{coding.LevelConcept, coding.LevelTheme, coding.LevelDimension}

var colorRe = regexp.MustCompile(`^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$`)

// planCodes plans the codebook, keeping the file's tree whatever its
// depth. A code's level is the one its Tessera marker names; without a
// marker it follows from the nesting: a top-level code is a dimension
// when it has grandchildren, a theme when it has children, else a
// concept, and each level below is one lower down to concepts; codes
// below a concept are its sub-concepts (a code under a marked code takes
// the level below its parent's). A code keeps its parent when the parent
// has the level above its own or its own level; otherwise it moves to the
// top level, with a warning.
func (p *planner) planCodes() {
	siblings := map[*planCode]map[string]bool{}
	for _, x := range p.xp.Codes {
		p.planCode(x, nil, min(codeHeight(x), 2), siblings)
	}
}

// codeHeight returns the number of levels below x.
func codeHeight(x inCode) int {
	h := 0
	for _, k := range x.Codes {
		h = max(h, codeHeight(k)+1)
	}
	return h
}

// planCode plans x and the codes below it. fileParent is the code x sits
// under in the file; rank the level nesting gives it (0 for concepts and
// the sub-concepts below them).
func (p *planner) planCode(x inCode, fileParent *planCode, rank int, siblings map[*planCode]map[string]bool) {
	def, incl, excl, marker := parseCodeDescription(x.Description)
	name := p.cleanName("code", x.Name, "Unnamed code")
	pc := &planCode{guid: normGUID(x.GUID), facets: map[string]string{}}
	pc.code = coding.Code{Name: name, Definition: def, Inclusion: incl, Exclusion: excl, Color: p.codeColor(x.Color, name)}

	if marker != nil && marker.Level.Valid() {
		pc.code.Level = marker.Level
	} else {
		pc.code.Level = rankLevels[max(rank, 0)]
	}

	// Place the code: under its file parent when the levels fit (the level
	// above, or the same level for a sub-code), else at the top level.
	switch {
	case fileParent != nil && (fileParent.code.Level == pc.code.Level.ParentLevel() || fileParent.code.Level == pc.code.Level):
		pc.parent = fileParent
	case fileParent != nil:
		p.rep.warnf("code %q (%s) cannot sit under %q (%s); it was placed at the top level", name, coding.LevelLabel(pc.code.Level), fileParent.code.Name, coding.LevelLabel(fileParent.code.Level))
	}

	// Names are unique among siblings; all top-level codes are siblings.
	if siblings[pc.parent] == nil {
		siblings[pc.parent] = map[string]bool{}
	}
	taken := siblings[pc.parent]
	unique := uniqueName(pc.code.Name, func(s string) bool { return taken[strings.ToLower(s)] })
	if unique != pc.code.Name {
		p.rep.warnf("code %q was renamed %q: its siblings already have that name", pc.code.Name, unique)
		pc.code.Name = unique
	}
	taken[strings.ToLower(unique)] = true

	if marker != nil {
		for f, v := range marker.Facets {
			pc.facets[f] = v // facet names are resolved by planFacets
		}
	}
	switch _, dup := p.codeByGUID[pc.guid]; {
	case pc.guid == "":
		p.rep.warnf("code %q has no GUID; nothing can refer to it", name)
	case dup:
		p.rep.warnf("code GUID %s appears twice; references go to the first code, not to %q", pc.guid, name)
	default:
		p.codeByGUID[pc.guid] = pc
	}
	p.codes = append(p.codes, pc)
	p.attachNotes(x.NoteRefs, noteRef{what: "code " + quoteName(pc.code.Name), code: pc})

	// Children: one level lower; below a concept, sub-concepts.
	for _, k := range x.Codes {
		p.planCode(k, pc, max(pc.code.Level.Rank()-1, 0), siblings)
	}
}

// codeColor returns the colour in Tessera's form (#rrggbb, lower case),
// or "" (the default colour) when the file has none or an invalid one.
func (p *planner) codeColor(c, name string) string {
	c = strings.TrimSpace(c)
	switch {
	case c == "":
		return ""
	case !colorRe.MatchString(c):
		p.rep.warnf("code %q has the colour %q, which is not #rrggbb; it gets the default colour", name, c)
		return ""
	case len(c) == 4:
		c = "#" + strings.Repeat(c[1:2], 2) + strings.Repeat(c[2:3], 2) + strings.Repeat(c[3:4], 2)
	}
	return strings.ToLower(c)
}

// quoteName quotes a name for messages.
func quoteName(s string) string { return `"` + s + `"` }
