// What the charts share: measuring and wrapping text as the SVG will draw
// it, axis ticks, and telling codes that share a colour apart.
import { html } from '../core/lib.js';

/** FONT is the charts' font stack (the workbench's UI font). */
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

/** INK and MUTED are the charts' text colours; LINE their rule colour. */
export const INK = '#1d2126';
export const MUTED = '#5f656e';
export const LINE = '#d9d9d2';

let ctx = null;

/** textWidth returns the width in pixels of s at size px and weight. */
export function textWidth(s, size = 12, weight = 400) {
  if (!ctx) ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${weight} ${size}px ${FONT}`;
  return ctx.measureText(s).width;
}

/**
 * wrap breaks s into at most maxLines lines no wider than width; the last
 * line ends with "…" when the text does not fit.
 */
export function wrap(s, width, size = 12, weight = 400, maxLines = 2) {
  const words = String(s).split(/\s+/).filter(Boolean);
  const lines = [];
  let cur = '';
  for (let i = 0; i < words.length; i++) {
    const next = cur ? cur + ' ' + words[i] : words[i];
    if (textWidth(next, size, weight) <= width || !cur) {
      cur = next;
      continue;
    }
    lines.push(cur);
    cur = words[i];
    if (lines.length === maxLines) {
      cur = '';
      lines[maxLines - 1] = ellipsize(lines[maxLines - 1] + ' ' + words.slice(i).join(' '), width, size, weight);
      break;
    }
  }
  if (cur) lines.push(cur);
  // A single word wider than the line is cut too.
  return lines.map((l) => (textWidth(l, size, weight) > width ? ellipsize(l, width, size, weight) : l));
}

/** ellipsize cuts s to fit width, ending it with "…". */
export function ellipsize(s, width, size = 12, weight = 400) {
  if (textWidth(s, size, weight) <= width) return s;
  const chars = [...s];
  let lo = 0, hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (textWidth(chars.slice(0, mid).join('').trimEnd() + '…', size, weight) <= width) lo = mid; else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + '…';
}

/** ticks returns round axis values from 0 to at least max, about n of them. */
export function ticks(max, n = 5) {
  if (max <= 0) return [0, 1];
  const raw = max / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw) || 10 * mag;
  const out = [];
  for (let v = 0; v < max + step; v += step) {
    out.push(Math.round(v * 1e6) / 1e6);
    if (v >= max) break;
  }
  return out.length > 1 ? out : [0, step];
}

function parse(hex) {
  const n = parseInt((hex || '#999999').slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(rgb) {
  return '#' + rgb.map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0')).join('');
}

/** mix blends colour a towards b by t (0..1). */
export function mix(a, b, t) {
  const x = parse(a), y = parse(b);
  return toHex(x.map((v, i) => v + (y[i] - v) * t));
}

/** luminance returns the relative luminance of a #rrggbb colour (0..1). */
export function luminance(hex) {
  const [r, g, b] = parse(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** textOn returns the text colour readable on a background colour. */
export function textOn(bg) {
  return luminance(bg) > 0.33 ? INK : '#ffffff';
}

/**
 * distinctColors returns a colour per code: its own, or, when an earlier
 * code has the same colour (concepts often share their dimension's), a
 * lighter or darker shade of it, so every bar stays distinguishable.
 */
export function distinctColors(codes) {
  const seen = new Map();
  const steps = [0, 0.35, -0.3, 0.6, -0.5, 0.2, -0.15, 0.75];
  return codes.map((c) => {
    const base = (c.color || '#999999').toLowerCase();
    const k = seen.get(base) || 0;
    seen.set(base, k + 1);
    const s = steps[k % steps.length];
    return s > 0 ? mix(base, '#ffffff', s) : s < 0 ? mix(base, '#000000', -s) : base;
  });
}

/** lineSpans draws wrapped lines as the <tspan>s of one <text>, dy apart. */
export function lineSpans(lines, x, dy) {
  return lines.map((l, i) => html`<tspan x=${x} dy=${i === 0 ? 0 : dy}>${l}</tspan>`);
}

/**
 * chartFrame wraps a chart's body in its <svg>: a white background, the
 * title and description (for screen readers and in downloaded files) and
 * the title drawn at the top, from x. svgRef reaches the element for the
 * downloads.
 */
export function chartFrame({ svgRef, uid, title, desc, width, height, x }, body) {
  return html`<svg ref=${svgRef} class="chart" width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`}
    role="img" aria-labelledby=${uid + '-t ' + uid + '-d'} font-family=${FONT} font-size="12" fill=${INK}>
    <title id=${uid + '-t'}>${title}</title>
    <desc id=${uid + '-d'}>${desc}</desc>
    <rect x="0" y="0" width=${width} height=${height} fill="#ffffff" />
    <text x=${x} y="24" font-size="15" font-weight="600">${title}</text>
    ${body}
  </svg>`;
}
