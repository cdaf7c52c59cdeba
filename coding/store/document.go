package store

import (
	"context"
	"encoding/json"
	"sort"
	"strings"

	"tessera/coding"
)

// docText is what the texts bucket holds for a document.
type docText struct {
	Text  string        `json:"text"`
	Turns []coding.Turn `json:"turns"`
}

// CreateDocument validates and stores d as the last document of its project.
func (s *Store) CreateDocument(ctx context.Context, d *coding.Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "create_document", func(t *txn) error {
		if d.CaseID != "" {
			if _, err := t.findCase(d.ProjectID, d.CaseID); err != nil {
				return err
			}
		}
		b, err := t.sub(d.ProjectID, bDocuments)
		if err != nil {
			return err
		}
		// The bucket's sequence gives each new document the next place.
		next, err := b.NextSequence()
		if err != nil {
			return err
		}
		d.ID = coding.NewID(t.now)
		d.CreatedAt, d.UpdatedAt = t.now, t.now
		d.CreatedBy, d.UpdatedBy = t.actor, t.actor
		d.Order = int(next)
		if err := t.putDocumentText(d); err != nil {
			return err
		}
		hashes, _ := t.sub(d.ProjectID, bHashes)
		if err := hashes.Put([]byte(d.Hash+"/"+d.ID), nil); err != nil {
			return err
		}
		return t.putDocumentMeta(d)
	})
}

// putDocumentMeta stores the document without its text and turns.
func (t *txn) putDocumentMeta(d *coding.Document) error {
	b, err := t.sub(d.ProjectID, bDocuments)
	if err != nil {
		return err
	}
	meta := *d
	meta.Text, meta.Turns = "", nil
	_ = b
	if err := t.write(d.ProjectID, "document", d.ID, &meta); err != nil {
		return err
	}
	d.Version = meta.Version
	return nil
}

func (t *txn) putDocumentText(d *coding.Document) error {
	b, err := t.sub(d.ProjectID, bTexts)
	if err != nil {
		return err
	}
	_ = b
	return t.write(d.ProjectID, "text", d.ID, docText{Text: d.Text, Turns: d.Turns})
}

// findDocument returns the document; with text it also loads text and turns.
func (t *txn) findDocument(pid, id string, withText bool) (*coding.Document, error) {
	b, err := t.sub(pid, bDocuments)
	if err != nil {
		return nil, err
	}
	d, err := get[coding.Document](b, id, "document")
	if err != nil || !withText {
		return d, err
	}
	texts, _ := t.sub(pid, bTexts)
	var dt docText
	if err := json.Unmarshal(texts.Get([]byte(id)), &dt); err != nil {
		return nil, err
	}
	d.Text, d.Turns = dt.Text, dt.Turns
	return d, nil
}

// documents returns the project's documents, without text, in order.
func (t *txn) documents(pid string) ([]*coding.Document, error) {
	b, err := t.sub(pid, bDocuments)
	if err != nil {
		return nil, err
	}
	docs, err := list[coding.Document](b)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Order < docs[j].Order })
	return docs, err
}

// FindDocument returns the document with its text and turns.
func (s *Store) FindDocument(ctx context.Context, pid, id string) (*coding.Document, error) {
	var d *coding.Document
	err := s.view(ctx, func(t *txn) (err error) {
		d, err = t.findDocument(pid, id, true)
		return err
	})
	return d, err
}

// FindDocumentsByHash returns the documents whose text hashes to hash.
func (s *Store) FindDocumentsByHash(ctx context.Context, pid, hash string) ([]*coding.Document, error) {
	out := []*coding.Document{}
	err := s.view(ctx, func(t *txn) error {
		hashes, err := t.sub(pid, bHashes)
		if err != nil {
			return err
		}
		prefix := []byte(hash + "/")
		c := hashes.Cursor()
		for k, _ := c.Seek(prefix); k != nil && strings.HasPrefix(string(k), string(prefix)); k, _ = c.Next() {
			d, err := t.findDocument(pid, string(k[len(prefix):]), false)
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// ListDocuments returns the project's documents without text and turns.
func (s *Store) ListDocuments(ctx context.Context, pid string, f coding.DocumentFilter) ([]*coding.Document, error) {
	out := []*coding.Document{}
	err := s.view(ctx, func(t *txn) error {
		docs, err := t.documents(pid)
		for _, d := range docs {
			if f.CaseID == "" || d.CaseID == f.CaseID {
				out = append(out, d)
			}
		}
		return err
	})
	return out, err
}

// UpdateDocument changes the title, case, metadata or speakers of a document.
func (s *Store) UpdateDocument(ctx context.Context, pid, id string, u coding.DocumentUpdate) (*coding.Document, error) {
	var d *coding.Document
	err := s.update(ctx, "update_document", func(t *txn) (err error) {
		if d, err = t.findDocument(pid, id, true); err != nil {
			return err
		}
		if err := checkVersion("document", d.Version, u.IfVersion); err != nil {
			return err
		}
		if err := u.Apply(d); err != nil {
			return err
		}
		if d.CaseID != "" {
			if _, err := t.findCase(pid, d.CaseID); err != nil {
				return err
			}
		}
		d.UpdatedAt, d.UpdatedBy = t.now, t.actor
		if len(u.RenameSpeakers) > 0 {
			if err := t.putDocumentText(d); err != nil {
				return err
			}
		}
		return t.putDocumentMeta(d)
	})
	return d, err
}

// DeleteDocument removes the document, its quotes and their memos.
func (s *Store) DeleteDocument(ctx context.Context, pid, id string, confirm bool) error {
	return s.update(ctx, "delete_document", func(t *txn) error {
		d, err := t.findDocument(pid, id, false)
		if err != nil {
			return err
		}
		quotes, err := t.documentQuotes(pid, id)
		if err != nil {
			return err
		}
		if len(quotes) > 0 && !confirm {
			return coding.Errorf(coding.ECONFLICT, "document %q has %d quotes; confirm to delete it with its quotes", d.Title, len(quotes))
		}
		for _, q := range quotes {
			if err := t.deleteQuote(q); err != nil {
				return err
			}
		}
		if err := t.deleteMemosOf(pid, coding.MemoDocument, id); err != nil {
			return err
		}
		return t.removeWithIndexes(pid, "document", id)
	})
}
