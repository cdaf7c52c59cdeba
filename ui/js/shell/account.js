// The signed-in user in the top bar (team mode only): their name with a
// menu to change the password and, for administrators, to manage the
// accounts; and the Sign out button.
import { html, useState, useEffect, useRef } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { session, signOut, changePassword } from '../core/session.js';
import { saveState, idle } from '../core/saving.js';
import { flushAll } from '../widgets/autosave.js';
import { openDialog, confirmDialog } from '../widgets/dialog.js';

/** MIN_PASSWORD is the shortest password the server accepts. */
export const MIN_PASSWORD = 10;

/**
 * PasswordFields asks for a new password twice and reports it through
 * onChange (empty while the two differ or it is too short).
 */
export function PasswordFields({ onChange, label = 'New password' }) {
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  useEffect(() => { onChange(a.length >= MIN_PASSWORD && a === b ? a : ''); }, [a, b]);
  return html`<label class="field"><span>${label} (at least ${MIN_PASSWORD} characters)</span>
      <input type="password" autocomplete="new-password" value=${a} onInput=${(e) => setA(e.currentTarget.value)} /></label>
    <label class="field"><span>${label}, again</span>
      <input type="password" autocomplete="new-password" value=${b} onInput=${(e) => setB(e.currentTarget.value)} /></label>
    ${b && a !== b ? html`<p class="hint error-text">The two passwords differ.</p>` : null}`;
}

function ChangePassword({ close }) {
  const [old, setOld] = useState('');
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    if (!old || !next) return;
    setBusy(true);
    setError(null);
    try {
      await changePassword(old, next);
      close(true);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return html`<form onSubmit=${submit}>
    <label class="field"><span>Current password</span>
      <input type="password" autocomplete="current-password" data-autofocus value=${old} onInput=${(e) => setOld(e.currentTarget.value)} /></label>
    <${PasswordFields} onChange=${setNext} />
    <p class="hint">Your other sessions (other browsers) end; this one stays signed in.</p>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    <div class="dialog-actions">
      <button type="button" class="btn" onClick=${() => close(false)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${busy || !old || !next}>${busy ? 'Changing…' : 'Change password'}</button>
    </div></form>`;
}

/** changePasswordDialog lets the signed-in user set a new password. */
export async function changePasswordDialog() {
  const done = await openDialog('Change your password', (close) => html`<${ChangePassword} close=${close} />`);
  if (done) {
    await openDialog('Password changed', (close) => html`<div><p class="dialog-msg">Your password is changed.</p>
      <div class="dialog-actions"><button type="button" class="btn btn-primary" data-autofocus onClick=${() => close()}>OK</button></div></div>`);
  }
}

// leave signs out once the changes on the page are saved (typing not yet
// sent goes first), or after the researcher agreed to lose those that
// failed.
async function leave() {
  flushAll();
  if (saveState.get().errors.length || saveState.get().refused) {
    const ok = await confirmDialog({
      title: 'Sign out',
      message: 'Some changes could not be saved. Sign out anyway and lose them?',
      confirm: 'Sign out', danger: true,
    });
    if (!ok) return;
  } else {
    await idle();
  }
  signOut();
}

/** AccountMenu shows the user and the Sign out button in team mode; nothing in solo mode. */
export function AccountMenu() {
  const me = useStore(session, (s) => s.me);
  const [open, setOpen] = useState(false);
  const ref = useRef(null);
  useEffect(() => {
    if (!open) return;
    const h = (e) => { if (ref.current && !ref.current.contains(e.target)) setOpen(false); };
    const k = (e) => { if (e.key === 'Escape') setOpen(false); };
    document.addEventListener('mousedown', h);
    document.addEventListener('keydown', k);
    return () => { document.removeEventListener('mousedown', h); document.removeEventListener('keydown', k); };
  }, [open]);
  if (!me || me.mode !== 'team') return null;
  const pick = (fn) => () => { setOpen(false); fn(); };
  return html`<span class="account" ref=${ref}>
    <button type="button" class="account-name" aria-haspopup="menu" aria-expanded=${open} onClick=${() => setOpen(!open)}
      title=${'Signed in as ' + me.username + (me.admin ? ' (administrator)' : '')}>
      <span class="account-avatar" aria-hidden="true">${[...me.username][0].toUpperCase()}</span>
      <span class="account-user">${me.username}</span></button>
    ${open ? html`<div class="menu account-menu" role="menu">
      <p class="account-who">Signed in as <strong>${me.username}</strong>${me.admin ? ' (administrator)' : ''}</p>
      <button type="button" role="menuitem" class="menu-item" onClick=${pick(changePasswordDialog)}>Change password…</button>
      ${me.admin ? html`<a role="menuitem" class="menu-item" href="/users" onClick=${() => setOpen(false)}>Manage users</a>` : null}
    </div>` : null}
    <button type="button" class="btn btn-sm sign-out" title="Sign out" onClick=${leave}>Sign out</button>
  </span>`;
}
