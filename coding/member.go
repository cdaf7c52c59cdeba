package coding

import (
	"context"
	"time"
)

// Role is what a member may do in a project of a team server.
type Role string

// Project roles, from the most to the least allowed.
const (
	// RoleOwner does everything: codes, edits the codebook even when it
	// is locked, manages members, assignments and consensus.
	RoleOwner Role = "owner"
	// RoleCoder codes, writes memos and edits the codebook unless the
	// owner has locked it.
	RoleCoder Role = "coder"
	// RoleViewer reads and exports.
	RoleViewer Role = "viewer"
)

// Valid reports whether r is one of the three roles.
func (r Role) Valid() bool {
	return r == RoleOwner || r == RoleCoder || r == RoleViewer
}

// Member gives a user a role in a project.
type Member struct {
	ProjectID string    `json:"project_id"`
	Username  string    `json:"username"`
	Role      Role      `json:"role"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate reports whether the membership can be stored.
func (m *Member) Validate() error {
	name, err := NormalizeUsername(m.Username)
	if err != nil {
		return err
	}
	m.Username = name
	if !m.Role.Valid() {
		return Errorf(EINVALID, "role %q is not owner, coder or viewer", m.Role)
	}
	return nil
}

// ProjectAccess holds a project's team settings.
type ProjectAccess struct {
	ProjectID string `json:"project_id"`
	// CodebookLocked keeps coders from changing codes and facets; owners
	// still can.
	CodebookLocked bool      `json:"codebook_locked"`
	UpdatedAt      time.Time `json:"updated_at"`
	UpdatedBy      string    `json:"updated_by"`
}

// MemberStore keeps who may do what in each project.
type MemberStore interface {
	// PutMember gives an existing, enabled user a role in the project,
	// replacing their former role. It refuses (ECONFLICT) to leave the
	// project without an owner once it has one.
	PutMember(ctx context.Context, m *Member) error
	// FindMember returns the user's membership; ENOTFOUND when the user
	// is not a member (or the project does not exist).
	FindMember(ctx context.Context, projectID, username string) (*Member, error)
	// ListMembers returns the project's members by username.
	ListMembers(ctx context.Context, projectID string) ([]*Member, error)
	// ListMemberships returns the user's memberships in every project.
	ListMemberships(ctx context.Context, username string) ([]*Member, error)
	// DeleteMember removes the user from the project. It refuses
	// (ECONFLICT) to remove the last owner.
	DeleteMember(ctx context.Context, projectID, username string) error
	// FindProjectAccess returns the project's team settings (defaults when
	// none were set).
	FindProjectAccess(ctx context.Context, projectID string) (*ProjectAccess, error)
	// LockCodebook locks or unlocks the project's codebook for coders.
	LockCodebook(ctx context.Context, projectID string, locked bool) (*ProjectAccess, error)
}
