// Document texts for showing quotes in context outside the reader (code
// retrieval, search): fetched once per document and kept for the session.
import { useState, useEffect } from '../core/lib.js';
import { get, pp } from '../core/api.js';
import { OffsetMap } from '../core/offsets.js';
import { onChanges } from '../core/changes.js';

const cache = new Map();

/** docText resolves with {id, title, map, turns} of document did. */
export function docText(pid, did) {
  const key = pid + '/' + did;
  if (!cache.has(key)) {
    const p = get(pp(pid, '/documents/' + encodeURIComponent(did))).then((d) => ({
      id: d.id, title: d.title, case_id: d.case_id, map: new OffsetMap(d.text), turns: d.turns || [],
    }));
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    if (cache.size > 60) cache.delete(cache.keys().next().value);
  }
  return cache.get(key);
}

/** forgetDocText drops the cached text of document did, changed since it was fetched. */
export function forgetDocText(pid, did) {
  cache.delete(pid + '/' + did);
}

// A document whose text or turns changed (here, in another tab) is
// fetched afresh when next needed.
onChanges((batch) => {
  if (batch.reset) { cache.clear(); return; }
  if (!batch.kinds.has('document')) return;
  for (const key of [...cache.keys()]) if (batch.ids.has(key.slice(key.indexOf('/') + 1))) cache.delete(key);
});

/**
 * useDocTexts returns a Map from document ID to docText for the documents
 * ids (of project pid), growing as their texts arrive; texts once fetched
 * stay in the map.
 */
export function useDocTexts(pid, ids) {
  const [docs, setDocs] = useState(() => new Map());
  const want = [...new Set(ids)].filter((d) => !docs.has(d));
  const key = want.join();
  useEffect(() => {
    if (!want.length) return undefined;
    let alive = true;
    Promise.all(want.map((d) => docText(pid, d).catch(() => null))).then((list) => {
      if (!alive) return;
      setDocs((m) => { const n = new Map(m); list.forEach((d) => d && n.set(d.id, d)); return n; });
    });
    return () => { alive = false; };
  }, [pid, key]);
  return docs;
}

/** turnIndex returns the index of the last turn starting at or before cp, or -1. */
export function turnIndex(turns, cp) {
  let lo = 0, hi = turns.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid].start <= cp) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/**
 * context returns {left, mid, right, speaker, turn} for code points
 * [start, end) of a document: up to n characters either side, within the
 * speaker turn.
 */
export function context(doc, start, end, n = 90) {
  const ti = turnIndex(doc.turns, start);
  const t = ti >= 0 ? doc.turns[ti] : { start: 0, end: doc.map.length, speaker: '' };
  const from = Math.max(t.start, start - n), to = Math.min(Math.max(t.end, end), end + n);
  return {
    left: (from > t.start ? '…' : '') + doc.map.slice(from, start),
    mid: doc.map.slice(start, end),
    right: doc.map.slice(end, to) + (to < t.end ? '…' : ''),
    speaker: t.speaker || '',
    turn: ti + 1,
  };
}
