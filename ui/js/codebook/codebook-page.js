// The codebook screen: the tree and facets on the left; the chosen code on
// the right with its definition, inclusion and exclusion notes, facet
// values, colour, and all its quotes.
import { html, useMemo, useState } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { proj, patchCode } from '../project/state.js';
import { patch, pp } from '../core/api.js';
import { useAutosave } from '../widgets/autosave.js';
import { draftKey } from '../core/drafts.js';
import { buildTree, levelLabel } from '../project/codetree.js';
import { updateCode, setFacet, setRetired } from '../project/codes.js';
import { CodebookPanel } from './codebook.js';
import { moveToDialog, mergeDialog, deleteDialog } from './codebook-actions.js';
import { MarkdownField } from '../widgets/mdeditor.js';
import { Facets } from './facets.js';
import { CodeSets, CodeSetsOf } from './codesets.js';
import { Retrieval } from './retrieval.js';
import { PALETTE } from '../core/colors.js';
import { link } from '../core/router.js';
import { counts } from '../core/format.js';
import { usePermissions } from '../project/access.js';
import { GioiaFigure } from '../gioia/figure.js';

const figureKey = 'tessera.codebook.figure';

// codeTexts are the fields of a code a person types.
const codeTexts = (c) => ({ name: c.name || '', definition: c.definition || '', inclusion: c.inclusion || '', exclusion: c.exclusion || '' });

function NameField({ auto, code }) {
  return html`<input class="code-title" type="text" aria-label="Code name" ...${auto.bind('name')}
    onKeyDown=${(e) => { if (e.key === 'Enter') e.currentTarget.blur(); if (e.key === 'Escape') auto.edit('name', code.name); }} />`;
}

function CodeDetail({ pid, code }) {
  const codes = useStore(proj, (s) => s.codes);
  const facets = useStore(proj, (s) => s.facets);
  const tree = useMemo(() => buildTree(codes), [codes]);
  // Viewers, and coders while the codebook is locked, read the code.
  const edit = usePermissions().canEditCodebook;
  const path = tree.path(code.id).slice(0, -1);
  const n = code.counts || { quotes: 0, documents: 0, cases: 0 };
  // The name and the notes save as they are typed.
  const auto = useAutosave({
    key: draftKey(pid, 'code', code.id),
    label: 'Save code “' + code.name + '”',
    what: 'Code “' + code.name + '”',
    entity: code,
    read: codeTexts,
    names: { name: 'Name', definition: 'Definition', inclusion: 'Inclusion', exclusion: 'Exclusion' },
    ready: (v) => !!v.name.trim() && !code.pending,
    send: (changed, all, version) => patch(pp(pid, '/codes/' + encodeURIComponent(code.id)),
      changed.name === undefined ? changed : { ...changed, name: changed.name.trim() }, undefined, { version }),
    onSaved: (c) => patchCode(c.id, c),
  });
  const field = (key, label, placeholder) => html`<${MarkdownField} label=${label} placeholder=${placeholder} ...${auto.bind(key)} />`;

  return html`<article class="code-detail" aria-label=${'Code ' + code.name}>
    <fieldset class="plain" disabled=${!edit}>
    <header class="code-detail-head">
      <span class="swatch big" style=${{ background: code.color }} aria-hidden="true"></span>
      <${NameField} auto=${auto} code=${code} />
    </header>
    ${auto.notice}
    <p class="code-path">
      <span class=${'lvl lvl-' + code.level}>${levelLabel(code.level)}</span>
      ${path.length ? html`<span>in ${path.join(' › ')}</span>` : code.level !== 'dimension' ? html`<span class="muted">ungrouped</span>` : null}
      <span>${counts(n)}</span>
      ${code.retired ? html`<span class="muted">retired: hidden from coding</span>` : null}
    </p>
    <div class="row wrap">
      ${code.level !== 'dimension' ? html`<button type="button" class="btn btn-sm" onClick=${() => moveToDialog(pid, code)}>Move to…</button>` : null}
      <button type="button" class="btn btn-sm" onClick=${() => mergeDialog(pid, code)}>Merge into…</button>
      ${code.level !== 'dimension' ? html`<button type="button" class="btn btn-sm" title=${code.retired ? 'Offer the code for coding again' : 'Hide the code from coding; its quotes keep it'}
        onClick=${() => setRetired(pid, code.id, !code.retired)}>${code.retired ? 'Bring back' : 'Retire'}</button>` : null}
      <label class="inline-field">Level
        <select value=${code.level} onChange=${(e) => updateCode(pid, code.id, { level: e.currentTarget.value })}>
          <option value="concept">First-order concept</option><option value="theme">Second-order theme</option>
          <option value="dimension">Aggregate dimension</option></select></label>
      <a class="btn btn-sm" href=${link(pid, 'memos') + '?target=code:' + code.id}>Memos</a>
      <button type="button" class="btn btn-sm btn-danger" onClick=${() => deleteDialog(pid, code)}>Delete…</button>
    </div>
    <div class="colors" role="group" aria-label="Colour">
      ${PALETTE.map((c) => html`<button type="button" class=${'color-dot' + (c === code.color ? ' current' : '')} style=${{ background: c }}
        aria-label=${'Colour ' + c} aria-pressed=${c === code.color} onClick=${() => updateCode(pid, code.id, { color: c })}></button>`)}
      <input type="color" value=${code.color} aria-label="Any colour"
        onChange=${(e) => updateCode(pid, code.id, { color: e.currentTarget.value })} />
    </div>
    ${facets.length ? html`<div class="facet-edit" role="group" aria-label="Facet values">
      ${facets.map((f) => {
        const [val, inherited] = tree.effectiveFacet(code.id, f.id);
        const own = (code.facets && code.facets[f.id]) || '';
        return html`<label class="inline-field">${f.name}
          <select value=${own} onChange=${(e) => setFacet(pid, code.id, f.id, e.currentTarget.value)}>
            <option value="">${inherited ? `— (inherits “${val}”)` : '—'}</option>
            ${f.values.map((v) => html`<option value=${v}>${v}</option>`)}
          </select></label>`;
      })}</div>` : null}
    <${CodeSetsOf} pid=${pid} code=${code} canEdit=${edit} />
    ${field('definition', 'Definition', 'What the code means, in Markdown')}
    ${field('inclusion', 'Inclusion', 'When to apply it')}
    ${field('exclusion', 'Exclusion', 'When not to')}
    </fieldset>
    <${Retrieval} pid=${pid} code=${code} />
  </article>`;
}

