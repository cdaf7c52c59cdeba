// The side panel of the analysis screens: the quotes behind a matrix cell
// or a co-occurrence, in context, each with a link to its place in the
// transcript (and its codes, to recode or uncode from here).
import { html, useState, useEffect, useRef } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { proj } from '../project/state.js';
import { useDocTexts } from '../project/doctexts.js';
import { QuoteRow } from '../codebook/retrieval.js';
import { plural } from '../core/format.js';

const PAGE = 60;
const NO_CODE = { color: '#999999' };

/**
 * QuotePanel props: pid; title and subtitle; groups, a list of {key,
 * label, quoteIds} (label may be empty); quotes, the project's quotes
 * ({byId}); code, the code whose colour marks quotes without a known
 * code; onClose.
 */
export function QuotePanel({ pid, title, subtitle, groups, quotes, code, onClose, loading, error }) {
  const codes = useStore(proj, (s) => s.codes);
  const cases = useStore(proj, (s) => s.cases);
  const [limit, setLimit] = useState(PAGE);
  const head = useRef(null);

  // Each group's quotes that the project still has, up to the limit overall.
  let left = limit, total = 0;
  const shown = (groups || []).map((g) => {
    const qs = g.quoteIds.map((id) => quotes && quotes.byId.get(id)).filter(Boolean);
    total += qs.length;
    const part = qs.slice(0, Math.max(0, left));
    left -= part.length;
    return { ...g, qs: part };
  });
  const docs = useDocTexts(pid, shown.flatMap((g) => g.qs.map((q) => q.document_id)));

  useEffect(() => { if (head.current) head.current.focus(); }, [title, subtitle]);
  useEffect(() => setLimit(PAGE), [title, subtitle]);
  const caseOf = (d) => d && (cases.find((c) => c.id === d.case_id) || {}).name;
  const onKey = (e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } };
  return html`<aside class="quote-panel" aria-labelledby="quote-panel-title" onKeyDown=${onKey}>
    <header class="quote-panel-head">
      <div>
        <h2 id="quote-panel-title" tabindex="-1" ref=${head}>${title}</h2>
        ${subtitle ? html`<p class="muted small">${subtitle}</p>` : null}
      </div>
      <button type="button" class="btn-icon" onClick=${onClose} aria-label="Close the quotes" title="Close (Esc)">×</button>
    </header>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    ${loading || !quotes ? html`<p class="muted">Loading quotes…</p>` : html`<p class="muted small" role="status">${plural(total, 'quote')}</p>
      ${shown.filter((g) => g.qs.length).map((g) => html`<section class="quote-group" key=${g.key}>
        ${g.label ? html`<h3 class="quote-group-title">${g.label}</h3>` : null}
        <ol class="retrieved-list">
          ${g.qs.map((q) => html`<${QuoteRow} key=${q.id} pid=${pid} q=${q} doc=${docs.get(q.document_id)}
            code=${code || NO_CODE} codes=${codes} caseName=${caseOf(docs.get(q.document_id))} />`)}
        </ol></section>`)}
      ${total > limit ? html`<button type="button" class="btn btn-sm" onClick=${() => setLimit(limit + PAGE)}>Show more</button>` : null}`}
  </aside>`;
}
