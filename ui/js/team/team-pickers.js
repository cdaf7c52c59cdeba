// What the agreement report and the disagreement view compare: documents,
// coders (two or more), optionally codes, and the segment-level minimum
// overlap. The choice lives in the URL (?documents=&coders=&codes=
// &min_overlap=), so a comparison can be reloaded and shared.
import { html, useState, useEffect, useMemo, useRef } from '../core/lib.js';
import { useData } from '../core/data.js';
import { useStore } from '../core/store.js';
import { get, pp } from '../core/api.js';
import { proj } from '../project/state.js';
import { useDocLabel } from '../project/doclabels.js';
import { navigate } from '../core/router.js';
import { fold } from '../widgets/picker.js';

const CONSENSUS = 'consensus';
const list = (v) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : null);

/**
 * useComparison loads who coded which document and returns the choice
 * {ready, error, coders, perDoc, sel, params, set}: coders are everyone
 * with quotes (but the consensus), perDoc maps a document ID to its
 * coders, sel the chosen {documents, coders, codes, minOverlap}, params
 * the query of the agreement routes, set(patch) changes the choice.
 */
export function useComparison(pid, query) {
  const documents = useStore(proj, (s) => s.documents);
  const { data: quotes, error } = useData(() => get(pp(pid, '/quotes')), [pid], { on: ['quote'] });

  const { coders, perDoc } = useMemo(() => {
    const per = new Map();
    const all = new Set();
    for (const q of quotes || []) {
      if (q.coder === CONSENSUS || !q.coder) continue;
      all.add(q.coder);
      if (!per.has(q.document_id)) per.set(q.document_id, new Set());
      per.get(q.document_id).add(q.coder);
    }
    return { coders: [...all].sort(), perDoc: per };
  }, [quotes]);

  const qs = query.toString();
  const sel = useMemo(() => {
    const chosenCoders = list(query.get('coders')) || coders;
    let docs = list(query.get('documents'));
    if (!docs) {
      // By default: the documents at least two of the coders coded.
      docs = documents.filter((d) => [...(perDoc.get(d.id) || [])].filter((c) => chosenCoders.includes(c)).length >= 2).map((d) => d.id);
    }
    const mo = parseFloat(query.get('min_overlap') || '');
    return {
      documents: docs, coders: chosenCoders, codes: list(query.get('codes')) || [],
      minOverlap: Number.isFinite(mo) && mo > 0 && mo <= 1 ? mo : 0.9,
    };
  }, [qs, coders, perDoc, documents]);

  const params = {
    documents: sel.documents.join(','), coders: sel.coders.join(','),
    codes: sel.codes.join(','), min_overlap: String(sel.minOverlap),
  };
  const set = (patch) => {
    const next = { ...sel, ...patch };
    const q = new URLSearchParams(query);
    q.set('documents', next.documents.join(','));
    q.set('coders', next.coders.join(','));
    if (next.codes.length) q.set('codes', next.codes.join(',')); else q.delete('codes');
    q.set('min_overlap', String(next.minOverlap));
    navigate(location.pathname + '?' + q.toString(), { replace: true });
  };
  return { ready: !!quotes, error, coders, perDoc, sel, params, set };
}

// Multi is a drop-down list of checkboxes: options [{id, label, meta}],
// chosen IDs, onChange(ids).
function Multi({ label, summary, options, chosen, onChange, filter = false }) {
  const [needle, setNeedle] = useState('');
  const ref = useRef(null);
  // A press elsewhere closes the list.
  useEffect(() => {
    const h = (e) => { if (ref.current && ref.current.open && !ref.current.contains(e.target)) ref.current.open = false; };
    document.addEventListener('mousedown', h);
    return () => document.removeEventListener('mousedown', h);
  }, []);
  const shown = filter && needle ? options.filter((o) => fold(o.label).includes(fold(needle))) : options;
  const toggle = (id, on) => onChange(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  return html`<details class="multi" ref=${ref}>
    <summary><span class="multi-label">${label}</span> <span class="multi-summary">${summary}</span></summary>
    <div class="multi-pop" role="group" aria-label=${label}>
      <div class="row multi-actions">
        <button type="button" class="btn btn-xs" onClick=${() => onChange(options.map((o) => o.id))}>All</button>
        <button type="button" class="btn btn-xs" onClick=${() => onChange([])}>None</button>
        ${filter ? html`<input type="search" class="multi-filter" placeholder="Filter…" aria-label=${'Filter ' + label.toLowerCase()}
          value=${needle} onInput=${(e) => setNeedle(e.currentTarget.value)} />` : null}
      </div>
      <ul class="multi-list">${shown.map((o) => html`<li><label class="multi-opt">
        <input type="checkbox" checked=${chosen.includes(o.id)} onChange=${(e) => toggle(o.id, e.currentTarget.checked)} />
        <span class="opt-name">${o.label}</span>${o.meta ? html`<span class="opt-meta">${o.meta}</span>` : null}</label></li>`)}</ul>
      ${options.length === 0 ? html`<p class="picker-empty">Nothing to choose yet.</p>` : null}
    </div>
  </details>`;
}

/** ComparisonPicker offers the documents, coders, codes and minimum overlap of cmp. */
export function ComparisonPicker({ cmp }) {
  const documents = useStore(proj, (s) => s.documents);
  const codes = useStore(proj, (s) => s.codes);
  const { sel, set, coders, perDoc } = cmp;
  // Keep the order of the project's lists, whatever the order of clicks.
  const order = (ids, all) => all.filter((x) => ids.includes(x));
  const docLabel = useDocLabel();
  const docOpts = documents.map((d) => ({ id: d.id, label: docLabel(d), meta: [...(perDoc.get(d.id) || [])].sort().join(', ') || 'not coded' }));
  const coderOpts = coders.map((c) => ({ id: c, label: c }));
  const codeOpts = codes.map((c) => ({ id: c.id, label: c.name }));
  return html`<div class="compare card" aria-label="What to compare">
    <${Multi} label="Documents" summary=${`${sel.documents.length} of ${documents.length}`} options=${docOpts} chosen=${sel.documents}
      filter=${documents.length > 8} onChange=${(ids) => set({ documents: order(ids, documents.map((d) => d.id)) })} />
    <${Multi} label="Coders" summary=${sel.coders.length ? sel.coders.join(', ') : 'none'} options=${coderOpts} chosen=${sel.coders}
      onChange=${(ids) => set({ coders: order(ids, coders) })} />
    <${Multi} label="Codes" summary=${sel.codes.length ? `${sel.codes.length} chosen` : 'all used'} options=${codeOpts} chosen=${sel.codes}
      filter=${codes.length > 8} onChange=${(ids) => set({ codes: order(ids, codes.map((c) => c.id)) })} />
    <label class="inline-field" title="Segment level: two coders’ passages match when they share at least this share of the text either covers">
      Minimum overlap
      <input type="number" class="overlap-input" min="5" max="100" step="5" value=${Math.round(sel.minOverlap * 100)}
        onChange=${(e) => { const v = Number(e.currentTarget.value); if (v > 0 && v <= 100) set({ minOverlap: v / 100 }); }} /> %</label>
  </div>`;
}

/** comparisonProblem tells why the choice cannot be compared yet ('' when it can). */
export function comparisonProblem(cmp) {
  if (!cmp.ready) return '';
  if (cmp.coders.length < 2) return 'Agreement needs two coders or more who coded documents of this project. Assign documents on the Assignments tab.';
  if (cmp.sel.coders.length < 2) return 'Choose at least two coders.';
  if (!cmp.sel.documents.length) return 'Choose the documents to compare.';
  return '';
}
