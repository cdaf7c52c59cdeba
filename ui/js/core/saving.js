// Saving: every change goes to the server at once, one after another in
// the order the researcher made them. A failed save stays on screen with
// its message and a Retry button; the researcher's work stays as it is
// until the save succeeds or they discard it. A save that failed because
// the server could not be reached is tried again by itself, sooner and
// sooner apart no more than 15 s, until the server answers. A save refused
// because the session ended waits for the next sign-in and goes on.
import { createStore } from './store.js';
import { whenSignedIn } from './session.js';

/**
 * saveState is {pending, unsent, refused, errors: [{id, label, message,
 * offline, canRetry, retry, discard}], savedAt}: pending counts queued
 * saves, unsent the text fields whose typing has not been queued yet,
 * refused those whose text the server refused as it stands.
 */
export const saveState = createStore({ pending: 0, unsent: 0, refused: 0, errors: [], savedAt: null });

/** setUnsent tells how many text fields hold typing not yet queued, and how many hold refused text. */
export function setUnsent(unsent, refused = 0) {
  const s = saveState.get();
  if (s.unsent !== unsent || s.refused !== refused) saveState.update({ unsent, refused });
}

/** unsaved counts the changes the server has not confirmed. */
export function unsaved() {
  const s = saveState.get();
  return s.pending + s.unsent + s.refused;
}

let queue = Promise.resolve();
let nextId = 1;

function bump(d) {
  saveState.update((s) => ({ pending: s.pending + d, savedAt: d < 0 ? new Date() : s.savedAt }));
}

// attempt runs fn until it succeeds or the researcher discards it.
function attempt(label, fn, onDiscard) {
  return new Promise((resolve, reject) => {
    let tries = 0;
    const run = () => {
      fn().then(resolve, (err) => {
        // The session ended: try again once the researcher has signed in.
        if (err.status === 401) { whenSignedIn().then(run); return; }
        const id = nextId++;
        const remove = () => saveState.update((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
        // The server could not be reached: try again by itself.
        const offline = !err.status;
        let timer = 0;
        if (offline) {
          tries++;
          timer = setTimeout(() => { remove(); run(); }, Math.min(15000, 1000 * 2 ** Math.min(tries, 4)));
        }
        const entry = {
          id,
          label,
          message: err.message || String(err),
          offline,
          // Retrying helps when the server was unreachable or failed;
          // a refused change needs the researcher to change something.
          canRetry: offline || err.status >= 500 || err.status === 408 || err.status === 429,
          retry: () => { clearTimeout(timer); remove(); run(); },
          discard: () => {
            clearTimeout(timer);
            remove();
            if (onDiscard) {
              try { onDiscard(err); } catch (e) { console.error(e); }
            }
            reject(err);
          },
        };
        saveState.update((s) => ({ errors: [...s.errors, entry] }));
      });
    };
    run();
  });
}

/**
 * save queues fn (an async function calling the API) after the saves
 * before it and resolves with its result. When fn fails, the error is
 * shown with Retry (when retrying can help) and Discard; onDiscard runs
 * when the researcher discards, and the promise then rejects.
 */
export function save(label, fn, onDiscard) {
  bump(1);
  const p = queue.then(() => attempt(label, fn, onDiscard));
  queue = p.then(() => {}, () => {});
  p.then(() => bump(-1), () => bump(-1));
  return p;
}

/** report shows a failure that needs no retry (a refused read, say). */
export function report(label, err) {
  // A read refused because the session ended is fetched again after the
  // next sign-in; the sign-in dialog says what happened.
  if (err && err.status === 401) return;
  const id = nextId++;
  const remove = () => saveState.update((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
  saveState.update((s) => ({
    errors: [...s.errors, { id, label, message: err.message || String(err), canRetry: false, retry: remove, discard: remove }],
  }));
}

/** retryAll retries every failed save that retrying can help, now. */
export function retryAll() {
  for (const e of saveState.get().errors) if (e.canRetry) e.retry();
}

/** idle resolves once every queued save has finished. */
export function idle() {
  return queue;
}
