// The reader's layout: the blocks of the transcript with their highlights
// (computed once per change by segments.js, reusing unchanged blocks), put
// on screen in steps so a long transcript is interactive at once, and
// scrolling to a passage (rendering it first when it is still to come).
import { html, useState, useEffect, useRef, useMemo, useCallback } from '../core/lib.js';
import { layoutSegments } from './segments.js';
import { selectOffsets } from './selection.js';
import { resolve } from '../core/ids.js';
import { Block } from './reader-block.js';

/** PREVIEW is the ID of the range the coding popover is about to code. */
export const PREVIEW = '__selection';
// A long transcript is put on screen in steps: the first blocks at once,
// the rest in the background, CHUNK blocks per task, so the reader is
// interactive while the remainder arrives.
const FIRST = 60;
const CHUNK = 200;
// Blocks come in groups of GROUP; the browser lays out and paints only
// the groups near the view (content-visibility), and the work of finding
// them each frame grows with the number of groups, not of turns.
const GROUP = 32;

// groupHeight estimates the height in rem of blocks from..to-1, until the
// browser has laid them out once and remembers their real height.
function groupHeight(blocks, from, to) {
  let h = 0;
  for (let i = from; i < to; i++) h += 1.1 + 1.8 * Math.max(1, Math.ceil((blocks[i].end - blocks[i].start) / 95));
  return h;
}

// blockNodes returns the elements of the blocks in groups, reusing the
// element of a block whose layout entry is unchanged, and of a group whose
// blocks all are: Preact then skips it outright.
function blockNodes(doc, layout, cache, groups, limit) {
  if (groups.doc !== doc) { groups.doc = doc; groups.list = []; }
  const out = [];
  for (let from = 0, g = 0; from < limit; from += GROUP, g++) {
    const to = Math.min(limit, from + GROUP);
    const kids = [];
    for (let i = from; i < to; i++) {
      const b = doc.blocks[i], data = layout[i];
      let v = cache.get(data);
      if (!v) {
        v = html`<${Block} key=${b.start} block=${b} data=${data} role=${b.turn ? doc.roles.get(b.turn.speaker) : ''} />`;
        cache.set(data, v);
      }
      kids.push(v);
    }
    const prev = groups.list[g];
    if (!prev || prev.kids.length !== kids.length || prev.kids.some((k, i) => k !== kids[i])) {
      const style = { containIntrinsicSize: `auto ${groupHeight(doc.blocks, from, to).toFixed(1)}rem` };
      groups.list[g] = { kids, v: html`<div class="block-group" key=${'g' + doc.blocks[from].start} style=${style}>${kids}</div>` };
    }
    out.push(groups.list[g].v);
  }
  return out;
}

/** codedShare returns the share of the text covered by quotes (sorted). */
export function codedShare(quotes, length) {
  let covered = 0, end = 0;
  for (const q of quotes) {
    if (q.end <= end) continue;
    covered += q.end - Math.max(q.start, end);
    end = q.end;
  }
  return length ? covered / length : 0;
}

// blockAt returns the index of the block holding code point cp.
function blockAt(blocks, cp) {
  let lo = 0, hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid].start <= cp) lo = mid; else hi = mid - 1;
  }
  return lo;
}

// firstLimit is how many blocks to render at once: up to the quote or
// passage the URL names.
function firstLimit(doc, query) {
  const q = query.get('q') && (doc.quotes || []).find((x) => x.id === query.get('q'));
  const at = q ? q.start : parseInt(query.get('at') || '', 10);
  const target = Number.isFinite(at) ? blockAt(doc.blocks, at) : 0;
  return Math.min(doc.blocks.length, Math.max(FIRST, target + 30));
}

/**
 * useLayout lays out doc with the quotes as shown (shown: sorted, with
 * a resize in progress and the popover's preview range), coloured by
 * code, the quote selected being selId; at first it renders at least up
 * to the passage query names. It returns {layout, nodes,
 * rest, scrollToOffset, ready}: nodes are the rendered blocks so far and
 * rest the number still to come; ready turns true once the first layout
 * is on screen, when onReady runs.
 */
