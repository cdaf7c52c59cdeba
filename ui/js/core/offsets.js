// Positions in Tessera are Unicode code points into the stored text, while
// JavaScript strings index UTF-16 code units: a character outside the Basic
// Multilingual Plane (most emoji) is one code point but two code units.
// Every offset that crosses the API goes through these helpers.

const SURROGATE = /[\uD800-\uDFFF]/;
const PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** cpLength returns the number of code points in s. */
export function cpLength(s) {
  if (!SURROGATE.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n--; i++; }
    }
  }
  return n;
}

// countBelow returns how many entries of the sorted array a are < x.
function countBelow(a, x) {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * OffsetMap converts between code-point offsets and UTF-16 indexes of one
 * text. It records only where surrogate pairs sit, so building it costs one
 * native regular-expression scan and each conversion a binary search; text
 * without astral characters converts for free.
 */
export class OffsetMap {
  constructor(text) {
    this.text = text;
    const at = [];
    if (SURROGATE.test(text)) {
      for (const m of text.matchAll(PAIR)) at.push(m.index);
    }
    // u16[i]: UTF-16 index of the i-th pair; cp[i]: its code-point index.
    this.u16 = Int32Array.from(at);
    this.cp = Int32Array.from(at, (p, i) => p - i);
    this.length = text.length - at.length;
  }

  /** toUtf16 returns the UTF-16 index of code point cp. */
  toUtf16(cp) {
    if (this.cp.length === 0) return cp;
    return cp + countBelow(this.cp, cp);
  }

  /**
   * toCodePoint returns the code-point offset of UTF-16 index u. An index
   * between the halves of a pair counts as the pair's start.
   */
  toCodePoint(u) {
    if (this.u16.length === 0) return u;
    return u - countBelow(this.u16, u);
  }

  /** slice returns the text of code points [start, end). */
  slice(start, end) {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}
