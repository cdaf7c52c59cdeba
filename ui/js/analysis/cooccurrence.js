// Co-occurrence: which codes tag the same passage, turn or document, as a
// heatmap matrix and as a list of pairs; choosing a cell or a pair lists
// the passages, turns or documents and the quotes behind it.
import { html, useState, useEffect } from '../core/lib.js';
import { useData } from '../core/data.js';
import { useStore } from '../core/store.js';
import { get, pp } from '../core/api.js';
import { proj } from '../project/state.js';
import { link } from '../core/router.js';
import { tint } from '../core/colors.js';
import { plural } from '../core/format.js';
import { useAnalysis, useProjectQuotes, ANALYSIS_KINDS, ExportLinks, Segmented, LevelSelect, SetSelect, setQuery } from './analysis-common.js';
import { QuotePanel } from './analysis-quotes.js';

const UNITS = [['quote', 'Same passage'], ['turn', 'Same turn'], ['document', 'Same document']];
const UNIT_WORDS = { quote: ['passage', 'passages'], turn: ['turn', 'turns'], document: ['document', 'documents'] };
const HEAT = '#2c5f8d';

const units = (unit, n) => `${n} ${UNIT_WORDS[unit][n === 1 ? 0 : 1]}`;

// usePairUnits fetches the units behind the pair sel = {a, b}.
function usePairUnits(pid, sel, opts) {
  return useData(() => (sel ? get(pp(pid, '/cooccurrence/units'), { ...opts, a: sel.a, b: sel.b }) : null),
    [pid, sel && sel.a, sel && sel.b, opts.unit, opts.level, opts.set], { on: ANALYSIS_KINDS, keep: false });
}

