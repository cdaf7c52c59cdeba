package server

import (
	"sync"
	"time"
)

// Sign-in limits: failed attempts allowed per account and per client
// address within LoginWindow before further attempts are refused (429).
// The address limit is higher, since a team behind one office router
// shares an address.
const (
	// LoginFailuresPerAccount is the failures allowed per account.
	LoginFailuresPerAccount = 5
	// LoginFailuresPerIP is the failures allowed per client address.
	LoginFailuresPerIP = 20
	// LoginWindow is how long a failure counts.
	LoginWindow = 15 * time.Minute
	// maxLimiterKeys bounds the memory of the limiter: beyond it, keys
	// whose failures have all aged out are dropped.
	maxLimiterKeys = 10000
)

// loginLimiter counts failed sign-ins per key ("user:NAME", "ip:ADDR")
// over a sliding window, in memory: a restart forgets them.
type loginLimiter struct {
	mu       sync.Mutex
	now      func() time.Time
	failures map[string][]time.Time
}

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, failures: map[string][]time.Time{}}
}

// recent returns the failures of key within the window, dropping older
// ones. l.mu is held.
func (l *loginLimiter) recent(key string, now time.Time) []time.Time {
	ts := l.failures[key]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= LoginWindow {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.failures, key)
		return nil
	}
	l.failures[key] = ts
	return ts
}

// blocked returns how long the caller must wait before trying again, or
// zero when no key has reached its limit.
func (l *loginLimiter) blocked(keys map[string]int) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	var wait time.Duration
	for key, limit := range keys {
		ts := l.recent(key, now)
		if len(ts) < limit {
			continue
		}
		// The attempt is allowed again once enough failures age out.
		if w := ts[len(ts)-limit].Add(LoginWindow).Sub(now); w > wait {
			wait = w
		}
	}
	return wait
}

// fail records a failed attempt under each key.
func (l *loginLimiter) fail(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.failures) >= maxLimiterKeys {
		for key := range l.failures {
			l.recent(key, now)
		}
	}
	for _, key := range keys {
		l.failures[key] = append(l.recent(key, now), now)
	}
}

// reset forgets the failures of key, after a successful sign-in.
func (l *loginLimiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, key)
}
