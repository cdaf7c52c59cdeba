// The theme x case heatmap: one row per code (themes by default), one
// column per case, each cell shaded in the code's colour by its number of
// quotes and labelled with the number, drawn as SVG with real text.
import { html } from '../core/lib.js';
import { MUTED, LINE, wrap, textWidth, mix, textOn, lineSpans, chartFrame } from './chart-kit.js';

const W = 1000;
const LEFT = 16, TOP = 48, RIGHT = 16;

/** layoutHeatmap computes the drawing of matrix m (count cells). */
export function layoutHeatmap(m) {
  const widest = Math.max(60, ...m.rows.map((r) => textWidth(r.name, 12)));
  const labelW = Math.min(300, widest + 26);
  const cols = Math.max(1, m.cols.length);
  const colW = Math.max(84, Math.min(160, (W - LEFT - RIGHT - labelW) / cols));
  const heads = m.cols.map((c) => wrap(c.label, colW - 10, 12, 600, 3));
  const headH = Math.max(1, ...heads.map((h) => h.length)) * 15 + 10;
  const names = m.rows.map((r) => wrap(r.name, labelW - 26, 12, 400, 2));
  const cellH = names.some((n) => n.length > 1) ? 40 : 32;
  const gridTop = TOP + headH;
  const width = Math.ceil(Math.max(LEFT + labelW + colW * cols + RIGHT, 420));
  const height = gridTop + cellH * m.rows.length + 44;
  const max = Math.max(1, ...m.cells.flat().map((c) => c.value));
  return { labelW, colW, heads, headH, names, cellH, gridTop, width, height, max };
}

/** CaseHeatmap draws matrix m; title and desc label it for screen readers and in the file. */
export function CaseHeatmap({ m, title, desc, svgRef, uid }) {
  const L = layoutHeatmap(m);
  const x0 = LEFT + L.labelW;
  return chartFrame({ svgRef, uid, title, desc, width: L.width, height: L.height, x: LEFT }, html`
    ${m.cols.map((c, j) => html`<text x=${x0 + j * L.colW + L.colW / 2} y=${L.gridTop - 8 - (L.heads[j].length - 1) * 15}
      text-anchor="middle" font-weight="600">${lineSpans(L.heads[j], x0 + j * L.colW + L.colW / 2, 15)}</text>`)}
    ${m.rows.map((r, i) => {
      const y = L.gridTop + i * L.cellH;
      const lines = L.names[i];
      return html`<g>
        <rect x=${LEFT} y=${y + L.cellH / 2 - 6} width="12" height="12" rx="2" fill=${r.color} />
        <text x=${LEFT + 20} y=${y + L.cellH / 2 + 4 - (lines.length - 1) * 7.5}>${lineSpans(lines, LEFT + 20, 15)}</text>
        ${m.cols.map((c, j) => {
          const v = m.cells[i][j].value;
          const fill = v ? mix('#ffffff', r.color, 0.12 + 0.78 * (v / L.max)) : '#f6f6f3';
          const x = x0 + j * L.colW;
          return html`<g>
            <rect x=${x + 1} y=${y + 1} width=${L.colW - 2} height=${L.cellH - 2} rx="3" fill=${fill} stroke=${LINE} stroke-width=${v ? 0 : 1}>
              <title>${`${r.name} · ${c.label}: ${v} quote${v === 1 ? '' : 's'}`}</title></rect>
            <text x=${x + L.colW / 2} y=${y + L.cellH / 2 + 4} text-anchor="middle" fill=${v ? textOn(fill) : MUTED}
              font-weight=${v ? 600 : 400}>${v}</text></g>`;
        })}
      </g>`;
    })}
    <text x=${x0} y=${L.height - 16} fill=${MUTED} font-size="11">Quotes per case; the darker the cell, the more quotes (largest cell: ${L.max}).</text>
  `);
}
