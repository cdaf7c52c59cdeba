// Mapping between DOM selections in the reader and code-point offsets of
// the document. Every text segment is a <span data-s="N"> whose text starts
// at code point N of the document, so a DOM point (text node, UTF-16
// offset) maps to N plus the code points before it in the span.
import { cpLength } from '../core/offsets.js';

const SEG = '[data-s]';

// segmentsOf lists the reader's text segments in document order.
function segmentsOf(root) {
  return root.querySelectorAll(SEG);
}

const segStart = (el) => +el.dataset.s;
const segEnd = (el) => +el.dataset.s + cpLength(el.textContent);

/**
 * pointToOffset maps the DOM point (node, offset) inside root to a code
 * point. side 'start' rounds a point outside the text (a speaker label, the
 * margin) forward to the next text; side 'end' rounds it back.
 */
export function pointToOffset(root, node, offset, side) {
  if (node.nodeType === Node.TEXT_NODE && node.parentElement) {
    const span = node.parentElement.closest(SEG);
    if (span && root.contains(span)) {
      let cp = segStart(span);
      const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n && n !== node; n = walker.nextNode()) cp += cpLength(n.data);
      return cp + cpLength(node.data.slice(0, offset));
    }
  }
  // A point between elements: find the first segment at or after it.
  const segs = segmentsOf(root);
  if (!segs.length) return null;
  const probe = document.createRange();
  probe.setStart(node, offset);
  let lo = 0, hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (probe.comparePoint(segs[mid], 0) < 0) lo = mid + 1; else hi = mid;
  }
  if (side === 'start') return lo < segs.length ? segStart(segs[lo]) : segEnd(segs[segs.length - 1]);
  return lo > 0 ? segEnd(segs[lo - 1]) : segStart(segs[0]);
}

/**
 * selectionOffsets returns the current DOM selection as [start, end) code
 * points of the document, or null when nothing in root is selected.
 */
export function selectionOffsets(root) {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  if (!root.contains(r.commonAncestorContainer)) return null;
  const start = pointToOffset(root, r.startContainer, r.startOffset, 'start');
  const end = pointToOffset(root, r.endContainer, r.endOffset, 'end');
  if (start === null || end === null || end <= start) return null;
  return [start, end];
}

// domPoint finds the text node and UTF-16 offset of code point cp.
function domPoint(root, cp, side) {
  const segs = segmentsOf(root);
  let lo = 0, hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segStart(segs[mid]) <= cp) lo = mid + 1; else hi = mid;
  }
  // lo-1 is the last segment starting at or before cp; at a boundary, an
  // end point belongs to the segment before.
  let i = lo - 1;
  if (i < 0) return null;
  if (side === 'end' && i > 0 && segStart(segs[i]) === cp) i--;
  const span = segs[i];
  let rest = cp - segStart(span);
  const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
  let last = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    last = n;
    const len = cpLength(n.data);
    if (rest <= len) {
      let u = 0;
      for (let k = 0; k < rest; k++) u += n.data.codePointAt(u) > 0xffff ? 2 : 1;
      return [n, u];
    }
    rest -= len;
  }
  return last ? [last, last.data.length] : [span, 0];
}

/**
 * selectOffsets sets the DOM selection to code points [start, end) of the
 * document shown in root, and returns the DOM range (or null).
 */
export function selectOffsets(root, start, end) {
  const a = domPoint(root, start, 'start');
  const b = domPoint(root, end, 'end');
  if (!a || !b) return null;
  const r = document.createRange();
  r.setStart(a[0], a[1]);
  r.setEnd(b[0], b[1]);
  const sel = document.getSelection();
  sel.removeAllRanges();
  sel.addRange(r);
  return r;
}

/** caretOffset maps a screen point to a code point of the document, or null. */
export function caretOffset(root, x, y) {
  let node = null, offset = 0;
  if (document.caretPositionFromPoint) {
    const p = document.caretPositionFromPoint(x, y);
    if (p) { node = p.offsetNode; offset = p.offset; }
  } else if (document.caretRangeFromPoint) {
    const r = document.caretRangeFromPoint(x, y);
    if (r) { node = r.startContainer; offset = r.startOffset; }
  }
  if (!node || !root.contains(node)) return null;
  return pointToOffset(root, node, offset, 'start');
}
