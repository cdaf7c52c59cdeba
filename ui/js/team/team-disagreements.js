// The disagreement view: per code, the passages where the coders differ,
// side by side (one column per coder, the passage's text with what each
// coded marked, and what sets them apart), with a link into the
// transcript and the consensus decisions: take one coder's coding, take
// all, or take none.
import { html, useState, useMemo } from '../core/lib.js';
import { useData } from '../core/data.js';
import { useStore } from '../core/store.js';
import { get, post, pp } from '../core/api.js';
import { proj } from '../project/state.js';
import { whenSignedIn } from '../core/session.js';
import { link } from '../core/router.js';
import { plural } from '../core/format.js';
import { useDocTexts, context } from '../project/doctexts.js';

// pieces cuts the passage [start, end) at every segment boundary and says,
// for each piece, which coders coded it.
function pieces(d, coders) {
  const cps = Array.from(d.text);
  const cuts = new Set([d.start, d.end]);
  for (const s of d.segments) { cuts.add(Math.max(d.start, s.start)); cuts.add(Math.min(d.end, s.end)); }
  const at = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < at.length; i++) {
    const [a, b] = [at[i], at[i + 1]];
    if (a >= b) continue;
    const by = new Set(d.segments.filter((s) => s.start <= a && s.end >= b).map((s) => s.coder));
    out.push({ text: cps.slice(a - d.start, b - d.start).join(''), by, all: coders.every((c) => by.has(c)) });
  }
  return out;
}

// decisionsOf maps each quote ID of the passage to its recorded decision.
function decisionsOf(d) {
  const m = new Map();
  for (const s of d.segments) for (const x of s.decisions || []) m.set(x.quote_id, x);
  return m;
}

// decide records decisions, signing in again when the session ended.
async function decide(pid, quoteIds, decision) {
  if (!quoteIds.length) return;
  for (;;) {
    try {
      return await post(pp(pid, '/consensus'), { quote_ids: quoteIds, decision });
    } catch (err) {
      if (err.status !== 401) throw err;
      await whenSignedIn();
    }
  }
}

function Column({ d, coder, parts, ctx, decided, canDecide, busy, onTake }) {
  const segs = d.segments.filter((s) => s.coder === coder);
  const missing = segs.length === 0;
  const ids = segs.flatMap((s) => s.quote_ids);
  const mine = ids.map((id) => decided.get(id)).filter(Boolean);
  return html`<div class=${'dis-col' + (missing ? ' missing' : '')} role="group" aria-label=${'Coding of ' + coder}>
    <div class="dis-coder"><strong>${coder}</strong>
      <span class="muted small">${missing ? 'did not code this passage' : segs.map((s) => `${s.start}–${s.end}`).join(', ')}</span></div>
    <p class="dis-text">${ctx ? html`<span class="ctx">${ctx.left}</span>` : null}<span class="dis-passage">${parts.map((p) => {
      const has = p.by.has(coder);
      const cls = has ? (p.all ? 'agree' : 'differs') : 'gap';
      const title = has ? (p.all ? 'coded by every coder' : 'coded by ' + coder + ' but not by every coder')
        : 'not coded by ' + coder + '; coded by ' + [...p.by].join(', ');
      return html`<span class=${'dis-' + cls} title=${title}>${p.text}</span>`;
    })}</span>${ctx ? html`<span class="ctx">${ctx.right}</span>` : null}</p>
    ${mine.length ? html`<ul class="dis-decisions">${mine.map((x) => html`<li class=${'decision ' + x.decision}>
      ${x.decision === 'accept' ? '✓ accepted' : '✗ rejected'} by ${x.decided_by}</li>`)}</ul>` : null}
    ${canDecide && !missing && !ids.every((id) => decided.has(id)) ? html`<button type="button" class="btn btn-sm" disabled=${busy}
      onClick=${onTake}>Accept ${coder}’s coding</button>` : null}
  </div>`;
}

