// The charts tab: code frequencies by case, a code x case heatmap, the
// coding progress of each document and saturation. Each chart is SVG
// drawn here, comes with its data as a table, and downloads as SVG or PNG.
import { html, useRef, useMemo, useId } from '../core/lib.js';
import { pp } from '../core/api.js';
import { useStore } from '../core/store.js';
import { proj } from '../project/state.js';
import { levelLabel } from '../project/codetree.js';
import { plural } from '../core/format.js';
import { useAnalysis, useProjectQuotes, LevelSelect, Segmented, setQuery, coverage } from './analysis-common.js';
import { ChartDownloads, fileName } from './chart-export.js';
import { FrequencyBars } from './chart-bars.js';
import { CaseHeatmap } from './chart-heatmap.js';
import { ProgressChart, progressRows } from './chart-progress.js';
import { SaturationChart, saturationText } from './chart-saturation.js';

/** ChartFrame holds one chart: heading, options, downloads, the drawing and its data table. */
function ChartFrame({ title, controls, svgRef, stamp, name, table, children, ready }) {
  const id = useId();
  return html`<section class="chart-card" aria-labelledby=${id}>
    <header class="chart-head">
      <h2 id=${id}>${title}</h2>
      <div class="row wrap">${controls}${ready ? html`<${ChartDownloads} svgRef=${svgRef} name=${name} stamp=${stamp} />` : null}</div>
    </header>
    <div class="chart-body">${children}</div>
    ${table ? html`<details class="chart-table"><summary>The data as a table</summary>${table}</details>` : null}
  </section>`;
}

/** MatrixTable is the data of a code x case chart. */
function MatrixTable({ m, caption }) {
  return html`<div class="table-wrap"><table class="matrix">
    <caption class="sr-only">${caption}</caption>
    <thead><tr><th scope="col">Code</th>${m.cols.map((c) => html`<th scope="col" class="num">${c.label}</th>`)}<th scope="col" class="num">Total</th></tr></thead>
    <tbody>${m.rows.map((r, i) => html`<tr><th scope="row">${r.name}</th>
      ${m.cells[i].map((c) => html`<td class="num">${c.value}</td>`)}<td class="num">${m.row_totals[i].value}</td></tr>`)}</tbody>
  </table></div>`;
}

// highest describes the largest cell of a count matrix.
function highest(m) {
  let best = null;
  m.rows.forEach((r, i) => m.cells[i].forEach((c, j) => {
    if (c.value > 0 && (!best || c.value > best.v)) best = { v: c.value, r: r.name, c: m.cols[j].label };
  }));
  return best ? ` The largest is ${best.r} in ${best.c} with ${plural(best.v, 'quote')}.` : ' No quotes yet.';
}

function FrequencyCard({ pid, query, project }) {
  const level = query.get('bars') || 'theme';
  const { data: m, error } = useAnalysis(pid, '/matrix', { level, columns: 'case', cell: 'count' });
  const ref = useRef(null);
  const uid = useId();
  const title = `Code frequencies by case: ${levelLabel(level, true)}`;
  const shown = m ? m.rows.filter((r, i) => m.row_totals[i].value > 0).length : 0;
  const desc = m ? `Grouped bar chart of the number of quotes of ${plural(shown, levelLabel(level))} in each of ${plural(m.cols.length, 'case')}, one bar per code in its colour.${highest(m)}` : '';
  return html`<${ChartFrame} title="Code frequencies by case" svgRef=${ref} ready=${!!m && shown > 0} stamp=${JSON.stringify(m)}
    name=${fileName(project.name, 'code frequencies', level)}
    controls=${html`<${LevelSelect} label="Codes" value=${level} onChange=${(v) => setQuery(query, { bars: v === 'theme' ? '' : v })} />`}
    table=${m && html`<${MatrixTable} m=${m} caption=${title} />`}>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    ${!m ? html`<p class="muted">Loading…</p>` : shown === 0 ? html`<p class="muted">No quotes are coded with ${levelLabel(level, true)} yet.</p>`
      : html`<${FrequencyBars} m=${m} title=${title} desc=${desc} svgRef=${ref} uid=${uid} />`}
  </${ChartFrame}>`;
}

