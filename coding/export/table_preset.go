package export

import (
	"bytes"
	"encoding/json"

	"tessera/coding"
)

// Preset is what a project's named table preset holds (coding.TablePreset
// stores it as JSON): the table options, and the facets that group the
// Gioia table into sections and subsections.
type Preset struct {
	TableOptions
	Sections    string `json:"sections,omitempty"`
	Subsections string `json:"subsections,omitempty"`
}

// ParsePreset reads a preset's options. Unknown fields and options no
// table can use are EINVALID.
func ParsePreset(data []byte) (Preset, error) {
	var p Preset
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return p, coding.Errorf(coding.EINVALID, "table preset options: %v", err)
	}
	return p, p.Validate()
}

// Validate reports options no table can use.
func (p Preset) Validate() error {
	if p.Subsections != "" && p.Sections == "" {
		return coding.Errorf(coding.EINVALID, "subsections by %q need sections by another facet first", p.Subsections)
	}
	return p.TableOptions.Validate()
}

// Apply sets opt's table options, sections and subsections to the
// preset's.
func (p Preset) Apply(opt *Options) {
	opt.Table = p.TableOptions
	opt.Sections, opt.Subsections = p.Sections, p.Subsections
}
