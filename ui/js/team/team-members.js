// The project's members and their roles (owner, coder, viewer), and the
// codebook lock. Owners add members by username, change roles and remove
// members; everyone else reads the list.
import { html, useState } from '../core/lib.js';
import { useData } from '../core/data.js';
import { get, put, del, pp } from '../core/api.js';
import { confirmDialog } from '../widgets/dialog.js';
import { refreshAccess } from '../project/access.js';

/** ROLES describes the project roles. */
export const ROLES = [
  ['owner', 'Owner', 'everything: members, assignments, consensus, the codebook lock'],
  ['coder', 'Coder', 'codes and writes memos; edits the codebook unless it is locked'],
  ['viewer', 'Viewer', 'reads and exports, including the agreement report'],
];

function CodebookLock({ pid, perms }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const toggle = async (locked) => {
    setBusy(true);
    setError(null);
    try {
      await put(pp(pid, '/codebook/lock'), { locked });
      await refreshAccess();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return html`<section class="card lock-card" aria-label="Codebook lock">
    <h2 class="card-title">Codebook</h2>
    ${perms.canManage ? html`<label class="toggle"><input type="checkbox" checked=${perms.locked} disabled=${busy}
        onChange=${(e) => toggle(e.currentTarget.checked)} /> Lock the codebook</label>
      <p class="hint">While it is locked, coders apply codes but cannot add, rename, merge, move or delete them, nor change facets.</p>`
      : html`<p>${perms.locked ? 'The codebook is locked: only owners change it.' : 'The codebook is open: coders may change it.'}</p>`}
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
  </section>`;
}

/** Members lists the members of project pid; owners (perms.canManage) manage them. */
export function Members({ pid, perms }) {
  const [changeError, setError] = useState(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState('coder');
  const { data: members, error: loadError, reload } = useData(() => get(pp(pid, '/members')), [pid], { on: ['member'] });
  const error = changeError || loadError;

  // change runs a member change, reloads the list and what the user may do.
  const change = async (fn) => {
    setError(null);
    try {
      await fn();
      await reload();
      refreshAccess();
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };
  const setMemberRole = (u, r) => change(() => put(pp(pid, '/members/' + encodeURIComponent(u)), { role: r }));
  const add = async (e) => {
    e.preventDefault();
    const u = name.trim();
    if (u && await setMemberRole(u, role)) setName('');
  };
  const remove = async (m) => {
    const ok = await confirmDialog({ title: 'Remove member', message: `Remove ${m.username} from this project? Their quotes and memos stay.`, confirm: 'Remove', danger: true });
    if (ok) change(() => del(pp(pid, '/members/' + encodeURIComponent(m.username))));
  };

  return html`<div class="members-layout">
    <section class="card members" aria-label="Members">
      <h2 class="card-title">Members</h2>
      ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
      ${members ? html`<table class="members-table">
        <thead><tr><th scope="col">Username</th><th scope="col">Role</th>${perms.canManage ? html`<th scope="col"><span class="sr-only">Actions</span></th>` : null}</tr></thead>
        <tbody>${members.map((m) => html`<tr>
          <th scope="row">${m.username}${m.username === perms.username ? html` <span class="muted">(you)</span>` : null}</th>
          <td>${perms.canManage ? html`<select value=${m.role} aria-label=${'Role of ' + m.username}
              onChange=${(e) => setMemberRole(m.username, e.currentTarget.value)}>
              ${ROLES.map(([v, label]) => html`<option value=${v}>${label}</option>`)}</select>`
            : (ROLES.find((r) => r[0] === m.role) || [m.role, m.role])[1]}</td>
          ${perms.canManage ? html`<td><button type="button" class="btn btn-xs btn-danger" onClick=${() => remove(m)}
            aria-label=${'Remove ' + m.username}>Remove</button></td>` : null}
        </tr>`)}</tbody>
      </table>` : html`<p class="muted">Loading the members…</p>`}
      ${members && members.length === 0 ? html`<p class="muted">No members yet: administrators see the project; add its owner.</p>` : null}
      ${perms.canManage ? html`<form class="row wrap member-new" onSubmit=${add} aria-label="Add a member">
        <input type="text" value=${name} placeholder="Username" aria-label="Username of the new member" autocomplete="off"
          onInput=${(e) => setName(e.currentTarget.value)} />
        <select value=${role} onChange=${(e) => setRole(e.currentTarget.value)} aria-label="Role of the new member">
          ${ROLES.map(([v, label]) => html`<option value=${v}>${label}</option>`)}</select>
        <button type="submit" class="btn btn-sm btn-primary" disabled=${!name.trim()}>Add member</button>
      </form>` : null}
      <dl class="roles">${ROLES.map(([, label, what]) => html`<div><dt>${label}</dt><dd>${what}</dd></div>`)}</dl>
    </section>
    <${CodebookLock} pid=${pid} perms=${perms} />
  </div>`;
}
