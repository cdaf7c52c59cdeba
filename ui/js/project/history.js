// Undo and redo through the project's audit history on the server: every
// change anyone makes is an audit entry, and GET /history names the
// signed-in user's change that undo would revert (and the one redo would
// restore) with a summary to show. Undoing is POST /undo {seq}, itself a
// change, so undo and redo cover every kind of change (coding, auto-coding,
// the codebook, memos) and survive a reload.
import { createStore } from '../core/store.js';
import { get, post, pp } from '../core/api.js';
import { save, saveState } from '../core/saving.js';
import { proj } from './state.js';
import { onChanges, publishEntry, coalesced } from '../core/changes.js';

/**
 * historyState is {pid, undo, redo}: undo and redo are {seq, op, summary}
 * of the changes they would revert and restore, or null.
 */
export const historyState = createStore({ pid: null, undo: null, redo: null });

/** loadHistory asks the server what undo and redo would do now. */
export const loadHistory = coalesced(async () => {
  const pid = proj.get().pid;
  if (!pid) return;
  try {
    const h = await get(pp(pid, '/history'));
    if (proj.get().pid === pid) historyState.set({ pid, undo: h.undo || null, redo: h.redo || null });
  } catch {
    // It stays as it was; the next change asks again.
  }
});

// step undoes (which 'undo') or redoes ('redo') the change the server
// names now: the researcher's changes before the key press are saved
// first, in order, so the undo reaches the latest of them.
function step(which) {
  const pid = proj.get().pid;
  if (!pid) return Promise.resolve(false);
  const shown = historyState.get()[which];
  const verb = which === 'undo' ? 'Undo' : 'Redo';
  return save(shown ? `${verb} “${shown.summary}”` : verb, async () => {
    const h = await get(pp(pid, '/history'));
    if (!h[which]) return null;
    const entry = await post(pp(pid, '/undo'), { seq: h[which].seq });
    publishEntry(entry, true);
    return entry;
  }).then((entry) => { loadHistory(); return !!entry; }, () => false);
}

/** undo reverts the signed-in user's last change not yet undone; resolves with whether it did. */
export const undo = () => step('undo');

/** redo restores the change undone last, unless another change came since. */
export const redo = () => step('redo');

// The history belongs to the open project and changes with every change:
// ask again when a project opens, when this tab's saves are done, and when
// the event stream reports a change (from another tab, say).
let shownPid = null;
proj.subscribe((s) => {
  if (s.pid === shownPid) return;
  shownPid = s.pid;
  historyState.set({ pid: s.pid, undo: null, redo: null });
  loadHistory();
});
let busy = false;
saveState.subscribe((s) => {
  if (busy && !s.pending) loadHistory();
  busy = s.pending > 0;
});
onChanges(() => loadHistory());
