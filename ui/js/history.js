// Undo and redo for the session. Each entry knows how to undo and redo
// itself through the API, so an undo is itself a stored change. Entities
// recreated by an undo get new IDs; alias records the replacement so later
// entries that name the old ID reach the new one.
import { createStore } from './store.js';
import { save } from './saving.js';

const undoStack = [];
const redoStack = [];
const aliases = new Map();

/** historyState tells the UI what can be undone and redone. */
export const historyState = createStore({ undo: '', redo: '' });

function publish() {
  historyState.set({
    undo: undoStack.length ? undoStack[undoStack.length - 1].label : '',
    redo: redoStack.length ? redoStack[redoStack.length - 1].label : '',
  });
}

/** alias records that the entity once called oldId is now newId. */
export function alias(oldId, newId) {
  if (oldId && newId && oldId !== newId) aliases.set(oldId, newId);
}

/** resolve returns the current ID of the entity first known as id. */
export function resolve(id) {
  let seen = 0;
  while (aliases.has(id) && seen++ < 1000) id = aliases.get(id);
  return id;
}

/**
 * record adds a change the researcher just made: {label, undo, redo}, where
 * undo and redo are async functions calling the API (and updating what the
 * screen shows). Recording clears the redo stack.
 */
export function record(entry) {
  undoStack.push(entry);
  if (undoStack.length > 200) undoStack.shift();
  redoStack.length = 0;
  publish();
}

/** isLast tells whether entry is the change undo would revert now. */
export function isLast(entry) {
  return undoStack.length > 0 && undoStack[undoStack.length - 1] === entry;
}

/** undo reverts the last change. */
export function undo() {
  const e = undoStack.pop();
  if (!e) return Promise.resolve(false);
  redoStack.push(e);
  publish();
  return save('Undo ' + e.label, e.undo).then(() => true, () => {
    // The undo was discarded: the change stands, so it can be undone again.
    redoStack.pop();
    undoStack.push(e);
    publish();
    return false;
  });
}

/** redo reapplies the last undone change. */
export function redo() {
  const e = redoStack.pop();
  if (!e) return Promise.resolve(false);
  undoStack.push(e);
  publish();
  return save('Redo ' + e.label, e.redo).then(() => true, () => {
    undoStack.pop();
    redoStack.push(e);
    publish();
    return false;
  });
}

/** clearHistory forgets the session's changes (when another project opens). */
export function clearHistory() {
  undoStack.length = 0;
  redoStack.length = 0;
  publish();
}

/** forget drops entry from the history (its change never reached the server). */
export function forget(entry) {
  for (const stack of [undoStack, redoStack]) {
    const i = stack.indexOf(entry);
    if (i >= 0) stack.splice(i, 1);
  }
  publish();
}
