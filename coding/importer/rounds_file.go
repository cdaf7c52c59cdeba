package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"

	"tessera/coding"
)

// RoundsFile is a study's coding history as the sample study ships it
// (rounds.json): each round lists the codebook operations made in it,
// after which the round is closed.
type RoundsFile struct {
	Rounds []RoundSpec `json:"rounds"`
}

// RoundSpec is one coding round: its name, its note and its steps.
type RoundSpec struct {
	Name  string    `json:"name"`
	Note  string    `json:"note"`
	Steps []RoundOp `json:"steps"`
}

// RoundOp is one codebook operation; codes are named, not identified.
// Op is split (Code, Name, QuotesContaining), merge (Code, Into), rename
// (Code, Name), move (Code, Parent; "" for the top level), create (Name,
// Level, Parent, Definition) or retire (Code).
type RoundOp struct {
	Op               string   `json:"op"`
	Code             string   `json:"code"`
	Name             string   `json:"name"`
	Into             string   `json:"into"`
	Parent           string   `json:"parent"`
	Level            string   `json:"level"`
	Definition       string   `json:"definition"`
	QuotesContaining []string `json:"quotes_containing"`
}

// ApplyRounds replays a rounds file on the project: the steps of each
// round, then the round closed. It stops at the first step that fails,
// saying which.
func (im *Importer) ApplyRounds(ctx context.Context, projectID string, data []byte) ([]*coding.Round, error) {
	var rf RoundsFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rf); err != nil {
		return nil, coding.Errorf(coding.EINVALID, "the rounds file is not valid: %v", err)
	}
	var closed []*coding.Round
	for _, spec := range rf.Rounds {
		for i, op := range spec.Steps {
			if err := im.applyRoundOp(ctx, projectID, op); err != nil {
				return closed, coding.Errorf(coding.ErrorCode(err), "round %q, step %d (%s): %s", spec.Name, i+1, op.Op, coding.ErrorMessage(err))
			}
		}
		r := &coding.Round{ProjectID: projectID, Name: spec.Name, Note: spec.Note}
		if err := im.Store.CloseRound(ctx, r); err != nil {
			return closed, err
		}
		closed = append(closed, r)
	}
	return closed, nil
}

// applyRoundOp makes one step of a round.
func (im *Importer) applyRoundOp(ctx context.Context, pid string, op RoundOp) error {
	codes, err := im.Store.ListCodes(ctx, pid)
	if err != nil {
		return err
	}
	byName := func(name string) (*coding.Code, error) {
		for _, c := range codes {
			if strings.EqualFold(c.Name, name) {
				return c, nil
			}
		}
		return nil, coding.Errorf(coding.ENOTFOUND, "no code named %q", name)
	}
	parentID := func() (string, error) {
		if op.Parent == "" {
			return "", nil
		}
		p, err := byName(op.Parent)
		if err != nil {
			return "", err
		}
		return p.ID, nil
	}
	if op.Op == "create" {
		pid2, err := parentID()
		if err != nil {
			return err
		}
		return im.Store.CreateCode(ctx, &coding.Code{ProjectID: pid, Name: op.Name, Level: coding.Level(op.Level), ParentID: pid2, Definition: op.Definition})
	}
	c, err := byName(op.Code)
	if err != nil {
		return err
	}
	switch op.Op {
	case "split":
		ids, err := im.quotesContaining(ctx, pid, c.ID, op.QuotesContaining)
		if err != nil {
			return err
		}
		_, err = im.Store.SplitCode(ctx, pid, c.ID, coding.CodeSplit{Name: op.Name, Definition: op.Definition, QuoteIDs: ids})
		return err
	case "merge":
		into, err := byName(op.Into)
		if err != nil {
			return err
		}
		_, err = im.Store.MergeCodes(ctx, pid, c.ID, into.ID)
		return err
	case "rename":
		_, err := im.Store.UpdateCode(ctx, pid, c.ID, coding.CodeUpdate{Name: &op.Name})
		return err
	case "move":
		p, err := parentID()
		if err != nil {
			return err
		}
		_, err = im.Store.UpdateCode(ctx, pid, c.ID, coding.CodeUpdate{ParentID: &p})
		return err
	case "retire":
		_, err := im.Store.RetireCode(ctx, pid, c.ID, true)
		return err
	}
	return coding.Errorf(coding.EINVALID, "unknown operation %q (known: split, merge, rename, move, create, retire)", op.Op)
}

// quotesContaining returns the quotes of code whose text holds each of
// the fragments, one quote per fragment.
func (im *Importer) quotesContaining(ctx context.Context, pid, codeID string, fragments []string) ([]string, error) {
	quotes, err := im.Store.ListQuotes(ctx, pid, coding.QuoteFilter{CodeID: codeID})
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, f := range fragments {
		found := ""
		for _, q := range quotes {
			if q.HasCode(codeID) && strings.Contains(q.Text, f) {
				found = q.ID
				break
			}
		}
		if found == "" {
			return nil, coding.Errorf(coding.ENOTFOUND, "no quote of the code contains %q", f)
		}
		ids = append(ids, found)
	}
	return ids, nil
}
