// Quotes: the cache of each open document's quotes and the operations that
// code, recode, uncode, resize and delete them. Each operation updates the
// screen first (optimistically), then saves; each records how to undo it.
import { createStore } from './store.js';
import { post, patch, del, pp } from './api.js';
import { save } from './saving.js';
import { record, alias, resolve, forget } from './history.js';
import { refreshCodes } from './state.js';

/** quoteState maps a document ID to its quotes, sorted by position. */
export const quoteState = createStore({});

const byPosition = (a, b) => (a.start - b.start) || (a.end - b.end) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** clearQuotes forgets every cached document. */
export function clearQuotes() {
  quoteState.set({});
}

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

// recreate stores a quote again (an undone deletion) and records its new ID.
async function recreate(pid, q, handle) {
  const saved = await post(pp(pid, '/quotes'), {
    document_id: q.document_id, start: q.start, end: q.end,
    code_ids: q.code_ids.map(resolve), memo: q.memo || '',
  });
  alias(resolve(handle), saved.id);
  put(saved);
  refreshCodes();
  return saved;
}

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
 * undoBefore and redoBefore undo and redo it, and onDiscard runs when the
 * researcher gives up on a failed save.
 * Returns the temporary ID, which resolve() maps to the stored one.
 */
export function createQuote(pid, did, start, end, codeIds, { label = 'coding', before, undoBefore, redoBefore, onDiscard } = {}) {
  const tmp = { id: 'tmp-' + ++tmpCount, document_id: did, start, end, code_ids: codeIds, text: '', memo: '', pending: true };
  change(did, (l) => [...l, tmp]);
  const entry = {
    label,
    undo: async () => {
      await remove(pid, did, resolve(tmp.id));
      if (undoBefore) await undoBefore();
    },
    redo: async () => {
      if (redoBefore) await redoBefore();
      await recreate(pid, { ...tmp, code_ids: tmp.code_ids }, tmp.id);
    },
  };
  record(entry);
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
    forget(entry);
    if (onDiscard) onDiscard();
  }).catch(() => {});
  return tmp.id;
}

/** addCode tags the quote with codeId as well. */
export function addCode(pid, quote, codeId) {
  if (quote.code_ids.includes(codeId)) return;
  const did = quote.document_id, handle = quote.id;
  const before = [...quote.code_ids];
  const after = [...before, codeId];
  put({ ...quote, code_ids: after });
  record({
    label: 'coding',
    undo: () => setCodes(pid, did, resolve(handle), before),
    redo: () => setCodes(pid, did, resolve(handle), after),
  });
  save('Code a quote', () => setCodes(pid, did, resolve(handle), after), () => put(quote)).catch(() => {});
}

/** removeCode takes codeId off the quote; a quote left with no code is deleted. */
export function removeCode(pid, quote, codeId) {
  const rest = quote.code_ids.filter((c) => c !== codeId);
  if (rest.length === 0) return deleteQuote(pid, quote, 'uncoding');
  const did = quote.document_id, handle = quote.id;
  const before = [...quote.code_ids];
  put({ ...quote, code_ids: rest });
  record({
    label: 'uncoding',
    undo: () => setCodes(pid, did, resolve(handle), before),
    redo: () => setCodes(pid, did, resolve(handle), rest),
  });
  save('Uncode a quote', () => setCodes(pid, did, resolve(handle), rest), () => put(quote)).catch(() => {});
}

/** recode replaces the quote's codes with codeIds. */
export function recode(pid, quote, codeIds) {
  const did = quote.document_id, handle = quote.id;
  const before = [...quote.code_ids];
  put({ ...quote, code_ids: codeIds });
  record({
    label: 'recoding',
    undo: () => setCodes(pid, did, resolve(handle), before),
    redo: () => setCodes(pid, did, resolve(handle), codeIds),
  });
  save('Recode a quote', () => setCodes(pid, did, resolve(handle), codeIds), () => put(quote)).catch(() => {});
}

/** deleteQuote removes the quote; undo stores it again. */
export function deleteQuote(pid, quote, label = 'deleting a quote') {
  const did = quote.document_id, handle = quote.id;
  const copy = { ...quote, code_ids: [...quote.code_ids] };
  drop(did, quote.id);
  const entry = {
    label,
    undo: () => recreate(pid, copy, handle),
    redo: () => remove(pid, did, resolve(handle)),
  };
  record(entry);
  save('Delete a quote', () => remove(pid, did, resolve(handle)), () => { put(quote); forget(entry); }).catch(() => {});
}

/** resizeQuote moves the quote's ends to [start, end). */
export function resizeQuote(pid, quote, start, end) {
  if (start === quote.start && end === quote.end) return;
  const did = quote.document_id, handle = quote.id;
  const old = { start: quote.start, end: quote.end };
  const to = async (r) => {
    const id = resolve(handle);
    const cur = findCached(did, id);
    if (cur) put({ ...cur, ...r });
    put(await patch(pp(pid, '/quotes/' + encodeURIComponent(id)), r));
  };
  put({ ...quote, start, end });
  record({ label: 'resizing a quote', undo: () => to(old), redo: () => to({ start, end }) });
  save('Resize a quote', () => to({ start, end }), () => put(quote)).catch(() => {});
}

/** setQuoteMemo saves the quote's memo. */
export function setQuoteMemo(pid, quote, memo) {
  put({ ...quote, memo });
  return save('Save the quote memo', async () => {
    put(await patch(pp(pid, '/quotes/' + encodeURIComponent(resolve(quote.id))), { memo }));
  });
}
