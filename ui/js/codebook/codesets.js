// Sets of codes in the codebook: which sets a code is in (ticked on the
// code's page), the list of code sets with a way to make and delete one,
// and the tiers of an imported code tree.
import { html, useState } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { post, pp } from '../core/api.js';
import { proj, refreshCodes } from '../project/state.js';
import { save } from '../core/saving.js';
import { createSet, addToSet, removeFromSet, deleteSet, askRename } from '../project/sets.js';
import { confirmDialog, openDialog } from '../widgets/dialog.js';
import { link } from '../core/router.js';
import { plural } from '../core/format.js';

/** CodeSetsOf ticks the sets the code is in; a tick adds or takes it out. */
export function CodeSetsOf({ pid, code, canEdit }) {
  const sets = useStore(proj, (s) => s.sets);
  if (!sets.length) return null;
  const toggle = (s, on) => (on ? addToSet(pid, s, { codeIds: [code.id] }) : removeFromSet(pid, s, { codeIds: [code.id] })).catch(() => {});
  return html`<fieldset class="code-set-edit" aria-label="Sets of this code" disabled=${!canEdit}>
    <legend>Sets</legend>
    ${sets.map((s) => html`<label class="check"><input type="checkbox" checked=${(s.code_ids || []).includes(code.id)}
      onChange=${(e) => toggle(s, e.currentTarget.checked)} /> ${s.name}</label>`)}
  </fieldset>`;
}

/** CodeSets lists the sets that hold codes and makes new ones. */
export function CodeSets({ pid }) {
  const sets = useStore(proj, (s) => s.sets);
  const codes = useStore(proj, (s) => s.codes);
  const [name, setName] = useState('');
  const codeSets = sets.filter((s) => (s.code_ids || []).length || !(s.document_ids || []).length);
  const add = (e) => {
    e.preventDefault();
    if (!name.trim()) return;
    createSet(pid, name.trim()).then(() => setName(''), () => {});
  };
  const remove = async (s) => {
    const ok = await confirmDialog({ title: 'Delete set', message: `Delete the set “${s.name}”? Its codes stay in the codebook.`, confirm: 'Delete', danger: true });
    if (ok) deleteSet(pid, s).catch(() => {});
  };
  const names = (s) => (s.code_ids || []).map((id) => (codes.find((c) => c.id === id) || {}).name).filter(Boolean);
  return html`<section class="card code-sets" aria-label="Code sets">
    <h2 class="card-title">Code sets</h2>
    <p class="hint">Group codes across the tree (e.g. “Negative emotions”); tick a code’s sets on its page. Sets filter search and analysis and are matrix rows.</p>
    <ul class="set-list">${codeSets.map((s) => html`<li class="set-row" data-set=${s.name}>
      <span class="set-name">${s.name}</span> <span class="muted small" title=${names(s).join(', ')}>${plural(names(s).length, 'code')}</span>
      <a class="btn btn-sm" href=${link(pid, 'analysis', 'matrix') + '?' + new URLSearchParams({ rows: 'set:' + s.name })}>Matrix</a>
      <button type="button" class="btn-icon" aria-label=${'Rename the set ' + s.name} title="Rename" onClick=${() => askRename(pid, s)}>✎</button>
      <button type="button" class="btn-icon" aria-label=${'Delete the set ' + s.name} title="Delete" onClick=${() => remove(s)}>×</button></li>`)}</ul>
    <form class="facet-new" onSubmit=${add}>
      <input type="text" value=${name} placeholder="Set name" aria-label="New code set name" onInput=${(e) => setName(e.currentTarget.value)} />
      <button type="submit" class="btn btn-sm" disabled=${!name.trim()}>Add set</button>
    </form>
    <button type="button" class="btn btn-sm" onClick=${() => tiersDialog(pid, codes)}>Tiers of an imported tree…</button>
  </section>`;
}

// depths returns, for each depth of the code tree (1 = top), a few names
// found there.
function depths(codes) {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const depthOf = (c) => { let d = 1; for (let p = byId.get(c.parent_id); p; p = byId.get(p.parent_id)) d++; return d; };
  const out = [];
  for (const c of codes) {
    const d = depthOf(c);
    while (out.length < d) out.push([]);
    out[d - 1].push(c.name);
  }
  return out;
}

function TiersBody({ pid, codes, close }) {
  const levels = depths(codes);
  const [dims, setDims] = useState(levels.length > 2 ? 1 : 0);
  const [themes, setThemes] = useState(Math.min(levels.length, (levels.length > 2 ? 1 : 0) + 1));
  const [error, setError] = useState('');
  const apply = (e) => {
    e.preventDefault();
    setError('');
    save('Set the tiers of the code tree', () => post(pp(pid, '/codes/tiers'), { dimensions: dims, themes }))
      .then(() => { refreshCodes(); close(true); }, (err) => setError(err.message));
  };
  const depthOptions = (from) => levels.map((names, i) => i + 1).filter((d) => d >= from)
    .map((d) => html`<option value=${d}>depth ${d}: ${levels[d - 1].slice(0, 3).join(', ')}${levels[d - 1].length > 3 ? '…' : ''}</option>`);
  return html`<form class="tiers-form" onSubmit=${apply}>
    <p class="hint">The tree has ${plural(levels.length, 'level')}. Say down to which depth codes are aggregate dimensions and down to which they are second-order themes; every code below becomes a first-order concept (sub-concepts under concepts). One undo reverts it.</p>
    <label class="field"><span>Aggregate dimensions down to</span>
      <select class="tiers-dimensions" value=${dims} onChange=${(e) => setDims(+e.currentTarget.value)}>
        <option value="0">none</option>${depthOptions(1)}</select></label>
    <label class="field"><span>Second-order themes down to</span>
      <select class="tiers-themes" value=${themes} onChange=${(e) => setThemes(+e.currentTarget.value)}>${depthOptions(dims + 1)}</select></label>
    ${error ? html`<p class="error-text" role="alert">${error}</p>` : null}
    <div class="dialog-actions">
      <button type="button" class="btn" onClick=${() => close(false)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${themes <= dims}>Apply</button>
    </div>
  </form>`;
}

/** tiersDialog asks which depths of the code tree are dimensions and themes, and applies it. */
export function tiersDialog(pid, codes) {
  return openDialog('Tiers of the code tree', (close) => html`<${TiersBody} pid=${pid} codes=${codes} close=${close} />`);
}
