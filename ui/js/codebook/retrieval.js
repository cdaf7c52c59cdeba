// Code retrieval: every quote of a code (and of the codes below it) across
// documents, with case, speaker and surrounding text; open each in its
// transcript, recode and uncode it, choose it as power or proof quote and
// trim it for print from here.
import { html, useState } from '../core/lib.js';
import { useData } from '../core/data.js';
import { useStore } from '../core/store.js';
import { get, pp } from '../core/api.js';
import { proj } from '../project/state.js';
import { useDocTexts, context } from '../project/doctexts.js';
import { removeCode, addCode } from '../project/quotes.js';
import { openDialog } from '../widgets/dialog.js';
import { CodePicker } from '../widgets/picker.js';
import { link } from '../core/router.js';
import { tint } from '../core/colors.js';
import { usePermissions } from '../project/access.js';
import { PickButtons, ExcerptField } from '../widgets/evidence.js';

const PAGE = 100;

/** QuoteRow is one retrieved quote in context, with its codes. */
export function QuoteRow({ pid, q, doc, code, codes, caseName }) {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const ctx = doc ? context(doc, q.start, q.end) : null;
  const editable = usePermissions().mayChange(q);
  // Mark the quote in the colour of its own (first) code.
  const color = (byId.get(q.code_ids[0]) || code).color;
  const addOne = async () => {
    const c = await openDialog('Add a code to the quote', (close) => html`<${CodePicker} codes=${codes}
      onPick=${close} onCancel=${() => close(null)} label="Code to add" />`);
    if (c) addCode(pid, q, c.id);
  };
  return html`<li class="retrieved">
    <div class="retrieved-meta">
      <a href=${link(pid, 'd', q.document_id) + '?q=' + encodeURIComponent(q.id)}>${doc ? doc.title : 'Document'}</a>
      ${caseName ? html`<span>${caseName}</span>` : null}
      ${ctx && ctx.speaker ? html`<span>${ctx.speaker}</span>` : null}
      ${ctx ? html`<span class="muted">turn ${ctx.turn}</span>` : null}
    </div>
    <p class="kwic-line">${ctx ? html`<span class="ctx">${ctx.left}</span><mark style=${{ background: tint(color, 0.35) }}>${ctx.mid}</mark><span class="ctx">${ctx.right}</span>`
      : html`<mark style=${{ background: tint(color, 0.35) }}>${q.text}</mark>`}</p>
    <ul class="chips" aria-label="Codes of the quote">
      ${q.code_ids.map((id) => {
        const c = byId.get(id);
        return html`<li class="chip"><span class="swatch" style=${{ background: c ? c.color : '#999' }} aria-hidden="true"></span>${c ? c.name : '?'}
          ${editable ? html`<button type="button" class="chip-x" onClick=${() => removeCode(pid, q, id)} aria-label=${'Remove code ' + (c ? c.name : '') + ' from this quote'}>×</button>` : null}
          <${PickButtons} pid=${pid} quote=${q} codeId=${id} codeName=${c ? c.name : ''} editable=${editable} /></li>`;
      })}
      ${editable ? html`<li><button type="button" class="btn btn-xs" onClick=${addOne}>Add code…</button></li>` : null}
    </ul>
    <${ExcerptField} pid=${pid} quote=${q} editable=${editable} />
  </li>`;
}

/** Retrieval lists the quotes of code. */
export function Retrieval({ pid, code }) {
  const codes = useStore(proj, (s) => s.codes);
  const cases = useStore(proj, (s) => s.cases);
  const [limit, setLimit] = useState(PAGE);
  const { data: quotes, error } = useData(() => get(pp(pid, '/quotes'), { code: code.id }), [code.id], { on: ['quote', 'code'] });
  const docs = useDocTexts(pid, (quotes || []).slice(0, limit).map((q) => q.document_id));

  if (error) return html`<p class="error-box" role="alert">${error.message}</p>`;
  if (!quotes) return html`<p class="muted">Loading quotes…</p>`;
  const caseOf = (d) => d && (cases.find((c) => c.id === d.case_id) || {}).name;
  return html`<section class="retrieval" aria-label=${'Quotes of ' + code.name}>
    <h3 class="section-title">${quotes.length} quote${quotes.length === 1 ? '' : 's'}${code.level !== 'concept' ? ' (with the codes below it)' : ''}</h3>
    <ol class="retrieved-list">
      ${quotes.slice(0, limit).map((q) => html`<${QuoteRow} key=${q.id} pid=${pid} q=${q} doc=${docs.get(q.document_id)}
        code=${code} codes=${codes} caseName=${caseOf(docs.get(q.document_id))} />`)}
    </ol>
    ${quotes.length > limit ? html`<button type="button" class="btn" onClick=${() => setLimit(limit + PAGE)}>Show more</button>` : null}
  </section>`;
}