export function useLayout({ root, doc, query, shown, codes, selId, resizable, onReady }) {
  const prevLayout = useRef(null);
  const vnodes = useRef(new WeakMap());
  const groups = useRef({ doc: null, list: [] });
  const opened = useRef(window.__tesseraOpenAt || performance.now());
  const readyOnce = useRef(false);
  const complete = useRef(false);
  const [ready, setReady] = useState(false);
  useEffect(() => { window.__tesseraOpenAt = 0; }, []);

  // How many blocks are on screen: at first up to the passage the URL
  // names, then growing.
  const [grown, setGrown] = useState({ id: null, n: 0 });
  const limit = !doc ? 0 : grown.id === doc.id ? grown.n : firstLimit(doc, query);
  const setLimit = (n) => setGrown({ id: doc.id, n });

  // Colours by code; a new map only when a colour (or code) changes, not
  // when counts are refreshed, so the layout is not recomputed for nothing.
  const colorSig = codes.map((c) => c.id + c.color).join();
  const colorOf = useMemo(() => new Map(codes.map((c) => [c.id, c.color])), [colorSig]);
  const colorsOf = useCallback((q) => (q.id === PREVIEW ? ['#8fb3e8']
    : q.code_ids.map((id) => colorOf.get(id) || colorOf.get(resolve(id)) || '#9e9e9e')), [colorOf]);

  const layout = useMemo(() => {
    if (!doc || !shown) return null;
    const t0 = performance.now();
    // A transcript edited since (new text or turns, so a new map) is laid
    // out afresh: a block's entry may look the same and show other words.
    const prev = prevLayout.current && prevLayout.current.map === doc.map ? prevLayout.current.l : null;
    const l = layoutSegments(doc.blocks, shown, doc.map, colorsOf, selId, prev, resizable);
    prevLayout.current = { l, map: doc.map };
    window.__tessera = { ...(window.__tessera || {}), layoutMs: performance.now() - t0 };
    return l;
  }, [doc, shown, colorsOf, selId, resizable]);

  // Mark the reader interactive once its first layout is on screen.
  useEffect(() => {
    if (!layout || readyOnce.current) return;
    readyOnce.current = true;
    requestAnimationFrame(() => setTimeout(() => {
      const now = performance.now();
      window.__tessera = { ...(window.__tessera || {}), readerReadyAt: now, readerOpenMs: now - opened.current, readerDoc: doc.id };
      performance.mark('tessera-reader-ready');
      setReady(true);
      if (onReady) onReady();
    }, 0));
  }, [layout]);

  // Add the remaining blocks in the background, one chunk per task.
  useEffect(() => {
    if (!ready || !doc) return undefined;
    if (limit < doc.blocks.length) {
      const t = setTimeout(() => setLimit(Math.min(doc.blocks.length, limit + CHUNK)), 0);
      return () => clearTimeout(t);
    }
    if (!complete.current) {
      complete.current = true;
      requestAnimationFrame(() => setTimeout(() => {
        window.__tessera = { ...(window.__tessera || {}), readerCompleteAt: performance.now() };
      }, 0));
    }
    return undefined;
  }, [ready, limit, doc]);

  // ensureRendered makes sure block index i is in the page, resolving once
  // it is drawn.
  const ensureRendered = (i) => new Promise((done) => {
    if (i < limit) { done(); return; }
    setLimit(Math.min(doc.blocks.length, i + 30));
    requestAnimationFrame(() => requestAnimationFrame(done));
  });

  /** scrollToOffset brings the block holding code point cp to the middle of the view. */
  const scrollToOffset = async (cp) => {
    const i = blockAt(doc.blocks, cp);
    await ensureRendered(i);
    const b = doc.blocks[i];
    const el = b && root.current && root.current.querySelector(`[data-b="${b.start}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    // Blocks off screen are laid out lazily; look again once they are.
    requestAnimationFrame(() => requestAnimationFrame(() => el.scrollIntoView({ block: 'center' })));
  };

  /** selectRange scrolls to [s, e) and selects it (as text). */
  const selectRange = (s, e) => scrollToOffset(s).then(() => {
    if (Number.isFinite(e) && e > s) setTimeout(() => root.current && selectOffsets(root.current, s, e), 50);
  });

  const nodes = layout && doc ? blockNodes(doc, layout, vnodes.current, groups.current, limit) : [];
  return { layout, nodes, rest: doc ? Math.max(0, doc.blocks.length - limit) : 0, scrollToOffset, selectRange, ready };
}
