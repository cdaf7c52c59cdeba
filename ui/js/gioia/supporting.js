// The supporting-data preview of the Gioia view: each theme (or concept)
// with the quotes a paper prints for it, each followed by who said it
// (informant, role, case), as the supporting-* exports print them; each
// quote can be chosen as power or proof quote, or taken back, from here.
import { html } from '../core/lib.js';
import { useData } from '../core/data.js';
import { get, pp } from '../core/api.js';
import { link } from '../core/router.js';
import { PickBadge, CitedPick } from '../widgets/evidence.js';

const EXPORTS = [
  ['supporting-docx', 'Word'], ['supporting-tex', 'LaTeX'], ['supporting-html', 'HTML'],
  ['supporting-md', 'Markdown'], ['supporting-xlsx', 'Excel'], ['supporting-csv', 'CSV'],
];

/** SupportingPreview shows the supporting-data table with opts {level, quotes, sections}. */
export function SupportingPreview({ pid, opts, setOpts }) {
  const params = { level: opts.level, quotes: opts.mode, sections: opts.sections };
  const { data: rows, error } = useData(() => get(pp(pid, '/supporting'), params),
    [pid, opts.level, opts.mode, opts.sections], { on: ['code', 'quote', 'facet', 'case', 'document', 'informant'] });
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  const qs = q.toString() ? '?' + q : '';
  const concepts = opts.level === 'concept';
  return html`<section class="supporting" aria-label="Supporting data">
    <div class="row wrap">
      <h2 class="section-title">Representative supporting data</h2>
      <label class="inline-field">Rows by
        <select value=${opts.level} onChange=${(e) => setOpts({ ...opts, level: e.currentTarget.value })}>
          <option value="">theme</option><option value="concept">concept</option></select></label>
      <label class="inline-field">Quotes
        <select value=${opts.mode} onChange=${(e) => setOpts({ ...opts, mode: e.currentTarget.value })}>
          <option value="both">chosen, else automatic</option><option value="chosen">chosen only</option><option value="auto">automatic only</option></select></label>
    </div>
    <div class="row wrap exports" aria-label="Export the supporting data">
      <span class="muted">Export:</span>
      ${EXPORTS.map(([f, label]) => html`<a class="btn btn-sm" href=${'/api/v1' + pp(pid, '/export/' + f) + qs} download>${label}</a>`)}
    </div>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    ${!rows ? html`<p class="muted">Loading…</p>` : html`<table class="gioia supporting-table" aria-label="Supporting data">
      <thead><tr><th scope="col">Aggregate dimensions</th><th scope="col">2nd-order themes</th>
        ${concepts ? html`<th scope="col">1st-order concepts</th>` : null}
        <th scope="col">Representative quotes</th></tr></thead>
      <tbody>${rows.map((r, i) => html`${opts.sections && (i === 0 || rows[i - 1].section !== r.section)
        ? html`<tr class="section-row"><th colspan=${concepts ? 4 : 3} scope="rowgroup">${r.section || 'No value'}</th></tr>` : null}<tr>
        ${r.dimension_span > 0 || !r.dimension ? html`<td rowspan=${r.dimension_span || 1}>${r.dimension ? r.dimension.name : ''}</td>` : null}
        ${r.theme_span > 0 || !r.theme ? html`<td rowspan=${r.theme_span || 1}>${r.theme ? r.theme.name : ''}</td>` : null}
        ${concepts ? html`<td>${r.concept ? html`<a href=${link(pid, 'codes', r.concept.id)}>${r.concept.name}</a>` : ''}</td>` : null}
        <td><ol class="cited-list">${r.quotes.length === 0 ? html`<li class="muted">No quote${opts.mode === 'chosen' ? ' chosen' : ''}</li>`
          : r.quotes.map((c) => html`<li class="cited" data-quote=${c.quote_id} data-kind=${c.kind}>
            <blockquote>“${c.text}”</blockquote>
            <span class="attribution">(${[c.informant, c.role, c.case || c.document].filter(Boolean).join(', ')})</span>
            <${PickBadge} kind=${c.kind} /> <${CitedPick} pid=${pid} quote=${c} label=${c.text.slice(0, 40)} /></li>`)}</ol></td>
      </tr>`)}</tbody></table>`}
  </section>`;
}
