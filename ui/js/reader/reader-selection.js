// What the reader's coding applies to: the text selected with the mouse
// (followed through the DOM selection), the quote selected by clicking a
// highlight, and the coding popover; and applying a code to it.
import { useState, useEffect, useMemo } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { createQuote, addCode } from '../project/quotes.js';
import { codeWithNewConcept, createCode } from '../project/codes.js';
import { recentState, pushRecent, recentCodes } from '../project/recent.js';
import { resolve } from '../core/ids.js';
import { snapToWords, wordStep } from './segments.js';
import { selectionOffsets, selectOffsets } from './selection.js';
import { PREVIEW } from './reader-layout.js';

/**
 * useSelection follows what is selected in the reader (root) showing doc
 * (document did of pid) with its quotes, and returns:
 * selId / setSelId (the selected quote, by the ID it was selected with),
 * curSel (its current ID), selQuote (the quote), resizable (whether its
 * ends may be dragged), textSel ({start, end, rect} of the text selected),
 * popover / setPopover ({mode: 'text' | 'quote', start, end, rect} while
 * the coding popover is open), recent (the recently applied codes),
 * applyCode(code), createConcept(name), openPopover(), moveSelection(side,
 * dir) and onClick (selecting quotes by clicking their highlights).
 */
export function useSelection({ root, doc, pid, did, quotes, codes, perms, snap }) {
  const recentIds = useStore(recentState, (s) => s.ids);
  const [selId, setSelId] = useState('');
  const [textSel, setTextSel] = useState(null);
  const [popover, setPopover] = useState(null);

  const curSel = selId ? resolve(selId) : '';
  const selQuote = curSel && quotes ? quotes.find((q) => q.id === curSel) : null;
  const resizable = !!selQuote && perms.mayChange(selQuote);
  const recent = useMemo(() => recentCodes(recentIds, codes), [recentIds, codes]);

  // A press outside the popover closes it.
  useEffect(() => {
    if (!popover) return undefined;
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
      id = createCode(pid, { name, level: 'concept' });
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

  // moveSelection moves one side ('start' or 'end') of the text selection
  // by a word in direction dir (1 or -1).
  const moveSelection = (side, dir) => {
    let { start, end } = textSel;
    if (side === 'end') end = Math.max(start + 1, wordStep(doc.map, end, dir));
    else start = Math.min(end - 1, wordStep(doc.map, start, dir));
    selectOffsets(root.current, start, end);
  };

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

  return {
    selId, setSelId, curSel, selQuote, resizable, textSel, popover, setPopover, recent,
    applyCode, createConcept, openPopover, moveSelection, onClick,
  };
}
