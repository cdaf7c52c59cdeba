// The coding-progress chart: for each document, grouped by case, a bar of
// the share of its text that quotes cover, drawn as SVG with real text.
import { html } from '../core/lib.js';
import { MUTED, LINE, ellipsize, textWidth, chartFrame } from './chart-kit.js';

const W = 1000;
const LEFT = 16, TOP = 62, ROW = 26, CASE_ROW = 30, RIGHT = 150;
const FILL = '#2c5f8d', TRACK = '#e9e9e3';

/**
 * progressRows lists the rows of the chart: a heading per case (and one
 * for documents without a case) followed by its documents.
 */
export function progressRows(documents, cases, cov) {
  const known = new Set(cases.map((c) => c.id));
  const groups = [...cases.map((c) => ({ name: c.name, docs: documents.filter((d) => d.case_id === c.id) })),
    { name: 'No case', docs: documents.filter((d) => !d.case_id || !known.has(d.case_id)) }].filter((g) => g.docs.length);
  const rows = [];
  for (const g of groups) {
    rows.push({ kind: 'case', name: g.name });
    for (const d of g.docs) {
      const c = cov.get(d.id) || { share: 0, quotes: 0 };
      rows.push({ kind: 'doc', id: d.id, name: d.title, share: c.share, quotes: c.quotes, caseName: g.name });
    }
  }
  return rows;
}

/** ProgressChart draws rows (see progressRows); title and desc label it. */
export function ProgressChart({ rows, title, desc, svgRef, uid }) {
  const labelW = Math.min(360, Math.max(120, ...rows.map((r) => textWidth(r.name, 12, r.kind === 'case' ? 600 : 400))) + 16);
  const x0 = LEFT + labelW;
  const barW = W - x0 - RIGHT;
  let y = TOP;
  const placed = rows.map((r) => {
    const h = r.kind === 'case' ? CASE_ROW : ROW;
    const out = { ...r, y, h };
    y += h;
    return out;
  });
  const height = y + 16;
  const pct = (v) => Math.round(v * 100);
  return chartFrame({ svgRef, uid, title, desc, width: W, height: height, x: LEFT }, html`
    ${[0, 0.25, 0.5, 0.75, 1].map((t) => html`<g>
      <line x1=${x0 + t * barW} x2=${x0 + t * barW} y1=${TOP - 8} y2=${height - 12} stroke=${LINE} stroke-width="1" stroke-dasharray=${t ? '3 3' : ''} />
      <text x=${x0 + t * barW} y=${TOP - 14} text-anchor="middle" fill=${MUTED} font-size="11">${pct(t)}%</text></g>`)}
    ${placed.map((r) => (r.kind === 'case'
      ? html`<text x=${LEFT} y=${r.y + 20} font-weight="600">${ellipsize(r.name, labelW - 10, 12, 600)}</text>`
      : html`<g>
        <text x=${LEFT + 10} y=${r.y + 17}>${ellipsize(r.name, labelW - 20, 12)}</text>
        <rect x=${x0} y=${r.y + 6} width=${barW} height="14" rx="3" fill=${TRACK} />
        <rect x=${x0} y=${r.y + 6} width=${Math.max(r.share > 0 ? 2 : 0, r.share * barW)} height="14" rx="3" fill=${FILL}>
          <title>${`${r.name}: ${pct(r.share)}% of the text coded, ${r.quotes} quote${r.quotes === 1 ? '' : 's'}`}</title></rect>
        <text x=${x0 + barW + 10} y=${r.y + 17} fill=${MUTED}>${pct(r.share)}% · ${r.quotes} quote${r.quotes === 1 ? '' : 's'}</text>
      </g>`))}
  `);
}