/** CodebookPage shows the codebook and, when cid is set, that code. */
export function CodebookPage({ pid, cid }) {
  const code = useStore(proj, (s) => s.codes.find((c) => c.id === cid));
  const edit = usePermissions().canEditCodebook;
  // The live Gioia figure beside the tree, for grouping codes.
  const [figure, setFigure] = useState(() => localStorage.getItem(figureKey) === '1');
  const toggle = (on) => { localStorage.setItem(figureKey, on ? '1' : ''); setFigure(on); };
  return html`<div class=${'codebook-page' + (figure ? ' with-figure' : '')}>
    <div class="codebook-col">
      <${CodebookPanel} pid=${pid} selected=${cid} />
      ${edit ? html`<${Facets} pid=${pid} />` : null}
      ${edit ? html`<${CodeSets} pid=${pid} />` : null}
    </div>
    <div class="detail-col">
      <label class="toggle figure-toggle"><input type="checkbox" checked=${figure}
        onChange=${(e) => toggle(e.currentTarget.checked)} /> Show the Gioia figure</label>
      ${figure ? html`<section class="card figure-card" aria-label="Gioia figure"><${GioiaFigure} pid=${pid} current=${cid} compact=${true} /></section>` : null}
      ${code ? html`<${CodeDetail} key=${code.id} pid=${pid} code=${code} />`
        : html`<div class="empty-state"><h2>Codebook</h2>
          <p>Choose a code to read its definition and all its quotes.</p>
          <p>Build the Gioia data structure by grouping first-order concepts under second-order themes, and themes under aggregate dimensions: drag them in the tree, or focus one and press <kbd>m</kbd>.</p>
          ${cid ? html`<p class="muted">The code you followed no longer exists (it may have been merged or deleted).</p>` : null}</div>`}
    </div>
  </div>`;
}
