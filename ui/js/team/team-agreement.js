// The agreement report: per code and for all codes pooled, at character
// level (every character a unit) and at segment level (coded passages
// matched by overlap): percent agreement, Cohen's kappa and Krippendorff's
// alpha, with the table as CSV, Excel or Markdown.
import { html } from '../core/lib.js';
import { useData } from '../core/data.js';
import { get, pp } from '../core/api.js';

const EXPORTS = [['csv', 'CSV'], ['xlsx', 'Excel'], ['md', 'Markdown']];
const NA = html`<span class="muted" title="Not defined for these data (nothing to compare, or no variation)">n/a</span>`;

/** percent renders a percentage such as 87.5 %; null as n/a. */
export const percent = (v) => (v === null || v === undefined ? NA : v.toFixed(1) + ' %');
/** coefficient renders kappa or alpha with three decimals; null as n/a. */
export const coefficient = (v) => (v === null || v === undefined ? NA : v.toFixed(3));

/** exportURL is the download address of the agreement table in format. */
export function exportURL(pid, format, params) {
  const q = new URLSearchParams({ format });
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return '/api/v1' + pp(pid, '/agreement/export') + '?' + q.toString();
}

function Row({ name, c, s, coders, pooled }) {
  const tip = (l) => coders.map((who, i) => `${who}: ${l.coded ? l.coded[i] : 0}`).join(', ');
  const Cell = pooled ? 'th' : 'td';
  return html`<tr class=${pooled ? 'pooled' : ''}>
    <th scope="row" class="agr-code">${name}</th>
    <${Cell} class="num" title=${'Characters coded: ' + tip(c)}>${percent(c.percent_agreement)}</${Cell}>
    <${Cell} class="num">${coefficient(c.kappa)}</${Cell}>
    <${Cell} class="num">${coefficient(c.alpha)}</${Cell}>
    <${Cell} class="num sep">${percent(s.percent_agreement)}</${Cell}>
    <${Cell} class="num">${coefficient(s.kappa)}</${Cell}>
    <${Cell} class="num">${coefficient(s.alpha)}</${Cell}>
    <${Cell} class="num" title=${'Segments per coder: ' + tip(s)}>${s.matched_segments} / ${s.segments}</${Cell}>
  </tr>`;
}

/** AgreementReport fetches and shows the report for params (documents, coders, codes, min_overlap). */
export function AgreementReport({ pid, params }) {
  const key = new URLSearchParams(params).toString();
  const { data: rep, error, loading: busy } = useData(() => get(pp(pid, '/agreement'), params), [pid, key], { on: ['quote', 'code'] });

  if (error) return html`<p class="error-box" role="alert">${error.message}</p>`;
  if (!rep) return html`<p class="muted">Computing the agreement…</p>`;
  const names = rep.code_names || {};
  const seg = new Map(rep.segment.per_code.map((x) => [x.code_id, x]));
  const n = rep.documents.length;
  return html`<section class=${'agreement' + (busy ? ' team-stale' : '')} aria-label="Agreement report">
    <div class="row wrap agreement-head">
      <p class="muted">${rep.coders.join(', ')} on ${n} document${n === 1 ? '' : 's'} ·
        segments match when they overlap by ${Math.round(rep.min_overlap * 100)} % or more</p>
      <span class="spacer"></span>
      <span class="row exports">${EXPORTS.map(([f, label]) => html`<a class="btn btn-sm" href=${exportURL(pid, f, params)} download>${label}</a>`)}</span>
    </div>
    <div class="table-wrap"><table class="agreement-table">
      <thead>
        <tr><th rowspan="2" scope="col">Code</th>
          <th colspan="3" scope="colgroup">Character level</th>
          <th colspan="4" scope="colgroup" class="sep">Segment level</th></tr>
        <tr><th scope="col" class="num">Agreement</th><th scope="col" class="num">Kappa</th><th scope="col" class="num">Alpha</th>
          <th scope="col" class="num sep">Agreement</th><th scope="col" class="num">Kappa</th><th scope="col" class="num">Alpha</th>
          <th scope="col" class="num" title="Segments in a passage every coder coded, of all coded segments">Matched</th></tr>
      </thead>
      <tbody>${rep.character.per_code.map((c) => html`<${Row} key=${c.code_id} name=${names[c.code_id] || c.code_id} c=${c}
        s=${seg.get(c.code_id) || {}} coders=${rep.coders} />`)}</tbody>
      <tfoot><${Row} name="All codes (pooled)" c=${rep.character.pooled} s=${rep.segment.pooled} coders=${rep.coders} pooled=${true} /></tfoot>
    </table></div>
    ${rep.character.per_code.length === 0 ? html`<p class="muted">The chosen coders used no codes on these documents.</p>` : null}
    <p class="hint">Kappa is Cohen’s (two coders only); alpha is Krippendorff’s for nominal data. “n/a”: not defined for these data.
      Character level counts every character as a unit; segment level compares the coded passages.</p>
  </section>`;
}
