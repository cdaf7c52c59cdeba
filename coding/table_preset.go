package coding

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// TablePreset is a named set of table options a project keeps, so that
// every table of a paper is exported the same way: headers, section
// labels, caption, notes, style and so on. Options holds them as the
// export package reads them (a JSON object); this package stores them
// without interpreting them.
type TablePreset struct {
	ID        string          `json:"id"`
	ProjectID string          `json:"project_id"`
	Name      string          `json:"name"`
	Options   json.RawMessage `json:"options"`
	CreatedAt time.Time       `json:"created_at"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// Validate checks the preset's name and that its options are a JSON
// object.
func (p *TablePreset) Validate() error {
	p.Name = strings.TrimSpace(p.Name)
	if err := validName("table preset", p.Name); err != nil {
		return err
	}
	var obj map[string]json.RawMessage
	if len(p.Options) == 0 || json.Unmarshal(p.Options, &obj) != nil || obj == nil {
		return Errorf(EINVALID, "the options of table preset %q must be a JSON object", p.Name)
	}
	return nil
}

// TablePresetStore keeps a project's table presets.
type TablePresetStore interface {
	// PutTablePreset stores p under its name (matched case-insensitively),
	// replacing the preset of that name if there is one; it sets ID and
	// times.
	PutTablePreset(ctx context.Context, p *TablePreset) error
	// ListTablePresets returns the project's presets by name.
	ListTablePresets(ctx context.Context, projectID string) ([]*TablePreset, error)
	// FindTablePreset returns the preset called name (case-insensitive);
	// ENOTFOUND when there is none.
	FindTablePreset(ctx context.Context, projectID, name string) (*TablePreset, error)
	// DeleteTablePreset removes the preset called name; ENOTFOUND when
	// there is none.
	DeleteTablePreset(ctx context.Context, projectID, name string) error
}
