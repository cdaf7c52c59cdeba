package search

import (
	"cmp"
	"context"
	"slices"

	"tessera/coding"
)

// Apply brings the index up to date with changes the store has committed.
// The store calls it (through store.Options.OnChange) after each commit,
// possibly from several goroutines at once. The work is done before Apply
// returns, so a search that starts afterwards sees the change. Applies
// that arrive while another holds the project's index are written
// together, in one batch: one new segment instead of one each. Apply never
// fails: when it cannot index a change it marks the project's index stale,
// and the next search or EnsureFresh rebuilds it from the store.
func (ix *Index) Apply(changes []coding.Change) {
	var order []string
	byProject := map[string][]coding.Change{}
	for _, ch := range changes {
		if _, ok := byProject[ch.ProjectID]; !ok {
			order = append(order, ch.ProjectID)
		}
		byProject[ch.ProjectID] = append(byProject[ch.ProjectID], ch)
	}
	for _, pid := range order {
		ix.applyProject(pid, byProject[pid])
	}
}

func (ix *Index) applyProject(pid string, chs []coding.Change) {
	for _, ch := range chs {
		if ch.Kind == "project" && ch.Deleted {
			ix.dropProject(pid)
			return
		}
	}
	p, err := ix.project(pid)
	if err != nil {
		return
	}
	ctx := context.Background()
	p.queueMu.Lock()
	p.queue = append(p.queue, chs...)
	p.queueMu.Unlock()
	p.mu.Lock()
	defer p.mu.Unlock()
	// Take every change queued so far, this call's and those of the calls
	// waiting behind it; when another call took this call's changes
	// meanwhile, they are applied already.
	p.queueMu.Lock()
	chs, p.queue = p.queue, nil
	p.queueMu.Unlock()
	if len(chs) == 0 {
		return
	}
	slices.SortStableFunc(chs, func(a, b coding.Change) int { return cmp.Compare(a.Seq, b.Seq) })
	if p.rebuilding {
		// The rebuild in progress replays these once its snapshot is indexed.
		p.pending = append(p.pending, chs...)
		return
	}
	if !p.ready && !ix.openForApply(ctx, p, chs) {
		return
	}
	if p.stale {
		return
	}
	if err := ix.applyLocked(ctx, p, chs); err != nil {
		p.stale = true
	}
}

// openForApply opens a project's index for incremental updates when it
// is exactly one commit behind chs; otherwise it leaves the index for
// the next freshness check to rebuild. It returns whether chs can be
// applied now. p.mu is held.
func (ix *Index) openForApply(ctx context.Context, p *project, chs []coding.Change) bool {
	if p.idx == nil {
		proj, err := ix.store.FindProject(ctx, p.id)
		if err != nil {
			return false
		}
		if err := p.open(analyzerLanguage(proj.Language)); err != nil {
			p.stale = p.idx == nil
			return false
		}
	}
	if chs[0].Seq != p.seq.applied+1 {
		p.stale = true
		return false
	}
	if err := ix.loadCatalog(ctx, p); err != nil {
		return false
	}
	p.ready = true
	return true
}

// applyLocked indexes chs into p's current index. p.mu is held.
func (ix *Index) applyLocked(ctx context.Context, p *project, chs []coding.Change) error {
	w := newWriter(ctx, ix.store, p.id, p.meta.Language, p.idx, p.cat, ix.texts, p.vocab)
	for _, ch := range chs {
		if err := ix.applyChange(w, p, ch); err != nil {
			return err
		}
	}
	for _, ch := range chs {
		p.seq.mark(ch.Seq)
	}
	w.setSeq(p.seq.applied)
	p.expand.reset()
	return w.flush()
}

