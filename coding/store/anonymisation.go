package store

import (
	"context"

	"tessera/coding"
)

// keyAnon is the key of the profile in its bucket.
const keyAnon = "profile"

// findAnonymisation returns the project's anonymisation profile, the
// default one when none was saved.
func (t *txn) findAnonymisation(pid string) (*coding.Anonymisation, error) {
	b, err := t.sub(pid, bAnon)
	if err != nil {
		return nil, err
	}
	if b == nil || b.Get([]byte(keyAnon)) == nil {
		a := &coding.Anonymisation{ProjectID: pid}
		return a, a.Validate()
	}
	return get[coding.Anonymisation](b, keyAnon, "anonymisation profile")
}

// FindAnonymisation returns the project's anonymisation profile.
func (s *Store) FindAnonymisation(ctx context.Context, pid string) (*coding.Anonymisation, error) {
	var a *coding.Anonymisation
	err := s.view(ctx, func(t *txn) (err error) {
		a, err = t.findAnonymisation(pid)
		return err
	})
	return a, err
}

// SetAnonymisation stores a as the project's anonymisation profile.
func (s *Store) SetAnonymisation(ctx context.Context, pid string, a *coding.Anonymisation) (*coding.Anonymisation, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	err := s.update(ctx, "set_anonymisation", func(t *txn) error {
		old, err := t.findAnonymisation(pid)
		if err != nil {
			return err
		}
		if err := checkVersion("anonymisation profile", old.Version, a.IfVersion); err != nil {
			return err
		}
		cases, err := t.cases(pid)
		if err != nil {
			return err
		}
		known := map[string]bool{}
		for _, c := range cases {
			known[c.ID] = true
		}
		for id := range a.Cases {
			if !known[id] {
				return coding.Errorf(coding.EINVALID, "the project has no case %q to give a pseudonym", id)
			}
		}
		// Projects made before profiles existed get their bucket now.
		pb, err := t.project(pid)
		if err != nil {
			return err
		}
		if _, err := pb.CreateBucketIfNotExists(bAnon); err != nil {
			return err
		}
		a.ProjectID = pid
		a.UpdatedAt, a.UpdatedBy = t.now, t.actor
		return t.write(pid, "anonymisation", keyAnon, a)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}
