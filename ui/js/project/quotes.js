// Quotes: the cache of each open document's quotes and the operations that
// code, recode, uncode, resize and delete them. Each operation updates the
// screen first (optimistically), then saves; undo goes through the
// server's history (history.js). The cache follows the event stream: when
// quotes change (here, in another tab or by another coder), the cached
// documents' quotes are fetched again.
import { createStore } from '../core/store.js';
import { get, post, patch, put as putJSON, del, pp } from '../core/api.js';
import { save, idle } from '../core/saving.js';
import { alias, resolve } from '../core/ids.js';
import { onChanges, touches, coalesced } from '../core/changes.js';
import { proj, refreshCodes } from './state.js';

/** quoteState maps a document ID to its quotes, sorted by position. */
export const quoteState = createStore({});

const byPosition = (a, b) => (a.start - b.start) || (a.end - b.end) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** clearQuotes forgets every cached document. */
export function clearQuotes() {
  quoteState.set({});
}

// The cache belongs to the open project: opening a project (this one
// again, or another) or closing it forgets it.
proj.subscribe((s) => {
  if ((s.loading || !s.pid) && Object.keys(quoteState.get()).length) clearQuotes();
});

/** setDocQuotes caches the quotes of document did. */
export function setDocQuotes(did, list) {
  quoteState.set((s) => ({ ...s, [did]: [...list].sort(byPosition) }));
}

/** docQuotes returns the cached quotes of did (undefined when not loaded). */
export function docQuotes(did) {
  return quoteState.get()[did];
}

// change applies fn to the cached list of did, if it is cached.
function change(did, fn) {
  quoteState.set((s) => (s[did] ? { ...s, [did]: fn(s[did]).sort(byPosition) } : s));
}

/** changeAll applies fn to the quotes of every cached document. */
export function changeAll(fn) {
  quoteState.set((s) => {
    const out = {};
    for (const [did, list] of Object.entries(s)) out[did] = fn(list).sort(byPosition);
    return out;
  });
}

const put = (q) => change(q.document_id, (l) => [...l.filter((x) => x.id !== q.id), q]);

/** showQuote puts a stored quote into its document's cache, if cached. */
export const showQuote = put;
const replace = (did, oldId, q) => change(did, (l) => [...l.filter((x) => x.id !== oldId && x.id !== q.id), q]);
const drop = (did, id) => change(did, (l) => l.filter((x) => x.id !== id));
const findCached = (did, id) => (docQuotes(did) || []).find((q) => q.id === id);

let tmpCount = 0;

async function remove(pid, did, id) {
  drop(did, id);
  await del(pp(pid, '/quotes/' + encodeURIComponent(id)));
  refreshCodes();
}

async function setCodes(pid, did, id, codeIds) {
  const cur = findCached(did, id);
  if (cur) put({ ...cur, code_ids: codeIds });
  const saved = await patch(pp(pid, '/quotes/' + encodeURIComponent(id)), { code_ids: codeIds.map(resolve) });
  put(saved);
  refreshCodes();
  return saved;
}

/**
 * createQuote codes the code points [start, end) of document did with
 * codeIds. The highlight shows at once; the stored quote replaces it when
 * the server answers. before, when given, runs first inside the same save
 * (creating a new code, say) and may return replacement code IDs;
 * onDiscard runs when the researcher gives up on a failed save.
 * Returns the temporary ID, which resolve() maps to the stored one.
 */
export function createQuote(pid, did, start, end, codeIds, { before, onDiscard } = {}) {
  const tmp = { id: 'tmp-' + ++tmpCount, document_id: did, start, end, code_ids: codeIds, text: '', memo: '', pending: true };
  change(did, (l) => [...l, tmp]);
  save('Code a quote', async () => {
    if (before) {
      const ids = await before();
      if (ids) tmp.code_ids = ids;
    }
    const saved = await post(pp(pid, '/quotes'), {
      document_id: did, start, end, code_ids: tmp.code_ids.map(resolve),
    });
    alias(tmp.id, saved.id);
    replace(did, tmp.id, saved);
    refreshCodes();
    return saved;
  }, () => {
    drop(did, tmp.id);
    if (onDiscard) onDiscard();
  }).catch(() => {});
  return tmp.id;
}

// recodeTo shows the quote with codeIds and saves them (label names the
// change in the save bar).
function recodeTo(pid, quote, codeIds, label) {
  const did = quote.document_id, handle = quote.id;
  put({ ...quote, code_ids: codeIds });
  save(label, () => setCodes(pid, did, resolve(handle), codeIds), () => put(quote)).catch(() => {});
}

