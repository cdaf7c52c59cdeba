package server

import (
	"cmp"
	"net/netip"
	"slices"
	"sync"
	"time"
)

// Sign-in back-off (see docs/team.md, "Sign-in limits"). Failures are
// counted per account, per client address and per pair of the two. After
// a key's free failures each further one doubles the wait before the next
// attempt, from LoginBackoffBase up to LoginBackoffMax. An address that
// has not failed for an account is never held back: an attack from
// elsewhere cannot lock the account's owner out, and an attack from a
// shared address cannot lock out the others there.
const (
	// LoginFreePerPair is the failures of one account from one address
	// before waits begin.
	LoginFreePerPair = 3
	// LoginFreePerAccount is the failures of one account, from all
	// addresses, before addresses that failed for it wait.
	LoginFreePerAccount = 5
	// LoginFreePerAddress is the failures from one address, for all
	// accounts, before its accounts that failed there wait.
	LoginFreePerAddress = 10
	// LoginBackoffBase is the first wait.
	LoginBackoffBase = time.Second
	// LoginBackoffMax caps the wait.
	LoginBackoffMax = 15 * time.Minute
	// LoginForget is how long after its last failure a count is dropped.
	LoginForget = 24 * time.Hour
	// maxLimiterKeys bounds the memory of the limiter: beyond it, the
	// keys whose last failure is oldest are dropped.
	maxLimiterKeys = 50000
)

// throttleKind names what a throttle counts the failures of.
type throttleKind string

const (
	throttleAccount throttleKind = "account"
	throttleAddress throttleKind = "address"
	throttlePair    throttleKind = "pair"
)

// throttleKey names one count: an account (address ""), an address
// (account ""), or a pair.
type throttleKey struct {
	kind             throttleKind
	account, address string
}

// throttle is the count of one key.
type throttle struct {
	failures int
	last     time.Time
}

// free returns the failures a kind allows before waits begin.
func (k throttleKind) free() int {
	switch k {
	case throttleAccount:
		return LoginFreePerAccount
	case throttleAddress:
		return LoginFreePerAddress
	}
	return LoginFreePerPair
}

// until returns when the next attempt under this count may be made: the
// zero time while the failures are within the free ones.
func (t *throttle) until(kind throttleKind) time.Time {
	over := t.failures - kind.free()
	if over < 0 {
		return time.Time{}
	}
	wait := LoginBackoffMax
	if over < 20 {
		wait = min(LoginBackoffBase<<over, LoginBackoffMax)
	}
	return t.last.Add(wait)
}

// loginLimiter keeps the sign-in counts in memory: a restart forgets
// them.
type loginLimiter struct {
	mu   sync.Mutex
	now  func() time.Time
	keys map[throttleKey]*throttle
}

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, keys: map[throttleKey]*throttle{}}
}

// addressKey is the address a limit counts: an IPv4 address as it is,
// an IPv6 address as its /64 network, which one client usually holds
// whole.
func addressKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	if a = a.Unmap(); a.Is4() {
		return a.String()
	}
	p, _ := a.Prefix(64)
	return p.String()
}

// keysOf returns the three counts an attempt for account from address
// touches, the pair first.
func keysOf(account, address string) [3]throttleKey {
	return [3]throttleKey{
		{throttlePair, account, address},
		{throttleAccount, account, ""},
		{throttleAddress, "", address},
	}
}

// get returns the live count of key, dropping a forgotten one. l.mu is
// held.
func (l *loginLimiter) get(key throttleKey, now time.Time) *throttle {
	t := l.keys[key]
	if t != nil && now.Sub(t.last) >= LoginForget {
		delete(l.keys, key)
		return nil
	}
	return t
}

// attempt admits or holds back an attempt for account from address. It
// returns how long the attempt must wait, or zero when it may go ahead:
// then it is counted as a failure at once, so that attempts sent
// together cannot all pass before the first has failed, and refund takes
// it back unless the password turns out wrong. Only a pair that has
// failed waits: then the longest wait of the pair, the account and the
// address applies.
func (l *loginLimiter) attempt(account, address string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	keys := keysOf(account, address)
	if l.get(keys[0], now) != nil { // this address has failed for this account
		var until time.Time
		for _, key := range keys {
			if t := l.get(key, now); t != nil {
				if u := t.until(key.kind); u.After(until) {
					until = u
				}
			}
		}
		if wait := until.Sub(now); wait > 0 {
			return wait
		}
	}
	for _, key := range keys {
		t := l.get(key, now)
		if t == nil {
			t = &throttle{}
			l.keys[key] = t
		}
		t.failures++
		t.last = now
	}
	l.prune(now)
	return 0
}

// refund takes back the failure attempt counted for an attempt that did
// not fail: a wrong password is the only failure. After a successful
// sign-in the pair's count is dropped whole; the account's and the
// address's stay, so the owner signing in does not give an attacker
// elsewhere a fresh start.
func (l *loginLimiter) refund(account, address string, signedIn bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for i, key := range keysOf(account, address) {
		t := l.get(key, now)
		if t == nil {
			continue
		}
		if t.failures--; t.failures <= 0 || (i == 0 && signedIn) {
			delete(l.keys, key)
		}
	}
}

// prune drops forgotten counts when there are too many, then the oldest
// until a tenth of the room is free again. l.mu is held.
func (l *loginLimiter) prune(now time.Time) {
	if len(l.keys) <= maxLimiterKeys {
		return
	}
	for key := range l.keys {
		l.get(key, now)
	}
	if extra := len(l.keys) - maxLimiterKeys*9/10; extra > 0 {
		ts := l.list(now)
		for _, t := range ts[len(ts)-extra:] {
			delete(l.keys, throttleKey{t.Kind, t.Account, t.Address})
		}
	}
}

// throttleView is one count as GET /login-throttles shows it.
type throttleView struct {
	// Kind is "account", "address" or "pair".
	Kind        throttleKind `json:"kind"`
	Account     string       `json:"account,omitempty"`
	Address     string       `json:"address,omitempty"`
	Failures    int          `json:"failures"`
	LastFailure time.Time    `json:"last_failure"`
	// WaitUntil is when the next attempt it holds back may be made;
	// absent while the failures are within the free ones.
	WaitUntil *time.Time `json:"wait_until,omitempty"`
}

// snapshot returns the live counts, the latest failure first.
func (l *loginLimiter) snapshot() []throttleView {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.list(l.now())
}

// list returns the live counts, the latest failure first. l.mu is held.
func (l *loginLimiter) list(now time.Time) []throttleView {
	out := make([]throttleView, 0, len(l.keys))
	for key := range l.keys {
		t := l.get(key, now)
		if t == nil {
			continue
		}
		v := throttleView{Kind: key.kind, Account: key.account, Address: key.address, Failures: t.failures, LastFailure: t.last.UTC()}
		if u := t.until(key.kind); !u.IsZero() {
			u = u.UTC()
			v.WaitUntil = &u
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b throttleView) int {
		return cmp.Or(b.LastFailure.Compare(a.LastFailure), cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Account, b.Account), cmp.Compare(a.Address, b.Address))
	})
	return out
}

// clear forgets the counts of account (its own and its pairs), of
// address (its own and its pairs), of the one pair when both are given,
// or every count when neither is. It returns how many it dropped.
func (l *loginLimiter) clear(account, address string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for key := range l.keys {
		match := (account == "" || key.account == account) && (address == "" || key.address == address)
		if account != "" && address != "" {
			match = key == throttleKey{throttlePair, account, address}
		}
		if match {
			delete(l.keys, key)
			n++
		}
	}
	return n
}
