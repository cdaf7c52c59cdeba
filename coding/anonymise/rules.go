package anonymise

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tessera/coding"
)

// Rule kinds: where a term the project knows comes from.
const (
	KindTerm    = "term"    // the researcher's own list
	KindCase    = "case"    // a case's name
	KindSpeaker = "speaker" // a speaker of a document
	KindPlace   = "place"   // the value of a place attribute of a case
	// KindNamePart is a word of a case's or a person's name found alone:
	// not replaced, but reported by checks and previews.
	KindNamePart = "name-part"
)

// Rule is one replacement: a term and what replaces it.
type Rule struct {
	Kind        string `json:"kind"`
	Term        string `json:"term"`
	Replacement string `json:"replacement"`
	// Auto says the replacement is the automatic one, not one the
	// researcher chose.
	Auto bool `json:"auto"`
	// Source is the case ID, speaker name or attribute name the term
	// comes from; "" for the researcher's terms.
	Source string `json:"source,omitempty"`
}

// legalForms are company-form words that end firm names; a case named
// "Nordtech Oy" is also matched as "Nordtech".
var legalForms = map[string]bool{
	"oy": true, "oyj": true, "ab": true, "as": true, "a/s": true, "aps": true, "asa": true,
	"ltd": true, "ltd.": true, "limited": true, "plc": true, "llc": true, "inc": true, "inc.": true,
	"corp": true, "corp.": true, "corporation": true, "co.": true, "gmbh": true, "ag": true,
	"kg": true, "sa": true, "s.a.": true, "sl": true, "srl": true, "s.r.l.": true, "spa": true,
	"s.p.a.": true, "bv": true, "b.v.": true, "nv": true, "n.v.": true, "sas": true, "sarl": true,
	"oü": true, "uab": true,
}

// Rules returns every replacement the profile makes in the project, in
// the order they take precedence: the researcher's terms, case names,
// speakers, then places. snap.Anonymisation may be nil (the default
// profile).
func Rules(snap *coding.Snapshot) []Rule {
	a := snap.Anonymisation
	if a == nil {
		a = &coding.Anonymisation{}
	}
	var out []Rule
	for _, t := range a.Terms {
		out = append(out, Rule{Kind: KindTerm, Term: t.Term, Replacement: t.Replacement})
	}
	pseudonyms := CasePseudonyms(snap)
	for _, c := range snap.Cases {
		_, chosen := a.Cases[c.ID]
		out = append(out, Rule{Kind: KindCase, Term: c.Name, Replacement: pseudonyms[c.ID], Auto: !chosen, Source: c.ID})
		if short := withoutLegalForm(c.Name); short != "" {
			out = append(out, Rule{Kind: KindCase, Term: short, Replacement: pseudonyms[c.ID], Auto: !chosen, Source: c.ID})
		}
	}
	for _, sp := range SpeakerPseudonyms(snap) {
		if sp.Name == sp.Pseudonym {
			continue
		}
		out = append(out, Rule{Kind: KindSpeaker, Term: sp.Name, Replacement: sp.Pseudonym, Auto: sp.Auto, Source: sp.Name})
		// "Zoë Karlsson (Quality Manager)" also names "Zoë Karlsson".
		if name := personName(sp.Name); name != sp.Name && name != "" {
			out = append(out, Rule{Kind: KindSpeaker, Term: name, Replacement: sp.Pseudonym, Auto: sp.Auto, Source: sp.Name})
		}
	}
	out = append(out, placeRules(snap, a)...)
	return out
}

// withoutLegalForm returns name without a trailing company form ("Oy",
// "Ltd", "GmbH"...), or "" when it has none or nothing else.
func withoutLegalForm(name string) string {
	words := strings.Fields(name)
	if len(words) < 2 || !legalForms[strings.ToLower(words[len(words)-1])] {
		return ""
	}
	return strings.TrimRight(strings.Join(words[:len(words)-1], " "), ",")
}

// CasePseudonyms returns each case's pseudonym by case ID: the one the
// researcher chose, else the case label and the next letter not taken
// ("Firm A", "Firm B", ... "Firm Z", "Firm AA").
func CasePseudonyms(snap *coding.Snapshot) map[string]string {
	a := snap.Anonymisation
	if a == nil {
		a = &coding.Anonymisation{}
	}
	label := a.CaseLabel
	if label == "" {
		label = coding.DefaultCaseLabel
	}
	taken := map[string]bool{}
	for _, p := range a.Cases {
		taken[strings.ToLower(p)] = true
	}
	out := map[string]string{}
	n := 0
	for _, c := range snap.Cases {
		if p, ok := a.Cases[c.ID]; ok {
			out[c.ID] = p
			continue
		}
		for {
			p := label + " " + letters(n)
			n++
			if !taken[strings.ToLower(p)] {
				out[c.ID] = p
				break
			}
		}
	}
	return out
}

// letters names the n-th case as spreadsheets name columns: A..Z, AA, AB...
func letters(n int) string {
	s := ""
	for n++; n > 0; n = (n - 1) / 26 {
		s = string(rune('A'+(n-1)%26)) + s
	}
	return s
}

// SpeakerPseudonym is a speaker of the project and the pseudonym that
// replaces the name.
type SpeakerPseudonym struct {
	Name      string `json:"name"`
	Role      string `json:"role"`
	Pseudonym string `json:"pseudonym"`
	Auto      bool   `json:"auto"`
	// Informant is the label of the informant the speaker is linked to,
	// such as "I-07"; "" when not linked.
	Informant string `json:"informant,omitempty"`
}

