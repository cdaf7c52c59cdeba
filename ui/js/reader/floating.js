// Floating elements of the reader: the bubble offering codes for a text
// selection, the coding popover, and the tooltip naming a highlight's codes.
import { html, useLayoutEffect, useRef, useState } from '../core/lib.js';
import { CodePicker } from '../widgets/picker.js';
import { createStore, useStore } from '../core/store.js';

const tipState = createStore(null);

/** showTip shows the tooltip {x, y, items}, or hides it (null). */
export function showTip(tip) {
  if (tip || tipState.get()) tipState.set(tip);
}

/** TooltipHost renders the tooltip set with showTip. */
export function TooltipHost() {
  const tip = useStore(tipState);
  return tip ? html`<${Tooltip} ...${tip} />` : null;
}

// place positions a floating box of size (w, h) below (or above) rect,
// within the window.
function place(rect, w, h) {
  const m = 8;
  let top = rect.bottom + m;
  if (top + h > window.innerHeight - m && rect.top - h - m > m) top = rect.top - h - m;
  // Fitting neither below nor above, it keeps inside the window's bottom.
  top = Math.min(top, window.innerHeight - h - m);
  let left = Math.min(Math.max(m, rect.left), window.innerWidth - w - m);
  return { top: Math.max(m, top) + 'px', left: Math.max(m, left) + 'px' };
}

function useFloat(rect) {
  const ref = useRef(null);
  const [pos, setPos] = useState({ top: '-9999px', left: '-9999px' });
  useLayoutEffect(() => {
    if (!ref.current || !rect) return;
    const b = ref.current.getBoundingClientRect();
    setPos(place(rect, b.width, b.height));
  }, [rect && rect.top, rect && rect.left, rect && rect.bottom]);
  return [ref, pos];
}

/**
 * SelectionBubble offers, next to a text selection, the popover (c) and
 * the recent codes (1-9).
 */
export function SelectionBubble({ rect, recent, onOpen, onApply }) {
  const [ref, pos] = useFloat(rect);
  return html`<div ref=${ref} class="bubble" style=${pos} role="toolbar" aria-label="Code the selection"
      onMouseDown=${(e) => e.preventDefault()}>
    <button type="button" class="btn btn-primary btn-sm" onClick=${onOpen} title="Apply a code (c)">Code… <kbd>c</kbd></button>
    ${recent.map((c, i) => html`<button type="button" class="chip" onClick=${() => onApply(c)}
        title=${`Apply “${c.name}” (${i + 1})`}>
      <span class="swatch" style=${{ background: c.color }} aria-hidden="true"></span>${c.name}<kbd>${i + 1}</kbd></button>`)}
  </div>`;
}

/** CodingPopover is the dialog that applies a code, with type-ahead. */
export function CodingPopover({ rect, codes, recent, onPick, onCreate, onClose, title }) {
  const [ref, pos] = useFloat(rect);
  return html`<div ref=${ref} class="popover" style=${pos} role="dialog" aria-modal="false" aria-label=${title}
      onMouseDown=${(e) => e.stopPropagation()}>
    <div class="popover-title">${title}</div>
    <${CodePicker} codes=${codes} recent=${recent} onPick=${onPick} onCreate=${onCreate} onCancel=${onClose} label=${title} />
    <div class="popover-hint">Enter applies · Esc closes · a new name creates a first-order concept</div>
  </div>`;
}

/** Tooltip shows the codes of the highlight under the pointer. */
export function Tooltip({ x, y, items }) {
  const style = { top: y + 16 + 'px', left: Math.min(x + 12, window.innerWidth - 320) + 'px' };
  return html`<div class="tooltip" role="tooltip" style=${style}>
    ${items.map((it) => html`<div class="tip-row"><span class="swatch" style=${{ background: it.color }} aria-hidden="true"></span>
      <span>${it.name}</span>${it.path ? html`<span class="tip-path">${it.path}</span>` : null}</div>`)}
  </div>`;
}
