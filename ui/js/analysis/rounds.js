// The rounds tab: close a coding round (its codebook and coding are kept),
// and compare two rounds, or a round and the codebook as it is now: which
// codes were added, merged, split, renamed, moved and retired, with their
// quotes and documents in each, drawn as a flow from one round's codes to
// the other's (rounds-flow.js) and listed in a table.
import { html, useState } from '../core/lib.js';
import { useData } from '../core/data.js';
import { get, post, pp } from '../core/api.js';
import { usePermissions } from '../project/access.js';
import { levelLabel } from '../project/codetree.js';
import { useAnalysis, setQuery, ANALYSIS_KINDS } from './analysis-common.js';
import { RoundsFlow } from './rounds-flow.js';

const FORMATS = [['docx', 'Word'], ['md', 'Markdown'], ['csv', 'CSV'], ['xlsx', 'Excel']];

/** describe puts a code's changes into words, as the reports do. */
function describe(c) {
  const parts = [];
  for (const k of c.changes) {
    if (k === 'merged') {
      if (c.merged_into) parts.push('merged into ' + c.merged_into);
      if (c.merged_from) parts.push('merged from ' + c.merged_from.join(', '));
    } else if (k === 'split') {
      if (c.split_from) parts.push('split from ' + c.split_from);
      if (c.split_into) parts.push('split into ' + c.split_into.join(', '));
    } else if (k === 'renamed') parts.push('renamed from ' + c.from_name);
    else if (k === 'moved') parts.push(`moved from ${c.from_parent} to ${c.to_parent}`);
    else parts.push(k);
  }
  return parts.join('; ');
}

/** CloseRound is the form that closes a round with a name and a note. */
function CloseRound({ pid, onClosed }) {
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const submit = async (e) => {
    e.preventDefault();
    try {
      await post(pp(pid, '/rounds'), { name, note });
      setName(''); setNote(''); setError('');
      onClosed();
    } catch (err) { setError(err.message); }
  };
  return html`<form class="round-form" onSubmit=${submit}>
    <h2>Close a coding round</h2>
    <p class="muted small">The codebook and the coding as they stand now are kept under the round's name.</p>
    <label class="field">Name <input type="text" value=${name} onInput=${(e) => setName(e.currentTarget.value)} placeholder="e.g. Axial coding" /></label>
    <label class="field">Note <textarea rows="3" value=${note} onInput=${(e) => setNote(e.currentTarget.value)} placeholder="What this round did (Markdown)"></textarea></label>
    ${error ? html`<p class="error-box" role="alert">${error}</p>` : null}
    <button type="submit" class="btn btn-primary">Close round</button>
  </form>`;
}

/** Evolution shows the comparison of two rounds with its downloads. */
function Evolution({ pid, from, to }) {
  const { data: ev, error } = useAnalysis(pid, '/rounds/evolution', { from, to });
  if (error) return html`<p class="error-box" role="alert">${error.message}</p>`;
  if (!ev) return html`<p class="muted">Loading…</p>`;
  const href = (f) => '/api/v1' + pp(pid, '/rounds/evolution') + `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&format=${f}`;
  const sum = (s) => `${s.name}: ${s.concepts} concepts, ${s.themes} themes, ${s.dimensions} dimensions, ${s.retired} retired; ${s.quotes} quotes in ${s.documents} documents.`;
  const changed = ev.codes.filter((c) => c.changes.length);
  return html`<section class="evolution" aria-label="Codebook evolution">
    <p>${sum(ev.from)}</p><p>${sum(ev.to)}</p>
    <div class="row wrap exports" role="group" aria-label="Export the evolution report">
      <span class="muted small">Export:</span>
      ${FORMATS.map(([f, n]) => html`<a class="btn btn-sm" href=${href(f)} download>${n}</a>`)}
    </div>
    <${RoundsFlow} ev=${ev} describe=${describe} />
    <div class="table-wrap"><table class="matrix evolution-table">
      <caption>${changed.length ? `${changed.length} of ${ev.codes.length} codes changed` : 'No code changed'}</caption>
      <thead><tr><th scope="col">Level</th><th scope="col">Code in ${ev.from.name}</th><th scope="col">Code in ${ev.to.name}</th><th scope="col">Change</th>
        <th scope="col" class="num">Quotes before</th><th scope="col" class="num">Quotes after</th></tr></thead>
      <tbody>${ev.codes.map((c) => html`<tr class=${c.changes.length ? 'changed' : ''}>
        <td>${levelLabel(c.level)}</td><td>${c.from_name}</td><td>${c.to_name}</td><td>${describe(c)}</td>
        <td class="num">${c.from_counts ? c.from_counts.quotes : ''}</td><td class="num">${c.to_counts ? c.to_counts.quotes : ''}</td></tr>`)}</tbody>
    </table></div>
  </section>`;
}

/** RoundsView is the rounds tab of the analysis screen. */
export function RoundsView({ pid, query }) {
  const perms = usePermissions();
  const { data: rounds, error, reload } = useData(() => get(pp(pid, '/rounds')), [pid], { on: [...ANALYSIS_KINDS, 'round'] });
  const list = rounds || [];
  const from = query.get('from') || (list.length > 1 ? list[list.length - 2].id : list.length ? list[0].id : '');
  const to = query.get('to') || (list.length > 1 ? list[list.length - 1].id : 'current');
  const choice = (label, value, key, withCurrent) => html`<label class="inline-field">${label}
    <select value=${value} onChange=${(e) => setQuery(query, { [key]: e.currentTarget.value })}>
      ${list.map((r) => html`<option value=${r.id}>${r.name}</option>`)}
      ${withCurrent ? html`<option value="current">Now</option>` : null}
    </select></label>`;
  return html`<div class="analysis-tab rounds">
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    <ol class="round-list">${list.map((r) => html`<li><strong>${r.name}</strong>
      <span class="muted small"> ${r.closed_at.slice(0, 10)} · ${r.codes} codes · ${r.quotes} quotes</span>${r.note ? html`<div class="small">${r.note}</div>` : null}</li>`)}</ol>
    ${rounds && !list.length ? html`<p class="muted">No round closed yet.</p>` : null}
    ${list.length ? html`<div class="row wrap">${choice('From', from, 'from', false)}${choice('To', to, 'to', true)}</div>
      <${Evolution} pid=${pid} from=${from} to=${to} />` : null}
    ${!perms.team || perms.owner ? html`<${CloseRound} pid=${pid} onClosed=${reload} />` : null}
  </div>`;
}
