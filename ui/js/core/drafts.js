// The draft store: text typed into a field is kept in the browser
// (localStorage, written on every key, so nothing depends on the page
// living on) until the server confirms it. After a crash, a reload or a
// lost connection the field finds its draft again and offers it back.
//
// A draft is stored under "tessera.draft.<user>/<project>/<kind>/<id>"
// (so a browser shared by several accounts never hands one person's text
// to another) as
// {values: {field: text}, base: {field: text}, version, sent: {field:
// text} | null, at, label, href}: values is what the person typed, base
// what the server held when they started, version the entity version it
// came from, sent the text last sent and not yet confirmed, at the time of
// the last key, label and href name the field and the screen it is on.

import { session } from './session.js';

const PREFIX = 'tessera.draft.';

// user names the signed-in account ('local' on a solo server).
function user() {
  const s = session.get();
  return (s.me && s.me.username) || 'local';
}

/** draftKey names the signed-in user's draft of an entity of a project: draftKey(pid, 'memo', id). */
export function draftKey(pid, kind, id) {
  return `${user()}/${pid}/${kind}/${id}`;
}

let warned = false;

// storage returns localStorage, or null where the browser refuses it.
function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** readDraft returns the draft stored under key, or null. */
export function readDraft(key) {
  const ls = storage();
  if (!ls || !key) return null;
  try {
    const d = JSON.parse(ls.getItem(PREFIX + key) || 'null');
    return d && typeof d === 'object' && d.values ? d : null;
  } catch {
    return null;
  }
}

/** writeDraft stores draft d under key. */
export function writeDraft(key, d) {
  const ls = storage();
  if (!ls || !key) return;
  try {
    ls.setItem(PREFIX + key, JSON.stringify(d));
  } catch (err) {
    // Full or refused: the text still goes to the server as usual.
    if (!warned) console.warn('drafts cannot be kept in this browser:', err);
    warned = true;
  }
}

/** dropDraft removes the draft stored under key. */
export function dropDraft(key) {
  const ls = storage();
  if (ls && key) ls.removeItem(PREFIX + key);
}

/** listDrafts returns the signed-in user's drafts of project pid as [{key, ...draft}], newest first. */
export function listDrafts(pid) {
  const ls = storage();
  if (!ls) return [];
  const out = [];
  const prefix = `${PREFIX}${user()}/${pid}/`;
  for (let i = 0; i < ls.length; i++) {
    const k = ls.key(i);
    if (!k || !k.startsWith(prefix)) continue;
    const d = readDraft(k.slice(PREFIX.length));
    if (d) out.push({ key: k.slice(PREFIX.length), ...d });
  }
  return out.sort((a, b) => (b.at || 0) - (a.at || 0));
}
