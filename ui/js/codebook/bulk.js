// Bulk work in the codebook: the bar shown while several codes are
// selected in the tree, with the changes that apply to all of them at
// once (move under a theme or dimension, group under a new one, change
// the level, set a facet value, recolour, merge, delete). Each is one
// change on the server, undone as one.
import { html } from '../core/lib.js';
import { proj } from '../project/state.js';
import { buildTree, levelLabel, parentLevel, shortLevel } from '../project/codetree.js';
import { bulkCodes } from '../project/codes.js';
import { openDialog, confirmDialog, promptDialog } from '../widgets/dialog.js';
import { ChoiceList } from './codebook-actions.js';
import { PALETTE } from '../core/colors.js';

const LEVEL_PLURAL = { concept: 'concepts', theme: 'themes', dimension: 'dimensions' };

// sameLevel returns the level all codes share, or ''.
const sameLevel = (codes) => (codes.length && codes.every((c) => c.level === codes[0].level) ? codes[0].level : '');

const named = (codes) => (codes.length === 1 ? `“${codes[0].name}”` : `${codes.length} codes`);

/**
 * canGroupAll reports whether every code may be grouped under parent
 * (null: ungrouped) and at least one is not there yet.
 */
export function canGroupAll(codes, parent) {
  if (!codes.length) return false;
  const to = parent ? parent.id : '';
  if (!codes.some((c) => (c.parent_id || '') !== to)) return false;
  return codes.every((c) => (parent ? parentLevel(c.level) === parent.level && c.id !== parent.id : !!parentLevel(c.level)));
}

/** moveCodes groups codes under parentId ('' ungroups) in one change. */
export function moveCodes(pid, codes, parentId) {
  const parent = proj.get().codes.find((c) => c.id === parentId);
  return bulkCodes(pid, codes.map((c) => c.id), { action: 'move', parent_id: parentId || '' },
    parent ? `Move ${named(codes)} under “${parent.name}”` : `Ungroup ${named(codes)}`);
}

/** groupDialog asks for a name and groups codes under a new code one level up. */
export async function groupDialog(pid, codes) {
  const up = parentLevel(sameLevel(codes));
  if (!up) return null;
  const name = await promptDialog({ title: `New ${levelLabel(up)} for ${named(codes)}`, label: 'Name', confirm: `Create and group` });
  if (!name) return null;
  return bulkCodes(pid, codes.map((c) => c.id), { action: 'group', name, level: up }, `Group ${named(codes)} under “${name}”`);
}

/** bulkMoveDialog asks where to group codes (all of one level) and moves them. */
export async function bulkMoveDialog(pid, codes) {
  const level = sameLevel(codes);
  const want = parentLevel(level);
  if (!want) {
    await confirmDialog({ title: 'Move', message: level ? 'Aggregate dimensions are the top of the data structure.' : 'Choose codes of one level to move them together.', confirm: 'OK' });
    return null;
  }
  const tree = buildTree(proj.get().codes);
  const ids = new Set(codes.map((c) => c.id));
  const choices = [
    { key: 'new', label: `New ${levelLabel(want)}…`, icon: '+' },
    ...(codes.some((c) => c.parent_id) ? [{ key: 'root', label: `Ungrouped (no ${levelLabel(want)})`, icon: '∅' }] : []),
    ...proj.get().codes.filter((p) => p.level === want && !ids.has(p.id))
      .map((p) => ({ key: p.id, label: p.name, color: p.color, meta: tree.path(p.id).slice(0, -1).join(' › ') || shortLevel(p.level) })),
  ];
  const choice = await openDialog(`Move ${named(codes)} to…`, (close) => html`<${ChoiceList} choices=${choices}
    label=${'Where to group ' + named(codes)} onChoose=${close} />`);
  if (!choice) return null;
  if (choice.key === 'new') return groupDialog(pid, codes);
  return moveCodes(pid, codes, choice.key === 'root' ? '' : choice.key);
}

