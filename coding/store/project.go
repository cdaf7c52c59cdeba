package store

import (
	"context"
	"errors"
	"sort"
	"strings"

	berrors "go.etcd.io/bbolt/errors"

	"tessera/coding"
)

// CreateProject stores p with a new ID and its own data buckets.
func (s *Store) CreateProject(ctx context.Context, p *coding.Project) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "create_project", func(t *txn) error {
		if err := t.checkProjectName(p.Name, ""); err != nil {
			return err
		}
		p.ID = coding.NewID(t.now)
		p.CreatedAt, p.UpdatedAt = t.now, t.now
		pb, err := t.tx.Bucket(bucketData).CreateBucket([]byte(p.ID))
		if err != nil {
			return err
		}
		for _, name := range projectBuckets {
			if _, err := pb.CreateBucket(name); err != nil {
				return err
			}
		}
		return t.write(p.ID, "project", p.ID, p)
	})
}

// checkProjectName reports a conflict when another project (not id) has name.
func (t *txn) checkProjectName(name, id string) error {
	projects, err := list[coding.Project](t.tx.Bucket(bucketProjects))
	if err != nil {
		return err
	}
	for _, o := range projects {
		if o.ID != id && strings.EqualFold(o.Name, name) {
			return coding.Errorf(coding.ECONFLICT, "a project named %q already exists", o.Name)
		}
	}
	return nil
}

// FindProject returns the project with id.
func (s *Store) FindProject(ctx context.Context, id string) (*coding.Project, error) {
	var p *coding.Project
	err := s.view(ctx, func(t *txn) (err error) {
		p, err = get[coding.Project](t.tx.Bucket(bucketProjects), id, "project")
		return err
	})
	return p, err
}

// FindProjectByName returns the project named name (case-insensitive).
func (s *Store) FindProjectByName(ctx context.Context, name string) (*coding.Project, error) {
	projects, err := s.ListProjects(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range projects {
		if strings.EqualFold(p.Name, strings.TrimSpace(name)) {
			return p, nil
		}
	}
	return nil, coding.Errorf(coding.ENOTFOUND, "project %q not found", name)
}

// ListProjects returns all projects by name.
func (s *Store) ListProjects(ctx context.Context) ([]*coding.Project, error) {
	var out []*coding.Project
	err := s.view(ctx, func(t *txn) (err error) {
		out, err = list[coding.Project](t.tx.Bucket(bucketProjects))
		return err
	})
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	if out == nil {
		out = []*coding.Project{}
	}
	return out, err
}

// UpdateProject changes the set fields of the project.
func (s *Store) UpdateProject(ctx context.Context, id string, u coding.ProjectUpdate) (*coding.Project, error) {
	var p *coding.Project
	err := s.update(ctx, "update_project", func(t *txn) (err error) {
		b := t.tx.Bucket(bucketProjects)
		if p, err = get[coding.Project](b, id, "project"); err != nil {
			return err
		}
		if err := checkVersion("project", p.Version, u.IfVersion); err != nil {
			return err
		}
		if err := u.Apply(p); err != nil {
			return err
		}
		if err := t.checkProjectName(p.Name, p.ID); err != nil {
			return err
		}
		p.UpdatedAt = t.now
		return t.write(id, "project", id, p)
	})
	return p, err
}

// DeleteProject removes the project and all its data.
func (s *Store) DeleteProject(ctx context.Context, id string) error {
	return s.update(ctx, "delete_project", func(t *txn) error {
		b := t.tx.Bucket(bucketProjects)
		if _, err := get[coding.Project](b, id, "project"); err != nil {
			return err
		}
		if err := t.tx.Bucket(bucketData).DeleteBucket([]byte(id)); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
			return err
		}
		t.changes = append(t.changes, coding.Change{ProjectID: id, Kind: "project", IDs: []string{id}, Deleted: true})
		return b.Delete([]byte(id))
	})
}
