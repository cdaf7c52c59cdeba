// Live views: one event stream per tab on the open project. Every change
// committed on the server (in this tab, another tab, by another coder)
// arrives as an event and is handed on as a batch of changes (changes.js)
// to everything that shows data, which fetches what it needs again.
// EventSource reconnects by itself and resumes after the last event it
// saw (Last-Event-ID); when the server cannot replay what was missed it
// sends reset and everything is fetched again. The stream also carries
// presence: who has the project open, and which document.
import { createStore } from '../core/store.js';
import { apiURL, put, pp, clientId } from '../core/api.js';
import { proj } from './state.js';
import { route } from '../core/router.js';
import { emptyBatch, addChange, publishChanges } from '../core/changes.js';

/**
 * live is {pid, connected, users, changes}: users are the people in the
 * project, [{user, name, document, clients}], as the server reports them;
 * changes the last changes received, [{seq, op, actor, client}], newest
 * last.
 */
export const live = createStore({ pid: null, connected: false, users: [], changes: [] });
const KEEP = 50;

// Events arriving together are handed on as one batch, so a burst of
// changes (an import, an auto-coding) causes one round of fetches.
const BATCH_MS = 40;

let source = null;
let lastSeq = 0;
let batch = null;
let timer = 0;
let retry = 0;
let openPid = null;
// reported is the document the server last heard this tab has open.
let reported = '';

// openDocument is the document the tab shows ('' for none).
function openDocument() {
  const p = route.get().parts;
  return p[0] === 'p' && p[2] === 'd' && p[3] ? p[3] : '';
}

function flush() {
  timer = 0;
  const b = batch;
  batch = null;
  if (b) publishChanges(b);
}

function queue(fill) {
  if (!batch) batch = emptyBatch();
  fill(batch);
  if (!timer) timer = setTimeout(flush, BATCH_MS);
}

function onChange(e) {
  let ev;
  try { ev = JSON.parse(e.data); } catch { return; }
  if (ev.seq) lastSeq = Math.max(lastSeq, ev.seq);
  const { seq, op, actor, client } = ev;
  live.update((s) => ({ changes: [...s.changes.slice(1 - KEEP), { seq, op, actor, client }] }));
  queue((b) => {
    if (addChange(b, ev) && ev.client === clientId) b.own = true;
  });
}

function connect(pid) {
  disconnect();
  const urlDoc = openDocument();
  const params = { client: clientId, document: urlDoc };
  // A stream opened again after it failed for good resumes where the
  // last one stopped.
  if (lastSeq) params.since = lastSeq;
  const es = new EventSource(apiURL(pp(pid, '/events'), params));
  source = es;
  es.addEventListener('hello', (e) => {
    let h = {};
    try { h = JSON.parse(e.data); } catch { /* keep h empty */ }
    if (!lastSeq && h.seq) lastSeq = h.seq;
    // (Back) on the stream: what failed to load meanwhile loads again.
    queue((b) => { b.resumed = true; });
    retry = 0;
    live.update({ pid, connected: true });
    // Presence lasts as long as the stream: a stream opened again (by
    // EventSource, with the address it had) reports the document shown now.
    reported = urlDoc;
    reportDocument();
  });
  es.addEventListener('change', onChange);
  es.addEventListener('reset', (e) => {
    try { lastSeq = JSON.parse(e.data).seq || lastSeq; } catch { /* keep lastSeq */ }
    queue((b) => { b.reset = true; });
  });
  es.addEventListener('presence', (e) => {
    try { live.update({ users: JSON.parse(e.data).users || [] }); } catch { /* ignore a bad event */ }
  });
  es.onerror = () => {
    live.update({ connected: false });
    // EventSource retries by itself unless the server refused the stream
    // (signed out, the server restarting): then open it again, later.
    if (es.readyState === EventSource.CLOSED && source === es) {
      source = null;
      retry = Math.min(retry + 1, 6);
      setTimeout(() => { if (!source && proj.get().pid === pid) connect(pid); }, 1000 * retry);
    }
  };
}

function disconnect() {
  if (source) source.close();
  source = null;
}

// reportDocument tells the server which document this tab has open.
function reportDocument() {
  const pid = openPid;
  const doc = openDocument();
  if (!pid || doc === reported) return;
  reported = doc;
  put(pp(pid, '/presence'), { client: clientId, document: doc }).catch(() => { reported = ''; });
}

/** startLive follows the open project with an event stream, for as long as the page lives. */
export function startLive() {
  proj.subscribe((s) => {
    if (s.pid === openPid) return;
    openPid = s.pid;
    lastSeq = 0;
    reported = openDocument();
    live.set({ pid: s.pid, connected: false, users: [], changes: [] });
    if (s.pid) connect(s.pid); else disconnect();
  });
  route.subscribe(reportDocument);
  window.addEventListener('pagehide', disconnect);
  // A page restored from the back/forward cache opens its stream again.
  window.addEventListener('pageshow', (e) => { if (e.persisted && openPid) connect(openPid); });
}
