// The codebook tree: aggregate dimensions > second-order themes >
// first-order concepts, then ungrouped themes and concepts. Codes are
// grouped by drag and drop (onto a parent to group, onto a code of the same
// level to merge, onto the upper or lower edge to reorder) or with the
// keyboard (m: move to…, Alt+arrows: reorder, F2: rename, Delete).
// Several codes are selected with Ctrl/Shift+click or Shift+arrows and
// Space, then changed together (bulk.js) or dragged together onto a
// theme or dimension.
import { html, useState, useMemo, useRef, useEffect } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { proj } from '../project/state.js';
import { buildTree, parentLevel, shortLevel, levelLabel } from '../project/codetree.js';
import { createCode, moveCode, reorderCodes, updateCode, setFacet } from '../project/codes.js';
import { moveToDialog, confirmMerge, deleteDialog, moveAmongSiblings, CodeMenu } from './codebook-actions.js';
import { navigate, link } from '../core/router.js';
import { fold } from '../widgets/picker.js';
import { counts } from '../core/format.js';
import { usePermissions } from '../project/access.js';
import { BulkBar, canGroupAll, moveCodes, bulkMoveDialog, bulkDeleteDialog } from './bulk.js';

const collapsedKey = (pid) => 'tessera.collapsed.' + pid;

// visibleRows flattens the tree into rows (codes with depth, and section
// headers), leaving out children of collapsed codes and, with a filter,
// codes that neither match nor hold a match.
function visibleRows(tree, collapsed, filter) {
  const rows = [];
  const needle = fold(filter.trim());
  const matches = new Map();
  const test = (c) => {
    if (matches.has(c.id)) return matches.get(c.id);
    const m = !needle || fold(c.name).includes(needle) || tree.kids(c.id).some(test);
    matches.set(c.id, m);
    return m;
  };
  const visit = (c, depth) => {
    if (!test(c)) return;
    rows.push({ code: c, depth });
    if (needle || !collapsed.has(c.id)) for (const k of tree.kids(c.id)) visit(k, depth + 1);
  };
  const groups = [
    ['dimension', 'Aggregate dimensions'], ['theme', 'Ungrouped themes'], ['concept', 'Ungrouped concepts'],
  ];
  for (const [level, label] of groups) {
    const roots = tree.roots.filter((c) => c.level === level);
    rows.push({ header: level, label, empty: roots.length === 0 });
    roots.forEach((r) => visit(r, 0));
  }
  return rows;
}

function FacetChips({ pid, code, facets, tree, edit }) {
  return facets.map((f) => {
    const [val, inherited] = tree.effectiveFacet(code.id, f.id);
    const own = (code.facets && code.facets[f.id]) || '';
    return html`<label class=${'facet-chip' + (own ? ' set' : '')} title=${f.name + (inherited ? ' (inherited)' : '')}
        onClick=${(e) => e.stopPropagation()} onKeyDown=${(e) => e.stopPropagation()}>
      <span class="sr-only">${f.name} of ${code.name}</span>
      <select value=${own} disabled=${!edit} onChange=${(e) => setFacet(pid, code.id, f.id, e.currentTarget.value)}
        aria-label=${f.name + ' of ' + code.name}>
        <option value="">${inherited ? `${f.name}: ${val} (inherited)` : `${f.name}: —`}</option>
        ${f.values.map((v) => html`<option value=${v}>${f.name}: ${v}</option>`)}
      </select></label>`;
  });
}

