// Codebook operations: create, rename, recolour, move, reorder, merge,
// delete and facet values. Each shows its effect at once, saves, and
// records how to undo it through the API.
import { proj, refreshCodes } from './state.js';
import { get, post, patch, put, del, pp } from './api.js';
import { save } from './saving.js';
import { record, alias, resolve, forget } from './history.js';
import { changeAll, createQuote, showQuote } from './quotes.js';
import { nextColor } from './colors.js';

const cpath = (pid, id, rest = '') => pp(pid, '/codes/' + encodeURIComponent(resolve(id)) + rest);
const codes = () => proj.get().codes;
const byId = (id) => codes().find((c) => c.id === resolve(id) || c.id === id);

function setLocal(fn) {
  proj.update((s) => ({ codes: fn(s.codes), codesVersion: s.codesVersion + 1 }));
}
const upsertLocal = (code, oldId) => setLocal((l) => {
  const out = l.filter((c) => c.id !== code.id && c.id !== oldId);
  const prev = l.find((c) => c.id === code.id || c.id === oldId);
  out.push(prev ? { ...prev, ...code } : { counts: { quotes: 0, documents: 0, cases: 0 }, ...code });
  return out;
});
const removeLocal = (id) => setLocal((l) => l.filter((c) => c.id !== id));
const patchLocal = (id, p) => setLocal((l) => l.map((c) => (c.id === id ? { ...c, ...p } : c)));

let tmpCount = 0;

// storeCode creates a code from fields on the server, records that handle
// now names it, and shows it.
async function storeCode(pid, handle, fields) {
  const c = await post(pp(pid, '/codes'), {
    name: fields.name, level: fields.level, parent_id: fields.parent_id ? resolve(fields.parent_id) : '',
    definition: fields.definition || '', inclusion: fields.inclusion || '', exclusion: fields.exclusion || '',
    color: fields.color,
  });
  const old = resolve(handle);
  alias(old, c.id);
  upsertLocal(c, old);
  return c;
}

/**
 * createCode creates a code {name, level, parent_id, color} and returns its
 * temporary ID (resolve() gives the stored one once saved).
 */
export function createCode(pid, fields, { label = 'creating a code' } = {}) {
  const tmp = {
    id: 'tmpc-' + ++tmpCount, level: 'concept', parent_id: '', definition: '', inclusion: '', exclusion: '',
    facets: {}, order: 1e9, ...fields, color: fields.color || nextColor(codes()), pending: true,
  };
  upsertLocal(tmp);
  const entry = {
    label,
    undo: async () => {
      const id = resolve(tmp.id);
      removeLocal(id);
      await del(cpath(pid, id));
      refreshCodes();
    },
    redo: async () => { await storeCode(pid, tmp.id, tmp); refreshCodes(); },
  };
  record(entry);
  save('Create code “' + tmp.name + '”', async () => { await storeCode(pid, tmp.id, tmp); refreshCodes(); },
    () => { removeLocal(tmp.id); forget(entry); }).catch(() => {});
  return tmp.id;
}

/**
 * codeWithNewConcept creates the concept name and codes [start, end) of
 * document did with it, as one undoable change. Returns the temporary IDs
 * {quote, code}.
 */
export function codeWithNewConcept(pid, did, start, end, name) {
  const tmp = {
    id: 'tmpc-' + ++tmpCount, name, level: 'concept', parent_id: '', facets: {}, order: 1e9,
    color: nextColor(codes()), pending: true,
  };
  upsertLocal(tmp);
  const quote = createQuote(pid, did, start, end, [tmp.id], {
    label: 'coding with a new concept',
    before: async () => { await storeCode(pid, tmp.id, tmp); },
    undoBefore: async () => {
      const id = resolve(tmp.id);
      removeLocal(id);
      await del(cpath(pid, id));
      refreshCodes();
    },
    redoBefore: () => storeCode(pid, tmp.id, tmp),
    onDiscard: () => removeLocal(tmp.id),
  });
  return { quote, code: tmp.id };
}

/**
 * updateCode changes fields of a code (name, color, level, definition,
 * inclusion, exclusion); undo restores the old values.
 */
export function updateCode(pid, id, fields, label = 'changing a code') {
  const code = byId(id);
  if (!code) return Promise.resolve();
  const old = {};
  for (const k of Object.keys(fields)) old[k] = code[k];
  const handle = code.id;
  const apply = async (f) => {
    patchLocal(resolve(handle), f);
    const saved = await patch(cpath(pid, handle), f);
    upsertLocal(saved);
  };
  patchLocal(code.id, fields);
  const entry = { label, undo: () => apply(old), redo: () => apply(fields) };
  record(entry);
  return save('Save code “' + (fields.name || code.name) + '”', () => apply(fields),
    () => { patchLocal(resolve(handle), old); forget(entry); }).catch(() => {});
}

