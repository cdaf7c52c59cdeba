// The accounts of a team server (administrators): add accounts, disable
// and enable them, make administrators, and set new passwords. Accounts
// are never deleted: their names stay on quotes and in the audit trail.
import { html, useState } from '../core/lib.js';
import { useData } from '../core/data.js';
import { useStore } from '../core/store.js';
import { get, post, patch } from '../core/api.js';
import { session } from '../core/session.js';
import { openDialog, confirmDialog } from '../widgets/dialog.js';
import { PasswordFields } from '../shell/account.js';

const when = (t) => (t && !t.startsWith('0001') ? new Date(t).toLocaleDateString() : '—');

function ResetPassword({ user, close }) {
  const [pw, setPw] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    if (!pw) return;
    setBusy(true);
    try {
      await post('/users/' + encodeURIComponent(user.username) + '/password', { password: pw });
      close(true);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return html`<form onSubmit=${submit}>
    <p class="dialog-msg">${user.username}’s sessions end; tell them the new password.</p>
    <${PasswordFields} onChange=${setPw} />
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    <div class="dialog-actions">
      <button type="button" class="btn" onClick=${() => close(false)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${busy || !pw}>Set password</button>
    </div></form>`;
}

function NewUser({ onAdded }) {
  const [name, setName] = useState('');
  const [pw, setPw] = useState('');
  const [admin, setAdmin] = useState(false);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(0);
  const submit = async (e) => {
    e.preventDefault();
    if (!name.trim() || !pw) return;
    setBusy(true);
    setError(null);
    try {
      const u = await post('/users', { username: name.trim(), password: pw, admin });
      setName(''); setAdmin(false); setKey(key + 1);
      onAdded(u);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return html`<form class="card new-user" onSubmit=${submit} aria-label="Add an account">
    <h2 class="card-title">Add an account</h2>
    <label class="field"><span>Username (letters, digits, . _ -)</span>
      <input type="text" autocomplete="off" value=${name} onInput=${(e) => setName(e.currentTarget.value)} /></label>
    <${PasswordFields} key=${key} onChange=${setPw} label="Password" />
    <label class="toggle"><input type="checkbox" checked=${admin} onChange=${(e) => setAdmin(e.currentTarget.checked)} /> Administrator (manages accounts, owns every project)</label>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    <div class="row"><button type="submit" class="btn btn-primary" disabled=${busy || !name.trim() || !pw}>Add account</button></div>
  </form>`;
}

/** UsersPage lists the server's accounts for administrators. */
export function UsersPage() {
  const me = useStore(session, (s) => s.me);
  const [changeError, setError] = useState(null);
  const [note, setNote] = useState('');
  const { data: users, error: loadError, reload } = useData(() => (me && me.admin ? get('/users') : null), []);
  const error = changeError || loadError;

  if (!me || me.mode !== 'team') return html`<div class="page"><p class="muted">This server runs in solo mode: there are no accounts.</p></div>`;
  if (!me.admin) return html`<div class="page"><p class="error-box" role="alert">Only administrators manage accounts.</p></div>`;

  const change = async (u, body, what) => {
    setNote('');
    try {
      const v = await patch('/users/' + encodeURIComponent(u.username), body);
      reload();
      setNote(`${v.username}: ${what}.`);
    } catch (err) {
      setError(err);
    }
  };
  const disable = async (u) => {
    const ok = await confirmDialog({ title: 'Disable account', message: `Disable ${u.username}? They are signed out at once and cannot sign in until enabled again. Their quotes and memos stay.`, confirm: 'Disable', danger: true });
    if (ok) change(u, { disabled: true }, 'disabled');
  };
  const reset = async (u) => {
    const done = await openDialog('New password for ' + u.username, (close) => html`<${ResetPassword} user=${u} close=${close} />`);
    if (done) setNote(`${u.username} has a new password.`);
  };

  return html`<div class="page users-page">
    <header class="page-head"><div><h1>Accounts</h1>
      <p class="muted">Everyone who signs in to this server. Give people roles in a project on its Team page.</p></div></header>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    ${note ? html`<p class="ok-text" role="status">${note}</p>` : null}
    <div class="users-layout">
      <div class="table-wrap"><table class="sheet users-table">
        <thead><tr><th scope="col">Username</th><th scope="col">Status</th><th scope="col">Created</th><th scope="col">Password set</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>${(users || []).map((u) => html`<tr class=${u.disabled ? 'disabled' : ''}>
          <th scope="row">${u.username}${u.username === me.username ? html` <span class="muted">(you)</span>` : null}</th>
          <td>${u.disabled ? html`<span class="error-text">disabled</span>` : 'active'}${u.admin ? html` · <strong>administrator</strong>` : null}</td>
          <td>${when(u.created_at)}</td>
          <td>${when(u.password_changed_at)}</td>
          <td class="row-actions"><span class="row">
            ${u.disabled ? html`<button type="button" class="btn btn-xs" onClick=${() => change(u, { disabled: false }, 'enabled')}>Enable</button>`
              : html`<button type="button" class="btn btn-xs btn-danger" disabled=${u.username === me.username} onClick=${() => disable(u)}>Disable</button>`}
            <button type="button" class="btn btn-xs" disabled=${u.username === me.username}
              onClick=${() => change(u, { admin: !u.admin }, u.admin ? 'no longer an administrator' : 'now an administrator')}>${u.admin ? 'Remove admin' : 'Make admin'}</button>
            <button type="button" class="btn btn-xs" onClick=${() => reset(u)}>Set password…</button>
          </span></td>
        </tr>`)}</tbody>
      </table></div>
      <${NewUser} onAdded=${(u) => { reload(); setNote(`${u.username} added.`); }} />
    </div>
  </div>`;
}
