// Changes: what the project's event stream reports as committed, handed to
// every part of the workbench that shows data. A batch names the kinds of
// entity that changed (project, case, document, code, facet, quote, memo;
// in team mode also member, assignment, access, decision) and their IDs; a reset batch (after a reconnect that could not resume)
// means anything may have changed.
const subs = new Set();
const seen = new Set();

/**
 * onChanges calls fn with every batch of changes, {kinds: Set, ids: Set,
 * undoes: Set (the seqs of changes undone), seqs: Set, reset, resumed,
 * own}, and returns the function that stops it. resumed marks the batch
 * sent when the stream is back after a break (it may hold no change).
 */
export function onChanges(fn) {
  subs.add(fn);
  return () => subs.delete(fn);
}

/** publishChanges hands batch to every listener. */
export function publishChanges(batch) {
  for (const fn of [...subs]) {
    try { fn(batch); } catch (e) { console.error(e); }
  }
}

/** emptyBatch returns a batch with nothing in it yet. */
export function emptyBatch() {
  return { kinds: new Set(), ids: new Set(), undoes: new Set(), seqs: new Set(), reset: false, resumed: false, own: false };
}

/**
 * addChange adds one change to batch, as the event stream sends it
 * ({seq, undoes, changes: [{kind, ids}]}) or as the audit trail stores it
 * ({seq, undoes, changes: [{kind, id}]}). It returns false, adding
 * nothing, when that change was added to a batch before.
 */
export function addChange(batch, ev) {
  if (ev.seq) {
    if (seen.has(ev.seq)) return false;
    seen.add(ev.seq);
    if (seen.size > 500) seen.delete(seen.values().next().value);
    batch.seqs.add(ev.seq);
  }
  if (ev.undoes) batch.undoes.add(ev.undoes);
  for (const c of ev.changes || []) {
    batch.kinds.add(c.kind);
    for (const id of c.ids || [c.id]) if (id) batch.ids.add(id);
  }
  return true;
}

/**
 * publishEntry publishes the audit entry a request answered with (an
 * undo, say), so the screens update without waiting for the event stream;
 * the stream's report of the same change is then skipped.
 */
export function publishEntry(entry, own) {
  if (!entry) return;
  const batch = emptyBatch();
  batch.own = !!own;
  if (addChange(batch, entry)) publishChanges(batch);
}

/** touches tells whether batch may change data that depends on kinds ('*' for any). */
export function touches(batch, kinds) {
  if (batch.reset) return true;
  return kinds.some((k) => k === '*' || batch.kinds.has(k));
}

/**
 * coalesced wraps the async function fn so that one call runs at a time:
 * calls made while it runs cause exactly one more run after it, and every
 * call resolves when a run that started after it has finished.
 */
export function coalesced(fn) {
  let running = null;
  let next = null;
  const go = () => {
    running = Promise.resolve().then(fn).catch((e) => console.error(e)).finally(() => { running = null; });
    return running;
  };
  return () => {
    if (!running) return go();
    if (!next) next = running.then(() => { next = null; return go(); });
    return next;
  };
}
