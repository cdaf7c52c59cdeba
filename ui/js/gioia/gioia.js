// The Gioia view: the project's data structure as the table papers print
// (1st-order concepts | 2nd-order themes | aggregate dimensions, then one
// column per facet), or as the figure, both fetched again whenever the
// codebook changes; and, below the table, the representative supporting
// data.
import { html, useState, useRef } from '../core/lib.js';
import { useData } from '../core/data.js';
import { useStore } from '../core/store.js';
import { get, pp } from '../core/api.js';
import { proj } from '../project/state.js';
import { link } from '../core/router.js';
import { PickBadge, CitedPick } from '../widgets/evidence.js';
import { SupportingPreview } from './supporting.js';
import { GioiaFigure } from './figure.js';

const viewKey = 'tessera.gioia.view';

const EXPORTS = [
  ['gioia-html', 'HTML'], ['gioia-docx', 'Word'], ['gioia-xlsx', 'Excel'], ['gioia-md', 'Markdown'],
  ['gioia-csv', 'CSV'], ['gioia-tex', 'LaTeX'], ['gioia-svg', 'Figure (SVG)'], ['gioia-png', 'Figure (PNG)'],
  ['gioia-pdf', 'Figure (PDF, A4 pages)'], ['gioia-pptx', 'Figure (PowerPoint)'],
];

function Cell({ pid, code, span }) {
  if (!code) return html`<td class="empty" rowspan=${span || 1}></td>`;
  return html`<td rowspan=${span || 1}><span class="swatch" style=${{ background: code.color }} aria-hidden="true"></span>
    <a href=${link(pid, 'codes', code.id)}>${code.name}</a></td>`;
}

/** GioiaPage shows the live Gioia table with its options and exports. */
export function GioiaPage({ pid }) {
  const facets = useStore(proj, (s) => s.facets);
  const [opts, setOpts] = useState({ counts: true, quotes: false, sections: '' });
  const [support, setSupport] = useState({ show: false, level: '', mode: 'both' });
  const [view, setView] = useState(() => localStorage.getItem(viewKey) || 'table');
  const show = (v) => { localStorage.setItem(viewKey, v); setView(v); };
  const first = useRef(true);
  const { data: rows, error } = useData(
    () => get(pp(pid, '/gioia'), { counts: opts.counts ? 'true' : '', quotes: opts.quotes ? 'true' : '', sections: opts.sections }),
    [pid, opts.counts, opts.quotes, opts.sections],
    { on: ['code', 'quote', 'facet', 'case', 'document'], delay: first.current ? 0 : 120 });
  first.current = false;

  const q = new URLSearchParams();
  if (opts.counts) q.set('counts', 'true');
  if (opts.quotes) q.set('quotes', 'true');
  if (opts.sections) q.set('sections', opts.sections);
  const qs = q.toString() ? '?' + q : '';
  const facetNames = rows && rows.length ? rows[0].facets.map((f) => f.facet) : facets.map((f) => f.name);
  let lastSection = null;

  return html`<div class="page gioia-page">
    <header class="page-head">
      <h1>Gioia data structure</h1>
      <div class="segmented" role="group" aria-label="Show as">
        ${[['table', 'Table'], ['figure', 'Figure']].map(([v, label]) => html`<button type="button"
          aria-pressed=${view === v} onClick=${() => show(v)}>${label}</button>`)}
      </div>
      ${view === 'table' ? html`<div class="row wrap">
        <label class="toggle"><input type="checkbox" checked=${opts.counts} onChange=${(e) => setOpts({ ...opts, counts: e.currentTarget.checked })} /> Counts</label>
        <label class="toggle"><input type="checkbox" checked=${opts.quotes} onChange=${(e) => setOpts({ ...opts, quotes: e.currentTarget.checked })} /> Representative quotes</label>
        <label class="toggle"><input type="checkbox" name="supporting" checked=${support.show} onChange=${(e) => setSupport({ ...support, show: e.currentTarget.checked })} /> Supporting data</label>
        ${facets.length ? html`<label class="inline-field">Sections by
          <select value=${opts.sections} onChange=${(e) => setOpts({ ...opts, sections: e.currentTarget.value })}>
            <option value="">none</option>${facets.map((f) => html`<option value=${f.name}>${f.name}</option>`)}
          </select></label>` : null}
      </div>` : null}
    </header>
    <div class="row wrap exports" aria-label="Export">
      <span class="muted">Export:</span>
      ${EXPORTS.map(([f, label]) => html`<a class="btn btn-sm" href=${'/api/v1' + pp(pid, '/export/' + f) + qs} download>${label}</a>`)}
    </div>
    ${view === 'figure' ? html`<${GioiaFigure} pid=${pid} />` : null}
    ${view === 'figure' ? null : error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    ${view === 'figure' ? null : !rows ? html`<p class="muted">Loading…</p>` : rows.length === 0
      ? html`<div class="empty-state"><p>No codes yet. Code quotes with first-order concepts, then group them under second-order themes and aggregate dimensions in the <a href=${link(pid, 'codes')}>codebook</a>.</p></div>`
      : html`<table class="gioia" aria-label="Gioia data structure">
        <thead><tr><th scope="col">1st-order concepts</th><th scope="col">2nd-order themes</th><th scope="col">Aggregate dimensions</th>
          ${facetNames.map((f) => html`<th scope="col">${f}</th>`)}
          ${opts.counts ? html`<th scope="col" class="num" title="quotes · documents · cases">Quotes · docs · cases</th>` : null}
          ${opts.quotes ? html`<th scope="col">Representative quote</th>` : null}</tr></thead>
        <tbody>${rows.map((r) => {
          const section = opts.sections && r.section !== lastSection
            ? html`<tr class="section-row"><th colspan=${3 + facetNames.length + (opts.counts ? 1 : 0) + (opts.quotes ? 1 : 0)} scope="rowgroup">${r.section || 'No value'}</th></tr>` : null;
          lastSection = r.section;
          return html`${section}<tr>
            <${Cell} pid=${pid} code=${r.concept} />
            ${r.theme_span > 0 || !r.theme ? html`<${Cell} pid=${pid} code=${r.theme} span=${r.theme_span} />` : null}
            ${r.dimension_span > 0 || !r.dimension ? html`<${Cell} pid=${pid} code=${r.dimension} span=${r.dimension_span} />` : null}
            ${r.facets.map((f) => html`<td class=${f.inherited ? 'inherited' : ''}>${f.value}</td>`)}
            ${opts.counts ? html`<td class="num">${r.counts ? `${r.counts.quotes} · ${r.counts.documents} · ${r.counts.cases}` : ''}</td>` : null}
            ${opts.quotes ? html`<td class="rep-quote">${r.quote ? html`“${r.quote.text}” <span class="muted">(${[r.quote.informant, r.quote.role, r.quote.case || r.quote.document].filter(Boolean).join(', ')})</span>
              <${PickBadge} kind=${r.quote.kind} /> <${CitedPick} pid=${pid} quote=${r.quote} label=${(r.concept || r.theme || {}).name || ''} />` : ''}</td>` : null}
          </tr>`;
        })}</tbody>
      </table>`}
    ${view === 'table' && support.show ? html`<${SupportingPreview} pid=${pid} opts=${{ ...support, sections: opts.sections }} setOpts=${setSupport} />` : null}
  </div>`;
}
