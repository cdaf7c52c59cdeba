// Codebook actions shared by the tree, its menus and the code page: move
// to another parent, merge, delete (each with a dialog where it needs
// one), and the actions menu of a code.
import { html, useEffect, useRef, useState } from '../core/lib.js';
import { proj } from '../project/state.js';
import { buildTree, levelLabel, parentLevel, shortLevel } from '../project/codetree.js';
import { moveCode, mergeCodes, deleteCode, createCode, updateCode, reorderCodes, setRetired } from '../project/codes.js';
import { openDialog, confirmDialog, promptDialog } from '../widgets/dialog.js';
import { PALETTE } from '../core/colors.js';
import { fold } from '../widgets/picker.js';
import { navigate, link } from '../core/router.js';

/** ChoiceList is a filterable listbox of choices {key, label, meta}. */
export function ChoiceList({ choices, onChoose, label }) {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const shown = choices.filter((c) => !q || fold(c.label).includes(fold(q)));
  const key = (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(shown.length - 1, a + 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
    else if (e.key === 'Enter') { e.preventDefault(); if (shown[active]) onChoose(shown[active]); }
  };
  return html`<div class="picker">
    <input class="picker-input" type="text" data-autofocus value=${q} placeholder="Filter…" aria-label=${label}
      role="combobox" aria-expanded="true" aria-controls="choice-list"
      aria-activedescendant=${shown.length ? 'choice-' + active : null}
      onInput=${(e) => { setQ(e.currentTarget.value); setActive(0); }} onKeyDown=${key} />
    <ul class="picker-list" role="listbox" id="choice-list" aria-label=${label}>
      ${shown.map((c, i) => html`<li role="option" id=${'choice-' + i} aria-selected=${i === active}
        class=${'picker-opt' + (i === active ? ' active' : '')} onMouseMove=${() => setActive(i)}
        onClick=${() => onChoose(c)}>
        ${c.color ? html`<span class="swatch" style=${{ background: c.color }} aria-hidden="true"></span>` : html`<span class="swatch new" aria-hidden="true">${c.icon || ''}</span>`}
        <span class="opt-name">${c.label}</span>${c.meta ? html`<span class="opt-meta">${c.meta}</span>` : null}</li>`)}
    </ul></div>`;
}

/**
 * moveToDialog asks where to group code (a valid parent, ungrouped, or a
 * new parent created on the spot) and moves it.
 */
export async function moveToDialog(pid, code) {
  const want = parentLevel(code.level);
  if (!want) {
    await confirmDialog({ title: 'Move', message: 'Aggregate dimensions are the top of the data structure and cannot be grouped under another code.', confirm: 'OK' });
    return;
  }
  const tree = buildTree(proj.get().codes);
  const parents = proj.get().codes.filter((c) => c.level === want && c.id !== code.parent_id);
  const choices = [
    { key: 'new', label: `New ${levelLabel(want)}…`, icon: '+' },
    ...(code.parent_id ? [{ key: 'root', label: `Ungrouped (no ${levelLabel(want)})`, icon: '∅' }] : []),
    ...parents.map((p) => ({ key: p.id, label: p.name, color: p.color, meta: tree.path(p.id).slice(0, -1).join(' › ') || shortLevel(p.level) })),
  ];
  const choice = await openDialog(`Move “${code.name}” to…`, (close) => html`<${ChoiceList} choices=${choices}
    label=${'Where to group ' + code.name} onChoose=${close} />`);
  if (!choice) return;
  if (choice.key === 'root') return moveCode(pid, code.id, '');
  if (choice.key === 'new') {
    const name = await promptDialog({ title: `New ${levelLabel(want)}`, label: 'Name', confirm: 'Create and move' });
    if (!name) return;
    const parentId = createCode(pid, { name, level: want });
    return moveCode(pid, code.id, parentId);
  }
  return moveCode(pid, code.id, choice.key);
}

/** mergeDialog asks which code of the same level to merge code into. */
export async function mergeDialog(pid, code) {
  const tree = buildTree(proj.get().codes);
  const choices = proj.get().codes.filter((c) => c.level === code.level && c.id !== code.id)
    .map((c) => ({ key: c.id, label: c.name, color: c.color, meta: tree.path(c.id).slice(0, -1).join(' › ') }));
  if (!choices.length) {
    await confirmDialog({ title: 'Merge', message: `There is no other ${levelLabel(code.level)} to merge “${code.name}” into.` });
    return;
  }
  const choice = await openDialog(`Merge “${code.name}” into…`, (close) => html`<${ChoiceList} choices=${choices}
    label=${'Code to merge ' + code.name + ' into'} onChoose=${close} />`);
  if (choice) await confirmMerge(pid, code, proj.get().codes.find((c) => c.id === choice.key));
}

/** confirmMerge asks before merging source into target, then merges. */
export async function confirmMerge(pid, source, target) {
  if (!source || !target) return;
  const n = (source.counts && source.counts.quotes) || 0;
  const ok = await confirmDialog({
    title: 'Merge codes',
    message: `Merge “${source.name}” into “${target.name}”? ${n ? `Its ${n} quote${n === 1 ? '' : 's'} will be coded “${target.name}”, and` : ''} “${source.name}” will be removed${source.level !== 'concept' ? ', its children moving along' : ''}. Undo (Ctrl+Z) brings it back.`,
    confirm: 'Merge',
  });
  if (ok) await mergeCodes(pid, source.id, target.id);
}

/** deleteDialog asks before deleting code; a code in use is uncoded first. */
export async function deleteDialog(pid, code) {
  const n = (code.counts && code.counts.quotes) || 0;
  const ok = await confirmDialog({
    title: 'Delete code',
    message: n
      ? `“${code.name}” codes ${n} quote${n === 1 ? '' : 's'}. Deleting it takes it off those quotes (quotes left with no code are deleted). Undo (Ctrl+Z) restores them.`
      : `Delete “${code.name}”? Undo (Ctrl+Z) restores it.`,
    confirm: n ? 'Uncode and delete' : 'Delete',
    danger: true,
  });
  if (ok) await deleteCode(pid, code.id, n > 0);
}

/** renameDialog asks for a new name. */
export async function renameDialog(pid, code) {
  const name = await promptDialog({ title: `Rename ${levelLabel(code.level)}`, label: 'Name', value: code.name, confirm: 'Rename' });
  if (name && name !== code.name) updateCode(pid, code.id, { name });
}

/** moveAmongSiblings moves code up (-1) or down (1) among its siblings. */
export function moveAmongSiblings(pid, code, dir) {
  const tree = buildTree(proj.get().codes);
  const sibs = code.parent_id ? tree.kids(code.parent_id) : tree.roots.filter((c) => c.level === code.level);
  const ids = sibs.map((c) => c.id);
  const i = ids.indexOf(code.id), j = i + dir;
  if (i < 0 || j < 0 || j >= ids.length) return;
  [ids[i], ids[j]] = [ids[j], ids[i]];
  // The server orders all root codes together; keep the other levels' order.
  const all = code.parent_id ? ids : [...tree.roots.filter((c) => c.level !== code.level).map((c) => c.id), ...ids];
  reorderCodes(pid, code.parent_id || '', all);
}

/** CodeMenu is the actions menu of a code, placed at rect. */
export function CodeMenu({ pid, code, rect, onClose, onRename }) {
  const ref = useRef(null);
  useEffect(() => {
    const first = ref.current && ref.current.querySelector('[role=menuitem]');
    if (first) first.focus();
    const away = (e) => { if (ref.current && !ref.current.contains(e.target)) onClose(); };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, []);
  const run = (fn) => () => { onClose(); fn(); };
  const items = [
    ['Open', () => navigate(link(pid, 'codes', code.id))],
    ['Rename', onRename || (() => renameDialog(pid, code)), 'F2'],
    ...(code.level !== 'dimension' ? [['Move to…', () => moveToDialog(pid, code), 'm']] : []),
    ['Merge into…', () => mergeDialog(pid, code)],
    ['Move up', () => moveAmongSiblings(pid, code, -1), 'Alt+↑'],
    ['Move down', () => moveAmongSiblings(pid, code, 1), 'Alt+↓'],
    ...(code.level !== 'dimension' ? [[code.retired ? 'Bring back' : 'Retire', () => setRetired(pid, code.id, !code.retired)]] : []),
    ['Delete…', () => deleteDialog(pid, code), 'Del'],
  ];
  const key = (e) => {
    const all = [...ref.current.querySelectorAll('[role=menuitem]')];
    const i = all.indexOf(document.activeElement);
    if (e.key === 'ArrowDown') { e.preventDefault(); all[(i + 1) % all.length].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); all[(i - 1 + all.length) % all.length].focus(); }
    else if (e.key === 'Escape' || e.key === 'Tab') { e.preventDefault(); e.stopPropagation(); onClose(); }
  };
  const top = Math.min(rect.bottom + 4, window.innerHeight - 330);
  const left = Math.min(rect.left, window.innerWidth - 230);
  return html`<div ref=${ref} class="menu" role="menu" aria-label=${'Actions for ' + code.name}
      style=${{ top: top + 'px', left: left + 'px' }} onKeyDown=${key}>
    ${items.map(([label, fn, kbd]) => html`<button type="button" role="menuitem" class="menu-item" tabindex="-1"
      onClick=${run(fn)}><span>${label}</span>${kbd ? html`<kbd>${kbd}</kbd>` : null}</button>`)}
    <div class="menu-colors" role="group" aria-label="Colour">
      ${PALETTE.map((c) => html`<button type="button" role="menuitem" tabindex="-1" class=${'color-dot' + (c === code.color ? ' current' : '')}
        style=${{ background: c }} aria-label=${'Colour ' + c} onClick=${run(() => updateCode(pid, code.id, { color: c }))}></button>`)}
    </div>
  </div>`;
}
