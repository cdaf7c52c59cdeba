// Save status, failed saves with Retry, and the undo/redo buttons of the
// top bar.
import { html } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { saveState, retryAll } from '../core/saving.js';
import { historyState, undo, redo } from '../project/history.js';

/**
 * SaveStatus tells whether every change is saved: "All changes saved" only
 * once the server has confirmed every change, "Saving…" while any is on
 * its way or typing waits to be sent, and how many wait while the server
 * cannot be reached.
 */
export function SaveStatus() {
  const s = useStore(saveState);
  const waiting = s.pending + s.unsent;
  let text = 'All changes saved', cls = 'ok';
  if (s.errors.some((e) => e.offline)) {
    text = `Offline: ${waiting} change${waiting === 1 ? '' : 's'} waiting`; cls = 'bad';
  } else if (s.errors.length || s.refused) { text = 'Not saved'; cls = 'bad'; }
  else if (waiting) { text = 'Saving…'; cls = 'busy'; }
  return html`<span class="save-status-wrap"><span class=${'save-status ' + cls} role="status" aria-live="polite">${text}</span>
    ${cls === 'bad' && s.errors.some((e) => e.canRetry) ? html`<button type="button" class="btn btn-xs save-retry" onClick=${retryAll}
      title="Send the waiting changes now">Retry</button>` : null}</span>`;
}

/** SaveErrors lists failed saves, each with Retry and Discard. */
export function SaveErrors() {
  const { errors } = useStore(saveState);
  if (!errors.length) return null;
  return html`<div class="save-errors" role="alert">
    ${errors.map((e) => html`<div class="save-error">
      <span><strong>${e.label} failed:</strong> ${e.message}</span>
      <span class="row">
        ${e.canRetry ? html`<button type="button" class="btn btn-sm btn-primary" onClick=${e.retry}>Retry</button>` : null}
        <button type="button" class="btn btn-sm" onClick=${e.discard}
          title="Give up on this change and show what the server has">${e.canRetry ? 'Discard' : 'Dismiss'}</button>
      </span></div>`)}
  </div>`;
}

/** UndoRedo offers undo and redo, each naming the change it would revert or restore. */
export function UndoRedo() {
  const h = useStore(historyState);
  const u = h.undo && (h.undo.summary || h.undo.op), r = h.redo && (h.redo.summary || h.redo.op);
  return html`<span class="undo-redo">
    <button type="button" class="btn-icon undo-btn" disabled=${!u} onClick=${() => undo()}
      title=${u ? `Undo: ${u} (Ctrl+Z)` : 'Nothing to undo'} aria-label=${u ? 'Undo: ' + u : 'Undo'}>↶</button>
    <button type="button" class="btn-icon redo-btn" disabled=${!r} onClick=${() => redo()}
      title=${r ? `Redo: ${r} (Ctrl+Shift+Z)` : 'Nothing to redo'} aria-label=${r ? 'Redo: ' + r : 'Redo'}>↷</button>
  </span>`;
}