/** CooccurrenceView is the co-occurrence tab of the analysis screen. */
export function CooccurrenceView({ pid, query }) {
  const documents = useStore(proj, (s) => s.documents);
  const cases = useStore(proj, (s) => s.cases);
  const sets = useStore(proj, (s) => s.sets);
  const opts = { unit: query.get('unit') || 'quote', level: query.get('level') || '', set: query.get('set') || '' };
  const { data: res, error, loading } = useAnalysis(pid, '/cooccurrence', opts);
  const quotes = useProjectQuotes(pid);
  const [sel, setSel] = useState(null); // {a, b} code IDs
  const [opener, setOpener] = useState(null);
  const pair = usePairUnits(pid, sel, opts);

  useEffect(() => setSel(null), [opts.unit, opts.level, opts.set]);
  const open = (a, b) => (e) => { setOpener(e.currentTarget); setSel({ a, b }); };
  const close = () => { setSel(null); if (opener && opener.isConnected) opener.focus(); };

  const codes = res ? res.codes : [];
  let max = 0;
  if (res) res.matrix.forEach((row, i) => row.forEach((n, j) => { if (i !== j) max = Math.max(max, n); }));
  const maxPair = res && res.pairs.length ? res.pairs[0].count : 0;

  // The panel groups the quotes by the unit they share.
  let panel = null;
  if (sel && res) {
    const A = codes.find((c) => c.id === sel.a), B = codes.find((c) => c.id === sel.b);
    const docOf = new Map(documents.map((d) => [d.id, d]));
    const caseName = (d) => d && (cases.find((c) => c.id === d.case_id) || {}).name;
    const groups = pair.data ? pair.data.units.map((u, i) => {
      // Quotes name their document and turn; the heading says what they share.
      const d = docOf.get(u.document_id);
      const where = d ? d.title : 'Document';
      const n = u.quote_ids.length;
      const label = pair.data.unit === 'turn' ? `Turn ${u.turn + 1} of ${where}`
        : pair.data.unit === 'quote' ? `Passage ${i + 1}${n > 1 ? `: ${n} overlapping quotes` : ''}` : [where, caseName(d)].filter(Boolean).join(' · ');
      return { key: u.document_id + ':' + u.start + ':' + i, label, quoteIds: u.quote_ids };
    }) : [];
    const title = A && B ? (A.id === B.id ? A.name : `${A.name} + ${B.name}`) : 'Co-occurrence';
    panel = html`<${QuotePanel} pid=${pid} title=${title} code=${A}
      subtitle=${pair.data ? `${units(pair.data.unit, pair.data.units.length)}${A && B && A.id === B.id ? ' with this code' : ' with both codes'}` : ''}
      groups=${groups} quotes=${quotes} loading=${!pair.data && !pair.error} error=${pair.error} onClose=${close} />`;
  }

  return html`<div class="analysis-tab">
    <div class="analysis-controls row wrap">
      <${Segmented} label="Codes occur together in the" value=${opts.unit} options=${UNITS} onChange=${(v) => setQuery(query, { unit: v === 'quote' ? '' : v })} />
      <${LevelSelect} label="Codes" allowTagged value=${opts.level} onChange=${(v) => setQuery(query, { level: v })} />
      <${SetSelect} sets=${sets} value=${opts.set} onChange=${(v) => setQuery(query, { set: v })} />
    </div>
    <${ExportLinks} pid=${pid} family="cooccurrence" params=${opts} label="Export the co-occurrences" />
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    ${!res ? html`<p class="muted">Loading…</p>` : !codes.length
      ? html`<div class="empty-state"><p>No coded quotes${opts.level ? ' at this level' : ''} yet. Code passages in the transcripts, then come back to see which codes occur together.</p></div>`
      : html`<div class=${'analysis-split' + (panel ? ' with-panel' : '')}>
        <div class=${'cooc-main' + (loading ? ' stale' : '')}>
          <div class="table-wrap">
            <table class="heatmap">
              <caption class="sr-only">Co-occurrence matrix: ${UNIT_WORDS[res.unit][1]} where two codes occur together; the diagonal counts the ${UNIT_WORDS[res.unit][1]} of each code</caption>
              <thead><tr><th scope="col" class="hm-corner"><span class="sr-only">Code</span></th>
                ${codes.map((c) => html`<th scope="col" class="hm-col" title=${c.name}><span class="hm-col-text">${c.name}</span>
                  <span class="swatch" style=${{ background: c.color }} aria-hidden="true"></span></th>`)}</tr></thead>
              <tbody>${codes.map((a, i) => html`<tr key=${a.id}>
                <th scope="row" class="hm-row"><span class="swatch" style=${{ background: a.color }} aria-hidden="true"></span>
                  <a href=${link(pid, 'codes', a.id)}>${a.name}</a></th>
                ${codes.map((b, j) => {
                  const n = res.matrix[i][j];
                  const diag = i === j;
                  const on = sel && ((sel.a === a.id && sel.b === b.id) || (sel.a === b.id && sel.b === a.id));
                  if (!n) return html`<td class=${'hm-cell empty' + (diag ? ' diag' : '')}></td>`;
                  const style = diag ? null : { background: tint(HEAT, 0.1 + 0.75 * (n / (max || 1))), color: n / (max || 1) > 0.6 ? '#fff' : null };
                  return html`<td class=${'hm-cell' + (diag ? ' diag' : '') + (on ? ' selected' : '')} style=${style}>
                    <button type="button" aria-pressed=${!!on} onClick=${open(a.id, b.id)}
                      aria-label=${diag ? `${a.name}: ${units(res.unit, n)}` : `${a.name} and ${b.name}: ${units(res.unit, n)}`}>${n}</button></td>`;
                })}
              </tr>`)}</tbody>
            </table>
          </div>
          <p class="hint">Darker cells: more ${UNIT_WORDS[res.unit][1]} where both codes occur. The diagonal counts the ${UNIT_WORDS[res.unit][1]} of each code.</p>
          <section class="pairs" aria-labelledby="pairs-title">
            <h2 id="pairs-title" class="section-title">Pairs, most frequent first</h2>
            ${res.pairs.length ? html`<ol class="pair-list">
              ${res.pairs.map((p) => {
                const on = sel && sel.a === p.a.id && sel.b === p.b.id;
                return html`<li key=${p.a.id + p.b.id}><button type="button" class="pair" aria-pressed=${!!on} onClick=${open(p.a.id, p.b.id)}>
                  <span class="pair-names">
                    <span class="pair-code"><span class="swatch" style=${{ background: p.a.color }} aria-hidden="true"></span>${p.a.name}</span>
                    <span class="muted" aria-hidden="true">+</span><span class="sr-only">and</span>
                    <span class="pair-code"><span class="swatch" style=${{ background: p.b.color }} aria-hidden="true"></span>${p.b.name}</span></span>
                  <span class="pair-bar" aria-hidden="true"><span style=${{ width: (100 * p.count / maxPair) + '%' }}></span></span>
                  <span class="pair-count">${units(res.unit, p.count)}</span></button></li>`;
              })}</ol>` : html`<p class="muted">No two codes occur in the same ${UNIT_WORDS[res.unit][0]} yet.</p>`}
          </section>
        </div>
        ${panel}
      </div>`}
  </div>`;
}
