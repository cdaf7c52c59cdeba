// The cross-case matrix: codes of one level as rows; cases, values of a
// case or informant attribute, documents, speakers or informants as columns; cells counting quotes,
// marking presence, giving the share of coded text, or listing the quotes
// (a framework matrix). Totals row and column; a cell opens its quotes.
// A numeric case attribute gives its values in order, or bins of them.
import { html, useState, useEffect } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { proj } from '../project/state.js';
import { get, pp } from '../core/api.js';
import { useData } from '../core/data.js';
import { link } from '../core/router.js';
import { tint } from '../core/colors.js';
import { plural } from '../core/format.js';
import { levelLabel } from '../project/codetree.js';
import {
  useAnalysis, useProjectQuotes, ExportLinks, Segmented, LevelSelect, SetSelect, setQuery, attributeNames,
} from './analysis-common.js';
import { QuotePanel } from './analysis-quotes.js';

const CELLS = [['count', 'Count'], ['presence', 'Presence'], ['share', 'Share of text'], ['quotes', 'Quotes']];
const TOTAL = '#total';

/** matrixOptions reads the matrix options from the URL query. */
function matrixOptions(query) {
  return {
    level: query.get('level') || 'theme',
    columns: query.get('columns') || 'case',
    cell: query.get('cell') || 'count',
    facet_filter: query.get('filter') || '',
    bins: query.get('bins') || '',
    rows: query.get('rows') || '',
    set: query.get('set') || '',
  };
}

// numericValues returns the sorted distinct values of the case attribute
// name when it is a number attribute, else null.
function numericValues(cases, name) {
  const key = name.toLowerCase();
  const values = [];
  for (const c of cases) {
    for (const a of c.attributes || []) {
      if (a.name.toLowerCase() !== key) continue;
      if (a.type !== 'number') return null;
      values.push(Number(a.value));
    }
  }
  return values.length ? [...new Set(values)].sort((x, y) => x - y) : null;
}

// suggestedBins offers bins of about equal numbers of cases: for k groups,
// lower bounds at the values k-quantiles of the cases start at.
function suggestedBins(values) {
  const out = [];
  for (const [k, name] of [[2, 'halves'], [3, 'thirds'], [4, 'quarters']]) {
    const bounds = [];
    for (let i = 1; i < k; i++) {
      const v = values[Math.ceil((i * values.length) / k)];
      if (v !== undefined && (!bounds.length || v > bounds[bounds.length - 1]) && v > values[0]) bounds.push(v);
    }
    const s = bounds.join(',');
    if (bounds.length === k - 1 && !out.some((o) => o[0] === s)) out.push([s, `${k} ${name}: ${[`under ${bounds[0]}`, ...bounds.slice(1).map((b, i) => `${bounds[i]}–${b}`), `${bounds[bounds.length - 1]}+`].join(' · ')}`]);
  }
  return out;
}

/** BinsControl offers the columns of a numeric attribute as they are or in bins. */
function BinsControl({ query, values, bins }) {
  const suggested = suggestedBins(values);
  const custom = bins && !suggested.some(([s]) => s === bins);
  const [text, setText] = useState(bins);
  const [mine, setMine] = useState(custom);
  useEffect(() => setText(bins), [bins]);
  const apply = () => { const v = text.split(/[,;\s]+/).filter(Boolean).join(','); if (v !== bins) setQuery(query, { bins: v }); };
  return html`<label class="inline-field">Bins
      <select value=${custom || mine ? 'custom' : bins} onChange=${(e) => {
        const v = e.currentTarget.value;
        setMine(v === 'custom');
        if (v === 'custom') setText(bins || String(values[Math.floor(values.length / 2)])); else setQuery(query, { bins: v });
      }}>
        <option value="">each value (${values.length})</option>
        ${suggested.map(([s, label]) => html`<option value=${s}>${label}</option>`)}
        <option value="custom">bounds of my own…</option>
      </select></label>
    ${custom || mine ? html`<label class="inline-field">Lower bounds
      <input type="text" class="bins-input" value=${text} placeholder="e.g. 50, 250"
        title="Lower bounds of the bins, rising, separated by commas; Enter applies"
        onInput=${(e) => setText(e.currentTarget.value)} onBlur=${apply} onKeyDown=${(e) => { if (e.key === 'Enter') apply(); }} /></label>` : null}`;
}

