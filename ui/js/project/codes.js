// Codebook operations: create, rename, recolour, move, reorder, merge,
// delete and facet values. Each shows its effect at once and saves; undo
// goes through the server's history (history.js).
import { proj, refreshCodes } from './state.js';
import { post, patch, put, del, pp } from '../core/api.js';
import { save } from '../core/saving.js';
import { alias, resolve } from '../core/ids.js';
import { changeAll, createQuote } from './quotes.js';
import { nextColor } from '../core/colors.js';

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
export function createCode(pid, fields) {
  const tmp = {
    id: 'tmpc-' + ++tmpCount, level: 'concept', parent_id: '', definition: '', inclusion: '', exclusion: '',
    facets: {}, order: 1e9, ...fields, color: fields.color || nextColor(codes()), pending: true,
  };
  upsertLocal(tmp);
  save('Create code “' + tmp.name + '”', async () => { await storeCode(pid, tmp.id, tmp); refreshCodes(); },
    () => removeLocal(tmp.id)).catch(() => {});
  return tmp.id;
}

/**
 * codeWithNewConcept creates the concept name and codes [start, end) of
 * document did with it. Returns the temporary IDs {quote, code}.
 */
export function codeWithNewConcept(pid, did, start, end, name) {
  const tmp = {
    id: 'tmpc-' + ++tmpCount, name, level: 'concept', parent_id: '', facets: {}, order: 1e9,
    color: nextColor(codes()), pending: true,
  };
  upsertLocal(tmp);
  const quote = createQuote(pid, did, start, end, [tmp.id], {
    before: async () => { await storeCode(pid, tmp.id, tmp); },
    onDiscard: () => removeLocal(tmp.id),
  });
  return { quote, code: tmp.id };
}

/**
 * updateCode changes fields of a code (name, color, level, definition,
 * inclusion, exclusion).
 */
export function updateCode(pid, id, fields) {
  const code = byId(id);
  if (!code) return Promise.resolve();
  const old = {};
  for (const k of Object.keys(fields)) old[k] = code[k];
  const handle = code.id;
  patchLocal(code.id, fields);
  return save('Save code “' + (fields.name || code.name) + '”', async () => {
    patchLocal(resolve(handle), fields);
    upsertLocal(await patch(cpath(pid, handle), fields));
  }, () => patchLocal(resolve(handle), old)).catch(() => {});
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
  patchLocal(code.id, { parent_id: newParent || '', order: 1e9 });
  return save('Move code “' + code.name + '”', async () => {
    const parent = newParent ? resolve(newParent) : '';
    patchLocal(resolve(handle), { parent_id: parent, order: 1e9 });
    const saved = await patch(cpath(pid, handle), { parent_id: parent });
    upsertLocal(saved);
    if (index >= 0) {
      const ids = siblingIds(parent).filter((x) => x !== saved.id);
      ids.splice(index, 0, saved.id);
      await reorder(pid, parent, ids);
    }
    refreshCodes();
  }, () => { patchLocal(handle, { parent_id: oldParent }); refreshCodes(); }).catch(() => {});
}

/** reorderCodes sets the order of the children of parentId. */
export function reorderCodes(pid, parentId, ids) {
  ids.forEach((x, i) => patchLocal(x, { order: i }));
  return save('Reorder codes', () => reorder(pid, parentId, ids)).catch(() => {});
}

/** setFacet sets (or, with '', clears) the code's value of facet fid. */
export function setFacet(pid, id, fid, value) {
  const code = byId(id);
  if (!code) return Promise.resolve();
  const handle = code.id;
  patchLocal(code.id, { facets: { ...code.facets, [fid]: value } });
  return save('Set a facet value of “' + code.name + '”', async () => {
    const path = cpath(pid, handle, '/facets/' + encodeURIComponent(fid));
    upsertLocal(value ? await put(path, { value }) : await del(path));
  }, () => patchLocal(resolve(handle), { facets: { ...code.facets } })).catch(() => {});
}