// applyChange re-reads the entities a change names and re-indexes them
// and the units that show them (turns show the codes of their quotes,
// quotes the names of their codes).
func (ix *Index) applyChange(w *writer, p *project, ch coding.Change) error {
	ctx, st, cat := w.ctx, ix.store, w.cat
	// The catalog already reflects this change when it was loaded after
	// the commit: a quote's former range is then unknown, and all turns
	// of its document are refreshed instead.
	caughtUp := cat.seq >= ch.Seq
	switch ch.Kind {
	case "project":
		proj, err := st.FindProject(ctx, p.id)
		if err != nil {
			return err
		}
		cat.project = proj
		if analyzerLanguage(proj.Language) != p.meta.Language {
			p.stale = true
		}
	case "case":
		cases, err := st.ListCases(ctx, p.id)
		if err != nil {
			return err
		}
		cat.cases = cases
	case "informant":
		// Informants only resolve filters: no unit shows them.
		informants, err := st.ListInformants(ctx, p.id)
		if err != nil {
			return err
		}
		cat.informants = informants
	case "document":
		for _, id := range ch.IDs {
			if err := ix.applyDocument(w, id, ch.Deleted); err != nil {
				return err
			}
		}
	case "quote":
		for _, id := range ch.IDs {
			var ranges [][2]int
			old := cat.quotes[id]
			if old != nil {
				ranges = append(ranges, [2]int{old.Start, old.End})
			}
			q, err := st.FindQuote(ctx, p.id, id)
			if coding.ErrorCode(err) == coding.ENOTFOUND || ch.Deleted {
				cat.deleteQuote(id)
				w.b.Delete(unitRef{Kind: KindQuote, ID: id}.String())
				if old != nil {
					if err := w.turnsOverlapping(old.DocumentID, ranges); err != nil {
						return err
					}
				}
				continue
			} else if err != nil {
				return err
			}
			cat.putQuote(q)
			ranges = append(ranges, [2]int{q.Start, q.End})
			if caughtUp {
				ranges = nil
			}
			if err := w.turnsOverlapping(q.DocumentID, ranges); err != nil {
				return err
			}
			if err := w.quoteByID(q); err != nil {
				return err
			}
		}
	case "code":
		return ix.applyCodes(w, ch)
	case "facet":
		facets, err := st.ListFacets(ctx, p.id)
		if err != nil {
			return err
		}
		cat.facets = facets
		// Facet values label quotes: refresh them all (quotes are short).
		for _, q := range cat.quotes {
			if err := w.quoteByID(q); err != nil {
				return err
			}
		}
	case "set":
		// Sets only resolve filters: nothing indexed shows them.
		sets, err := st.ListSets(ctx, p.id)
		if err != nil {
			return err
		}
		cat.sets = sets
	case "memo":
		for _, id := range ch.IDs {
			m, err := st.FindMemo(ctx, p.id, id)
			if coding.ErrorCode(err) == coding.ENOTFOUND || ch.Deleted {
				delete(cat.memos, id)
				w.b.Delete(unitRef{Kind: KindMemo, ID: id}.String())
				continue
			} else if err != nil {
				return err
			}
			cat.memos[id] = m
			if err := w.memo(m); err != nil {
				return err
			}
		}
	}
	return nil
}

// applyDocument re-indexes a document's turns and quotes, or removes them.
func (ix *Index) applyDocument(w *writer, id string, deleted bool) error {
	ix.texts.forget(w.pid, id)
	d, err := ix.store.FindDocument(w.ctx, w.pid, id)
	if coding.ErrorCode(err) == coding.ENOTFOUND || deleted {
		w.cat.deleteDocument(id)
		return w.deleteTurnsFrom(id, 0)
	} else if err != nil {
		return err
	}
	w.cat.putDocument(d)
	if err := w.document(d); err != nil {
		return err
	}
	// A document without turns is indexed as one turn (see newDocText).
	return w.deleteTurnsFrom(id, max(1, len(d.Turns)))
}

// applyCodes reloads the codebook, re-indexes the changed codes, and
// refreshes the quotes labelled with them or with codes below them.
func (ix *Index) applyCodes(w *writer, ch coding.Change) error {
	codes, err := ix.store.ListCodes(w.ctx, w.pid)
	if err != nil {
		return err
	}
	w.cat.setCodes(codes)
	affected := map[string]bool{}
	for _, id := range ch.IDs {
		c := w.cat.tree.ByID[id]
		if c == nil || ch.Deleted {
			w.b.Delete(unitRef{Kind: KindCode, ID: id}.String())
			continue
		}
		if err := w.code(c); err != nil {
			return err
		}
		for _, d := range w.cat.tree.Descendants(id) {
			affected[d] = true
		}
	}
	if len(affected) == 0 {
		return nil
	}
	for _, q := range w.cat.quotes {
		for _, c := range q.CodeIDs {
			if affected[c] {
				if err := w.quoteByID(q); err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}
