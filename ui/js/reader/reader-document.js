// The reader's document: its text, turns and speakers, fetched with its
// quotes (which go to the quote cache), or taken from a fetch started
// while the project itself was still loading.
import { useState, useEffect } from '../core/lib.js';
import { get, pp } from '../core/api.js';
import { setDocQuotes } from '../project/quotes.js';
import { onChanges } from '../core/changes.js';
import { OffsetMap } from '../core/offsets.js';
import { buildBlocks } from './segments.js';

const prefetched = new Map();

// fetchDocument asks for a document with its quotes.
const fetchDocument = (pid, did) => get(pp(pid, '/documents/' + encodeURIComponent(did)), { quotes: 'true' });

/**
 * prefetchDocument starts loading a document while the project itself is
 * still loading; the reader then takes the answer instead of asking again.
 */
export function prefetchDocument(pid, did) {
  const key = pid + '/' + did;
  if (!prefetched.has(key)) {
    const p = fetchDocument(pid, did);
    p.catch(() => {});
    prefetched.set(key, p);
  }
}

function takeDocument(pid, did) {
  const key = pid + '/' + did;
  const p = prefetched.get(key);
  prefetched.delete(key);
  return p || fetchDocument(pid, did);
}

/**
 * useDocument loads document did of project pid and returns {doc, error}:
 * doc is the document as stored plus map (its OffsetMap), roles (speaker
 * name to role) and blocks (the turns as the reader lays them out). Its
 * quotes go to the quote cache; changes of the document (from the event
 * stream) update its title, case and details.
 */
export function useDocument(pid, did) {
  const [doc, setDoc] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let alive = true;
    setDoc(null);
    takeDocument(pid, did).then((d) => {
      if (!alive) return;
      window.__tessera = { ...(window.__tessera || {}), docLoadedAt: performance.now() };
      const map = new OffsetMap(d.text);
      setDocQuotes(did, d.quotes || []);
      const roles = new Map((d.speakers || []).map((s) => [s.name, s.role]));
      const full = { ...d, map, roles, blocks: buildBlocks(map, d.turns || []) };
      setDoc(full);
    }, (err) => alive && setError(err));
    return () => { alive = false; };
  }, [pid, did]);

  // The document's title, case and details may change while it is open
  // (its text does not): take them over as they change.
  useEffect(() => onChanges((batch) => {
    if (!batch.reset && !(batch.kinds.has('document') && batch.ids.has(did))) return;
    get(pp(pid, '/documents/' + encodeURIComponent(did))).then((d) => {
      setDoc((cur) => (cur ? { ...cur, title: d.title, case_id: d.case_id, meta: d.meta, version: d.version } : cur));
    }, (err) => { if (err.status === 404) setError(new Error('This document was deleted.')); });
  }), [pid, did]);
  return { doc, error };
}