// cellText is what a cell says; presence totals count the present cells.
function cellText(kind, v, total) {
  if (kind === 'presence') return total ? String(v) : v ? '●' : '';
  if (kind === 'share') return v ? (v * 100).toFixed(1) + '%' : '0%';
  return String(v);
}

// cellSpoken is what a screen reader says of a cell.
function cellSpoken(kind, cell, total) {
  if (kind === 'presence' && total) return `present in ${cell.value}, ${plural(cell.quote_ids.length, 'quote')}`;
  if (kind === 'presence') return cell.value ? `present, ${plural(cell.quote_ids.length, 'quote')}` : 'absent';
  if (kind === 'share') return `${(cell.value * 100).toFixed(1)} percent of the coded text, ${plural(cell.quote_ids.length, 'quote')}`;
  return plural(cell.quote_ids.length, 'quote');
}

function columnKindLabel(columns) {
  if (columns.startsWith('attr:')) return columns.slice(5);
  if (columns.startsWith('iattr:')) return columns.slice(6);
  return { case: 'Case', document: 'Document', speaker: 'Speaker', informant: 'Informant', set: 'Set' }[columns] || columns;
}

/** Cell is one matrix cell: a button when quotes lie behind it. */
/** citation says who said a quote of a framework cell: "I-03, CEO, Birch AB". */
function citation(a) {
  return a ? [a.informant, a.role, a.case || a.document].filter(Boolean).join(', ') : '';
}

function Cell({ kind, cell, color, max, label, selected, onOpen, quotes, cited, total }) {
  const n = cell.quote_ids.length;
  const style = !total && n && (kind === 'count' || kind === 'share') && max > 0
    ? { background: tint(color, 0.08 + 0.42 * (cell.value / max)) } : null;
  if (!n) {
    return html`<td class=${'mcell empty' + (total ? ' total' : '')}>${kind === 'presence' && !total
      ? html`<span class="sr-only">absent</span>` : cellText(kind, 0, total)}</td>`;
  }
  const open = html`<button type="button" class="mcell-btn" aria-pressed=${selected} aria-label=${label + ': ' + cellSpoken(kind, cell, total)}
    onClick=${(e) => onOpen(e.currentTarget)}>${kind === 'quotes' ? plural(n, 'quote') : cellText(kind, cell.value, total)}</button>`;
  if (kind !== 'quotes' || total) {
    return html`<td class=${'mcell' + (total ? ' total' : '') + (selected ? ' selected' : '')} style=${style}>
      ${kind === 'presence' && !total ? html`<span class="presence" style=${{ color }}>${open}</span>` : open}</td>`;
  }
  return html`<td class=${'mcell framework' + (selected ? ' selected' : '')}>
    ${open}
    <ul class="mcell-quotes" tabindex="0" aria-label=${label + ': quotes'}>
      ${cell.quote_ids.map((id) => quotes && quotes.byId.get(id)).filter(Boolean).map((q) => html`<li key=${q.id}
        style=${{ borderLeftColor: color }}>${q.excerpt || q.text}${citation(cited && cited[q.id])
          ? html` <span class="attribution">(${citation(cited[q.id])})</span>` : null}</li>`)}
    </ul></td>`;
}

