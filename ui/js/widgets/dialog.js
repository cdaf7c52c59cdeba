// Modal dialogs built on <dialog> (focus stays inside, Esc cancels):
// confirmDialog and promptDialog return promises, and any component can
// be shown with openDialog. The page never uses the browser's own
// alert/confirm/prompt.
import { html, useEffect, useRef, useState } from '../core/lib.js';
import { createStore, useStore } from '../core/store.js';

const current = createStore(null);

/**
 * openDialog shows render(close) in a modal dialog titled title and
 * resolves with the value passed to close (undefined on Esc).
 */
export function openDialog(title, render, { wide = false } = {}) {
  return new Promise((resolve) => {
    const close = (v) => { current.set(null); resolve(v); };
    current.set({ title, render, close, wide });
  });
}

/** confirmDialog asks a yes/no question; resolves true when confirmed. */
export function confirmDialog({ title, message, confirm = 'OK', danger = false, extra }) {
  return openDialog(title, (close) => html`<div>
    <p class="dialog-msg">${message}</p>
    <div class="dialog-actions">
      <button type="button" class="btn" onClick=${() => close(false)}>Cancel</button>
      ${extra ? html`<button type="button" class="btn" onClick=${() => close(extra.value)}>${extra.label}</button>` : null}
      <button type="button" class=${'btn ' + (danger ? 'btn-danger' : 'btn-primary')} data-autofocus
        onClick=${() => close(true)}>${confirm}</button>
    </div></div>`).then((v) => v || false);
}

function PromptBody({ label, value, close, confirm }) {
  const [v, setV] = useState(value || '');
  return html`<form onSubmit=${(e) => { e.preventDefault(); if (v.trim()) close(v.trim()); }}>
    <label class="field"><span>${label}</span>
      <input type="text" value=${v} data-autofocus onInput=${(e) => setV(e.currentTarget.value)} /></label>
    <div class="dialog-actions">
      <button type="button" class="btn" onClick=${() => close(null)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!v.trim()}>${confirm}</button>
    </div></form>`;
}

/** promptDialog asks for one line of text; resolves with it or null. */
export function promptDialog({ title, label, value = '', confirm = 'OK' }) {
  return openDialog(title, (close) => html`<${PromptBody} label=${label} value=${value} close=${close} confirm=${confirm} />`)
    .then((v) => v || null);
}

/** DialogHost renders the open dialog; mount it once. */
export function DialogHost() {
  const d = useStore(current);
  const ref = useRef(null);
  const opener = useRef(null);
  useEffect(() => {
    const el = ref.current;
    if (!d || !el) return;
    opener.current = document.activeElement;
    if (!el.open) el.showModal();
    const f = el.querySelector('[data-autofocus]');
    if (f) f.focus();
    // On closing, focus goes back to where it was, unless it has already
    // gone somewhere else (the effect runs a frame later, and a quick
    // hand may have moved on).
    return () => {
      const now = document.activeElement;
      const lost = !now || now === document.body || !now.isConnected || el.contains(now);
      if (lost && opener.current && opener.current.focus) opener.current.focus();
    };
  }, [d]);
  if (!d) return null;
  return html`<dialog ref=${ref} class=${'dialog' + (d.wide ? ' wide' : '')} aria-labelledby="dialog-title"
      onCancel=${(e) => { e.preventDefault(); d.close(undefined); }}>
    <h2 id="dialog-title" class="dialog-title">${d.title}</h2>
    ${d.render(d.close)}
  </dialog>`;
}
