package store_test

import (
	"encoding/binary"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"tessera/coding"
	"tessera/coding/store"
)

// cheap are password costs that keep the tests fast.
var cheap = coding.PasswordParams{Time: 1, MemoryKiB: 1024, Threads: 1}

func mustUser(tb testing.TB, s *store.Store, name string, admin bool) *coding.User {
	tb.Helper()
	hash, err := coding.HashPassword(name+" password", cheap)
	if err != nil {
		tb.Fatal(err)
	}
	u := &coding.User{Username: name, PasswordHash: hash, Admin: admin}
	if err := s.CreateUser(ctx, u); err != nil {
		tb.Fatal(err)
	}
	return u
}

func TestUsers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tessera.db")
	s := mustOpenAt(t, path)
	u := mustUser(t, s, " Kohtamäki ", true)
	if u.Username != "kohtamäki" || !u.CreatedAt.Equal(frozen) {
		t.Errorf("got user %+v, want the name normalised and the creation time set", u)
	}
	mustUser(t, s, "aino", false)
	// Decomposed "ä" names the same account.
	_, err := s.FindUser(ctx, "KOHTAMA\u0308KI")
	if err != nil {
		t.Errorf("got %v, want the decomposed, upper-case name to find the account", err)
	}
	dup := &coding.User{Username: "Aino", PasswordHash: u.PasswordHash}
	wantCode(t, s.CreateUser(ctx, dup), coding.ECONFLICT)
	for _, bad := range []string{"", "consensus", "local", "-dash", "has space", "a/b"} {
		wantCode(t, s.CreateUser(ctx, &coding.User{Username: bad, PasswordHash: "x"}), coding.EINVALID)
	}
	_, err = s.FindUser(ctx, "nobody")
	wantCode(t, err, coding.ENOTFOUND)

	// The hash survives a reopen and verifies; JSON never shows it.
	s.Close()
	s = mustOpenAt(t, path)
	got, err := s.FindUser(ctx, "kohtamäki")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := coding.VerifyPassword(" Kohtamäki  password", got.PasswordHash); !ok || err != nil {
		t.Errorf("got verify %v %v, want the stored hash to match", ok, err)
	}
	if ok, _ := coding.VerifyPassword("wrong", got.PasswordHash); ok {
		t.Error("a wrong password matched")
	}
	users, err := s.ListUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range users {
		names = append(names, u.Username)
	}
	if !cmp.Equal(names, []string{"aino", "kohtamäki"}) {
		t.Errorf("got users %v", names)
	}

	// Updates: the last enabled administrator stays.
	yes, no := true, false
	_, err = s.UpdateUser(ctx, "kohtamäki", coding.UserUpdate{Admin: &no})
	wantCode(t, err, coding.ECONFLICT)
	_, err = s.UpdateUser(ctx, "kohtamäki", coding.UserUpdate{Disabled: &yes})
	wantCode(t, err, coding.ECONFLICT)
	if _, err := s.UpdateUser(ctx, "aino", coding.UserUpdate{Admin: &yes}); err != nil {
		t.Fatal(err)
	}
	u, err = s.UpdateUser(ctx, "kohtamäki", coding.UserUpdate{Disabled: &yes})
	if err != nil || !u.Disabled {
		t.Fatalf("got %+v %v, want kohtamäki disabled once aino is an administrator", u, err)
	}
	_, err = s.UpdateUser(ctx, "nobody", coding.UserUpdate{Admin: &yes})
	wantCode(t, err, coding.ENOTFOUND)
}

func TestPasswordHash(t *testing.T) {
	hash, err := coding.HashPassword("Luleå 👍 secret", coding.DefaultPasswordParams)
	if err != nil {
		t.Fatal(err)
	}
	// PHC form with the parameters, so they can change later.
	var want = "$argon2id$v=19$m=65536,t=2,p=2$"
	if len(hash) < len(want) || hash[:len(want)] != want {
		t.Errorf("got hash %q, want the prefix %q", hash, want)
	}
	// The decomposed å is the same password.
	if ok, err := coding.VerifyPassword("Lulea\u030a 👍 secret", hash); !ok || err != nil {
		t.Errorf("got %v %v, want the decomposed form to match", ok, err)
	}
	other, _ := coding.HashPassword("Luleå 👍 secret", coding.DefaultPasswordParams)
	if other == hash {
		t.Error("two hashes of one password are equal; the salt is not random")
	}
	if !coding.PasswordNeedsRehash(mustHash(t, "x", cheap), coding.DefaultPasswordParams) || coding.PasswordNeedsRehash(hash, coding.DefaultPasswordParams) {
		t.Error("PasswordNeedsRehash does not compare the parameters")
	}
	for _, bad := range []string{"", "plain", "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA", "$bcrypt$x$y$z$w"} {
		if ok, err := coding.VerifyPassword("x", bad); ok || err == nil {
			t.Errorf("hash %q: got %v %v, want an error", bad, ok, err)
		}
	}
}

func mustHash(t *testing.T, pw string, p coding.PasswordParams) string {
	t.Helper()
	h, err := coding.HashPassword(pw, p)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestMigrateToTeamSchema opens a schema 1 file, as Tessera wrote it
// before accounts, and finds the team buckets created and versions set.
func TestMigrateToTeamSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tessera.db")
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	pid := "01J0000000000000000000000P"
	err = db.Update(func(tx *bolt.Tx) error {
		meta, _ := tx.CreateBucket([]byte("meta"))
		v := make([]byte, 8)
		binary.BigEndian.PutUint64(v, 1)
		meta.Put([]byte("schema_version"), v)
		projects, _ := tx.CreateBucket([]byte("projects"))
		projects.Put([]byte(pid), []byte(`{"id":"`+pid+`","name":"Old study"}`))
		data, _ := tx.CreateBucket([]byte("data"))
		pb, _ := data.CreateBucket([]byte(pid))
		for _, name := range []string{"cases", "documents", "texts", "hashes", "codes", "facets", "quotes", "doc_quotes", "memos", "audit"} {
			if _, err := pb.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		return pb.Bucket([]byte("codes")).Put([]byte("C1"), []byte(`{"id":"C1","project_id":"`+pid+`","level":"concept","name":"Trust","color":"#f2c94c","facets":{}}`))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s := mustOpenAt(t, path)
	mustUser(t, s, "olga", true)
	if err := s.PutMember(ctx, &coding.Member{ProjectID: pid, Username: "olga", Role: coding.RoleOwner}); err != nil {
		t.Fatalf("put a member of the migrated project: %v", err)
	}
	if _, err := s.LockCodebook(ctx, pid, true); err != nil {
		t.Fatal(err)
	}
	if as, err := s.ListAssignments(ctx, pid); err != nil || len(as) != 0 {
		t.Errorf("got %v %v, want no assignments", as, err)
	}
	// Entities written before versions existed start at version 1.
	if p, err := s.FindProject(ctx, pid); err != nil || p.Version != 1 {
		t.Errorf("got project %+v, %v; want version 1", p, err)
	}
	if c, err := s.FindCode(ctx, pid, "C1"); err != nil || c.Version != 1 || c.Name != "Trust" {
		t.Errorf("got code %+v, %v; want Trust at version 1", c, err)
	}
	s.Close()
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		if v := binary.BigEndian.Uint64(tx.Bucket([]byte("meta")).Get([]byte("schema_version"))); v != store.SchemaVersion {
			t.Errorf("got schema %d, want %d", v, store.SchemaVersion)
		}
		return nil
	})
}
