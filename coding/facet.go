package coding

import (
	"strings"
	"time"
)

// Facet is a named classification of codes with a closed set of values,
// such as "Type of learning" (experiential, vicarious, congenital,
// integrated). A value set on a theme or dimension is inherited by the
// codes below it unless they set their own.
type Facet struct {
	ID        string    `json:"id"`
	ProjectID string    `json:"project_id"`
	Name      string    `json:"name"`
	Values    []string  `json:"values"`
	Order     int       `json:"order"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate reports whether the facet can be stored: a name and distinct,
// non-empty values.
func (f *Facet) Validate() error {
	f.Name = strings.TrimSpace(f.Name)
	if err := validName("facet", f.Name); err != nil {
		return err
	}
	seen := map[string]bool{}
	vals := make([]string, 0, len(f.Values))
	for _, v := range f.Values {
		v = strings.TrimSpace(v)
		if err := validName("facet value", v); err != nil {
			return err
		}
		if seen[strings.ToLower(v)] {
			return Errorf(EINVALID, "facet value %q appears twice", v)
		}
		seen[strings.ToLower(v)] = true
		vals = append(vals, v)
	}
	f.Values = vals
	return nil
}

// HasValue returns the facet's spelling of v (case-insensitive match) and
// whether it is one of its values.
func (f *Facet) HasValue(v string) (string, bool) {
	for _, x := range f.Values {
		if strings.EqualFold(x, strings.TrimSpace(v)) {
			return x, true
		}
	}
	return "", false
}

// FacetUpdate holds the fields of a facet to change; nil fields stay.
// Renaming a value through RenameValues keeps codes that use it; values
// dropped from Values are cleared from codes by the store.
type FacetUpdate struct {
	Name         *string           `json:"name"`
	Values       []string          `json:"values"`
	RenameValues map[string]string `json:"rename_values"`
}

// EffectiveFacet returns the value of facet fid for code c: its own value,
// else the nearest ancestor's, else "". inherited reports whether it came
// from an ancestor.
func (t *CodeTree) EffectiveFacet(c *Code, fid string) (value string, inherited bool) {
	for cur := c; cur != nil; cur = t.ByID[cur.ParentID] {
		if v := cur.Facets[fid]; v != "" {
			return v, cur != c
		}
	}
	return "", false
}
