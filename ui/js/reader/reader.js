// The transcript reader: speaker turns with numbers, highlights in code
// colours (overlaps stacked, with bars in the margin), and coding by
// selection. Its concerns live in hooks of their own: the document
// (reader-document.js), the layout (reader-layout.js), what is selected
// and coding it (reader-selection.js), resizing by dragging
// (reader-drag.js) and the keyboard (reader-keys.js).
import { html, useState, useEffect, useRef, useMemo } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { proj } from '../project/state.js';
import { quoteState } from '../project/quotes.js';
import { loadRecent } from '../project/recent.js';
import { resolve } from '../core/ids.js';
import { SelectionBubble, CodingPopover, TooltipHost, showTip } from './floating.js';
import { QuoteCard } from './quotecard.js';
import { CodebookPanel } from '../codebook/codebook.js';
import { useDocument } from './reader-document.js';
import { useLayout, codedShare, PREVIEW } from './reader-layout.js';
import { useSelection } from './reader-selection.js';
import { useDrag } from './reader-drag.js';
import { useReaderKeys } from './reader-keys.js';
import { link } from '../core/router.js';
import { plural } from '../core/format.js';
import { usePermissions } from '../project/access.js';
import { editSpeakers } from './speakers.js';
import { editTurn } from './transcript-edit.js';

export { prefetchDocument } from './reader-document.js';

// useSnap returns the "snap to words" preference and its setter (kept in
// localStorage).
function useSnap() {
  const [snap, setSnap] = useState(() => localStorage.getItem('tessera.snap') !== 'off');
  const set = (v) => { setSnap(v); localStorage.setItem('tessera.snap', v ? 'on' : 'off'); };
  return [snap, set];
}

// tipItems lists the codes of the quotes whose IDs the highlight el names.
function tipItems(el, quotes, codes) {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const items = [];
  for (const qid of el.dataset.q.split(' ')) {
    const q = quotes && quotes.find((x) => x.id === qid);
    if (!q) continue;
    for (const cid of q.code_ids) {
      const c = byId.get(cid) || byId.get(resolve(cid));
      if (c && !items.some((it) => it.name === c.name)) items.push({ name: c.name, color: c.color, path: '' });
    }
  }
  return items;
}

