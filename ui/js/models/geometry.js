// Geometry of the model canvas: snapping to the grid, alignment guides
// with the other items, which frame holds a box, and where an arrow
// leaves and meets its ends (the same rule the exports use).

/** GRID is the snapping step in pixels; BIG_STEP a Shift+arrow move. */
export const GRID = 10;
export const BIG_STEP = 50;
// Within ALIGN pixels an edge or centre snaps to another item's.
const ALIGN = 6;

/** snap rounds v to the grid. */
export const snap = (v) => Math.round(v / GRID) * GRID;

// lines returns the x (or y) lines of an item: start, centre, end.
function lines(r, axis) {
  return axis === 'x' ? [r.x, r.x + r.w / 2, r.x + r.w] : [r.y, r.y + r.h / 2, r.y + r.h];
}

/**
 * align moves rect r (being dragged to x, y) so that one of its edges or
 * its centre meets that of another item when they are within a few
 * pixels, else to the grid. It returns {x, y, guides}: guides are the
 * lines met, [{axis: 'x'|'y', at}], to draw while dragging.
 */
export function align(r, others) {
  const out = { x: snap(r.x), y: snap(r.y), guides: [] };
  for (const axis of ['x', 'y']) {
    let best = null;
    const mine = lines(r, axis);
    for (const o of others) {
      const theirs = lines(o, axis);
      for (let i = 0; i < 3; i++) {
        for (const t of theirs) {
          const d = t - mine[i];
          if (Math.abs(d) <= ALIGN && (!best || Math.abs(d) < Math.abs(best.d))) best = { d, at: t };
        }
      }
    }
    if (best) {
      out[axis] = r[axis] + best.d;
      out.guides.push({ axis, at: best.at });
    }
  }
  return out;
}

/** frameAt returns the ID of the frame holding the centre of box b, or ''. */
export function frameAt(b, frames) {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  // The smallest frame wins when frames nest.
  let found = null;
  for (const f of frames) {
    if (cx >= f.x && cx <= f.x + f.w && cy >= f.y && cy <= f.y + f.h && (!found || f.w * f.h < found.w * found.h)) found = f;
  }
  return found ? found.id : '';
}

/**
 * ends returns the two points an arrow joins: the middles of the facing
 * sides of a and b, left and right when they sit more beside than above
 * each other (always for a curved feedback arrow).
 */
export function ends(a, b, curved) {
  const dx = (b.x + b.w / 2) - (a.x + a.w / 2);
  const dy = (b.y + b.h / 2) - (a.y + a.h / 2);
  const gapX = Math.abs(dx) - (a.w + b.w) / 2;
  const gapY = Math.abs(dy) - (a.h + b.h) / 2;
  const side = (r, s) => ({
    top: { x: r.x + r.w / 2, y: r.y }, bottom: { x: r.x + r.w / 2, y: r.y + r.h },
    left: { x: r.x, y: r.y + r.h / 2 }, right: { x: r.x + r.w, y: r.y + r.h / 2 },
  })[s];
  if (gapX >= gapY || curved) {
    return dx >= 0 ? [side(a, 'right'), side(b, 'left'), true] : [side(a, 'left'), side(b, 'right'), true];
  }
  return dy >= 0 ? [side(a, 'bottom'), side(b, 'top'), false] : [side(a, 'top'), side(b, 'bottom'), false];
}

/** arrowPath returns the SVG path of an arrow from p to q, curved for feedback. */
export function arrowPath(p, q, curved) {
  if (!curved) return `M${p.x} ${p.y} L${q.x} ${q.y}`;
  const mx = (p.x + q.x) / 2;
  return `M${p.x} ${p.y} C${mx} ${p.y} ${mx} ${q.y} ${q.x} ${q.y}`;
}

/** nextId returns an item ID not yet used in the model: prefix and a number. */
export function nextId(model, prefix) {
  const used = new Set([...model.boxes, ...model.frames, ...model.arrows].map((x) => x.id));
  let n = used.size + 1;
  while (used.has(prefix + n)) n++;
  return prefix + n;
}

/** freeSpot returns a place for a new item of size w, h: below everything else, at the left. */
export function freeSpot(model, w, h) {
  const items = [...model.boxes, ...model.frames];
  if (!items.length) return { x: 40, y: 40 };
  const bottom = Math.max(...items.map((r) => r.y + r.h));
  return { x: 40, y: snap(bottom + 30), w, h };
}
