// The transcript reader: speaker turns with numbers, highlights in code
// colours (overlaps stacked, with bars in the margin), and coding by
// selection. The layout is computed once per change (segments.js) and only
// the blocks whose highlights changed re-render.
import { html, useState, useEffect, useRef, useMemo, useCallback } from './lib.js';
import { get, pp } from './api.js';
import { useStore } from './store.js';
import { proj } from './state.js';
import { quoteState, setDocQuotes, createQuote, addCode, deleteQuote } from './quotes.js';
import { codeWithNewConcept, createCode } from './codes.js';
import { recentState, pushRecent, recentCodes, loadRecent } from './recent.js';
import { resolve } from './history.js';
import { OffsetMap } from './offsets.js';
import { buildBlocks, layoutSegments, snapToWords, wordStep } from './segments.js';
import { selectionOffsets, selectOffsets } from './selection.js';
import { Block } from './reader-block.js';
import { SelectionBubble, CodingPopover, TooltipHost, showTip } from './floating.js';
import { QuoteCard } from './quotecard.js';
import { CodebookPanel } from './codebook.js';
import { useDrag } from './reader-drag.js';
import { link } from './router.js';
import { isTyping } from './keys.js';
import { plural } from './format.js';
import { usePermissions } from './access.js';

const PREVIEW = '__selection';
// A long transcript is put on screen in steps: the first blocks at once,
// the rest in the background, CHUNK blocks per task, so the reader is
// interactive while the remainder arrives.
const FIRST = 60;
const CHUNK = 200;

// blockNodes returns the elements of the blocks, reusing the element of a
// block whose layout entry is unchanged: Preact then skips it outright.
function blockNodes(doc, layout, cache, limit) {
  return doc.blocks.slice(0, limit).map((b, i) => {
    const data = layout[i];
    let v = cache.get(data);
    if (!v) {
      v = html`<${Block} key=${b.start} block=${b} data=${data} role=${b.turn ? doc.roles.get(b.turn.speaker) : ''} />`;
      cache.set(data, v);
    }
    return v;
  });
}

// codedShare returns the share of the text covered by quotes (sorted).
function codedShare(quotes, length) {
  let covered = 0, end = 0;
  for (const q of quotes) {
    if (q.end <= end) continue;
    covered += q.end - Math.max(q.start, end);
    end = q.end;
  }
  return length ? covered / length : 0;
}

// blockAt returns the index of the block holding code point cp.
function blockAt(blocks, cp) {
  let lo = 0, hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid].start <= cp) lo = mid; else hi = mid - 1;
  }
  return lo;
}

const prefetched = new Map();

// fetchDocument asks for a document with its quotes.
const fetchDocument = (pid, did) => get(pp(pid, '/documents/' + encodeURIComponent(did)), { quotes: 'true' });

/**
 * prefetchDocument starts loading a document while the project itself is
 * still loading; the reader then takes the answer instead of asking again.
 */
export function prefetchDocument(pid, did) {
  const key = pid + '/' + did;
  if (!prefetched.has(key)) {
    const p = fetchDocument(pid, did);
    p.catch(() => {});
    prefetched.set(key, p);
  }
}

function takeDocument(pid, did) {
  const key = pid + '/' + did;
  const p = prefetched.get(key);
  prefetched.delete(key);
  return p || fetchDocument(pid, did);
}

