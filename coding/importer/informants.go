package importer

import (
	"context"
	"strings"

	"tessera/coding"
)

// InformantRow is what an informant sheet says about one informant: the
// speaker who is the informant in the documents of a case, and the
// informant's details.
type InformantRow struct {
	Case    string
	Speaker string
	// Label, Pseudonym and Role are left as they are when empty.
	Label, Pseudonym, Role string
	Attributes             []coding.Attribute
}

// ReadInformantSheet reads an informant sheet in CSV:
//
//	case,speaker,id,pseudonym,role,gender,tenure,duration,round,...
//
// with a header row. "case" and "speaker" name the informant (the
// speaker's name in the case's transcripts); "id" (such as I-07),
// "pseudonym" and "role" are optional; every other column is an
// attribute, typed as case sheets type their cells (a number, an ISO
// date, a list with ";", else text). Empty cells are left out.
func ReadInformantSheet(data []byte) ([]InformantRow, error) {
	rows, err := readCSV("informant sheet", data)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, coding.Errorf(coding.EINVALID, "the informant sheet is empty")
	}
	cols := map[string]int{}
	var attrs []int
	for i, h := range rows[0] {
		name := strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		switch key := strings.ToLower(name); key {
		case "case", "speaker", "id", "pseudonym", "role":
			cols[key] = i
		default:
			if name == "" {
				return nil, coding.Errorf(coding.EINVALID, "informant sheet: column %d has no name", i+1)
			}
			attrs = append(attrs, i)
		}
	}
	for _, need := range []string{"case", "speaker"} {
		if _, ok := cols[need]; !ok {
			return nil, coding.Errorf(coding.EINVALID, "informant sheet: the column %q is missing", need)
		}
	}
	get := func(row []string, name string) string {
		if i, ok := cols[name]; ok {
			return cleanName(cell(row, i))
		}
		return ""
	}
	out := make([]InformantRow, 0, len(rows)-1)
	for n, row := range rows[1:] {
		r := InformantRow{Case: get(row, "case"), Speaker: get(row, "speaker"), Label: get(row, "id"), Pseudonym: get(row, "pseudonym"), Role: get(row, "role")}
		if r.Case == "" || r.Speaker == "" {
			return nil, coding.Errorf(coding.EINVALID, "informant sheet, row %d: the case or the speaker is missing", n+2)
		}
		for _, i := range attrs {
			if v := cell(row, i); v != "" {
				r.Attributes = append(r.Attributes, coding.InferAttribute(rows[0][i], v))
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// ApplyInformants gives the informant linked to each row's speaker (in a
// document of the row's case) the row's details, and returns how many
// informants it changed. A row whose speaker is linked to no informant
// in that case is an EINVALID error; rows before it stay applied.
func (im *Importer) ApplyInformants(ctx context.Context, projectID string, rows []InformantRow) (int, error) {
	snap, err := im.Store.Snapshot(ctx, projectID, false)
	if err != nil {
		return 0, err
	}
	n := 0
	for k, r := range rows {
		id := linkedInformant(snap, r.Case, r.Speaker)
		if id == "" {
			return n, coding.Errorf(coding.EINVALID, "informant sheet, row %d: no speaker %q of case %q is linked to an informant", k+2, r.Speaker, r.Case)
		}
		u := coding.InformantUpdate{Attributes: r.Attributes}
		for _, f := range []struct {
			v  string
			to **string
		}{{r.Label, &u.Label}, {r.Pseudonym, &u.Pseudonym}, {r.Role, &u.Role}} {
			if f.v != "" {
				*f.to = &f.v
			}
		}
		if _, err := im.Store.UpdateInformant(ctx, projectID, id, u); err != nil {
			return n, coding.Errorf(coding.ErrorCode(err), "informant sheet, row %d: %s", k+2, coding.ErrorMessage(err))
		}
		n++
	}
	return n, nil
}

// linkedInformant returns the informant linked to the speaker named
// speaker (ignoring case) in a document of the case named caseName.
func linkedInformant(snap *coding.Snapshot, caseName, speaker string) string {
	for _, d := range snap.Documents {
		c := snap.CaseByID(d.CaseID)
		if c == nil || !strings.EqualFold(c.Name, caseName) {
			continue
		}
		for _, sp := range d.Speakers {
			if strings.EqualFold(sp.Name, speaker) && sp.InformantID != "" {
				return sp.InformantID
			}
		}
	}
	return ""
}