/** CodebookPanel shows the codebook tree. compact: the reader's side panel. */
export function CodebookPanel({ pid, compact = false, selected = '' }) {
  const codes = useStore(proj, (s) => s.codes);
  const facets = useStore(proj, (s) => s.facets);
  const tree = useMemo(() => buildTree(codes), [codes]);
  // Viewers, and coders while the codebook is locked, only read it.
  const perms = usePermissions();
  const edit = perms.canEditCodebook;
  const [collapsed, setCollapsed] = useState(() => {
    try { return new Set(JSON.parse(localStorage.getItem(collapsedKey(pid)) || '[]')); } catch { return new Set(); }
  });
  const [focusId, setFocusId] = useState('');
  const [filter, setFilter] = useState('');
  const [renaming, setRenaming] = useState('');
  const [menu, setMenu] = useState(null);
  const [drop, setDrop] = useState(null);
  const [newName, setNewName] = useState('');
  const [newLevel, setNewLevel] = useState('concept');
  const dragged = useRef(null);
  // draggedMany holds the selected codes while a selection is dragged.
  const draggedMany = useRef(null);
  // sel is the set of selected codes (for bulk changes), anchor the code
  // a Shift+click or Shift+arrow range starts from.
  const [sel, setSel] = useState(() => new Set());
  const anchor = useRef('');
  const list = useRef(null);

  const rows = useMemo(() => visibleRows(tree, collapsed, filter), [tree, collapsed, filter]);
  const codeRows = rows.filter((r) => r.code);
  const focus = focusId && tree.byId.has(focusId) ? focusId : (selected && tree.byId.has(selected) ? selected : (codeRows[0] && codeRows[0].code.id));

  const selCodes = [...sel].map((id) => tree.byId.get(id)).filter(Boolean);
  const clearSel = () => setSel(new Set());
  // range selects the visible codes from one code to another, inclusive.
  const range = (from, to) => {
    const ids = codeRows.map((r) => r.code.id);
    let i = ids.indexOf(from);
    const j = ids.indexOf(to);
    if (i < 0) i = j;
    return new Set(ids.slice(Math.min(i, j), Math.max(i, j) + 1));
  };
  const toggleSel = (c) => setSel((s) => {
    const n = new Set(s.size ? s : (selected && tree.byId.has(selected) ? [selected] : []));
    if (n.has(c.id)) n.delete(c.id); else n.add(c.id);
    return n;
  });
  // A plain click opens the code; Ctrl+click adds it to the selection or
  // takes it out, Shift+click selects the range from the last code.
  const onRowClick = (e, c) => {
    if (edit && (e.ctrlKey || e.metaKey)) { toggleSel(c); anchor.current = c.id; setFocusId(c.id); return; }
    if (edit && e.shiftKey) { setSel(range(anchor.current || selected || c.id, c.id)); setFocusId(c.id); return; }
    clearSel();
    anchor.current = c.id;
    open(c);
  };

  useEffect(() => {
    localStorage.setItem(collapsedKey(pid), JSON.stringify([...collapsed]));
  }, [collapsed]);

  const focusRow = (id) => {
    setFocusId(id);
    requestAnimationFrame(() => {
      const el = list.current && list.current.querySelector(`[data-id="${id}"]`);
      if (el) el.focus();
    });
  };
  const toggle = (id, open) => setCollapsed((s) => {
    const n = new Set(s);
    if (open === undefined ? n.has(id) : open) n.delete(id); else n.add(id);
    return n;
  });
  const open = (c) => navigate(link(pid, 'codes', c.id));

  const onKeyDown = (e, c) => {
    const i = codeRows.findIndex((r) => r.code.id === c.id);
    const kids = tree.kids(c.id);
    const isOpen = kids.length && !collapsed.has(c.id);
    const go = (j) => { const r = codeRows[Math.max(0, Math.min(codeRows.length - 1, j))]; if (r) focusRow(r.code.id); };
    if (!edit && (e.altKey || ['F2', 'm', 'M', 'Delete', 'ContextMenu'].includes(e.key) || (e.shiftKey && e.key === 'F10'))) return;
    const many = sel.size > 1 && sel.has(c.id);
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) moveAmongSiblings(pid, c, e.key === 'ArrowUp' ? -1 : 1);
    else if (edit && e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      const r = codeRows[Math.max(0, Math.min(codeRows.length - 1, i + (e.key === 'ArrowUp' ? -1 : 1)))];
      if (!anchor.current || !sel.size) anchor.current = c.id;
      if (r) { setSel(range(anchor.current, r.code.id)); focusRow(r.code.id); }
    } else if (edit && e.key === ' ') { toggleSel(c); anchor.current = c.id; }
    else if (e.key === 'Escape' && sel.size) clearSel();
    else if (many && (e.key === 'm' || e.key === 'M')) bulkMoveDialog(pid, selCodes).then(clearSel);
    else if (many && e.key === 'Delete') bulkDeleteDialog(pid, selCodes).then((r) => r && clearSel());
    else if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(codeRows.length - 1);
    else if (e.key === 'ArrowRight') { if (kids.length && !isOpen) toggle(c.id, true); else if (isOpen) focusRow(kids[0].id); }
    else if (e.key === 'ArrowLeft') { if (isOpen) toggle(c.id, false); else if (c.parent_id) focusRow(c.parent_id); }
    else if (e.key === 'Enter') open(c);
    else if (e.key === 'F2') setRenaming(c.id);
    else if (e.key === 'm' || e.key === 'M') moveToDialog(pid, c);
    else if (e.key === 'Delete') deleteDialog(pid, c);
    else if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) setMenu({ code: c, rect: e.currentTarget.getBoundingClientRect() });
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  // Drag and drop: what dropping the dragged code on target would do.
  const dropMode = (e, target) => {
    if (draggedMany.current) return canGroupAll(draggedMany.current, target) ? 'into' : null;
    const src = dragged.current;
    if (!src || src.id === target.id) return null;
    if (parentLevel(src.level) === target.level) return target.id === src.parent_id ? null : 'into';
    if (src.level !== target.level) return null;
    const r = e.currentTarget.getBoundingClientRect();
    const y = (e.clientY - r.top) / r.height;
    return y < 0.28 ? 'before' : y > 0.72 ? 'after' : 'merge';
  };
  const onDragOver = (e, target) => {
    const mode = dropMode(e, target);
    if (!mode) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (!drop || drop.id !== target.id || drop.mode !== mode) setDrop({ id: target.id, mode });
  };
  const onDrop = (e, target) => {
    const src = dragged.current;
    const many = draggedMany.current;
    const mode = dropMode(e, target);
    e.preventDefault();
    setDrop(null);
    dragged.current = null;
    draggedMany.current = null;
    if (many) {
      if (mode === 'into') moveCodes(pid, many, target.id).then((r) => r && clearSel());
      return;
    }
    if (!src || !mode) return;
    if (mode === 'into') moveCode(pid, src.id, target.id);
    else if (mode === 'merge') confirmMerge(pid, src, target);
    else {
      const parent = target.parent_id || '';
      const sibs = (parent ? tree.kids(parent) : tree.roots.filter((c) => c.level === target.level)).map((c) => c.id).filter((x) => x !== src.id);
      const at = sibs.indexOf(target.id) + (mode === 'after' ? 1 : 0);
      if ((src.parent_id || '') === parent) {
        sibs.splice(at, 0, src.id);
        reorderCodes(pid, parent, parent ? sibs : [...tree.roots.filter((c) => c.level !== target.level).map((c) => c.id), ...sibs]);
      } else moveCode(pid, src.id, parent, at);
    }
  };
  // canDropOnHeader reports whether what is dragged may be ungrouped by
  // dropping it on the header of its level.
  const canDropOnHeader = (level) => {
    const many = draggedMany.current, s = dragged.current;
    if (many) return many.every((c) => c.level === level) && canGroupAll(many, null);
    return !!(s && s.level === level && s.parent_id);
  };
  const onDropHeader = (e, level) => {
    const src = dragged.current;
    const many = draggedMany.current;
    const ok = canDropOnHeader(level);
    e.preventDefault();
    setDrop(null);
    dragged.current = null;
    draggedMany.current = null;
    if (!ok) return;
    if (many) moveCodes(pid, many, '').then((r) => r && clearSel());
    else moveCode(pid, src.id, '');
  };

  const addCode = (e) => {
    e.preventDefault();
    const name = newName.trim();
    if (!name) return;
    const id = createCode(pid, { name, level: newLevel });
    setNewName('');
    setFocusId(id);
  };

  const row = (r) => {
    if (r.header) {
      const active = drop && drop.id === 'header-' + r.header;
      return html`<li role="presentation" class=${'tree-header' + (active ? ' drop-root' : '')}
        onDragOver=${(e) => { if (canDropOnHeader(r.header)) { e.preventDefault(); if (!active) setDrop({ id: 'header-' + r.header, mode: 'root' }); } }}
        onDrop=${(e) => onDropHeader(e, r.header)}>
        <span>${r.label}</span>${r.empty ? html`<span class="muted"> — none</span>` : null}</li>`;
    }
    const c = r.code;
    const kids = tree.kids(c.id);
    const isOpen = kids.length > 0 && !collapsed.has(c.id);
    const d = drop && drop.id === c.id ? ' drop-' + drop.mode : '';
    const n = c.counts || { quotes: 0, documents: 0, cases: 0 };
    const picked = sel.has(c.id);
    return html`<li role="treeitem" class=${`tree-row level-${c.level}${c.id === selected ? ' current' : ''}${picked ? ' picked' : ''}${c.pending ? ' pending' : ''}${d}`}
        data-id=${c.id} id=${'code-' + c.id} aria-level=${r.depth + 1} aria-selected=${sel.size ? picked : c.id === selected}
        aria-expanded=${kids.length ? String(isOpen) : null} tabindex=${c.id === focus ? 0 : -1}
        style=${{ paddingLeft: 0.5 + r.depth * 1.1 + 'rem' }} draggable=${edit && renaming !== c.id}
        onKeyDown=${(e) => renaming !== c.id && onKeyDown(e, c)} onFocus=${() => setFocusId(c.id)}
        onMouseDown=${(e) => { if (e.shiftKey && edit) e.preventDefault(); }}
        onClick=${(e) => renaming !== c.id && onRowClick(e, c)}
        onDragStart=${(e) => {
          const many = picked && selCodes.length > 1 ? selCodes : null;
          dragged.current = c;
          draggedMany.current = many;
          e.dataTransfer.effectAllowed = 'move';
          e.dataTransfer.setData('text/plain', many ? many.map((x) => x.name).join('\n') : c.name);
        }}
        onDragEnd=${() => { dragged.current = null; draggedMany.current = null; setDrop(null); }}
        onDragOver=${(e) => onDragOver(e, c)} onDragLeave=${() => d && setDrop(null)} onDrop=${(e) => onDrop(e, c)}>
      <span class="twisty" aria-hidden="true" onClick=${(e) => { e.stopPropagation(); if (kids.length) toggle(c.id); }}>${kids.length ? (isOpen ? '▾' : '▸') : ''}</span>
      <span class="swatch" style=${{ background: c.color }} aria-hidden="true"></span>
      ${renaming === c.id
        ? html`<input class="rename" type="text" value=${c.name} aria-label=${'New name for ' + c.name}
            ref=${(el) => el && !el.dataset.init && (el.dataset.init = '1', el.focus(), el.select())}
            onKeyDownCapture=${(e) => { if (e.key === 'Enter' || e.key === 'Escape') e.currentTarget.dataset.done = '1'; }}
            onClick=${(e) => e.stopPropagation()}
            onKeyDown=${(e) => {
              e.stopPropagation();
              if (e.key === 'Enter') { const v = e.currentTarget.value.trim(); setRenaming(''); if (v && v !== c.name) updateCode(pid, c.id, { name: v }); focusRow(c.id); }
              else if (e.key === 'Escape') { setRenaming(''); focusRow(c.id); }
            }}
            onBlur=${(e) => {
              setRenaming('');
              // Enter and Escape have decided; leaving the field any other
              // way keeps the typed name, as Enter does.
              const v = e.currentTarget.value.trim();
              if (!e.currentTarget.dataset.done && v && v !== c.name) updateCode(pid, c.id, { name: v }, 'renaming a code');
            }} />`
        : html`<span class="code-name" title=${c.name}>${c.name}</span>`}
      ${c.level !== 'concept' ? html`<span class=${'lvl lvl-' + c.level} title=${levelLabel(c.level)}>${shortLevel(c.level)}</span>` : null}
      ${c.retired ? html`<span class="muted small" title="Retired: hidden from coding, kept with its quotes">retired</span>` : null}
      ${!compact && c.level !== 'concept' && facets.length ? html`<span class="facet-chips"><${FacetChips} pid=${pid} code=${c} facets=${facets} tree=${tree} edit=${edit} /></span>` : null}
      <span class="counts" title=${counts(n)}>
        ${compact ? n.quotes : `${n.quotes} · ${n.documents} · ${n.cases}`}</span>
      ${edit ? html`<button type="button" class="row-menu" tabindex="-1" aria-haspopup="menu" aria-label=${'Actions for ' + c.name}
        onClick=${(e) => { e.stopPropagation(); setMenu({ code: c, rect: e.currentTarget.getBoundingClientRect() }); }}>⋯</button>` : null}
    </li>`;
  };

  return html`<section class=${'codebook' + (compact ? ' compact' : '')} aria-label="Codebook">
    <div class="codebook-head">
      <h2 class="card-title">Codebook</h2>
      ${!compact ? html`<span class="muted counts-legend" title="quotes · documents · cases">quotes · docs · cases</span>` : null}
    </div>
    ${perms.team && perms.loaded && !edit ? html`<p class="readonly-note">${perms.canCode ? 'The codebook is locked by the project’s owner: apply its codes, but do not change them.' : 'You read the codebook; changing it needs the role coder or owner.'}</p>` : null}
    ${edit ? html`<form class="new-code" onSubmit=${addCode}>
      <input type="text" value=${newName} placeholder="New code…" aria-label="Name of a new code"
        onInput=${(e) => setNewName(e.currentTarget.value)} />
      <select value=${newLevel} onChange=${(e) => setNewLevel(e.currentTarget.value)} aria-label="Level of the new code">
        <option value="concept">Concept</option><option value="theme">Theme</option><option value="dimension">Dimension</option>
      </select>
      <button type="submit" class="btn btn-sm" disabled=${!newName.trim()}>Add</button>
    </form>` : null}
    ${codes.length > 8 ? html`<input class="tree-filter" type="search" value=${filter} placeholder="Filter codes…"
      aria-label="Filter the codebook" onInput=${(e) => setFilter(e.currentTarget.value)} />` : null}
    <ul class="tree" role="tree" aria-label="Codebook: dimensions, themes and concepts" aria-multiselectable=${edit ? 'true' : null} ref=${list}>
      ${rows.map(row)}
    </ul>
    ${edit && selCodes.length ? html`<${BulkBar} pid=${pid} codes=${selCodes} facets=${facets}
      onDone=${(r) => { if (r) { clearSel(); if (r.created) setFocusId(r.created.id); } }} onClear=${clearSel} />` : null}
    ${codes.length === 0 ? html`<p class="hint">No codes yet. Select text in a transcript and press <kbd>c</kbd>, or add one above.</p>` : null}
    ${edit ? html`<p class="hint tree-help">Drag a concept onto a theme to group it, a theme onto a dimension; drop onto a code of the same level to merge.
      Select several with <kbd>Ctrl</kbd>/<kbd>Shift</kbd>+click, or <kbd>Shift</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd> and <kbd>Space</kbd>, to change or drag them together.
      Keyboard: <kbd>m</kbd> move to…, <kbd>F2</kbd> rename, <kbd>Alt</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd> reorder.</p>` : null}
    ${menu ? html`<${CodeMenu} pid=${pid} code=${menu.code} rect=${menu.rect}
      onRename=${() => setRenaming(menu.code.id)}
      onClose=${() => { const id = menu.code.id; setMenu(null); focusRow(id); }} />` : null}
  </section>`;
}