/** Reader shows document did of project pid. query: ?q=quote or ?at=start-end. */
export function Reader({ pid, did, query }) {
  const [doc, setDoc] = useState(null);
  const [error, setError] = useState(null);
  const quotes = useStore(quoteState, (s) => s[did]);
  const codes = useStore(proj, (s) => s.codes);
  const cases = useStore(proj, (s) => s.cases);
  // Viewers read; coders change only their own quotes.
  const perms = usePermissions();
  const recentIds = useStore(recentState, (s) => s.ids);
  const [selId, setSelId] = useState('');
  const [textSel, setTextSel] = useState(null);
  const [popover, setPopover] = useState(null);
  const [snap, setSnap] = useState(() => localStorage.getItem('tessera.snap') !== 'off');
  const root = useRef(null);
  const prevLayout = useRef(null);
  const vnodes = useRef(new WeakMap());
  const opened = useRef(0);
  const ready = useRef(false);
  const complete = useRef(false);
  const [limit, setLimit] = useState(0);
  const [isReady, setIsReady] = useState(false);

  // Load the document with its quotes.
  useEffect(() => {
    let alive = true;
    opened.current = window.__tesseraOpenAt || performance.now();
    window.__tesseraOpenAt = 0;
    ready.current = false;
    complete.current = false;
    setIsReady(false);
    prevLayout.current = null;
    setDoc(null);
    setSelId('');
    setPopover(null);
    loadRecent(pid);
    takeDocument(pid, did).then((d) => {
      if (!alive) return;
      window.__tessera = { ...(window.__tessera || {}), docLoadedAt: performance.now() };
      const map = new OffsetMap(d.text);
      setDocQuotes(did, d.quotes || []);
      const roles = new Map((d.speakers || []).map((s) => [s.name, s.role]));
      const blocks = buildBlocks(map, d.turns || []);
      // Render at least up to the quote or passage the URL points to.
      const q = query.get('q') && (d.quotes || []).find((x) => x.id === query.get('q'));
      const at = q ? q.start : parseInt(query.get('at') || '', 10);
      const target = Number.isFinite(at) ? blockAt(blocks, at) : 0;
      setLimit(Math.min(blocks.length, Math.max(FIRST, target + 30)));
      setDoc({ ...d, map, roles, blocks });
    }, (err) => alive && setError(err));
    return () => { alive = false; };
  }, [pid, did]);

  // Colours by code; a new map only when a colour (or code) changes, not
  // when counts are refreshed, so the layout is not recomputed for nothing.
  const colorSig = codes.map((c) => c.id + c.color).join();
  const colorOf = useMemo(() => new Map(codes.map((c) => [c.id, c.color])), [colorSig]);
  const colorsOf = useCallback((q) => (q.id === PREVIEW ? ['#8fb3e8']
    : q.code_ids.map((id) => colorOf.get(id) || colorOf.get(resolve(id)) || '#9e9e9e')), [colorOf]);
  const curSel = selId ? resolve(selId) : '';
  const selQuote = curSel && quotes ? quotes.find((q) => q.id === curSel) : null;
  const resizable = !!selQuote && perms.mayChange(selQuote);
  const drag = useDrag({ root, doc, quote: resizable ? selQuote : null, pid, snap });

  // The quotes as shown: a quote being resized at its new ends, and the
  // range the coding popover will code.
  const shown = useMemo(() => {
    let list = quotes || [];
    if (drag.state) list = list.map((q) => (q.id === drag.state.id ? { ...q, start: drag.state.start, end: drag.state.end } : q));
    if (popover && popover.mode === 'text') list = [...list, { id: PREVIEW, start: popover.start, end: popover.end, code_ids: [] }];
    if (drag.state || popover) list = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
    return list;
  }, [quotes, drag.state, popover]);

  const layout = useMemo(() => {
    if (!doc || !quotes) return null;
    const t0 = performance.now();
    const l = layoutSegments(doc.blocks, shown, doc.map, colorsOf, curSel, prevLayout.current, resizable);
    prevLayout.current = l;
    window.__tessera = { ...(window.__tessera || {}), layoutMs: performance.now() - t0 };
    return l;
  }, [doc, shown, colorsOf, curSel, resizable, !!quotes]);

  // Mark the reader interactive once its first layout is on screen, and
  // jump to the quote or offsets named in the URL.
  useEffect(() => {
    if (!layout || ready.current) return;
    ready.current = true;
    requestAnimationFrame(() => setTimeout(() => {
      const now = performance.now();
      window.__tessera = { ...(window.__tessera || {}), readerReadyAt: now, readerOpenMs: now - opened.current, readerDoc: did };
      performance.mark('tessera-reader-ready');
      setIsReady(true);
      jumpFromQuery();
    }, 0));
  }, [layout]);

  // Add the remaining blocks in the background, one chunk per task.
  useEffect(() => {
    if (!isReady || !doc) return;
    if (limit < doc.blocks.length) {
      const t = setTimeout(() => setLimit((l) => Math.min(doc.blocks.length, l + CHUNK)), 0);
      return () => clearTimeout(t);
    }
    if (!complete.current) {
      complete.current = true;
      requestAnimationFrame(() => setTimeout(() => {
        window.__tessera = { ...(window.__tessera || {}), readerCompleteAt: performance.now() };
      }, 0));
    }
  }, [isReady, limit, doc]);

  // ensureRendered makes sure block index i is in the page, resolving once
  // it is drawn.
  const ensureRendered = (i) => new Promise((resolve) => {
    if (i < limit) { resolve(); return; }
    setLimit(Math.min(doc.blocks.length, i + 30));
    requestAnimationFrame(() => requestAnimationFrame(resolve));
  });

  // Follow links to another quote or passage of the same transcript.
  const queryKey = query.toString();
  useEffect(() => { if (ready.current) jumpFromQuery(); }, [queryKey]);

  const scrollToOffset = async (cp) => {
    const i = blockAt(doc.blocks, cp);
    await ensureRendered(i);
    const b = doc.blocks[i];
    const el = b && root.current && root.current.querySelector(`[data-b="${b.start}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    // Blocks off screen are laid out lazily; look again once they are.
    requestAnimationFrame(() => requestAnimationFrame(() => el.scrollIntoView({ block: 'center' })));
  };

  const jumpFromQuery = () => {
    if (!doc || !root.current) return;
    const qid = query.get('q');
    const at = query.get('at');
    if (qid) {
      const q = (quoteState.get()[did] || []).find((x) => x.id === qid);
      if (q) { setSelId(q.id); scrollToOffset(q.start); }
    } else if (at) {
      const [s, e] = at.split('-').map(Number);
      if (Number.isFinite(s)) {
        scrollToOffset(s).then(() => {
          if (Number.isFinite(e) && e > s) setTimeout(() => root.current && selectOffsets(root.current, s, e), 50);
        });
      }
    }
  };

  // A press outside the popover closes it.
  useEffect(() => {
    if (!popover) return;
    const h = (e) => { if (!e.target.closest('.popover')) setPopover(null); };
    document.addEventListener('mousedown', h);
    return () => document.removeEventListener('mousedown', h);
  }, [!!popover]);

  // Follow the DOM selection inside the transcript.
  useEffect(() => {
    let raf = 0;
    const onChange = () => {
      cancelAnimationFrame(raf);
      raf = requestAnimationFrame(() => {
        if (!root.current) return;
        const r = selectionOffsets(root.current);
        if (!r) { setTextSel(null); return; }
        const rect = document.getSelection().getRangeAt(0).getBoundingClientRect();
        setTextSel({ start: r[0], end: r[1], rect });
      });
    };
    document.addEventListener('selectionchange', onChange);
    return () => { document.removeEventListener('selectionchange', onChange); cancelAnimationFrame(raf); };
  }, []);

  const recent = useMemo(() => recentCodes(recentIds, codes), [recentIds, codes]);

  const finish = (codeId) => {
    pushRecent(pid, codeId);
    setPopover(null);
    setTextSel(null);
    document.getSelection().removeAllRanges();
  };

  // target returns what a code would apply to: the popover's range, the
  // text selection, or the selected quote.
  const target = () => {
    if (popover) return popover;
    if (textSel) return { mode: 'text', start: textSel.start, end: textSel.end };
    if (selQuote) return { mode: 'quote' };
    return null;
  };

  const range = (t) => (snap ? snapToWords(doc.map, t.start, t.end) : [t.start, t.end]);

  const applyCode = (code) => {
    const t = target();
    if (!t || !doc) return;
    if (t.mode === 'quote') {
      if (selQuote) addCode(pid, selQuote, code.id);
    } else {
      const [s, e] = range(t);
      const same = quotes.find((q) => q.start === s && q.end === e && !q.pending);
      if (same) addCode(pid, same, code.id);
      else createQuote(pid, did, s, e, [code.id]);
    }
    finish(code.id);
  };

  const createConcept = (name) => {
    const t = target();
    if (!t || !doc) return;
    let id;
    if (t.mode === 'quote') {
      id = createCode(pid, { name, level: 'concept' }, { label: 'creating a concept' });
      if (selQuote) addCode(pid, selQuote, id);
    } else {
      const [s, e] = range(t);
      id = codeWithNewConcept(pid, did, s, e, name).code;
    }
    finish(id);
  };

  const openPopover = () => {
    if (textSel) setPopover({ mode: 'text', start: textSel.start, end: textSel.end, rect: textSel.rect });
    else if (selQuote) {
      const el = root.current.querySelector('.hl.sel');
      const rect = el ? el.getBoundingClientRect() : root.current.getBoundingClientRect();
      setPopover({ mode: 'quote', rect });
    }
  };

  const moveSelection = (side, dir) => {
    let { start, end } = textSel;
    if (side === 'end') end = Math.max(start + 1, wordStep(doc.map, end, dir));
    else start = Math.min(end - 1, wordStep(doc.map, start, dir));
    selectOffsets(root.current, start, end);
  };

  const stepQuote = (dir) => {
    if (!quotes || !quotes.length) return;
    let i = quotes.findIndex((q) => q.id === curSel);
    if (i < 0) {
      const top = root.current.getBoundingClientRect().top;
      const first = [...root.current.querySelectorAll('.block')].find((el) => el.getBoundingClientRect().bottom > top);
      const from = first ? +first.dataset.b : 0;
      i = quotes.findIndex((q) => q.start >= from) - (dir > 0 ? 1 : 0);
    }
    const q = quotes[Math.max(0, Math.min(quotes.length - 1, i + dir))];
    setSelId(q.id);
    scrollToOffset(q.start);
  };

  const focusBlock = (dir) => {
    const blocks = [...root.current.querySelectorAll('.block')];
    const cur = document.activeElement && document.activeElement.closest && document.activeElement.closest('.block');
    let i = cur ? blocks.indexOf(cur) + dir : 0;
    i = Math.max(0, Math.min(blocks.length - 1, i));
    const el = blocks[i];
    if (!el) return;
    el.tabIndex = -1;
    el.focus();
  };

  // Keyboard: c codes, 1-9 reapply recent codes, Delete removes the
  // selected quote, n/p step through quotes, j/k through turns, Enter
  // selects the focused turn, Shift(+Alt)+arrows resize the selection.
  const onKey = useRef(null);
  onKey.current = (e) => {
    if (!doc || !root.current || isTyping(e.target) || e.ctrlKey || e.metaKey) return;
    const k = e.key;
    if (k === 'Escape') {
      if (popover) setPopover(null);
      else if (textSel) document.getSelection().removeAllRanges();
      else if (selQuote) setSelId('');
      else return;
    } else if (popover) {
      return;
    } else if ((k === 'c' || k === 'C') && !e.altKey) {
      if (!textSel && !selQuote) return;
      if (textSel ? !perms.canCode : !perms.mayChange(selQuote)) return;
      openPopover();
    } else if (/^[1-9]$/.test(k) && !e.altKey) {
      const c = recent[+k - 1];
      if (!c || (!textSel && !selQuote)) return;
      if (textSel ? !perms.canCode : !perms.mayChange(selQuote)) return;
      applyCode(c);
    } else if ((k === 'Delete' || k === 'Backspace') && selQuote && !textSel && perms.mayChange(selQuote)) {
      deleteQuote(pid, selQuote);
      setSelId('');
    } else if ((k === 'ArrowRight' || k === 'ArrowLeft') && e.shiftKey && textSel) {
      moveSelection(e.altKey ? 'start' : 'end', k === 'ArrowRight' ? 1 : -1);
    } else if (k === 'n' || k === 'p') {
      stepQuote(k === 'n' ? 1 : -1);
    } else if (k === 'j' || k === 'k') {
      focusBlock(k === 'j' ? 1 : -1);
    } else if (k === 'Enter' && document.activeElement && document.activeElement.classList.contains('block')) {
      const b = +document.activeElement.dataset.b;
      const blk = doc.blocks.find((x) => x.start === b);
      if (blk) selectOffsets(root.current, blk.start, blk.end);
    } else {
      return;
    }
    e.preventDefault();
  };
  useEffect(() => {
    const h = (e) => onKey.current(e);
    document.addEventListener('keydown', h);
    return () => document.removeEventListener('keydown', h);
  }, []);

  // Clicking a highlight selects its innermost quote; clicking again
  // cycles through the quotes overlapping there.
  const onClick = (e) => {
    const sel = document.getSelection();
    if (sel && !sel.isCollapsed) return;
    const el = e.target.closest('[data-q]');
    if (!el) { if (!e.target.closest('[data-h]')) setSelId(''); return; }
    const ids = el.dataset.q.split(' ').filter((x) => x !== PREVIEW);
    const i = ids.indexOf(curSel);
    setSelId(ids[(i + 1) % ids.length] || '');
  };

  const onOver = (e) => {
    const el = e.target.closest && e.target.closest('[data-q]');
    if (!el) { showTip(null); return; }
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
    showTip(items.length ? { x: e.clientX, y: e.clientY, items } : null);
  };

  if (error) return html`<div class="page"><p class="error-box" role="alert">${error.message}</p></div>`;
  if (!doc || !layout) return html`<div class="page"><p class="muted">Opening the transcript…</p></div>`;

  const caseName = (cases.find((c) => c.id === doc.case_id) || {}).name;
  const share = codedShare(quotes, doc.length);
  const setSnapPref = (v) => { setSnap(v); localStorage.setItem('tessera.snap', v ? 'on' : 'off'); };

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
        <label class="toggle" title="Widen selections to whole words">
          <input type="checkbox" checked=${snap} onChange=${(e) => setSnapPref(e.currentTarget.checked)} /> Snap to words</label>
      </header>
      <div class="transcript" ref=${root} tabindex="0" role="document" aria-label=${'Transcript: ' + doc.title}
        aria-describedby="reader-help" onClick=${onClick} onMouseOver=${onOver} onMouseLeave=${() => showTip(null)}
        onPointerDown=${drag.onPointerDown}>
        ${blockNodes(doc, layout, vnodes.current, limit)}
        ${limit < doc.blocks.length ? html`<div class="blocks-to-come" aria-hidden="true"
          style=${{ height: (doc.blocks.length - limit) * 6 + 'rem' }}></div>` : null}
      </div>
      <p id="reader-help" class="sr-only">Select text, then press c to code it or 1 to 9 to reapply a recent code.
        n and p move between quotes, j and k between turns; Enter selects the focused turn; Delete removes the selected quote.</p>
    </div>
    <aside class="side" aria-label="Quote and codebook">
      ${selQuote ? html`<${QuoteCard} pid=${pid} quote=${selQuote} codes=${codes} map=${doc.map}
        onAdd=${openPopover} onClose=${() => setSelId('')} />` : null}
      <${CodebookPanel} pid=${pid} compact=${true} />
    </aside>
    ${textSel && !popover && !drag.state && perms.canCode ? html`<${SelectionBubble} rect=${textSel.rect} recent=${recent}
      onOpen=${openPopover} onApply=${applyCode} />` : null}
    ${popover ? html`<${CodingPopover} rect=${popover.rect} codes=${codes} recent=${recent}
      title=${popover.mode === 'quote' ? 'Add a code to the quote' : 'Code the selection'}
      onPick=${applyCode} onCreate=${perms.canEditCodebook ? createConcept : null} onClose=${() => setPopover(null)} />` : null}
    ${!popover ? html`<${TooltipHost} />` : null}
  </div>`;
}
