package store_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"tessera/coding"
	"tessera/coding/markdown"
)

func TestMemoHTMLStoredOnSave(t *testing.T) {
	s := mustOpen(t)
	p := mustProject(t, s, "Memos")
	m := &coding.Memo{ProjectID: p.ID, Body: "**Luleå** <script>x</script>"}
	if err := s.CreateMemo(ctx, m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.HTML, "<strong>Luleå</strong>") || strings.Contains(m.HTML, "<script") {
		t.Errorf("got html %q, want the sanitised rendering", m.HTML)
	}
	if m.HTMLVersion != markdown.Version {
		t.Errorf("got html_version %d, want %d", m.HTMLVersion, markdown.Version)
	}

	body := "*changed*"
	got, err := s.UpdateMemo(ctx, p.ID, m.ID, coding.MemoUpdate{Body: &body})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<p><em>changed</em></p>\n"; got.HTML != want {
		t.Errorf("got html %q after update, want %q", got.HTML, want)
	}
	title := "Title only"
	got, err = s.UpdateMemo(ctx, p.ID, m.ID, coding.MemoUpdate{Title: &title})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<p><em>changed</em></p>\n"; got.HTML != want {
		t.Errorf("got html %q after a title change, want %q", got.HTML, want)
	}
}

func TestMemoHTMLRenderedAgainOnOpen(t *testing.T) {
	// A memo written by an older build (no html, no version), and one
	// saved as plain text because it did not render in time.
	older := func(raw map[string]any) {
		delete(raw, "html")
		delete(raw, "html_version")
	}
	late := func(raw map[string]any) {
		raw["html"] = `<pre class="markdown-plain"># Heading</pre>`
	}
	for name, change := range map[string]func(map[string]any){"older build": older, "out of time": late} {
		t.Run(name, func(t *testing.T) { testMemoRenderedAgain(t, change) })
	}
}

func testMemoRenderedAgain(t *testing.T, change func(map[string]any)) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tessera.db")
	s := mustOpenAt(t, path)
	p := mustProject(t, s, "Old memos")
	m := &coding.Memo{ProjectID: p.ID, Body: "# Heading"}
	if err := s.CreateMemo(ctx, m); err != nil {
		t.Fatal(err)
	}
	s.Close()

	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	memos := func(tx *bolt.Tx) *bolt.Bucket {
		return tx.Bucket([]byte("data")).Bucket([]byte(p.ID)).Bucket([]byte("memos"))
	}
	err = db.Update(func(tx *bolt.Tx) error {
		var raw map[string]any
		if err := json.Unmarshal(memos(tx).Get([]byte(m.ID)), &raw); err != nil {
			return err
		}
		change(raw)
		buf, _ := json.Marshal(raw)
		return memos(tx).Put([]byte(m.ID), buf)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	s = mustOpenAt(t, path)
	s.Close()
	db, err = bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var stored coding.Memo
	if err := db.View(func(tx *bolt.Tx) error {
		return json.Unmarshal(memos(tx).Get([]byte(m.ID)), &stored)
	}); err != nil {
		t.Fatal(err)
	}
	if stored.HTML != "<h1>Heading</h1>\n" || stored.HTMLVersion != markdown.Version {
		t.Errorf("got stored html %q version %d, want the current rendering", stored.HTML, stored.HTMLVersion)
	}
}
