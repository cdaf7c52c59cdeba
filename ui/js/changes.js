// Changes: what the project's event stream reports as committed, handed to
// every part of the workbench that shows data. A batch names the kinds of
// entity that changed (project, case, document, code, facet, quote, memo)
// and their IDs; a reset batch (after a reconnect that could not resume)
// means anything may have changed.
const subs = new Set();

/**
 * onChanges calls fn with every batch of changes, {kinds: Set, ids: Set,
 * docs: Set, reset, own, seq}, and returns the function that stops it.
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

/** touches tells whether batch may change data that depends on kinds ('*' for any). */
export function touches(batch, kinds) {
  if (batch.reset) return true;
  return kinds.some((k) => k === '*' || batch.kinds.has(k));
}
