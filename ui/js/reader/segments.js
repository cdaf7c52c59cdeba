// The reader's layout: a document's text cut into blocks (speaker turns,
// and any text between them worth showing), and each block cut into
// segments at quote boundaries, so a highlight is a plain <span> around
// text. The cut is computed once per change of quotes, in one sweep over
// the sorted quote boundaries, never character by character; blocks whose
// segments did not change keep their previous layout object, so only they
// re-render.
import { highlightBackground } from '../core/colors.js';

const LABEL_LINE = /^(\[[\d:.,]+\]\s*)?[*_]*[^\n]{0,120}?[*_]*:[*_]*\s*$/;

/**
 * buildBlocks returns the blocks of a document: {kind: 'turn' | 'gap',
 * start, end, turn, number}, in text order, in code points. Text between
 * turns that is only white space or the next speaker's label is left out:
 * the turn shows its speaker already.
 */
export function buildBlocks(map, turns) {
  const blocks = [];
  let pos = 0, number = 0;
  const gap = (from, to) => {
    if (to <= from) return;
    const s = map.slice(from, to);
    const trimmed = s.trimEnd();
    if (!trimmed.trim()) return;
    // Drop a trailing label line ("Anna:", "**Q:**", "[00:12:31] Maria:").
    const cut = trimmed.lastIndexOf('\n');
    const last = trimmed.slice(cut + 1).trim();
    let end = to;
    if (LABEL_LINE.test(last) && last.length <= 140) {
      if (cut < 0 || !trimmed.slice(0, cut).trim()) return;
      end = from + cpCount(s.slice(0, cut));
    }
    blocks.push({ kind: 'gap', start: from, end, turn: null, number: 0 });
  };
  for (const t of turns) {
    gap(pos, t.start);
    blocks.push({ kind: 'turn', start: t.start, end: t.end, turn: t, number: ++number });
    pos = t.end;
  }
  gap(pos, map.length);
  return blocks;
}

function cpCount(s) {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * assignLanes gives each quote a margin lane so overlapping quotes get
 * side-by-side bars: greedy interval colouring over quotes by start.
 */
export function assignLanes(quotes) {
  const lanes = new Map();
  const ends = [];
  for (const q of quotes) {
    let lane = ends.findIndex((e) => e <= q.start);
    if (lane < 0) { lane = ends.length; ends.push(q.end); } else ends[lane] = q.end;
    lanes.set(q.id, lane);
  }
  return lanes;
}

/**
 * layoutSegments cuts every block at quote boundaries. quotes must be
 * sorted by start; colorsOf(quote) gives a quote's code colours; selected
 * is the ID of the selected quote or ''. prev is the previous result, whose
 * unchanged entries are reused. resizable tells whether the selected quote
 * gets drag handles at its ends (hs, he): not when the reader may not
 * change it. Each entry: {segs: [{s, e, text, ids, bg, pending, sel, hs,
 * he}], bars: [{id, lane, top, height, color}], key}.
 */
export function layoutSegments(blocks, quotes, map, colorsOf, selected, prev, resizable = true) {
  const lanes = assignLanes(quotes);
  const out = new Array(blocks.length);
  let qi = 0;
  let active = [];
  // Boundaries inside blocks come from a sorted list of all quote ends.
  const bounds = [];
  for (const q of quotes) bounds.push(q.start, q.end);
  bounds.sort((a, b) => a - b);
  let bi = 0;

  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k];
    while (bi < bounds.length && bounds[bi] <= b.start) bi++;
    const cuts = [b.start];
    for (let j = bi; j < bounds.length && bounds[j] < b.end; j++) {
      if (bounds[j] !== cuts[cuts.length - 1]) cuts.push(bounds[j]);
    }
    cuts.push(b.end);

    const segs = [];
    const inBlock = new Map();
    let key = '';
    for (let c = 0; c + 1 < cuts.length; c++) {
      const s = cuts[c], e = cuts[c + 1];
      // Quotes starting at or before s join; those ending at or before s leave.
      while (qi < quotes.length && quotes[qi].start <= s) active.push(quotes[qi++]);
      active = active.filter((q) => q.end > s);
      const covering = active.filter((q) => q.start <= s && q.end >= e);
      covering.sort((x, y) => (x.end - x.start) - (y.end - y.start));
      const ids = covering.map((q) => q.id);
      let bg = '', pending = false, sel = false, hs = false, he = false;
      if (covering.length) {
        const colors = [];
        for (const q of covering) {
          for (const col of colorsOf(q)) if (!colors.includes(col)) colors.push(col);
          if (q.pending) pending = true;
          if (q.id === selected) { sel = true; hs = resizable && q.start === s; he = resizable && q.end === e; }
          inBlock.set(q.id, q);
        }
        bg = highlightBackground(colors.slice(0, 4));
      }
      segs.push({ s, e, text: map.slice(s, e), ids: ids.join(' '), bg, pending, sel, hs, he });
      key += `${s}|${ids.join(',')}|${bg}|${pending ? 1 : 0}${sel ? 1 : 0}${hs ? 1 : 0}${he ? 1 : 0};`;
    }

    const len = Math.max(1, b.end - b.start);
    const bars = [];
    for (const q of inBlock.values()) {
      const top = Math.max(0, (q.start - b.start) / len);
      const bottom = Math.min(1, (q.end - b.start) / len);
      const colors = colorsOf(q);
      bars.push({
        id: q.id, lane: Math.min(lanes.get(q.id) || 0, 4),
        top: (top * 100).toFixed(1) + '%', height: (Math.max(0.04, bottom - top) * 100).toFixed(1) + '%',
        color: colors[0] || '#999999', sel: q.id === selected,
      });
      key += `b${q.id}@${lanes.get(q.id)}${bars[bars.length - 1].top}${colors[0]};`;
    }
    const old = prev && prev[k];
    out[k] = old && old.key === key && old.start === b.start ? old : { segs, bars, key, start: b.start };
  }
  return out;
}

/** WORD matches one character that belongs to a word. */
const WORD = /[\p{L}\p{N}\p{M}_'’-]/u;

/**
 * snapToWords widens [start, end) (code points) to whole words and trims
 * white space at its ends. Offsets stay code points.
 */
export function snapToWords(map, start, end) {
  const t = map.text;
  let a = map.toUtf16(start), b = map.toUtf16(end);
  while (a < b && /\s/.test(t[a])) a++;
  while (b > a && /\s/.test(t[b - 1])) b--;
  if (a >= b) return [start, end];
  while (a > 0 && WORD.test(t[a - 1]) && WORD.test(t[a])) a--;
  while (b < t.length && WORD.test(t[b]) && WORD.test(t[b - 1])) b++;
  return [map.toCodePoint(a), map.toCodePoint(b)];
}

/**
 * wordStep moves offset pos (code points) one word forward (dir 1) or back
 * (dir -1), for keyboard selection.
 */
export function wordStep(map, pos, dir) {
  const t = map.text;
  let i = map.toUtf16(pos);
  if (dir > 0) {
    while (i < t.length && !WORD.test(t[i])) i++;
    while (i < t.length && WORD.test(t[i])) i++;
  } else {
    while (i > 0 && !WORD.test(t[i - 1])) i--;
    while (i > 0 && WORD.test(t[i - 1])) i--;
  }
  return map.toCodePoint(i);
}
