// The reader's keyboard: c codes, 1-9 reapply recent codes, Delete removes
// the selected quote, q makes it a power quote, a proof quote or neither
// (for its first code), n/p step through quotes, j/k through turns, Enter
// selects the focused turn, Shift(+Alt)+arrows resize the text selection,
// Esc closes and deselects.
import { useEffect, useRef } from '../core/lib.js';
import { deleteQuote, pickQuote, nextPick } from '../project/quotes.js';
import { selectOffsets, selectionOffsets } from './selection.js';
import { isTyping } from '../shell/keys.js';
import { caretAt, turnOf, splitTurnAt, mergeWithPrevious, editTurn, correctText } from './transcript-edit.js';

/**
 * useReaderKeys listens for the reader's keys while it is open: root is
 * the transcript element, sel what useSelection returns, scrollToOffset
 * what useLayout returns.
 */
export function useReaderKeys({ root, doc, pid, quotes, perms, sel, scrollToOffset }) {
  const { textSel, selQuote, popover, setPopover, setSelId, curSel, recent } = sel;

  // stepQuote selects the next (dir 1) or previous (-1) quote, from the
  // selected one or from the top of the view.
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

  // focusBlock moves the focus to the next (1) or previous (-1) turn.
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

  // mayCode tells whether a code may be applied to what is selected.
  const mayCode = () => (textSel ? perms.canCode : perms.mayChange(selQuote));

  // cursorTurn returns the caret's code point and the index of its turn
  // (-1 when outside the turns), or null without a caret.
  const cursorTurn = () => {
    const cp = caretAt(root.current);
    return cp === null ? null : { cp, i: turnOf(doc, cp) };
  };

  // editKey handles the keys that edit the transcript and tells whether
  // the key was one: e corrects the selected text (or inserts at the
  // cursor), Shift+Enter splits the turn at the cursor, Shift+Backspace
  // joins it to the turn before, s edits the turn at the cursor.
  const editKey = (e) => {
    const k = e.key;
    if ((k === 'e' || k === 'E') && !e.altKey && !e.shiftKey) {
      const r = selectionOffsets(root.current);
      if (r) { correctText(pid, doc, r[0], r[1]); return true; }
      const c = cursorTurn();
      if (c && c.i >= 0) { correctText(pid, doc, c.cp, c.cp); return true; }
      return false;
    }
    if (textSel || (!e.shiftKey && k !== 's')) return false;
    const c = cursorTurn();
    const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest('.block');
    if (k === 's' && !e.altKey && !e.shiftKey) {
      const i = c && c.i >= 0 ? c.i : focused ? doc.turns.findIndex((t) => t.start === +focused.dataset.b) : -1;
      if (i < 0) return false;
      editTurn(pid, doc, i);
      return true;
    }
    if (!c || c.i < 0) return false;
    if (k === 'Enter' && e.shiftKey) { splitTurnAt(pid, doc, c.cp); return true; }
    if (k === 'Backspace' && e.shiftKey) { mergeWithPrevious(pid, doc, c.i); return true; }
    return false;
  };

  const onKey = useRef(null);
  onKey.current = (e) => {
    if (!doc || !root.current || isTyping(e.target) || e.ctrlKey || e.metaKey) return;
    // A modal dialog keeps its keys: Escape closes it, not the selection.
    if (document.querySelector('dialog[open]')) return;
    const k = e.key;
    if (k === 'Escape') {
      if (popover) setPopover(null);
      else if (textSel) document.getSelection().removeAllRanges();
      else if (selQuote) setSelId('');
      else return;
    } else if (popover) {
      return;
    } else if (perms.canManage && editKey(e)) {
      // A transcript edit (owners): handled.
    } else if ((k === 'c' || k === 'C') && !e.altKey) {
      if ((!textSel && !selQuote) || !mayCode()) return;
      sel.openPopover();
    } else if (/^[1-9]$/.test(k) && !e.altKey) {
      const c = recent[+k - 1];
      if (!c || (!textSel && !selQuote) || !mayCode()) return;
      sel.applyCode(c);
    } else if ((k === 'Delete' || k === 'Backspace') && selQuote && !textSel && perms.mayChange(selQuote)) {
      deleteQuote(pid, selQuote);
      setSelId('');
    } else if (k === 'q' && !e.altKey && selQuote && !textSel && !selQuote.pending && perms.mayChange(selQuote)) {
      const code = selQuote.code_ids[0];
      pickQuote(pid, selQuote, code, nextPick(selQuote, code)).catch(() => {});
    } else if ((k === 'ArrowRight' || k === 'ArrowLeft') && e.shiftKey && textSel) {
      sel.moveSelection(e.altKey ? 'start' : 'end', k === 'ArrowRight' ? 1 : -1);
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
}
