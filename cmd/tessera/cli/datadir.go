package cli

import (
	"context"

	"tessera/coding"
	"tessera/coding/datadir"
)

// defaultDataDir is where data lives when --data is not given.
const defaultDataDir = "tessera-data"

// findProject finds a project of d by name or ID.
func findProject(ctx context.Context, d *datadir.Dir, name string) (*coding.Project, error) {
	if name == "" {
		return nil, coding.Errorf(coding.EINVALID, "--project is required")
	}
	p, err := d.Store.FindProjectByName(ctx, name)
	if coding.ErrorCode(err) == coding.ENOTFOUND {
		if byID, err2 := d.Store.FindProject(ctx, name); err2 == nil {
			return byID, nil
		}
		return nil, coding.Errorf(coding.ENOTFOUND, "no project named %q in %s", name, d.Path)
	}
	return p, err
}