/** addCode tags the quote with codeId as well. */
export function addCode(pid, quote, codeId) {
  if (quote.code_ids.includes(codeId)) return;
  recodeTo(pid, quote, [...quote.code_ids, codeId], 'Code a quote');
}

/** removeCode takes codeId off the quote; a quote left with no code is deleted. */
export function removeCode(pid, quote, codeId) {
  const rest = quote.code_ids.filter((c) => c !== codeId);
  if (rest.length === 0) return deleteQuote(pid, quote);
  recodeTo(pid, quote, rest, 'Uncode a quote');
}

/** recode replaces the quote's codes with codeIds. */
export function recode(pid, quote, codeIds) {
  recodeTo(pid, quote, codeIds, 'Recode a quote');
}

/** deleteQuote removes the quote. */
export function deleteQuote(pid, quote) {
  const did = quote.document_id, handle = quote.id;
  drop(did, quote.id);
  save('Delete a quote', () => remove(pid, did, resolve(handle)), () => put(quote)).catch(() => {});
}

/** resizeQuote moves the quote's ends to [start, end). */
export function resizeQuote(pid, quote, start, end) {
  if (start === quote.start && end === quote.end) return;
  const handle = quote.id;
  put({ ...quote, start, end });
  save('Resize a quote', async () => {
    put(await patch(pp(pid, '/quotes/' + encodeURIComponent(resolve(handle))), { start, end }));
  }, () => put(quote)).catch(() => {});
}

/** pickOf returns the quote's pick for codeId ({code_id, kind, order}) or null. */
export function pickOf(quote, codeId) {
  return (quote.picks || []).find((p) => p.code_id === codeId) || null;
}

const quotePath = (pid, handle) => pp(pid, '/quotes/' + encodeURIComponent(resolve(handle)));

// sendPick saves a choice (kind '' takes it back) and shows the stored quote.
function sendPick(pid, handle, codeId, kind, order, onDiscard) {
  const path = quotePath(pid, handle) + '/picks/' + encodeURIComponent(resolve(codeId));
  const label = kind ? `Choose a ${kind} quote` : 'Take back a chosen quote';
  return save(label, async () => {
    const saved = kind ? await putJSON(path, { kind, order }) : await del(path);
    put(saved);
    return saved;
  }, onDiscard);
}

/**
 * pickQuote chooses the quote as evidence for codeId: kind 'power' or
 * 'proof', order 0 for after the code's other chosen quotes; kind ''
 * takes the choice back. Resolves with the stored quote.
 */
export function pickQuote(pid, quote, codeId, kind, order = 0) {
  const rest = (quote.picks || []).filter((p) => p.code_id !== codeId);
  const was = pickOf(quote, codeId);
  const keep = order || (was && kind ? was.order : 0);
  put({ ...quote, picks: kind ? [...rest, { code_id: codeId, kind, order: keep }] : rest });
  return sendPick(pid, quote.id, codeId, kind, keep, () => put(quote));
}

/** pickQuoteById does what pickQuote does for a quote known by its ID only (in a table). */
export function pickQuoteById(pid, quoteId, codeId, kind, order = 0) {
  return sendPick(pid, quoteId, codeId, kind, order);
}

/** nextPick is the choice after the quote's current one for codeId: none, power, proof, none. */
export function nextPick(quote, codeId) {
  const p = pickOf(quote, codeId);
  return !p ? 'power' : p.kind === 'power' ? 'proof' : '';
}

/**
 * setExcerpt stores the quote's print excerpt ('' removes it) and
 * resolves with the stored quote; an excerpt the server refuses (not
 * pieces of the quote's text) rejects with its message.
 */
export async function setExcerpt(pid, quote, excerpt) {
  const saved = await putJSON(quotePath(pid, quote.id) + '/excerpt', { excerpt });
  put(saved);
  return saved;
}

/**
 * reloadQuotes fetches the quotes of every cached document again, once the
 * saves queued before have finished; quotes still being created stay.
 */
export async function reloadQuotes() {
  const pid = proj.get().pid;
  await idle();
  const dids = Object.keys(quoteState.get());
  await Promise.all(dids.map(async (did) => {
    let list;
    try { list = await get(pp(pid, '/quotes'), { document: did }); } catch { return; }
    if (proj.get().pid !== pid) return;
    quoteState.set((s) => {
      if (!s[did]) return s;
      const waiting = s[did].filter((q) => q.pending);
      return { ...s, [did]: [...list, ...waiting].sort(byPosition) };
    });
  }));
}

// One reload at a time; changes arriving meanwhile cause one more.
const reloadSoon = coalesced(reloadQuotes);
onChanges((batch) => { if (touches(batch, ['quote'])) reloadSoon(); });