function HeatmapCard({ pid, query, project }) {
  const level = query.get('heat') || 'theme';
  const { data: m, error } = useAnalysis(pid, '/matrix', { level, columns: 'case', cell: 'count' });
  const ref = useRef(null);
  const uid = useId();
  const title = `${levelLabel(level, true).replace(/^./, (x) => x.toUpperCase())} × cases`;
  const desc = m ? `Heatmap of ${plural(m.rows.length, levelLabel(level))} by ${plural(m.cols.length, 'case')}: each cell gives the number of quotes and is shaded in the code's colour, darker for more.${highest(m)}` : '';
  return html`<${ChartFrame} title="Code × case heatmap" svgRef=${ref} ready=${!!m && m.rows.length > 0} stamp=${JSON.stringify(m)}
    name=${fileName(project.name, 'heatmap', level)}
    controls=${html`<${LevelSelect} label="Rows" value=${level} onChange=${(v) => setQuery(query, { heat: v === 'theme' ? '' : v })} />`}
    table=${m && html`<${MatrixTable} m=${m} caption=${title} />`}>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    ${!m ? html`<p class="muted">Loading…</p>` : m.rows.length === 0 ? html`<p class="muted">No ${levelLabel(level, true)} yet.</p>`
      : html`<${CaseHeatmap} m=${m} title=${title} desc=${desc} svgRef=${ref} uid=${uid} />`}
  </${ChartFrame}>`;
}

function ProgressCard({ pid, project }) {
  const documents = useStore(proj, (s) => s.documents);
  const cases = useStore(proj, (s) => s.cases);
  const quotes = useProjectQuotes(pid);
  const ref = useRef(null);
  const uid = useId();
  const rows = useMemo(() => (quotes ? progressRows(documents, cases, coverage(quotes.list, documents)) : null), [quotes, documents, cases]);
  const docs = rows ? rows.filter((r) => r.kind === 'doc') : [];
  const coded = docs.filter((r) => r.quotes > 0).length;
  const title = 'Coding progress per document';
  const desc = `Bar chart of the share of each document's text covered by quotes, grouped by case: ${coded} of ${plural(docs.length, 'document')} have quotes.`;
  return html`<${ChartFrame} title=${title} svgRef=${ref} ready=${docs.length > 0} stamp=${JSON.stringify(rows)}
    name=${fileName(project.name, 'coding progress')}
    table=${rows && html`<div class="table-wrap"><table class="matrix">
      <caption class="sr-only">${title}</caption>
      <thead><tr><th scope="col">Document</th><th scope="col">Case</th><th scope="col" class="num">Coded</th><th scope="col" class="num">Quotes</th></tr></thead>
      <tbody>${docs.map((r) => html`<tr><th scope="row">${r.name}</th><td>${r.caseName}</td>
        <td class="num">${Math.round(r.share * 100)}%</td><td class="num">${r.quotes}</td></tr>`)}</tbody></table></div>`}>
    ${!rows ? html`<p class="muted">Loading…</p>` : !docs.length ? html`<p class="muted">No documents yet.</p>`
      : html`<${ProgressChart} rows=${rows} title=${title} desc=${desc} svgRef=${ref} uid=${uid} />`}
  </${ChartFrame}>`;
}