function Passage({ pid, d, doc, coders, canDecide, onDecided }) {
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState(null);
  const decided = useMemo(() => decisionsOf(d), [d]);
  const parts = useMemo(() => pieces(d, coders), [d, coders]);
  // A little of the text around the passage, within its speaker turn.
  const ctx = useMemo(() => (doc ? context(doc, d.start, d.end, 60) : null), [doc, d]);
  const open = (ids) => ids.filter((id) => !decided.has(id));
  const allIds = d.segments.flatMap((s) => s.quote_ids);
  const pending = open(allIds);

  // run records accept and reject for the undecided quotes of the passage.
  const run = async (accept, reject, what) => {
    setBusy(true);
    setMsg(null);
    try {
      await decide(pid, open(accept), 'accept');
      await decide(pid, open(reject), 'reject');
      setMsg({ ok: true, text: what });
    } catch (err) {
      setMsg({ ok: false, text: err.status === 409 ? 'Already decided (perhaps by someone else): showing the recorded decisions.' : err.message });
    } finally {
      setBusy(false);
      onDecided();
    }
  };
  const take = (coder) => {
    const own = d.segments.filter((s) => s.coder === coder).flatMap((s) => s.quote_ids);
    run(own, allIds.filter((id) => !own.includes(id)), `Took ${coder}’s coding.`);
  };

  return html`<li class="passage card">
    <div class="passage-head">
      <span><strong>${d.document_title}</strong>${ctx && ctx.speaker ? ' · ' + ctx.speaker : ''}${' '}
        <span class="muted small">characters ${d.start}–${d.end}</span></span>
      ${d.missing.length ? html`<span class="badge">not coded by ${d.missing.join(', ')}</span>` : html`<span class="badge">boundaries differ</span>`}
      <span class="spacer"></span>
      <a class="btn btn-sm" href=${link(pid, 'd', d.document_id) + `?at=${d.start}-${d.end}`}>Jump to text</a>
    </div>
    <div class="dis-cols" style=${{ gridTemplateColumns: `repeat(${coders.length}, minmax(0, 1fr))` }}>
      ${coders.map((c) => html`<${Column} key=${c} d=${d} coder=${c} parts=${parts} ctx=${ctx} decided=${decided} canDecide=${canDecide}
        busy=${busy} onTake=${() => take(c)} />`)}
    </div>
    <div class="row wrap passage-foot">
      ${canDecide && pending.length ? html`
        <button type="button" class="btn btn-sm" disabled=${busy} onClick=${() => run(allIds, [], 'Accepted every coder’s coding.')}
          title="Copy every coder’s quotes into the shared coding">Accept all</button>
        <button type="button" class="btn btn-sm btn-danger" disabled=${busy} onClick=${() => run([], allIds, 'Rejected every coding.')}
          title="Keep this passage out of the shared coding">Reject all</button>`
        : html`<span class="muted small">${pending.length ? 'Only owners decide on the consensus.' : 'Decided.'}</span>`}
      ${msg ? html`<span class=${msg.ok ? 'ok-text' : 'error-text'} role="status">${msg.text}</span>` : null}
    </div>
  </li>`;
}

/** Disagreements lists the passages where the coders of params differ. */
export function Disagreements({ pid, params, coders, canDecide }) {
  const codes = useStore(proj, (s) => s.codes);
  const [code, setCode] = useState('');
  const key = new URLSearchParams(params).toString();
  const { data: list, error, reload } = useData(() => get(pp(pid, '/disagreements'), params), [pid, key],
    { on: ['quote', 'code', 'decision'] });
  // The texts of the documents, for the context around each passage.
  const docs = useDocTexts(pid, (list || []).map((d) => d.document_id));

  const groups = useMemo(() => {
    const m = new Map();
    for (const d of list || []) {
      if (code && d.code_id !== code) continue;
      if (!m.has(d.code_id)) m.set(d.code_id, { id: d.code_id, name: d.code_name, items: [] });
      m.get(d.code_id).items.push(d);
    }
    return [...m.values()];
  }, [list, code]);

  if (error) return html`<p class="error-box" role="alert">${error.message}</p>`;
  if (!list) return html`<p class="muted">Finding the disagreements…</p>`;
  const used = [...new Map(list.map((d) => [d.code_id, d.code_name])).entries()];
  const colorOf = new Map(codes.map((c) => [c.id, c.color]));
  return html`<section class="disagreements" aria-label="Disagreements">
    <div class="row wrap dis-head">
      <p class="muted" role="status">${list.length ? plural(list.length, 'passage') + ' where the coders differ' : 'The coders agree on every passage.'}</p>
      <span class="spacer"></span>
      ${used.length > 1 ? html`<label class="inline-field">Code
        <select value=${code} onChange=${(e) => setCode(e.currentTarget.value)}>
          <option value="">all (${used.length})</option>
          ${used.map(([id, name]) => html`<option value=${id}>${name}</option>`)}</select></label>` : null}
      <span class="dis-legend" aria-hidden="true"><span class="dis-agree">coded by all</span>
        <span class="dis-differs">coded by this coder only</span><span class="dis-gap">coded by others</span></span>
    </div>
    ${groups.map((g) => html`<section class="dis-code" aria-label=${'Disagreements on ' + g.name}>
      <h2 class="dis-code-name"><span class="swatch" style=${{ background: colorOf.get(g.id) || '#999' }} aria-hidden="true"></span>
        ${g.name} <span class="muted small">${plural(g.items.length, 'passage')}</span></h2>
      <ol class="passages">${g.items.map((d) => html`<${Passage} key=${d.code_id + d.document_id + d.start} pid=${pid} d=${d} doc=${docs.get(d.document_id)}
        coders=${coders} canDecide=${canDecide} onDecided=${reload} />`)}</ol>
    </section>`)}
  </section>`;
}
