// The codebook's evolution between two rounds as a flow: the codes of the
// earlier round on the left, those of the later round on the right, and a
// band from each code to what became of it (kept, renamed, moved, merged,
// split, retired), as thick as its quotes; codes added in the later round
// flow in from "Added", codes deleted flow out to "Removed". Hovering a
// band or code names it; clicking (or Enter) shows its details below. The
// drawing downloads as SVG and PNG.
import { html, useState, useRef } from '../core/lib.js';
import { levelLabel } from '../project/codetree.js';
import { ChartDownloads, fileName } from './chart-export.js';

/** KINDS are the band kinds in legend order, with their colours. */
export const KINDS = [
  ['kept', '#9aa5b1'], ['renamed', '#2f80ed'], ['moved', '#9b51e0'], ['merged', '#f2994a'],
  ['split', '#27ae60'], ['retired', '#828282'], ['restored', '#56ccf2'], ['added', '#219653'], ['removed', '#eb5757'],
];
const colour = Object.fromEntries(KINDS);

const W = 900, PAD = 14, TOP = 46, NODE_W = 12, LABEL_W = 250, GAP = 6, MIN_H = 10, MIN_BAND = 2;

/** kindOf is the band kind of a code present in both rounds. */
function kindOf(c) {
  for (const k of ['retired', 'renamed', 'moved', 'restored']) if (c.changes.includes(k)) return k;
  return 'kept';
}

/**
 * flowModel turns the evolution's codes of one level into left nodes,
 * right nodes and bands {from, to, kind, quotes, code}.
 */
export function flowModel(ev, level) {
  const codes = ev.codes.filter((c) => c.level === level);
  const left = [], right = [], bands = [];
  const leftBy = new Map(), rightBy = new Map();
  const node = (side, by, key, name, extra) => {
    if (!by.has(key)) { const n = { key, name, quotes: 0, ...extra }; by.set(key, n); side.push(n); }
    return by.get(key);
  };
  // Names of one round resolve merges and splits, which the report gives by name.
  const leftByName = new Map(), rightByName = new Map();
  for (const c of codes) {
    if (c.from_counts) leftByName.set(c.from_name, node(left, leftBy, c.id, c.from_name, { code: c, count: c.from_counts.quotes }));
  }
  for (const c of codes) {
    if (c.to_counts) rightByName.set(c.to_name, node(right, rightBy, c.id, c.to_name, { code: c, count: c.to_counts.quotes, retired: c.changes.includes('retired') }));
  }
  for (const c of codes) {
    const q = (x) => (x ? x.quotes : 0);
    if (c.from_counts && c.to_counts) {
      bands.push({ from: leftBy.get(c.id), to: rightBy.get(c.id), kind: kindOf(c), quotes: q(c.from_counts), code: c });
    } else if (c.from_counts && c.merged_into && rightByName.has(c.merged_into)) {
      bands.push({ from: leftBy.get(c.id), to: rightByName.get(c.merged_into), kind: 'merged', quotes: q(c.from_counts), code: c });
    } else if (c.from_counts) {
      bands.push({ from: leftBy.get(c.id), to: node(right, rightBy, ':removed', 'Removed', { pseudo: true }), kind: 'removed', quotes: q(c.from_counts), code: c });
    } else if (c.split_from && leftByName.has(c.split_from)) {
      bands.push({ from: leftByName.get(c.split_from), to: rightBy.get(c.id), kind: 'split', quotes: q(c.to_counts), code: c });
    } else {
      bands.push({ from: node(left, leftBy, ':added', 'Added', { pseudo: true }), to: rightBy.get(c.id), kind: 'added', quotes: q(c.to_counts), code: c });
    }
  }
  // A code split keeps the quotes it did not give away.
  for (const b of bands) {
    if (b.kind === 'split') {
      const own = bands.find((x) => x.from === b.from && x.to.code === b.from.code);
      if (own) own.quotes = Math.max(0, own.quotes - b.quotes);
    }
  }
  // Pseudo nodes go last; left codes follow the order of where they flow.
  const rank = new Map(right.map((n, i) => [n, n.pseudo ? 1e6 + i : i]));
  const firstTarget = new Map();
  for (const b of bands) if (!firstTarget.has(b.from)) firstTarget.set(b.from, rank.get(b.to));
  left.sort((a, b) => (!!a.pseudo - !!b.pseudo) || (firstTarget.get(a) - firstTarget.get(b)));
  right.sort((a, b) => rank.get(a) - rank.get(b));
  return { left, right, bands };
}

