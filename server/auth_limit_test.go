package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"tessera/server"
)

// signIn tries to sign name in with password from cl and returns the
// status and the Retry-After header.
func signIn(cl *client, name, password string) (int, string) {
	cl.t.Helper()
	b, err := json.Marshal(map[string]string{"username": name, "password": password})
	if err != nil {
		cl.t.Fatal(err)
	}
	res, _ := cl.do("POST", "/api/v1/login", "application/json", strings.NewReader(string(b)))
	return res.StatusCode, res.Header.Get("Retry-After")
}

// from returns an anonymous client whose requests come, through a trusted
// proxy, from address.
func (s *teamServer) from(address string) *client {
	s.t.Helper()
	cl := s.anonymous()
	cl.header.Set("X-Forwarded-For", address)
	return cl
}

// wantSignIn checks the status and Retry-After of a sign-in.
func wantSignIn(t *testing.T, cl *client, name, password string, wantStatus int, wantRetry string) {
	t.Helper()
	status, retry := signIn(cl, name, password)
	if status != wantStatus || retry != wantRetry {
		t.Errorf("sign-in of %s from %s: got %d Retry-After %q, want %d Retry-After %q",
			name, cl.header.Get("X-Forwarded-For"), status, retry, wantStatus, wantRetry)
	}
}

// TestLoginBackoffCannotLockOwnerOut reproduces the lockout attack: five
// wrong passwords for an account from one address used to lock the
// account for everyone for 15 minutes. Now the attacker's address backs
// off exponentially while the owner signs in from elsewhere.
func TestLoginBackoffCannotLockOwnerOut(t *testing.T) {
	s := mustStartTeam(t, func(c *server.Config) { c.TrustProxy = true })
	s.mustUser("aino", false)
	right := "aino" + passwordSuffix
	attacker := s.from("203.0.113.7")

	// The first failures of a pair are free; then each one doubles the
	// wait, which the attacker must sit out.
	for range server.LoginFreePerPair {
		wantSignIn(t, attacker, "aino", "not her password", 401, "")
	}
	wantSignIn(t, attacker, "aino", right, 429, "1") // refused unchecked, even when right
	s.clock.advance(time.Second)
	wantSignIn(t, attacker, "aino", "still not", 401, "")
	wantSignIn(t, attacker, "aino", "not her password", 429, "2")
	s.clock.advance(2 * time.Second)
	wantSignIn(t, attacker, "aino", "still not", 401, "")
	wantSignIn(t, attacker, "aino", "not her password", 429, "4")

	// Five failures for aino: she still signs in at once from her own
	// address, which has not failed.
	s.from("198.51.100.4").call("POST", "/api/v1/login", map[string]string{"username": "aino", "password": right}, 200, nil)
	// So does every other account at the attacker's address.
	s.mustUser("bo", false)
	attacker.call("POST", "/api/v1/login", map[string]string{"username": "bo", "password": "bo" + passwordSuffix}, 200, nil)

	// A new address of a distributed attack gets one try: then the
	// account's count holds it back too.
	bot := s.from("192.0.2.55")
	wantSignIn(t, bot, "aino", "guess", 401, "")
	wantSignIn(t, bot, "aino", "guess", 429, "2") // the account's sixth failure: 2 s

	// The waits stop doubling at LoginBackoffMax.
	for range 12 {
		s.clock.advance(server.LoginBackoffMax)
		wantSignIn(t, attacker, "aino", "guess", 401, "")
	}
	wantSignIn(t, attacker, "aino", right, 429, fmt.Sprint(int(server.LoginBackoffMax.Seconds())))
	s.clock.advance(server.LoginBackoffMax)
	attacker.call("POST", "/api/v1/login", map[string]string{"username": "aino", "password": right}, 200, nil)
	// Success clears the pair's count only: the next wrong password from
	// there meets the account's wait at once.
	wantSignIn(t, attacker, "aino", "guess", 401, "")
	wantSignIn(t, attacker, "aino", "guess", 429, fmt.Sprint(int(server.LoginBackoffMax.Seconds())))

	// Counts are forgotten a day after their last failure.
	s.clock.advance(server.LoginForget)
	wantSignIn(t, attacker, "aino", "guess", 401, "")
}

// TestLoginBackoffSharedAddress reproduces the second attack: twenty
// failures from one address used to lock out every user there. Now users
// at that address who have not failed sign in, while the address's
// accounts that failed there wait.
func TestLoginBackoffSharedAddress(t *testing.T) {
	s := mustStartTeam(t, func(c *server.Config) { c.TrustProxy = true })
	s.mustUser("aino", false)
	office := s.from("203.0.113.9")
	for i := range 20 {
		wantSignIn(t, office, fmt.Sprintf("guess%d", i), "guessing...", 401, "")
	}
	// aino, at the same address, has not failed: she signs in.
	office.call("POST", "/api/v1/login", map[string]string{"username": "aino", "password": "aino" + passwordSuffix}, 200, nil)
	// A second round of guesses on the same accounts waits for the
	// address's count: 20 failures, 10 over the free ones, capped.
	wantSignIn(t, office, "guess3", "again", 429, fmt.Sprint(int(server.LoginBackoffMax.Seconds())))
	// Another address is not held back for those accounts.
	wantSignIn(t, s.from("198.51.100.20"), "guess3", "again", 401, "")
}