// siblingIds lists the IDs of the children of parentId in order.
function siblingIds(parentId) {
  return codes()
    .filter((c) => (c.parent_id || '') === (parentId || ''))
    .sort((a, b) => a.order - b.order)
    .map((c) => c.id);
}

// reorder puts the children of parentId in the order of ids, ignoring IDs
// no longer there; order is presentation, so a refusal is not fatal.
async function reorder(pid, parentId, ids) {
  const now = new Set(siblingIds(resolve(parentId || '')));
  const want = ids.map(resolve).filter((x) => now.has(x));
  for (const x of now) if (!want.includes(x)) want.push(x);
  want.forEach((x, i) => patchLocal(x, { order: i }));
  try {
    await put(pp(pid, '/codes/order'), { parent_id: parentId ? resolve(parentId) : '', ids: want });
  } catch (err) {
    console.warn('reorder refused', err);
  }
}

/**
 * moveCode groups code id under newParent ('' for ungrouped), optionally at
 * position index among its new siblings.
 */
export function moveCode(pid, id, newParent, index = -1) {
  const code = byId(id);
  if (!code) return Promise.resolve();
  const handle = code.id;
  const oldParent = code.parent_id || '';
  const oldOrder = siblingIds(oldParent);
  const go = async (parent, order, at) => {
    patchLocal(resolve(handle), { parent_id: parent ? resolve(parent) : '', order: 1e9 });
    const saved = await patch(cpath(pid, handle), { parent_id: parent ? resolve(parent) : '' });
    upsertLocal(saved);
    if (order) await reorder(pid, parent, order);
    else if (at >= 0) {
      const ids = siblingIds(resolve(parent)).filter((x) => x !== saved.id);
      ids.splice(at, 0, saved.id);
      await reorder(pid, parent, ids);
    }
    refreshCodes();
  };
  patchLocal(code.id, { parent_id: newParent || '', order: 1e9 });
  const entry = {
    label: 'moving a code',
    undo: () => go(oldParent, oldOrder, -1),
    redo: () => go(newParent, null, index),
  };
  record(entry);
  return save('Move code “' + code.name + '”', () => go(newParent, null, index),
    () => { patchLocal(handle, { parent_id: oldParent }); forget(entry); refreshCodes(); }).catch(() => {});
}

/** reorderCodes sets the order of the children of parentId. */
export function reorderCodes(pid, parentId, ids) {
  const old = siblingIds(parentId);
  ids.forEach((x, i) => patchLocal(x, { order: i }));
  record({
    label: 'reordering codes',
    undo: () => reorder(pid, parentId, old),
    redo: () => reorder(pid, parentId, ids),
  });
  return save('Reorder codes', () => reorder(pid, parentId, ids)).catch(() => {});
}

/** setFacet sets (or, with '', clears) the code's value of facet fid. */
export function setFacet(pid, id, fid, value) {
  const code = byId(id);
  if (!code) return Promise.resolve();
  const handle = code.id;
  const old = (code.facets && code.facets[fid]) || '';
  const apply = async (v) => {
    const cur = byId(handle);
    if (cur) patchLocal(cur.id, { facets: { ...cur.facets, [fid]: v } });
    const path = cpath(pid, handle, '/facets/' + encodeURIComponent(fid));
    upsertLocal(v ? await put(path, { value: v }) : await del(path));
  };
  patchLocal(code.id, { facets: { ...code.facets, [fid]: value } });
  const entry = { label: 'setting a facet value', undo: () => apply(old), redo: () => apply(value) };
  record(entry);
  return save('Set a facet value of “' + code.name + '”', () => apply(value),
    () => { patchLocal(resolve(handle), { facets: { ...code.facets } }); forget(entry); }).catch(() => {});
}

// snapshotCode records what is needed to recreate a code: its fields and
// facet values, its children, its place among its siblings and its quotes.
async function snapshotCode(pid, id) {
  const code = await get(cpath(pid, id));
  const quotes = (await get(pp(pid, '/quotes'), { code: code.id })).filter((q) => q.code_ids.includes(code.id));
  const all = await get(pp(pid, '/codes'));
  return {
    code,
    quotes,
    children: all.filter((c) => c.parent_id === code.id).map((c) => c.id),
    siblings: all.filter((c) => (c.parent_id || '') === (code.parent_id || '')).sort((a, b) => a.order - b.order).map((c) => c.id),
  };
}

