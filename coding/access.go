package coding

// AccessStore is everything a team server keeps besides the research
// data: accounts, sessions, members, assignments and consensus decisions.
type AccessStore interface {
	UserStore
	SessionStore
	MemberStore
	AssignmentStore
	ConsensusStore
}