/** layout sizes and places the nodes and bands of the model. */
function layout(m) {
  const sum = (side) => side.reduce((s, n) => s + n.quotes, 0);
  for (const b of m.bands) { b.from.quotes += b.quotes; b.to.quotes += b.quotes; }
  // A node is labelled with its code's quotes (a quote coded with two
  // codes merged counts once); the pseudo nodes with their bands'.
  for (const n of [...m.left, ...m.right]) if (n.count === undefined) n.count = n.quotes;
  const maxQ = Math.max(1, sum(m.left), sum(m.right));
  const maxN = Math.max(m.left.length, m.right.length, 1);
  // Pixels per quote: the busier column is about 560 px tall, never less than 2 px per band.
  const unit = Math.max(0.5, Math.min(8, (560 - maxN * GAP) / maxQ));
  for (const b of m.bands) b.t = Math.max(MIN_BAND, b.quotes * unit);
  const place = (side, x, ends) => {
    let y = TOP;
    for (const n of side) {
      const own = m.bands.filter((b) => b[ends] === n);
      n.x = x; n.y = y;
      n.h = Math.max(MIN_H, own.reduce((s, b) => s + b.t, 0));
      let off = y + (n.h - own.reduce((s, b) => s + b.t, 0)) / 2;
      for (const b of own) { b[ends === 'from' ? 'y0' : 'y1'] = off; off += b.t; }
      y += n.h + GAP;
    }
    return y;
  };
  const x0 = PAD + LABEL_W, x1 = W - PAD - LABEL_W - NODE_W;
  const h = Math.max(place(m.left, x0, 'from'), place(m.right, x1, 'to'));
  return { ...m, x0: x0 + NODE_W, x1, height: h + PAD };
}

/** bandPath is the outline of a band t thick from (x0, y0) to (x1, y1). */
function bandPath(x0, y0, x1, y1, t) {
  const xm = (x0 + x1) / 2;
  return `M${x0} ${y0}C${xm} ${y0} ${xm} ${y1} ${x1} ${y1}L${x1} ${y1 + t}C${xm} ${y1 + t} ${xm} ${y0 + t} ${x0} ${y0 + t}Z`;
}

const plural = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** bandTitle says what a band shows, as its tooltip does. */
function bandTitle(b) {
  const from = b.from.pseudo ? '' : b.from.name;
  const to = b.to.pseudo ? '' : b.to.name;
  const what = b.kind === 'added' ? `${to}: added` : b.kind === 'removed' ? `${from}: removed`
    : from === to ? `${from}: ${b.kind}` : `${from} → ${to}: ${b.kind}`;
  return `${what}, ${plural(b.quotes, 'quote')}`;
}

/** Details shows what became of the chosen code or band. */
function Details({ pick, hover, ev, describe }) {
  if (!pick) {
    return html`<p class="muted small flow-details" data-hover=${hover || ''}>${hover || 'Point at a band or code for its name; click it for details.'}</p>`;
  }
  const c = pick.code;
  const counts = (x, name) => (x ? `${name}: ${plural(x.quotes, 'quote')} in ${plural(x.documents, 'document')}` : `${name}: not there`);
  return html`<div class="flow-details" role="status" aria-live="polite">
    <strong>${pick.title}</strong>
    ${c ? html`<div>${levelLabel(c.level)}: ${describe(c) || 'unchanged'}</div>
      <div class="muted small">${counts(c.from_counts, ev.from.name)} · ${counts(c.to_counts, ev.to.name)}</div>` : null}
  </div>`;
}