async function mergeManyDialog(pid, codes) {
  const level = sameLevel(codes);
  if (!level) {
    await confirmDialog({ title: 'Merge', message: 'Only codes of one level can be merged.', confirm: 'OK' });
    return null;
  }
  const tree = buildTree(proj.get().codes);
  const choices = proj.get().codes.filter((c) => c.level === level)
    .map((c) => ({ key: c.id, label: c.name, color: c.color, meta: tree.path(c.id).slice(0, -1).join(' › ') }));
  const choice = await openDialog(`Merge ${named(codes)} into…`, (close) => html`<${ChoiceList} choices=${choices}
    label=${'Code to merge ' + named(codes) + ' into'} onChoose=${close} />`);
  if (!choice) return null;
  const target = proj.get().codes.find((c) => c.id === choice.key);
  const sources = codes.filter((c) => c.id !== choice.key);
  if (!target || !sources.length) return null;
  const ok = await confirmDialog({
    title: 'Merge codes',
    message: `Merge ${sources.map((c) => `“${c.name}”`).join(', ')} into “${target.name}”? Their quotes will be coded “${target.name}” and they will be removed${level !== 'concept' ? ', their children moving along' : ''}. Undo (Ctrl+Z) brings them back.`,
    confirm: 'Merge',
  });
  if (!ok) return null;
  return bulkCodes(pid, sources.map((c) => c.id), { action: 'merge', target_id: target.id }, `Merge ${named(sources)} into “${target.name}”`);
}

/** bulkDeleteDialog asks before deleting codes, then deletes them in one change. */
export async function bulkDeleteDialog(pid, codes) {
  const n = codes.reduce((s, c) => s + ((c.counts && c.counts.quotes) || 0), 0);
  const ok = await confirmDialog({
    title: 'Delete codes',
    message: `Delete ${codes.map((c) => `“${c.name}”`).join(', ')}?${n ? ' Codes in use are taken off their quotes (quotes left with no code are deleted).' : ''} Undo (Ctrl+Z) restores them.`,
    confirm: n ? 'Uncode and delete' : 'Delete',
    danger: true,
  });
  if (!ok) return null;
  return bulkCodes(pid, codes.map((c) => c.id), { action: 'delete', uncode: n > 0 }, `Delete ${named(codes)}`);
}

/**
 * BulkBar offers the changes of the selected codes; onDone(result) runs
 * after each (result null when nothing changed), onClear empties the
 * selection.
 */
export function BulkBar({ pid, codes, facets, onDone, onClear }) {
  const level = sameLevel(codes);
  const ids = codes.map((c) => c.id);
  const run = (p) => Promise.resolve(p).then(onDone);
  const makeLevel = (l) => run(bulkCodes(pid, ids, { action: 'level', level: l }, `Make ${named(codes)} ${LEVEL_PLURAL[l]}`));
  const up = parentLevel(level);
  return html`<div class="bulk-bar" role="toolbar" aria-label="Change the selected codes">
    <div class="bulk-head"><strong>${codes.length} selected</strong>
      <button type="button" class="btn btn-xs" onClick=${onClear}>Clear <kbd>Esc</kbd></button></div>
    <div class="bulk-actions">
      ${up ? html`<button type="button" class="btn btn-sm" onClick=${() => run(bulkMoveDialog(pid, codes))}>Move to…</button>
        <button type="button" class="btn btn-sm" onClick=${() => run(groupDialog(pid, codes))}>New ${shortLevel(up).toLowerCase()} from selection…</button>` : null}
      ${['theme', 'dimension', 'concept'].filter((l) => l !== level).map((l) => html`<button type="button" class="btn btn-sm" data-action=${'level-' + l}
        onClick=${() => makeLevel(l)}>Make ${LEVEL_PLURAL[l]}</button>`)}
      ${level ? html`<button type="button" class="btn btn-sm" onClick=${() => run(mergeManyDialog(pid, codes))}>Merge…</button>` : null}
      <button type="button" class="btn btn-sm btn-danger" onClick=${() => run(bulkDeleteDialog(pid, codes))}>Delete…</button>
    </div>
    ${facets.length ? html`<div class="bulk-facets">${facets.map((f) => html`<label class="inline-field">${f.name}
      <select aria-label=${f.name + ' of the selected codes'} value="-"
        onChange=${(e) => { const v = e.currentTarget.value; e.currentTarget.value = '-'; if (v !== '-') run(bulkCodes(pid, ids, { action: 'facet', facet_id: f.id, value: v }, `Set “${f.name}” of ${named(codes)}`)); }}>
        <option value="-">Set…</option><option value="">— (inherit)</option>
        ${f.values.map((v) => html`<option value=${v}>${v}</option>`)}
      </select></label>`)}</div>` : null}
    <div class="colors bulk-colors" role="group" aria-label="Colour of the selected codes">
      ${PALETTE.map((c) => html`<button type="button" class="color-dot" style=${{ background: c }} aria-label=${'Colour ' + c}
        onClick=${() => run(bulkCodes(pid, ids, { action: 'color', color: c }, `Recolour ${named(codes)}`))}></button>`)}
    </div>
  </div>`;
}
