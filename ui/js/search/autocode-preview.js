// The preview of auto-coding: the hits a run would code, each ticked, so
// the user can untick some before coding the rest in one change.
import { html, useState } from '../core/lib.js';
import { get, pp } from '../core/api.js';
import { openDialog } from '../widgets/dialog.js';

// The search route answers at most this many hits a request; auto-coding
// takes at most maxHits.
const pageSize = 1000;
const maxHits = 10000;

/** allHits loads every turn hit of a search, page by page. */
export async function allHits(pid, q, filters) {
  const out = [];
  for (let offset = 0; offset < maxHits; offset += pageSize) {
    const res = await get(pp(pid, '/search'), { q, kind: 'turn', sort: 'document', offset, limit: pageSize, ...filters });
    out.push(...res.hits);
    if (out.length >= res.total || res.hits.length === 0) break;
  }
  return out;
}

/**
 * previewHits shows hits with a tick each (their lines in context as
 * kwicLines gives them) and resolves with the IDs of those still ticked
 * when the user codes them, or null when cancelled.
 */
export function previewHits(hits, code, kwicLines) {
  return openDialog(`Code with “${code.name}”`, (close) => html`<${Preview} hits=${hits} kwicLines=${kwicLines} close=${close} />`, { wide: true })
    .then((ids) => ids || null);
}

function Preview({ hits, kwicLines, close }) {
  const [off, setOff] = useState(() => new Set());
  const n = hits.length - off.size;
  const toggle = (id, on) => {
    const next = new Set(off);
    if (on) next.delete(id); else next.add(id);
    setOff(next);
  };
  return html`<form class="autocode-preview" onSubmit=${(e) => { e.preventDefault(); if (n) close(hits.filter((h) => !off.has(h.id)).map((h) => h.id)); }}>
    <p class="muted small">Untick the hits that should not get the code.</p>
    <div class="row">
      <button type="button" class="btn btn-sm" onClick=${() => setOff(new Set())}>Tick all</button>
      <button type="button" class="btn btn-sm" onClick=${() => setOff(new Set(hits.map((h) => h.id)))}>Untick all</button>
    </div>
    <ol class="preview-hits">${hits.map((h) => html`<li class="preview-hit">
      <label><input type="checkbox" checked=${!off.has(h.id)} onChange=${(e) => toggle(h.id, e.currentTarget.checked)}
        aria-label=${`Code the hit in ${h.document_title || ''}, ${h.speaker || ''}`} />
        <span class="hit-meta"><strong>${h.document_title}</strong> ${[h.case_name, h.speaker].filter(Boolean).join(' · ')}</span></label>
      ${kwicLines(h.kwic).map((l) => html`<p class="kwic-line"><span class="ctx">${l.left}</span><mark>${l.match}</mark><span class="ctx">${l.right}</span></p>`)}
    </li>`)}</ol>
    <div class="dialog-actions">
      <button type="button" class="btn" onClick=${() => close(null)}>Cancel</button>
      <button type="submit" class="btn btn-primary" data-autofocus disabled=${!n}>Code ${n} hit${n === 1 ? '' : 's'}</button>
    </div></form>`;
}