// SpeakerPseudonyms lists the distinct speakers of the project's
// documents and the interviewers their metadata names, in order of first
// appearance, with their pseudonyms: the one the researcher chose, else
// the pseudonym of the informant the speaker is linked to (unless the
// profile asks for informant IDs), else that informant's ID ("I-07"),
// else "Informant N" for informants (numbered
// in that order) and "Interviewer" for interviewers. Labels that are not names are left as
// they are (Pseudonym equal to Name): the usual interviewer labels
// ("Interviewer", "I", "Q") and one-word labels without a lower-case
// letter ("CEO", "R1").
func SpeakerPseudonyms(snap *coding.Snapshot) []SpeakerPseudonym {
	a := snap.Anonymisation
	if a == nil {
		a = &coding.Anonymisation{}
	}
	informants := map[string]*coding.Informant{}
	for _, i := range snap.Informants {
		informants[i.ID] = i
	}
	var out []SpeakerPseudonym
	seen := map[string]bool{}
	n := 0
	for _, d := range snap.Documents {
		speakers := d.Speakers
		if d.Meta.Interviewer != "" {
			speakers = append([]coding.Speaker{{Name: d.Meta.Interviewer, Role: coding.RoleInterviewer}}, speakers...)
		}
		for _, sp := range speakers {
			if seen[sp.Name] || strings.TrimSpace(sp.Name) == "" {
				continue
			}
			seen[sp.Name] = true
			p := SpeakerPseudonym{Name: sp.Name, Role: sp.Role}
			inf := informants[sp.InformantID]
			if inf != nil {
				p.Informant = inf.Label
			}
			if chosen, ok := a.Speakers[sp.Name]; ok {
				p.Pseudonym = chosen
			} else {
				p.Auto = true
				switch {
				case !isPersonName(sp.Name):
					p.Pseudonym = sp.Name
				case inf != nil && inf.Pseudonym != "" && !a.InformantIDs:
					p.Pseudonym = inf.Pseudonym
				case inf != nil:
					p.Pseudonym = inf.Label
				case sp.Role == coding.RoleInterviewer:
					p.Pseudonym = "Interviewer"
				default:
					n++
					p.Pseudonym = "Informant " + strconv.Itoa(n)
				}
			}
			out = append(out, p)
		}
	}
	return out
}

// isPersonName reports whether a speaker label reads like a name: not a
// usual interviewer label, and with a lower-case letter or more than one
// word ("EETU RÄSÄNEN", but not "CEO" or "R1").
func isPersonName(label string) bool {
	name := personName(label)
	if name == "" || coding.GuessRole(name) == coding.RoleInterviewer {
		return false
	}
	return strings.IndexFunc(name, unicode.IsLower) >= 0 || len(strings.Fields(name)) > 1
}

// personName returns a speaker label without a trailing remark in
// parentheses: "Zoë Karlsson" of "Zoë Karlsson (Quality Manager)".
func personName(label string) string {
	if i := strings.IndexByte(label, '('); i >= 0 {
		label = label[:i]
	}
	return strings.TrimSpace(label)
}

// PlaceAttributes returns the names of the case attributes the profile
// takes for places, as the project spells them.
func PlaceAttributes(snap *coding.Snapshot) []string {
	a := snap.Anonymisation
	want := coding.DefaultPlaceAttributes
	if a != nil && a.PlaceAttributes != nil {
		want = a.PlaceAttributes
	}
	isPlace := map[string]bool{}
	for _, n := range want {
		isPlace[strings.ToLower(n)] = true
	}
	var out []string
	seen := map[string]bool{}
	for _, c := range snap.Cases {
		for _, attr := range c.Attributes {
			key := strings.ToLower(attr.Name)
			if isPlace[key] && !seen[key] {
				seen[key] = true
				out = append(out, attr.Name)
			}
		}
	}
	return out
}

// placeRules returns a rule for each value of the place attributes.
func placeRules(snap *coding.Snapshot, a *coding.Anonymisation) []Rule {
	var out []Rule
	for _, name := range PlaceAttributes(snap) {
		for _, c := range snap.Cases {
			attr := c.Attribute(name)
			if attr == nil {
				continue
			}
			var values []string
			switch v := attr.Value.(type) {
			case string:
				values = []string{v}
			case []string:
				values = v
			}
			for _, v := range values {
				v = strings.TrimSpace(v)
				if v == "" || strings.ContainsRune(v, '\n') {
					continue
				}
				repl, chosen := a.Places[v]
				if !chosen {
					repl = "[" + name + "]"
				}
				out = append(out, Rule{Kind: KindPlace, Term: v, Replacement: repl, Auto: !chosen, Source: name})
			}
		}
	}
	return out
}

// NameParts returns the words of the multi-word case and person names
// among rules that are not rules themselves, such as "Kohtamäki" of
// "Kohtamäki Analytics Oy" or "Björn" of "Björn Lind". They are not
// replaced (a first name alone may be a common word), but checks and
// previews report them where they appear capitalised, so the researcher
// can add them as terms. Each part suggests the replacement of its name.
func NameParts(rules []Rule) []Rule {
	f := newFolder()
	known := map[string]bool{}
	for _, r := range rules {
		known[f.foldString(r.Term)] = true
	}
	var out []Rule
	for _, r := range rules {
		if r.Kind != KindCase && r.Kind != KindSpeaker {
			continue
		}
		words := strings.Fields(personName(r.Term))
		if len(words) < 2 {
			continue
		}
		for _, w := range words {
			w = strings.Trim(w, ",.;:()")
			key := f.foldString(w)
			first, _ := utf8.DecodeRuneInString(w)
			if utf8.RuneCountInString(w) < 3 || !unicode.IsUpper(first) || known[key] || legalForms[strings.ToLower(w)] {
				continue
			}
			known[key] = true
			out = append(out, Rule{Kind: KindNamePart, Term: w, Replacement: r.Replacement, Auto: true, Source: r.Term})
		}
	}
	return out
}
