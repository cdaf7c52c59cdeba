// QuoteCard: the selected quote in the reader's side panel, with its codes
// (remove one with ×; choose the quote as power or proof quote for one),
// a button to add a code, its print excerpt, its memo, word-by-word
// resizing for keyboard users, and deletion.
import { html } from '../core/lib.js';
import { removeCode, deleteQuote, resizeQuote, showQuote } from '../project/quotes.js';
import { patch, pp } from '../core/api.js';
import { useAutosave } from '../widgets/autosave.js';
import { draftKey } from '../core/drafts.js';
import { wordStep } from './segments.js';
import { link } from '../core/router.js';
import { usePermissions } from '../project/access.js';
import { PickButtons, ExcerptField } from '../widgets/evidence.js';

const quoteMemo = (q) => ({ memo: q.memo || '' });

// QuoteMemo edits the memo of a stored quote, saving as it is typed.
function QuoteMemo({ pid, quote, editable }) {
  const auto = useAutosave({
    key: draftKey(pid, 'quote', quote.id),
    label: 'Save the quote memo',
    what: 'Quote memo',
    href: link(pid, 'd', quote.document_id) + '?q=' + encodeURIComponent(quote.id),
    entity: quote,
    read: quoteMemo,
    names: { memo: 'Quote memo' },
    send: (changed, all, version) => patch(pp(pid, '/quotes/' + encodeURIComponent(quote.id)), changed, undefined, { version }),
    onSaved: showQuote,
  });
  return html`<label class="field"><span>Quote memo</span>
      ${auto.notice}
      <textarea rows="3" readOnly=${!editable} ...${auto.bind('memo')}
        placeholder="Why this passage matters…"></textarea></label>`;
}

/** QuoteCard props: pid, quote, codes (all), map (OffsetMap), onAdd, onClose. */
export function QuoteCard({ pid, quote, codes, map, onAdd, onClose }) {
  // Viewers read; coders change only their own quotes.
  const perms = usePermissions();
  const editable = perms.mayChange(quote);
  const byId = new Map(codes.map((c) => [c.id, c]));
  const text = map.slice(quote.start, quote.end);
  const step = (side, dir) => {
    let { start, end } = quote;
    if (side === 'start') start = Math.min(wordStep(map, start, dir), end - 1);
    else end = Math.max(wordStep(map, end, dir), start + 1);
    resizeQuote(pid, quote, Math.max(0, start), Math.min(map.length, end));
  };

  return html`<section class="card quote-card" aria-label="Selected quote">
    <div class="card-head">
      <h2 class="card-title">Selected quote</h2>
      <button type="button" class="btn-icon" onClick=${onClose} aria-label="Deselect the quote" title="Deselect (Esc)">×</button>
    </div>
    <blockquote class="quote-text">${text.length > 400 ? text.slice(0, 400) + '…' : text}</blockquote>
    <div class="quote-pos">Characters ${quote.start}–${quote.end}${perms.team && quote.coder ? ' · coded by ' + quote.coder : ''}${quote.pending ? ' · saving…' : ''}</div>
    ${quote.corrections && quote.corrections.length ? html`<details class="quote-corrections">
      <summary>Transcript corrected ${quote.corrections.length === 1 ? 'once' : quote.corrections.length + ' times'} inside the quote</summary>
      <ul>${quote.corrections.map((c) => html`<li>«${c.before}» → «${c.after}»${c.actor ? ' · ' + c.actor : ''}</li>`)}</ul></details>` : null}
    <ul class="chips" aria-label="Codes of the quote">
      ${quote.code_ids.map((id) => {
        const c = byId.get(id);
        return html`<li class="chip"><span class="swatch" style=${{ background: c ? c.color : '#999' }} aria-hidden="true"></span>
          <a href=${link(pid, 'codes', id)}>${c ? c.name : 'unknown code'}</a>
          ${editable ? html`<button type="button" class="chip-x" onClick=${() => removeCode(pid, quote, id)}
            aria-label=${'Remove code ' + (c ? c.name : '')} title="Remove this code (undo with Ctrl+Z)">×</button>` : null}</li>`;
      })}
    </ul>
    ${quote.pending ? null : html`<ul class="pick-list" aria-label="Evidence for a paper">
      ${quote.code_ids.map((id) => {
        const c = byId.get(id);
        return html`<li><span class="pick-code">${c ? c.name : 'unknown code'}</span>
          <${PickButtons} pid=${pid} quote=${quote} codeId=${id} codeName=${c ? c.name : ''} editable=${editable} /></li>`;
      })}
    </ul>`}
    ${editable && !quote.pending ? html`<p class="hint">Press <kbd>q</kbd> to make the quote a power quote, a proof quote, or neither, for its first code.</p>` : null}
    ${editable ? html`<div class="row">
      <button type="button" class="btn btn-sm" onClick=${onAdd}>Add code <kbd>c</kbd></button>
      <button type="button" class="btn btn-sm btn-danger" onClick=${() => { deleteQuote(pid, quote); onClose(); }}>Delete quote <kbd>Del</kbd></button>
    </div>
    <div class="resize" role="group" aria-label="Resize the quote by words">
      <span>Start</span>
      <button type="button" class="btn btn-xs" onClick=${() => step('start', -1)} aria-label="Move start one word earlier">← word</button>
      <button type="button" class="btn btn-xs" onClick=${() => step('start', 1)} aria-label="Move start one word later">word →</button>
      <span>End</span>
      <button type="button" class="btn btn-xs" onClick=${() => step('end', -1)} aria-label="Move end one word earlier">← word</button>
      <button type="button" class="btn btn-xs" onClick=${() => step('end', 1)} aria-label="Move end one word later">word →</button>
    </div>` : null}
    ${quote.pending ? html`<label class="field"><span>Quote memo</span>
      <textarea rows="3" readOnly value=${quote.memo || ''} placeholder="The memo can be written once the quote is saved…"></textarea></label>`
      : html`<${QuoteMemo} key=${quote.id} pid=${pid} quote=${quote} editable=${editable} />`}
    ${quote.pending ? null : html`<${ExcerptField} key=${'x' + quote.id} pid=${pid} quote=${quote} editable=${editable} />`}
    ${editable ? html`<p class="hint">Drag the quote’s ends in the text to resize it.</p>` : null}
  </section>`;
}