/** Reader shows document did of project pid. query: ?q=quote or ?at=start-end. */
export function Reader({ pid, did, query }) {
  const root = useRef(null);
  const quotes = useStore(quoteState, (s) => s[did]);
  const codes = useStore(proj, (s) => s.codes);
  const cases = useStore(proj, (s) => s.cases);
  // Viewers read; coders change only their own quotes.
  const perms = usePermissions();
  const [snap, setSnapPref] = useSnap();
  useEffect(() => loadRecent(pid), [pid]);

  const { doc, error } = useDocument(pid, did);
  const sel = useSelection({ root, doc, pid, did, quotes, codes, perms, snap });
  const drag = useDrag({ root, doc, quote: sel.resizable ? sel.selQuote : null, pid, snap });
  const { popover } = sel;

  // The quotes as shown: a quote being resized at its new ends, and the
  // range the coding popover will code.
  const shown = useMemo(() => {
    if (!quotes) return null;
    let list = quotes;
    if (drag.state) list = list.map((q) => (q.id === drag.state.id ? { ...q, start: drag.state.start, end: drag.state.end } : q));
    if (popover && popover.mode === 'text') list = [...list, { id: PREVIEW, start: popover.start, end: popover.end, code_ids: [] }];
    if (drag.state || popover) list = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
    return list;
  }, [quotes, drag.state, popover]);

  // Jump to the quote or passage the URL names: once the reader is ready,
  // and when a link names another one in the same transcript.
  const jumpFromQuery = () => {
    if (!doc || !root.current) return;
    const qid = query.get('q');
    const at = query.get('at');
    if (qid) {
      const q = (quoteState.get()[did] || []).find((x) => x.id === qid);
      if (q) { sel.setSelId(q.id); view.scrollToOffset(q.start); }
    } else if (at) {
      const [s, e] = at.split('-').map(Number);
      if (Number.isFinite(s)) view.selectRange(s, e);
    }
  };
  const jump = useRef(jumpFromQuery);
  jump.current = jumpFromQuery;
  const view = useLayout({
    root, doc, query, shown, codes, selId: sel.curSel, resizable: sel.resizable, onReady: () => jump.current(),
  });
  const queryKey = query.toString();
  useEffect(() => { if (view.ready) jump.current(); }, [queryKey]);

  useReaderKeys({ root, doc, pid, quotes, perms, sel, scrollToOffset: view.scrollToOffset });

  // Owners edit a turn by clicking its speaker's name.
  const onClick = (e) => {
    const who = perms.canManage && e.target.closest && e.target.closest('.who');
    const block = who && who.closest('.block');
    const i = block ? doc.turns.findIndex((t) => t.start === +block.dataset.b) : -1;
    if (i >= 0) { editTurn(pid, doc, i); return; }
    sel.onClick(e);
  };

  const onOver = (e) => {
    const el = e.target.closest && e.target.closest('[data-q]');
    const items = el ? tipItems(el, quotes, codes) : [];
    showTip(items.length ? { x: e.clientX, y: e.clientY, items } : null);
  };

  if (error) return html`<div class="page"><p class="error-box" role="alert">${error.message}</p></div>`;
  if (!doc || !view.layout) return html`<div class="page"><p class="muted">Opening the transcript…</p></div>`;

  const caseName = (cases.find((c) => c.id === doc.case_id) || {}).name;
  const share = codedShare(quotes, doc.length);

  return html`<div class="reader-layout">
    <div class="reader-main">
      <header class="reader-head">
        <div>
          <h1 class="doc-title">${doc.title}</h1>
          <div class="doc-meta">
            ${caseName ? html`<span>${caseName}</span>` : html`<span class="muted">No case</span>`}
            ${doc.meta && doc.meta.informant_role ? html`<span>${doc.meta.informant_role}</span>` : null}
            ${doc.meta && doc.meta.interview_date ? html`<span>${doc.meta.interview_date}</span>` : null}
            <span>${plural(quotes.length, 'quote')} · ${Math.round(share * 100)}% coded</span>
            <a href=${link(pid, 'memos') + '?target=document:' + doc.id}>Memos</a>
          </div>
          ${perms.team && perms.loaded && !perms.canCode ? html`<p class="readonly-note">You read this project as a ${perms.role || 'non-member'}: coding needs the role coder or owner.</p>` : null}
          ${perms.independent.includes(did) ? html`<p class="readonly-note">You code this document independently: only your own quotes show here.</p>` : null}
          ${quotes.length === 0 && perms.canCode ? html`<p class="hint">Select a passage with the mouse, then press <kbd>c</kbd> (or click <em>Code…</em>) to code it with a new or existing concept.</p>` : null}
        </div>
        <div class="reader-tools">
        ${perms.canManage ? html`<button type="button" class="btn btn-sm edit-speakers" onClick=${() => editSpeakers(pid, doc)}
          title="Rename, merge and split the speakers, set their roles">Speakers…</button>` : null}
        <label class="toggle" title="Widen selections to whole words">
          <input type="checkbox" checked=${snap} onChange=${(e) => setSnapPref(e.currentTarget.checked)} /> Snap to words</label>
        </div>
      </header>
      <div class=${'transcript' + (perms.canManage ? ' editable' : '')} ref=${root} tabindex="0" role="document" aria-label=${'Transcript: ' + doc.title}
        aria-describedby="reader-help" onClick=${onClick} onMouseOver=${onOver} onMouseLeave=${() => showTip(null)}
        onPointerDown=${drag.onPointerDown}>
        ${view.nodes}
        ${view.rest ? html`<div class="blocks-to-come" aria-hidden="true"
          style=${{ height: view.rest * 6 + 'rem' }}></div>` : null}
      </div>
      <p id="reader-help" class="sr-only">Select text, then press c to code it or 1 to 9 to reapply a recent code.
        n and p move between quotes, j and k between turns; Enter selects the focused turn; Delete removes the selected quote.
        ${perms.canManage ? ' Owners edit the transcript: e corrects the selected text (or inserts at the cursor), Shift+Enter splits the turn at the cursor, Shift+Backspace joins the turn at the cursor to the one before, s changes the speaker of the turn at the cursor.' : ''}</p>
    </div>
    <aside class="side" aria-label="Quote and codebook">
      ${sel.selQuote ? html`<${QuoteCard} pid=${pid} quote=${sel.selQuote} codes=${codes} map=${doc.map}
        onAdd=${sel.openPopover} onClose=${() => sel.setSelId('')} />` : null}
      <${CodebookPanel} pid=${pid} compact=${true} />
    </aside>
    ${sel.textSel && !popover && !drag.state && perms.canCode ? html`<${SelectionBubble} rect=${sel.textSel.rect} recent=${sel.recent}
      onOpen=${sel.openPopover} onApply=${sel.applyCode} />` : null}
    ${popover ? html`<${CodingPopover} rect=${popover.rect} codes=${codes} recent=${sel.recent}
      title=${popover.mode === 'quote' ? 'Add a code to the quote' : 'Code the selection'}
      onPick=${sel.applyCode} onCreate=${perms.canEditCodebook ? sel.createConcept : null} onClose=${() => sel.setPopover(null)} />` : null}
    ${!popover ? html`<${TooltipHost} />` : null}
  </div>`;
}
