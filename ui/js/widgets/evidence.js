// Evidence: choose a quote as power quote (printed in a paper's text) or
// proof quote (printed in its supporting-data table) for one of its
// codes, with its order among the code's chosen quotes, and trim it for
// print with […] where words are left out. Used by the reader's quote
// card, the codebook's quote list and the Gioia view.
import { html, useState } from '../core/lib.js';
import { pickQuote, pickQuoteById, pickOf, setExcerpt } from '../project/quotes.js';
import { usePermissions } from '../project/access.js';

const KINDS = [['power', 'Power', 'Power quote: printed in the text of the paper'], ['proof', 'Proof', 'Proof quote: printed in the supporting-data table']];

/** PickBadge shows how a quote serves as evidence: power or proof with its order, or auto. */
export function PickBadge({ kind, order }) {
  if (!kind) return null;
  return html`<span class="pick-badge" data-kind=${kind} title=${kind === 'auto' ? 'Chosen automatically' : kind + ' quote'}>${kind}${order ? ' ' + order : ''}</span>`;
}

/**
 * PickButtons chooses quote as power or proof quote for codeId (a toggle:
 * pressing the chosen kind again takes the choice back) and sets its order.
 */
export function PickButtons({ pid, quote, codeId, codeName, editable }) {
  const pick = pickOf(quote, codeId);
  if (!editable) return pick ? html`<${PickBadge} kind=${pick.kind} order=${pick.order} />` : null;
  const toggle = (kind) => pickQuote(pid, quote, codeId, pick && pick.kind === kind ? '' : kind).catch(() => {});
  return html`<span class="pick" role="group" aria-label=${'Choose as evidence for ' + codeName}>
    ${KINDS.map(([kind, label, title]) => html`<button type="button" class="btn btn-xs pick-btn" data-kind=${kind}
      aria-pressed=${pick && pick.kind === kind ? 'true' : 'false'} title=${title} onClick=${() => toggle(kind)}>${label}</button>`)}
    ${pick ? html`<label class="pick-order" title="Order among the code's chosen quotes">#<input type="number" min="1" max="999"
      value=${pick.order} aria-label=${'Order among the chosen quotes of ' + codeName}
      onChange=${(e) => { const n = +e.currentTarget.value; if (n >= 1 && n <= 999) pickQuote(pid, quote, codeId, pick.kind, n).catch(() => {}); }} /></label>` : null}
  </span>`;
}

/**
 * CitedPick offers, for a quote a table shows by ID (the Gioia table, the
 * supporting-data preview), to choose it as power or proof quote for
 * codeId, or to take the choice back.
 */
export function CitedPick({ pid, quote, label }) {
  const perms = usePermissions();
  if (!quote.code_id || !perms.canCode) return null;
  const chosen = quote.kind === 'power' || quote.kind === 'proof';
  const set = (kind, order = 0) => pickQuoteById(pid, quote.quote_id, quote.code_id, kind, order).catch(() => {});
  return html`<span class="pick" role="group" aria-label=${'Choose as evidence: ' + label}>
    ${KINDS.map(([kind, name, title]) => html`<button type="button" class="btn btn-xs pick-btn" data-kind=${kind}
      aria-pressed=${quote.kind === kind ? 'true' : 'false'} title=${title}
      onClick=${() => set(quote.kind === kind ? '' : kind, quote.kind === kind ? 0 : quote.order || 0)}>${name}</button>`)}
    ${chosen ? html`<label class="pick-order" title="Order among the code's chosen quotes">#<input type="number" min="1" max="999"
      value=${quote.order} aria-label=${'Order among the chosen quotes: ' + label}
      onChange=${(e) => { const n = +e.currentTarget.value; if (n >= 1 && n <= 999) set(quote.kind, n); }} /></label>`
      : html`<span class="muted small">chosen automatically</span>`}
  </span>`;
}

/**
 * ExcerptField edits the quote's print excerpt: pieces of its text in
 * order, with […] for what is left out. Ctrl+Enter saves; an excerpt
 * that is not made of the quote's text is refused with the reason.
 */
export function ExcerptField({ pid, quote, editable }) {
  const [draft, setDraft] = useState(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const value = draft === null ? (quote.excerpt || '') : draft;
  const store = async (text) => {
    setBusy(true);
    try {
      await setExcerpt(pid, quote, text);
      setDraft(null);
      setError('');
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };
  if (!editable) return quote.excerpt ? html`<p class="excerpt"><span class="muted small">Printed as:</span> ${quote.excerpt}</p>` : null;
  // The editor is made only while open, so nothing hidden lingers in the card.
  return html`<div class="excerpt-field">
    <button type="button" class="excerpt-toggle" aria-expanded=${open ? 'true' : 'false'} onClick=${() => setOpen(!open)}>
      ${open ? '▾' : '▸'} Print excerpt${quote.excerpt ? ': ' + quote.excerpt : ' (none: the whole quote is printed)'}</button>
    ${open ? html`<label class="field"><span>Text printed in exports; mark left-out words with […]</span>
      <textarea rows="3" value=${value} placeholder=${quote.text || ''} aria-invalid=${error ? 'true' : 'false'}
        onInput=${(e) => setDraft(e.currentTarget.value)}
        onKeyDown=${(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); store(value); } }}></textarea></label>
    ${error ? html`<p class="error-box small" role="alert">${error}</p>` : null}
    <div class="row wrap">
      <button type="button" class="btn btn-xs" disabled=${busy} onClick=${() => store(value)}>Save excerpt <kbd>Ctrl+Enter</kbd></button>
      <button type="button" class="btn btn-xs" onClick=${() => setDraft((quote.text || '').trim())}>Start from the quote</button>
      <button type="button" class="btn btn-xs" onClick=${() => setDraft((value ? value + ' ' : '') + '[…]')}>Insert […]</button>
      ${quote.excerpt ? html`<button type="button" class="btn btn-xs" disabled=${busy} onClick=${() => store('')}>Remove excerpt</button>` : null}
    </div>` : null}
  </div>`;
}
