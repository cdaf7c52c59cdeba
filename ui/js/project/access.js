// What the signed-in user may do in the open project (team mode): their
// role, whether the codebook is locked, and the documents they code
// independently. Screens hide what the role may not do; the server checks
// every request anyway. In solo mode the local user may do everything.
import { createStore, useStore } from '../core/store.js';
import { get, pp } from '../core/api.js';
import { proj } from './state.js';
import { session } from '../core/session.js';
import { onChanges, touches } from '../core/changes.js';

const none = { pid: null, loaded: false, role: '', admin: false, codebook_locked: false, independent_documents: [], error: null };

/** access holds GET /projects/{pid}/access of the open project. */
export const access = createStore({ ...none });

let token = 0;

/** loadAccess fetches what the user may do in project pid. */
export async function loadAccess(pid) {
  const t = ++token;
  if (!pid) { access.set({ ...none }); return; }
  if (access.get().pid !== pid) access.set({ ...none, pid });
  try {
    const a = await get(pp(pid, '/access'));
    if (t === token) access.set({ ...none, ...a, pid, loaded: true });
  } catch (err) {
    if (t === token) access.set({ ...none, pid, error: err });
  }
}

/** refreshAccess fetches the open project's access again (after a member or lock change). */
export function refreshAccess() {
  const pid = access.get().pid;
  return pid && session.get().me && session.get().me.mode === 'team' ? loadAccess(pid) : Promise.resolve();
}

// Follow the open project: a team server is asked once per project.
let lastPid = null;
proj.subscribe((s) => {
  if (s.pid === lastPid) return;
  lastPid = s.pid;
  const me = session.get().me;
  if (me && me.mode === 'team') loadAccess(s.pid);
});

// Roles, assignments and the lock may change while one works: look again
// when the project changes (the event stream says so) and when the tab
// comes back into view.
onChanges((batch) => { if (touches(batch, ['member', 'assignment', 'access'])) refreshAccess(); });
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') refreshAccess();
});

/**
 * permissions derives what one may do from the session and the access:
 * {team, loaded, role, owner, canCode, canEditCodebook, canReview,
 * canManage, locked, independent, username, mayChange(item)}.
 */
export function permissions(s, a) {
  const me = s.me || {};
  const team = me.mode === 'team';
  const role = team ? a.role : 'owner';
  const loaded = !team || a.loaded;
  const owner = role === 'owner';
  const canCode = loaded && (owner || role === 'coder');
  return {
    team, loaded, role, owner, username: me.username || '',
    admin: !!me.admin,
    locked: team && !!a.codebook_locked,
    independent: team ? a.independent_documents || [] : [],
    canCode,
    canEditCodebook: loaded && (owner || (role === 'coder' && !a.codebook_locked)),
    // Owners and viewers read agreement; coders stay independent.
    canReview: loaded && (owner || role === 'viewer'),
    canManage: loaded && owner,
    // mayChange tells whether a quote or memo of someone may be changed:
    // coders change only their own.
    mayChange: (item) => canCode && (role !== 'coder' || !item || (item.coder || item.author || me.username) === me.username),
  };
}

/** usePermissions returns the permissions in the open project, re-rendering when they change. */
export function usePermissions() {
  const s = useStore(session);
  const a = useStore(access);
  return permissions(s, a);
}