/** RoundsFlow draws the evolution of one level of the codebook as a flow. */
export function RoundsFlow({ ev, describe }) {
  const [level, setLevel] = useState('concept');
  const [pick, setPick] = useState(null);
  const [hover, setHover] = useState('');
  const svgRef = useRef(null);
  const m = layout(flowModel(ev, level));
  const totals = {};
  for (const b of m.bands) totals[b.kind] = (totals[b.kind] || 0) + 1;
  const choose = (p) => (e) => {
    if (e.type === 'keydown' && e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    setPick(p);
  };
  const nodeTitle = (n, side) => (n.pseudo ? `${n.name} (${plural(n.count, 'quote')})`
    : `${n.name} in ${side === 'left' ? ev.from.name : ev.to.name}${n.retired ? ' (retired)' : ''}: ${plural(n.count, 'quote')}`);
  const label = (n, side) => {
    const x = side === 'left' ? n.x - 6 : n.x + NODE_W + 6;
    return html`<text x=${x} y=${n.y + n.h / 2} dy="0.35em" text-anchor=${side === 'left' ? 'end' : 'start'}
      font-size="11" fill=${n.pseudo ? '#555555' : '#222222'} font-style=${n.pseudo || n.retired ? 'italic' : 'normal'}>${n.name}${n.retired ? ' (retired)' : ''} · ${n.count}</text>`;
  };
  const title = `Codebook evolution: ${ev.from.name} to ${ev.to.name}, ${levelLabel(level, true)}`;
  return html`<section class="rounds-flow" aria-label="Flow of the codebook">
    <div class="row wrap">
      <label class="inline-field">Codes <select name="flow-level" value=${level} onChange=${(e) => { setLevel(e.currentTarget.value); setPick(null); }}>
        ${['concept', 'theme', 'dimension'].map((l) => html`<option value=${l}>${levelLabel(l, true)}</option>`)}</select></label>
      <ul class="flow-legend row wrap" aria-label="Kinds of change">
        ${KINDS.filter(([k]) => totals[k]).map(([k, c]) => html`<li data-kind=${k}><span class="swatch" style=${{ background: c }}></span>${k} ${totals[k]}</li>`)}
      </ul>
    </div>
    ${m.bands.length ? html`<svg ref=${svgRef} class="flow" width=${W} height=${m.height} viewBox=${`0 0 ${W} ${m.height}`}
        role="img" aria-label=${title} font-family="Helvetica, Arial, sans-serif">
      <title>${title}</title>
      <rect x="0" y="0" width=${W} height=${m.height} fill="#ffffff" />
      <text x=${m.x0 - NODE_W} y="20" font-size="13" font-weight="bold" text-anchor="end">${ev.from.name}</text>
      <text x=${m.x1} y="20" font-size="13" font-weight="bold">${ev.to.name}</text>
      <g class="bands">${m.bands.map((b) => html`<path class=${'band' + (pick && pick.band === b ? ' picked' : '')} data-kind=${b.kind}
          data-from=${b.from.name} data-to=${b.to.name} data-quotes=${b.quotes} tabindex="0" role="button" aria-label=${bandTitle(b)}
          d=${bandPath(m.x0, b.y0, m.x1, b.y1, b.t)} fill=${colour[b.kind]} fill-opacity=${pick && pick.band === b ? 0.85 : 0.45}
          onMouseEnter=${() => setHover(bandTitle(b))} onMouseLeave=${() => setHover('')}
          onClick=${choose({ band: b, code: b.code, title: bandTitle(b) })} onKeyDown=${choose({ band: b, code: b.code, title: bandTitle(b) })}>
          <title>${bandTitle(b)}</title></path>`)}</g>
      <g class="nodes">${[['left', m.left], ['right', m.right]].map(([side, list]) => list.map((n) => html`<g class="node" data-side=${side} data-name=${n.name}
          onMouseEnter=${() => setHover(nodeTitle(n, side))} onMouseLeave=${() => setHover('')}
          onClick=${choose({ code: n.code, title: nodeTitle(n, side) })}>
          <title>${nodeTitle(n, side)}</title>
          <rect x=${n.x} y=${n.y} width=${NODE_W} height=${n.h} fill=${n.pseudo ? '#ffffff' : n.retired ? '#bdbdbd' : '#4f4f4f'} stroke="#4f4f4f" />
          ${label(n, side)}</g>`))}</g>
    </svg>
    <${ChartDownloads} svgRef=${svgRef} name=${fileName('evolution', ev.from.name, ev.to.name, level)} stamp=${`${ev.from.id}/${ev.to.id}/${level}/${m.bands.length}/${m.height}`} />`
    : html`<p class="muted">No ${levelLabel(level)} in either round.</p>`}
    <${Details} pick=${pick} hover=${hover} ev=${ev} describe=${describe} />
  </section>`;
}
