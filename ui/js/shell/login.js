// Signing in to a team server: the login page shown before the workbench,
// and the same form in a dialog over the workbench when a session ends
// while someone works (their unsaved changes wait for it).
import { html, useState, useEffect, useRef } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { session, signIn } from '../core/session.js';

// waitText renders a number of seconds as "4:05" or "12 s".
function waitText(secs) {
  if (secs < 60) return `${secs} s`;
  return `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
}

/** LoginForm asks for the username and password; username pre-fills the name. */
export function LoginForm({ username = '', onDone }) {
  const [name, setName] = useState(username);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [wait, setWait] = useState(0);
  const pw = useRef(null);
  const user = useRef(null);

  useEffect(() => { (username ? pw : user).current.focus(); }, []);
  // Count down the Retry-After of a refused sign-in.
  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);

  const submit = async (e) => {
    e.preventDefault();
    if (!name.trim() || !password || busy) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(name.trim(), password);
      setPassword('');
      if (onDone) onDone();
    } catch (err) {
      setError(err);
      setWait(err.status === 429 ? err.retryAfter : 0);
      setPassword('');
      pw.current.focus();
    } finally {
      setBusy(false);
    }
  };

  return html`<form class="login-form" onSubmit=${submit} aria-label="Sign in">
    <label class="field"><span>Username</span>
      <input ref=${user} type="text" name="username" autocomplete="username" autocapitalize="none" spellcheck="false"
        value=${name} onInput=${(e) => setName(e.currentTarget.value)} /></label>
    <label class="field"><span>Password</span>
      <input ref=${pw} type="password" name="password" autocomplete="current-password"
        value=${password} onInput=${(e) => setPassword(e.currentTarget.value)} /></label>
    ${error ? html`<p class="error-box login-error" role="alert">${error.message}
      ${error.status === 429 && wait > 0 ? html`<span class="login-wait">You can try again in ${waitText(wait)}.</span>` : null}</p>` : null}
    <button type="submit" class="btn btn-primary login-submit" disabled=${busy || !name.trim() || !password}>
      ${busy ? 'Signing in…' : 'Sign in'}</button>
  </form>`;
}

/** LoginPage is the whole page of a team server before signing in. */
export function LoginPage() {
  useEffect(() => { document.title = 'Sign in · Tessera'; }, []);
  return html`<main class="login-page" id="main">
    <section class="login-card" aria-labelledby="login-title">
      <p class="login-brand">Tessera</p>
      <h1 id="login-title">Sign in</h1>
      <p class="muted small">This Tessera server is shared by a team. Sign in with the account an administrator made for you.</p>
      <${LoginForm} />
    </section>
  </main>`;
}

/**
 * SessionEnded covers the workbench with the sign-in form while the
 * session is over; the work on screen stays, and waiting saves go on
 * after signing in.
 */
export function SessionEnded() {
  const s = useStore(session);
  const ref = useRef(null);
  const open = s.status === 'expired';
  useEffect(() => {
    const el = ref.current;
    if (open && el && !el.open) el.showModal();
    if (!open && el && el.open) el.close();
  }, [open]);
  if (!open) return null;
  return html`<dialog ref=${ref} class="dialog login-dialog" aria-labelledby="relogin-title"
      onCancel=${(e) => e.preventDefault()}>
    <h2 id="relogin-title" class="dialog-title">Your session has ended</h2>
    <p class="dialog-msg">Sign in again to go on. Your changes on this page are kept and saved once you are signed in.</p>
    <${LoginForm} username=${s.me ? s.me.username : ''} />
  </dialog>`;
}
