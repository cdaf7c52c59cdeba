// The gate before the workbench: a solo server opens it at once; a team
// server shows the login page until someone signs in, and the sign-in
// dialog over the workbench when their session ends.
import { html } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { session, startSession } from '../core/session.js';
import { proj, openProject, refreshCodes, refreshProject } from '../project/state.js';
import { refreshAccess } from '../project/access.js';
import { LoginPage, SessionEnded } from './login.js';
import { App } from './app.js';

// After signing in again, fetch what failed while the session was over.
let last = session.get().status;
session.subscribe((s) => {
  const was = last;
  last = s.status;
  if (was !== 'expired' || s.status !== 'in') return;
  const p = proj.get();
  refreshAccess();
  if (p.pid && p.error) openProject(p.pid);
  else if (p.pid) { refreshCodes(); refreshProject(); }
});

/** Root shows the workbench to a signed-in user (or in solo mode), else the login page. */
export function Root() {
  const s = useStore(session, (v) => v.status);
  const error = useStore(session, (v) => v.error);
  if (s === 'loading') return html`<p class="boot">Loading Tessera…</p>`;
  if (s === 'error') {
    return html`<div class="page"><p class="error-box" role="alert">${error ? error.message : 'The Tessera server did not answer.'}</p>
      <button type="button" class="btn" onClick=${startSession}>Try again</button></div>`;
  }
  if (s === 'out') return html`<${LoginPage} />`;
  return html`<${App} /><${SessionEnded} />`;
}