/** SaturationCard charts the new concepts per interview, overall or for one case. */
function SaturationCard({ pid, query, project }) {
  const order = query.get('sat_order') || 'coding';
  const win = Math.max(1, parseInt(query.get('sat_window') || '3', 10) || 3);
  const which = query.get('sat_case') || '';
  const { data: sat, error } = useAnalysis(pid, '/saturation', { order, window: win });
  const ref = useRef(null);
  const uid = useId();
  const curve = sat && (sat.cases.find((c) => c.case === which) || sat.overall);
  const title = curve && curve.case ? `Saturation: case ${curve.case}` : 'Saturation: all interviews';
  const desc = curve && curve.steps.length ? `Bars of the new first-order concepts each of ${plural(curve.steps.length, 'interview')} added, in ${order === 'date' ? 'interview-date' : 'coding'} order, with lines of the concepts (${curve.steps[curve.steps.length - 1].concepts}) and themes found so far. ${saturationText(curve, win)}` : '';
  const file = (f) => '/api/v1' + pp(pid, '/saturation') + `?order=${order}&window=${win}&format=${f}`;
  return html`<${ChartFrame} title="Saturation" svgRef=${ref} ready=${!!curve && curve.steps.length > 0} stamp=${JSON.stringify(curve)}
    name=${fileName(project.name, 'saturation', curve && curve.case)}
    controls=${html`
      <${Segmented} label="Order" value=${order} options=${[['coding', 'Coding order'], ['date', 'Interview date']]}
        onChange=${(v) => setQuery(query, { sat_order: v === 'coding' ? '' : v })} />
      <label class="inline-field">Saturated after
        <input type="number" min="1" max="20" value=${win} style="width: 4em"
          onChange=${(e) => setQuery(query, { sat_window: e.currentTarget.value === '3' ? '' : e.currentTarget.value })} /> interviews without new</label>
      <label class="inline-field">Interviews
        <select value=${curve && curve.case ? curve.case : ''} onChange=${(e) => setQuery(query, { sat_case: e.currentTarget.value })}>
          <option value="">All</option>
          ${sat ? sat.cases.map((c) => html`<option value=${c.case}>${c.case}</option>`) : null}
        </select></label>`}
    table=${curve && html`<div class="row wrap exports" role="group" aria-label="Export the saturation table">
        <span class="muted small">Export:</span>
        ${[['csv', 'CSV'], ['xlsx', 'Excel'], ['md', 'Markdown'], ['docx', 'Word']].map(([f, n]) => html`<a class="btn btn-sm" href=${file(f)} download>${n}</a>`)}
      </div>
      <div class="table-wrap"><table class="matrix">
      <caption class="sr-only">${title}</caption>
      <thead><tr><th scope="col" class="num">#</th><th scope="col">Interview</th><th scope="col">Case</th><th scope="col" class="num">New concepts</th>
        <th scope="col" class="num">New themes</th><th scope="col" class="num">Concepts so far</th><th scope="col" class="num">Themes so far</th></tr></thead>
      <tbody>${curve.steps.map((st) => html`<tr><td class="num">${st.position}</td><th scope="row">${st.title}</th><td>${st.case_name}</td>
        <td class="num" title=${st.new_concepts.join('; ')}>${st.new_concepts.length}</td><td class="num">${st.new_themes.length}</td>
        <td class="num">${st.concepts}</td><td class="num">${st.themes}</td></tr>`)}</tbody></table></div>`}>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    ${!sat ? html`<p class="muted">Loading…</p>` : !curve.steps.length ? html`<p class="muted">No interview has quotes yet.</p>`
      : html`<p class="muted small" data-saturation>${saturationText(curve, win)}</p>
        <${SaturationChart} curve=${curve} window=${win} title=${title} desc=${desc} svgRef=${ref} uid=${uid} />`}
  </${ChartFrame}>`;
}

/** ChartsView is the charts tab of the analysis screen. */
export function ChartsView({ pid, query }) {
  const project = useStore(proj, (s) => s.project);
  return html`<div class="analysis-tab charts">
    <${FrequencyCard} pid=${pid} query=${query} project=${project} />
    <${HeatmapCard} pid=${pid} query=${query} project=${project} />
    <${ProgressCard} pid=${pid} project=${project} />
    <${SaturationCard} pid=${pid} query=${query} project=${project} />
  </div>`;
}
