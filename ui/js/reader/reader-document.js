// The reader's document: its text, turns and speakers, fetched with its
// quotes (which go to the quote cache), or taken from a fetch started
// while the project itself was still loading.
import { useState, useEffect } from '../core/lib.js';
import { get, pp } from '../core/api.js';
import { setDocQuotes } from '../project/quotes.js';
import { onChanges } from '../core/changes.js';
import { OffsetMap } from '../core/offsets.js';
import { buildBlocks } from './segments.js';
import { edited } from './transcript-edit.js';

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

// prepare adds to a document as stored what the reader needs: map (its
// OffsetMap), roles (speaker name to role) and blocks (the turns as the
// reader lays them out).
function prepare(d) {
  const map = new OffsetMap(d.text);
  const roles = new Map((d.speakers || []).map((s) => [s.name, s.role]));
  return { ...d, map, roles, blocks: buildBlocks(map, d.turns || []) };
}

// sameTranscript tells whether two states of a document have the same
// text, turns and speakers.
const sameTranscript = (a, b) => a.text === b.text && JSON.stringify(a.turns) === JSON.stringify(b.turns)
  && JSON.stringify(a.speakers) === JSON.stringify(b.speakers);

/**
 * useDocument loads document did of project pid and returns {doc, error}:
 * doc is the document as stored plus map, roles and blocks (see
 * prepare). Its quotes go to the quote cache; changes of the document
 * (edits made here, changes from the event stream) are taken over: its
 * title, case and details, and its text, turns and speakers when they
 * were edited.
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
      setDocQuotes(did, d.quotes || []);
      setDoc(prepare(d));
    }, (err) => alive && setError(err));
    return () => { alive = false; };
  }, [pid, did]);

  // take shows a newer state of the document.
  const take = (d) => setDoc((cur) => {
    if (!cur || d.id !== cur.id || d.version < cur.version) return cur;
    if (d.text === undefined || sameTranscript(cur, d)) {
      return { ...cur, title: d.title, case_id: d.case_id, meta: d.meta, version: d.version };
    }
    return prepare(d);
  });
  useEffect(() => edited.subscribe((res) => { if (res && res.document) take(res.document); }), [pid, did]);
  useEffect(() => onChanges((batch) => {
    if (!batch.reset && !(batch.kinds.has('document') && batch.ids.has(did))) return;
    get(pp(pid, '/documents/' + encodeURIComponent(did))).then(take,
      (err) => { if (err.status === 404) setError(new Error('This document was deleted.')); });
  }), [pid, did]);
  return { doc, error };
}
