// Code colours: a calm default palette and the highlight styles built from
// a code's #rrggbb colour.

/** PALETTE is offered for new codes, in the order they are handed out. */
export const PALETTE = [
  '#f2c94c', '#6fcf97', '#56ccf2', '#bb6bd9', '#f2994a', '#eb5757',
  '#2d9cdb', '#27ae60', '#9b51e0', '#e0b200', '#219653', '#d4679b',
];

/** nextColor picks the palette colour used least by codes. */
export function nextColor(codes) {
  const used = new Map(PALETTE.map((c) => [c, 0]));
  for (const c of codes) if (used.has(c.color)) used.set(c.color, used.get(c.color) + 1);
  let best = PALETTE[0];
  for (const [c, n] of used) if (n < used.get(best)) best = c;
  return best;
}

const cache = new Map();

/** tint returns colour hex with alpha a as an rgba() string. */
export function tint(hex, a) {
  const key = hex + a;
  let v = cache.get(key);
  if (!v) {
    const n = parseInt((hex || '#999999').slice(1), 16);
    v = `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
    cache.set(key, v);
  }
  return v;
}

/**
 * highlightBackground returns the CSS background of text covered by quotes
 * of the given colours (innermost first): one colour fills; several stack
 * as horizontal bands so each remains visible.
 */
const backgrounds = new Map();

export function highlightBackground(colors) {
  if (colors.length === 1) return tint(colors[0], 0.38);
  const key = colors.join();
  const known = backgrounds.get(key);
  if (known) return known;
  const n = Math.min(colors.length, 4);
  const stops = [];
  for (let i = 0; i < n; i++) {
    const a = ((i * 100) / n).toFixed(1), b = (((i + 1) * 100) / n).toFixed(1);
    stops.push(`${tint(colors[i], 0.45)} ${a}% ${b}%`);
  }
  const bg = `linear-gradient(to bottom, ${stops.join(', ')})`;
  if (backgrounds.size < 5000) backgrounds.set(key, bg);
  return bg;
}