// TestLoginThrottlesAdministration checks that administrators see the
// counts and clear them, by account, address, pair or all.
func TestLoginThrottlesAdministration(t *testing.T) {
	s := mustStartTeam(t, func(c *server.Config) { c.TrustProxy = true })
	s.mustUser("aino", false)
	admin, aino := s.login("admin"), s.login("aino")
	attacker := s.from("2001:db8::7")
	for range server.LoginFreePerPair {
		wantSignIn(t, attacker, "Aino", "guess", 401, "")
	}
	// Another address of the same IPv6 /64 counts as the same client.
	wantSignIn(t, s.from("2001:db8::8"), "aino", "aino"+passwordSuffix, 429, "1")

	aino.call("GET", "/api/v1/login-throttles", nil, 403, nil)
	var got []struct {
		Kind, Account, Address string
		Failures               int
		LastFailure            time.Time  `json:"last_failure"`
		WaitUntil              *time.Time `json:"wait_until"`
	}
	admin.call("GET", "/api/v1/login-throttles", nil, 200, &got)
	if len(got) != 3 {
		t.Fatalf("got %d counts %+v, want the pair, the account and the address", len(got), got)
	}
	for _, g := range got {
		wantAccount, wantAddress := "aino", "2001:db8::/64"
		switch g.Kind {
		case "account":
			wantAddress = ""
		case "address":
			wantAccount = ""
		}
		if g.Account != wantAccount || g.Address != wantAddress || g.Failures != 3 || !g.LastFailure.Equal(frozen) {
			t.Errorf("got count %+v, want %s of %q at %q with 3 failures at %v", g, g.Kind, wantAccount, wantAddress, frozen)
		}
		if wantWait := g.Kind == "pair"; (g.WaitUntil != nil) != wantWait || (wantWait && !g.WaitUntil.Equal(frozen.Add(time.Second))) {
			t.Errorf("%s: got wait_until %v, want it only on the pair, a second after the last failure", g.Kind, g.WaitUntil)
		}
	}

	clear := func(query url.Values, want int) {
		t.Helper()
		var res struct{ Cleared int }
		admin.call("DELETE", "/api/v1/login-throttles?"+query.Encode(), nil, 200, &res)
		if res.Cleared != want {
			t.Errorf("DELETE ?%s: got %d cleared, want %d", query.Encode(), res.Cleared, want)
		}
	}
	admin.call("DELETE", "/api/v1/login-throttles?address=not-an-address", nil, 400, nil)
	admin.call("DELETE", "/api/v1/login-throttles?account=local", nil, 400, nil)
	clear(url.Values{"account": {"nobody"}}, 0)
	clear(url.Values{"account": {"AINO"}, "address": {"2001:db8::99"}}, 1) // the pair
	wantSignIn(t, attacker, "aino", "guess", 401, "")
	clear(url.Values{"account": {"aino"}}, 2) // the new pair and the account
	clear(url.Values{"address": {"2001:db8::/64"}}, 1)
	wantSignIn(t, attacker, "aino", "guess", 401, "")
	clear(nil, 3)
	admin.call("GET", "/api/v1/login-throttles", nil, 200, &got)
	if len(got) != 0 {
		t.Errorf("after clearing all: got %d counts, want none", len(got))
	}
}

// TestPasswordChangeBackoff checks that wrong current passwords count
// like failed sign-ins of the account from the caller's address.
func TestPasswordChangeBackoff(t *testing.T) {
	s := mustStartTeam(t, nil)
	s.mustUser("aino", false)
	aino := s.login("aino")
	for range server.LoginFreePerPair {
		aino.call("POST", "/api/v1/me/password", map[string]string{"old": "wrong", "new": "a brand new secret"}, 403, nil)
	}
	aino.call("POST", "/api/v1/me/password", map[string]string{"old": "aino" + passwordSuffix, "new": "a brand new secret"}, 429, nil)
	s.clock.advance(time.Second)
	aino.call("POST", "/api/v1/me/password", map[string]string{"old": "aino" + passwordSuffix, "new": "a brand new secret"}, 204, nil)
}

// TestLoginBackoffConcurrent sends a burst of wrong passwords for one
// account from one address at once: attempts are counted when admitted,
// so the burst gets no more tries than attempts one after another would.
func TestLoginBackoffConcurrent(t *testing.T) {
	s := mustStartTeam(t, func(c *server.Config) { c.TrustProxy = true })
	s.mustUser("aino", false)
	const burst = 12
	statuses := make(chan int, burst)
	var wg sync.WaitGroup
	for range burst {
		wg.Go(func() {
			req, err := http.NewRequest("POST", s.url+"/api/v1/login", strings.NewReader(`{"username": "aino", "password": "a wrong guess"}`))
			if err != nil {
				statuses <- 0
				return
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Forwarded-For", "203.0.113.66")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				statuses <- 0
				return
			}
			res.Body.Close()
			statuses <- res.StatusCode
		})
	}
	wg.Wait()
	close(statuses)
	got := map[int]int{}
	for st := range statuses {
		got[st]++
	}
	want := map[int]int{401: server.LoginFreePerPair, 429: burst - server.LoginFreePerPair}
	if got[401] != want[401] || got[429] != want[429] {
		t.Errorf("got statuses %v, want %v", got, want)
	}
}
