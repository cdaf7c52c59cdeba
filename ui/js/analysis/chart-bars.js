// The code-frequency chart: a grouped bar chart of quotes per case, one
// group per case and one bar per code in the code's colour, drawn as SVG
// with real text (title, axis, case names and a legend of the codes).
import { html } from '../core/lib.js';
import { MUTED, LINE, wrap, ticks, distinctColors, lineSpans, textWidth, chartFrame } from './chart-kit.js';

const W = 1000;
const LEFT = 58, RIGHT = 16, TOP = 56, PLOT_H = 260;

/**
 * layoutBars computes the drawing of matrix m (rows: codes, columns:
 * cases, count cells): codes without quotes are left out.
 */
export function layoutBars(m) {
  const rows = m.rows.map((r, i) => ({ ...r, total: m.row_totals[i].value, values: m.cells[i].map((c) => c.value) }))
    .filter((r) => r.total > 0);
  const colors = distinctColors(rows);
  const groups = m.cols.length;
  const n = Math.max(1, rows.length);
  let plotW = W - LEFT - RIGHT;
  const barW = Math.max(4, Math.min(34, (plotW / groups - 24) / n));
  const groupW = Math.max(plotW / groups, barW * n + 24);
  plotW = groupW * groups;
  const width = LEFT + plotW + RIGHT;
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const axis = ticks(max, 5);
  const top = axis[axis.length - 1];
  const y = (v) => TOP + PLOT_H - (v / top) * PLOT_H;

  // Case names under their groups, then the legend.
  const labels = m.cols.map((c) => wrap(c.label, groupW - 10, 12, 400, 2));
  const labelH = Math.max(1, ...labels.map((l) => l.length)) * 15;
  const legendTop = TOP + PLOT_H + 14 + labelH + 22;
  const itemW = Math.min(310, Math.max(...rows.map((r) => textWidth(r.name, 12)), 60) + 30);
  const perRow = Math.max(1, Math.floor((width - LEFT) / itemW));
  const legend = [];
  let ly = legendTop;
  for (let i = 0; i < rows.length; i += perRow) {
    const line = rows.slice(i, i + perRow).map((r, k) => ({ r, color: colors[i + k], x: LEFT + k * itemW, y: ly, lines: wrap(r.name, itemW - 30, 12, 400, 2) }));
    legend.push(...line);
    ly += Math.max(...line.map((l) => l.lines.length)) * 15 + 8;
  }
  return { rows, colors, groups, barW, groupW, width: Math.ceil(width), height: Math.ceil(ly + 8), axis, y, labels, legend, legendTop, max };
}

/** FrequencyBars draws matrix m; title and desc label it for screen readers and in the file. */
export function FrequencyBars({ m, title, desc, svgRef, uid }) {
  const L = layoutBars(m);
  const baseY = TOP + PLOT_H;
  return chartFrame({ svgRef, uid, title, desc, width: L.width, height: L.height, x: LEFT }, html`
    <g class="axis">
      ${L.axis.map((v) => html`<g>
        <line x1=${LEFT} x2=${L.width - RIGHT} y1=${L.y(v)} y2=${L.y(v)} stroke=${v === 0 ? MUTED : LINE} stroke-width="1" />
        <text x=${LEFT - 8} y=${L.y(v) + 4} text-anchor="end" fill=${MUTED} font-size="11">${v}</text></g>`)}
      <text transform=${`translate(16 ${TOP + PLOT_H / 2}) rotate(-90)`} text-anchor="middle" fill=${MUTED} font-size="11">Quotes</text>
    </g>
    ${m.cols.map((col, g) => {
      const x0 = LEFT + g * L.groupW + (L.groupW - L.barW * L.rows.length) / 2;
      return html`<g class="bar-group">
        ${L.rows.map((r, k) => {
          const v = r.values[g];
          const x = x0 + k * L.barW;
          return html`<g>
            <rect x=${x + 1} y=${L.y(v)} width=${Math.max(1, L.barW - 2)} height=${baseY - L.y(v)} fill=${L.colors[k]}>
              <title>${`${r.name} · ${col.label}: ${v} quote${v === 1 ? '' : 's'}`}</title></rect>
            ${L.barW >= 16 && v > 0 ? html`<text x=${x + L.barW / 2} y=${L.y(v) - 4} text-anchor="middle" font-size="10" fill=${MUTED}>${v}</text>` : null}
          </g>`;
        })}
        <text x=${LEFT + g * L.groupW + L.groupW / 2} y=${baseY + 18} text-anchor="middle">${lineSpans(L.labels[g], LEFT + g * L.groupW + L.groupW / 2, 15)}</text>
      </g>`;
    })}
    <g class="legend">
      ${L.legend.map((l) => html`<g>
        <rect x=${l.x} y=${l.y - 10} width="12" height="12" rx="2" fill=${l.color} />
        <text x=${l.x + 18} y=${l.y}>${lineSpans(l.lines, l.x + 18, 15)}</text></g>`)}
    </g>
  `);
}
