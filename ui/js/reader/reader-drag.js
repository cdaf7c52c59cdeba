// Resizing a quote by dragging its ends: the handles at the selected
// quote's start and end follow the pointer (shown at once), and the new
// range is saved when the button is released.
import { useState, useEffect, useRef } from '../core/lib.js';
import { caretOffset } from './selection.js';
import { snapToWords } from './segments.js';
import { resizeQuote } from '../project/quotes.js';

/**
 * useDrag returns {state, onPointerDown}: state is {id, start, end} while an
 * end of quote (the selected one) is being dragged.
 */
export function useDrag({ root, doc, quote, pid, snap }) {
  const [state, setState] = useState(null);
  const cur = useRef(null);

  const onPointerDown = (e) => {
    const h = e.target.closest && e.target.closest('[data-h]');
    if (!h || !quote) return;
    e.preventDefault();
    cur.current = { id: quote.id, side: h.dataset.h, start: quote.start, end: quote.end, orig: quote };
    setState(cur.current);
  };

  useEffect(() => {
    if (!state || !state.orig) return;
    document.body.classList.add('dragging');
    const move = (e) => {
      const cp = caretOffset(root.current, e.clientX, e.clientY);
      if (cp === null) return;
      const d = cur.current;
      cur.current = d.side === 'start'
        ? { ...d, start: Math.min(cp, d.end - 1) }
        : { ...d, end: Math.max(cp, d.start + 1) };
      setState(cur.current);
    };
    const up = () => {
      const d = cur.current;
      cur.current = null;
      setState(null);
      if (!d) return;
      let [s, e] = [d.start, d.end];
      if (snap) [s, e] = snapToWords(doc.map, s, e);
      resizeQuote(pid, d.orig, s, e);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up, { once: true });
    return () => {
      document.body.classList.remove('dragging');
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
  }, [state && state.id, state && state.side]);

  return { state: state ? { id: state.id, start: state.start, end: state.end } : null, onPointerDown };
}