// restoreCode recreates a snapshotted code under its handle, with facets,
// children and place, and returns the new code.
async function restoreCode(pid, handle, snap) {
  const c = await storeCode(pid, handle, snap.code);
  for (const [fid, v] of Object.entries(snap.code.facets || {})) {
    if (v) await put(pp(pid, `/codes/${c.id}/facets/${encodeURIComponent(fid)}`), { value: v });
  }
  for (const ch of snap.children) await patch(cpath(pid, ch), { parent_id: c.id });
  await reorder(pid, snap.code.parent_id, snap.siblings);
  return c;
}

/** mergeCodes merges source into target; undo recreates source and recodes its quotes. */
export function mergeCodes(pid, sourceId, targetId) {
  const src = byId(sourceId), tgt = byId(targetId);
  if (!src || !tgt) return Promise.resolve();
  const sh = src.id, th = tgt.id;
  let snap = null;
  const doMerge = async () => {
    const sid = resolve(sh), tid = resolve(th);
    snap = await snapshotCode(pid, sid);
    snap.hadTarget = new Set(snap.quotes.filter((q) => q.code_ids.includes(tid)).map((q) => q.id));
    await post(pp(pid, `/codes/${encodeURIComponent(sid)}/merge`), { target_id: tid });
    removeLocal(sid);
    setLocal((l) => l.map((c) => (c.parent_id === sid ? { ...c, parent_id: tid } : c)));
    changeAll((l) => l.map((q) => (q.code_ids.includes(sid)
      ? { ...q, code_ids: [...new Set(q.code_ids.map((c) => (c === sid ? tid : c)))] } : q)));
    refreshCodes();
  };
  const unMerge = async () => {
    const tid = resolve(th);
    const c = await restoreCode(pid, sh, snap);
    for (const q of snap.quotes) {
      const qid = resolve(q.id);
      const cur = await get(pp(pid, '/quotes/' + encodeURIComponent(qid)));
      let ids = cur.code_ids;
      if (!snap.hadTarget.has(q.id)) ids = ids.filter((x) => x !== tid);
      if (!ids.includes(c.id)) ids = [...ids, c.id];
      showQuote(await patch(pp(pid, '/quotes/' + encodeURIComponent(qid)), { code_ids: ids }));
    }
    refreshCodes();
  };
  const entry = { label: 'merging codes', undo: unMerge, redo: doMerge };
  record(entry);
  return save(`Merge “${src.name}” into “${tgt.name}”`, doMerge, () => forget(entry)).catch(() => {});
}

/**
 * deleteCode deletes a code; with uncode it first takes the code off its
 * quotes (deleting quotes left without a code). Undo recreates the code
 * and its quotes.
 */
export function deleteCode(pid, id, uncode) {
  const code = byId(id);
  if (!code) return Promise.resolve();
  const h = code.id;
  let snap = null;
  const doDelete = async () => {
    const cid = resolve(h);
    snap = await snapshotCode(pid, cid);
    await del(cpath(pid, cid), { uncode: uncode ? 'true' : '' });
    removeLocal(cid);
    setLocal((l) => l.map((c) => (c.parent_id === cid ? { ...c, parent_id: '' } : c)));
    changeAll((l) => l.map((q) => ({ ...q, code_ids: q.code_ids.filter((c) => c !== cid) })).filter((q) => q.code_ids.length));
    refreshCodes();
  };
  const unDelete = async () => {
    const c = await restoreCode(pid, h, snap);
    for (const q of snap.quotes) {
      const qid = resolve(q.id);
      let cur = null;
      try { cur = await get(pp(pid, '/quotes/' + encodeURIComponent(qid))); } catch (err) { if (err.status !== 404) throw err; }
      if (cur) {
        showQuote(await patch(pp(pid, '/quotes/' + encodeURIComponent(qid)), { code_ids: [...new Set([...cur.code_ids, c.id])] }));
      } else {
        const ids = q.code_ids.map((x) => (x === snap.code.id ? c.id : resolve(x)));
        const saved = await post(pp(pid, '/quotes'), { document_id: q.document_id, start: q.start, end: q.end, code_ids: ids, memo: q.memo || '' });
        alias(qid, saved.id);
        showQuote(saved);
      }
    }
    refreshCodes();
  };
  const entry = { label: 'deleting a code', undo: unDelete, redo: doDelete };
  record(entry);
  return save(`Delete code “${code.name}”`, doDelete, () => forget(entry)).catch(() => {});
}