/** MatrixView is the matrix tab of the analysis screen. */
export function MatrixView({ pid, query }) {
  const facets = useStore(proj, (s) => s.facets);
  const cases = useStore(proj, (s) => s.cases);
  const codes = useStore(proj, (s) => s.codes);
  const sets = useStore(proj, (s) => s.sets);
  const codeSets = sets.filter((s) => (s.code_ids || []).length);
  const opts = matrixOptions(query);
  const { data: m, error, loading } = useAnalysis(pid, '/matrix', opts);
  const quotes = useProjectQuotes(pid);
  const [sel, setSel] = useState(null); // {row: code ID or TOTAL, col: column key or TOTAL}
  const [opener, setOpener] = useState(null);
  const attrs = attributeNames(cases);
  const { data: informants } = useData(() => get(pp(pid, '/informants')), [pid], { on: ['informant'] });
  const iattrs = attributeNames(informants || []);
  const values = opts.columns.startsWith('attr:') ? numericValues(cases, opts.columns.slice(5)) : null;

  useEffect(() => setSel(null), [opts.level, opts.columns, opts.facet_filter, opts.bins, opts.rows, opts.set]);
  const close = () => {
    setSel(null);
    if (opener && opener.isConnected) opener.focus();
  };

  // The selected cell, found again in the current answer.
  let panel = null;
  if (sel && m && m.cols) {
    const r = sel.row === TOTAL ? -1 : m.rows.findIndex((x) => x.id === sel.row);
    const c = sel.col === TOTAL ? -1 : m.cols.findIndex((x) => x.key === sel.col);
    if ((r >= 0 || sel.row === TOTAL) && (c >= 0 || sel.col === TOTAL)) {
      const cell = r < 0 ? (c < 0 ? m.total : m.col_totals[c]) : (c < 0 ? m.row_totals[r] : m.cells[r][c]);
      const row = r >= 0 ? m.rows[r] : null;
      panel = { cell, row, title: `${row ? row.name : 'All ' + levelLabel(m.level, true)} × ${c >= 0 ? m.cols[c].label : 'all ' + columnKindLabel(m.columns).toLowerCase() + 's'}` };
    }
  }

  const maxValue = m && m.cells ? Math.max(0, ...m.cells.flat().map((c) => c.value)) : 0;
  const open = (row, col) => (el) => { setOpener(el); setSel({ row, col }); };
  const codeColor = (id) => (codes.find((c) => c.id === id) || {}).color || '#999999';
  const kind = m ? m.cell : opts.cell;

  return html`<div class="analysis-tab">
    <div class="analysis-controls row wrap">
      <${LevelSelect} label="Rows" value=${opts.level} onChange=${(v) => setQuery(query, { level: v === 'theme' ? '' : v, rows: '' })} />
      ${codeSets.length ? html`<label class="inline-field">Code set as rows
        <select class="matrix-rows" value=${opts.rows} onChange=${(e) => setQuery(query, { rows: e.currentTarget.value })}>
          <option value="">none</option>
          ${codeSets.map((s) => html`<option value=${'set:' + s.name}>${s.name}</option>`)}</select></label>` : null}
      <${SetSelect} sets=${sets} value=${opts.set} onChange=${(v) => setQuery(query, { set: v })} />
      ${facets.length ? html`<label class="inline-field">Only
        <select value=${opts.facet_filter} onChange=${(e) => setQuery(query, { filter: e.currentTarget.value })}>
          <option value="">all codes</option>
          ${facets.map((f) => html`<optgroup label=${f.name}>${f.values.map((v) => html`<option value=${f.name + '=' + v}>${f.name}: ${v}</option>`)}</optgroup>`)}
        </select></label>` : null}
      <label class="inline-field">Columns
        <select class="matrix-columns" value=${opts.columns} onChange=${(e) => setQuery(query, { columns: e.currentTarget.value === 'case' ? '' : e.currentTarget.value, bins: '' })}>
          <option value="case">Cases</option><option value="document">Documents</option><option value="speaker">Speakers</option>
          <option value="informant">Informants</option>
          ${sets.some((s) => (s.document_ids || []).length) ? html`<option value="set">Sets of documents</option>` : null}
          ${attrs.length ? html`<optgroup label="Case attribute">${attrs.map((a) => html`<option value=${'attr:' + a}>${a}</option>`)}</optgroup>` : null}
          ${iattrs.length ? html`<optgroup label="Informant attribute">${iattrs.map((a) => html`<option value=${'iattr:' + a}>${a}</option>`)}</optgroup>` : null}
        </select></label>
      ${values ? html`<${BinsControl} query=${query} values=${values} bins=${opts.bins} />` : null}
      <${Segmented} label="Cells" value=${opts.cell} options=${CELLS} onChange=${(v) => setQuery(query, { cell: v === 'count' ? '' : v })} />
    </div>
    <${ExportLinks} pid=${pid} family="matrix" params=${opts} label="Export the matrix" />
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    ${!m ? html`<p class="muted">Loading…</p>` : m.rows.length === 0
      ? html`<div class="empty-state"><p>No ${levelLabel(m.level, true)}${m.filter ? ` with ${m.filter.replace('=', ': ')}` : ''} yet. Group codes in the <a href=${link(pid, 'codes')}>codebook</a>, or choose another level.</p></div>`
      : html`<div class=${'analysis-split' + (panel ? ' with-panel' : '')}>
        <div class=${'table-wrap matrix-wrap' + (loading ? ' stale' : '')}>
          <table class=${'matrix cells-' + kind}>
            <caption class="sr-only">${levelLabel(m.level, true)} by ${columnKindLabel(m.columns).toLowerCase()}: ${CELLS.find((c) => c[0] === kind)[1].toLowerCase()}${m.filter ? ', ' + m.filter : ''}</caption>
            <thead><tr>
              <th scope="col" class="mcode">${levelLabel(m.level).replace(/^./, (x) => x.toUpperCase())}</th>
              ${m.cols.map((c) => html`<th scope="col" class="mcol" title=${c.label}>${c.label}</th>`)}
              <th scope="col" class="mcol total">Total</th>
            </tr></thead>
            <tbody>${m.rows.map((row, r) => {
              const color = row.color || codeColor(row.id);
              return html`<tr key=${row.id}>
                <th scope="row" class="mcode"><span class="swatch" style=${{ background: color }} aria-hidden="true"></span>
                  <a href=${link(pid, 'codes', row.id)}>${row.name}</a></th>
                ${m.cols.map((col, c) => html`<${Cell} kind=${kind} cell=${m.cells[r][c]} color=${color} max=${maxValue} quotes=${quotes} cited=${m.attributions}
                  label=${row.name + ' × ' + col.label} selected=${!!sel && sel.row === row.id && sel.col === col.key} onOpen=${open(row.id, col.key)} />`)}
                <${Cell} kind=${kind} cell=${m.row_totals[r]} color=${color} total label=${row.name + ', total'}
                  selected=${!!sel && sel.row === row.id && sel.col === TOTAL} onOpen=${open(row.id, TOTAL)} />
              </tr>`;
            })}</tbody>
            <tfoot><tr>
              <th scope="row" class="mcode">Total</th>
              ${m.cols.map((col, c) => html`<${Cell} kind=${kind} cell=${m.col_totals[c]} total label=${col.label + ', total'}
                selected=${!!sel && sel.row === TOTAL && sel.col === col.key} onOpen=${open(TOTAL, col.key)} />`)}
              <${Cell} kind=${kind} cell=${m.total} total label="Grand total"
                selected=${!!sel && sel.row === TOTAL && sel.col === TOTAL} onOpen=${open(TOTAL, TOTAL)} />
            </tr></tfoot>
          </table>
          <p class="hint">${kind === 'share' ? 'Share: the part of the column’s coded text that the row’s quotes cover. ' : ''}${kind === 'presence' ? 'Totals count the cells where the code is present. ' : ''}Totals count each quote once. Choose a cell to read its quotes.</p>
        </div>
        ${panel ? html`<${QuotePanel} pid=${pid} title=${panel.title}
          groups=${[{ key: 'all', label: '', quoteIds: panel.cell.quote_ids }]} quotes=${quotes}
          code=${panel.row ? { color: panel.row.color } : null} onClose=${close} />` : null}
      </div>`}
  </div>`;
}
