// Saving: every change goes to the server at once, one after another in
// the order the researcher made them. A failed save stays on screen with
// its message and a Retry button; the researcher's work stays as it is
// until the save succeeds or they discard it. A save refused because the
// session ended waits for the next sign-in and goes on.
import { createStore } from './store.js';
import { whenSignedIn } from './session.js';

/** saveState is {pending, errors: [{id, label, message, canRetry, retry, discard}], savedAt}. */
export const saveState = createStore({ pending: 0, errors: [], savedAt: null });

let queue = Promise.resolve();
let nextId = 1;

function bump(d) {
  saveState.update((s) => ({ pending: s.pending + d, savedAt: d < 0 ? new Date() : s.savedAt }));
}

// attempt runs fn until it succeeds or the researcher discards it.
function attempt(label, fn, onDiscard) {
  return new Promise((resolve, reject) => {
    const run = () => {
      fn().then(resolve, (err) => {
        // The session ended: try again once the researcher has signed in.
        if (err.status === 401) { whenSignedIn().then(run); return; }
        const id = nextId++;
        const remove = () => saveState.update((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
        const entry = {
          id,
          label,
          message: err.message || String(err),
          // Retrying helps when the server was unreachable or failed;
          // a refused change needs the researcher to change something.
          canRetry: !err.status || err.status >= 500 || err.status === 408 || err.status === 429,
          retry: () => { remove(); run(); },
          discard: () => {
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

/** idle resolves once every queued save has finished. */
export function idle() {
  return queue;
}
