package server

// perm is what a route requires of its caller in team mode.
type perm int

// Permissions, each with the roles it admits. Administrators pass every
// check; in a project they count as owners. The zero permission is no
// rule at all: team mode refuses a route registered with it.
const (
	permNone     perm = iota // no rule: refused in team mode
	permPublic               // anyone, signed in or not
	permUser                 // any signed-in user
	permAdmin                // administrators
	permRead                 // project members: viewer, coder, owner
	permCode                 // coders and owners
	permCodebook             // owners, and coders while the codebook is unlocked
	permReview               // owners and viewers: agreement, disagreements
	permOwner                // owners
)

var permNames = map[perm]string{
	permPublic: "public", permUser: "user", permAdmin: "admin", permRead: "read",
	permCode: "code", permCodebook: "codebook", permReview: "review", permOwner: "owner",
}

// rule is the access rule of one route, given where the route is
// registered (see routes in routes.go).
type rule struct {
	perm perm
	// own restricts coders to their own entities: "quote", "memo" (by
	// author) or "undo" (audit entries they made).
	own string
	// selfAudit shows members other than owners only their own entries.
	selfAudit bool
	// createsProject makes the caller the owner of the projects the
	// request creates.
	createsProject bool
	// noCSRF exempts sign-in, which has no session yet.
	noCSRF bool
	// service admits the service token of Config.ServiceToken.
	service bool
}