/** mergeCodes merges source into target: its quotes and children go to target. */
export function mergeCodes(pid, sourceId, targetId) {
  const src = byId(sourceId), tgt = byId(targetId);
  if (!src || !tgt) return Promise.resolve();
  const sh = src.id, th = tgt.id;
  return save(`Merge “${src.name}” into “${tgt.name}”`, async () => {
    const sid = resolve(sh), tid = resolve(th);
    await post(pp(pid, `/codes/${encodeURIComponent(sid)}/merge`), { target_id: tid });
    removeLocal(sid);
    setLocal((l) => l.map((c) => (c.parent_id === sid ? { ...c, parent_id: tid } : c)));
    changeAll((l) => l.map((q) => (q.code_ids.includes(sid)
      ? { ...q, code_ids: [...new Set(q.code_ids.map((c) => (c === sid ? tid : c)))] } : q)));
    refreshCodes();
  }).catch(() => {});
}

/**
 * setRetired retires a code (hidden from coding, kept with its quotes) or
 * brings it back.
 */
export function setRetired(pid, id, retired) {
  const code = byId(id);
  if (!code) return Promise.resolve();
  const h = code.id;
  return save(`${retired ? 'Retire' : 'Bring back'} “${code.name}”`, async () => {
    upsertLocal(await put(cpath(pid, h, '/retired'), { retired }));
  }).catch(() => {});
}

/**
 * deleteCode deletes a code; with uncode it first takes the code off its
 * quotes (deleting quotes left without a code).
 */
export function deleteCode(pid, id, uncode) {
  const code = byId(id);
  if (!code) return Promise.resolve();
  const h = code.id;
  return save(`Delete code “${code.name}”`, async () => {
    const cid = resolve(h);
    await del(cpath(pid, cid), { uncode: uncode ? 'true' : '' });
    removeLocal(cid);
    setLocal((l) => l.map((c) => (c.parent_id === cid ? { ...c, parent_id: '' } : c)));
    changeAll((l) => l.map((q) => ({ ...q, code_ids: q.code_ids.filter((c) => c !== cid) })).filter((q) => q.code_ids.length));
    refreshCodes();
  }).catch(() => {});
}

/**
 * bulkCodes makes one change of the codes ids (POST /codes/bulk, one undo
 * step): body is {action, ...} as the server takes it; label names the
 * change in the save status. Moves and colours show at once. Resolves
 * with the server's answer, or null when the change was not made.
 */
export function bulkCodes(pid, ids, body, label) {
  const handles = ids.map((id) => (byId(id) || { id }).id);
  const shown = { move: 'parent_id', color: 'color' }[body.action];
  const before = new Map(handles.map((h) => [h, byId(h)]));
  if (shown) for (const h of handles) patchLocal(h, { [shown]: body[shown], ...(shown === 'parent_id' ? { order: 1e9 } : {}) });
  return save(label, async () => {
    const req = { ...body, ids: handles.map(resolve) };
    if (req.parent_id) req.parent_id = resolve(req.parent_id);
    if (req.target_id) req.target_id = resolve(req.target_id);
    const res = await post(pp(pid, '/codes/bulk'), req);
    if (res.created) upsertLocal(res.created);
    for (const c of res.updated) upsertLocal(c);
    const gone = new Set(res.deleted);
    if (gone.size) {
      // Children of removed codes go to the merge target, or to the top.
      const to = body.action === 'merge' ? req.target_id : '';
      setLocal((l) => l.filter((c) => !gone.has(c.id)).map((c) => (gone.has(c.parent_id) ? { ...c, parent_id: to } : c)));
      changeAll((l) => l.map((q) => ({
        ...q, code_ids: [...new Set(q.code_ids.flatMap((c) => (gone.has(c) ? (to ? [to] : []) : [c])))],
      })).filter((q) => q.code_ids.length));
    }
    refreshCodes();
    return res;
  }, () => {
    for (const [h, c] of before) if (c) patchLocal(h, { parent_id: c.parent_id, color: c.color, order: c.order });
    refreshCodes();
  }).catch(() => null);
}
