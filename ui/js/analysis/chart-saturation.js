// The saturation chart: for each interview in order, a bar of the new
// first-order concepts it brought and lines of the concepts and themes
// found so far, with a marker where saturation was reached.
import { html } from '../core/lib.js';
import { MUTED, LINE, ticks, chartFrame } from './chart-kit.js';

const W = 1000, H = 380;
const LEFT = 56, RIGHT = 150, TOP = 60, BOTTOM = 52;
const BAR = '#9dc3e6', CONCEPTS = '#2c5f8d', THEMES = '#c0504d', MARK = '#3a7d44';

/** saturationText says where a curve saturated, for captions and descriptions. */
export function saturationText(curve, window) {
  if (!curve.saturated_after) return `Not saturated yet: no run of ${window} interviews without a new concept.`;
  const st = curve.steps[curve.saturated_after - 1];
  return `Saturated after interview ${st.position} (${st.title}): the next ${window} added no new concept.`;
}

/** SaturationChart draws one curve of GET /saturation; title and desc label it. */
export function SaturationChart({ curve, window, title, desc, svgRef, uid }) {
  const steps = curve.steps;
  const last = steps[steps.length - 1];
  const ys = ticks(Math.max(1, last.concepts, last.themes));
  const top = ys[ys.length - 1];
  const plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
  const slot = plotW / steps.length;
  const x = (i) => LEFT + slot * (i + 0.5);
  const y = (v) => TOP + plotH - (v / top) * plotH;
  const line = (key) => steps.map((s, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(s[key]).toFixed(1)}`).join(' ');
  const at = curve.saturated_after;
  const markX = at ? LEFT + slot * at : 0;
  return chartFrame({ svgRef, uid, title, desc, width: W, height: H, x: LEFT }, html`
    ${ys.map((v) => html`<g>
      <line x1=${LEFT} x2=${LEFT + plotW} y1=${y(v)} y2=${y(v)} stroke=${LINE} stroke-dasharray=${v ? '3 3' : ''} />
      <text x=${LEFT - 8} y=${y(v) + 4} text-anchor="end" fill=${MUTED} font-size="11">${v}</text></g>`)}
    ${steps.map((s, i) => html`<g>
      <rect x=${x(i) - slot * 0.3} y=${y(s.new_concepts.length)} width=${slot * 0.6} height=${y(0) - y(s.new_concepts.length)} fill=${BAR}>
        <title>${`${s.position}. ${s.title}: ${s.new_concepts.length} new concepts, ${s.new_themes.length} new themes; ${s.concepts} concepts and ${s.themes} themes so far`}</title></rect>
      <text x=${x(i)} y=${y(0) + 16} text-anchor="middle" fill=${MUTED} font-size="11">${s.position}</text></g>`)}
    <path d=${line('concepts')} fill="none" stroke=${CONCEPTS} stroke-width="2.5" />
    <path d=${line('themes')} fill="none" stroke=${THEMES} stroke-width="2" stroke-dasharray="6 4" />
    ${at ? html`<g><line x1=${markX} x2=${markX} y1=${TOP - 6} y2=${y(0)} stroke=${MARK} stroke-width="2" />
      <text x=${markX + 6} y=${TOP + 6} fill=${MARK} font-size="11">saturated (${window} without new)</text></g>` : null}
    <text x=${LEFT + plotW / 2} y=${H - 12} text-anchor="middle" fill=${MUTED}>Interviews in order</text>
    <g transform=${`translate(${LEFT + plotW + 16}, ${TOP})`}>
      <rect x="0" y="0" width="14" height="10" fill=${BAR} /><text x="20" y="9">New concepts</text>
      <line x1="0" x2="14" y1="27" y2="27" stroke=${CONCEPTS} stroke-width="2.5" /><text x="20" y="31">Concepts so far</text>
      <line x1="0" x2="14" y1="49" y2="49" stroke=${THEMES} stroke-width="2" stroke-dasharray="6 4" /><text x="20" y="53">Themes so far</text>
    </g>
  `);
}
