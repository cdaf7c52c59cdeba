// The codes a researcher applied last in a project, most recent first, so
// number keys 1-9 can apply them again. Kept in localStorage per project.
import { createStore } from '../core/store.js';
import { resolve } from '../core/ids.js';

/** recentState is {pid, ids}. */
export const recentState = createStore({ pid: null, ids: [] });

const key = (pid) => 'tessera.recent.' + pid;

/** loadRecent reads the recent codes of project pid. */
export function loadRecent(pid) {
  let ids = [];
  try { ids = JSON.parse(localStorage.getItem(key(pid)) || '[]'); } catch { ids = []; }
  recentState.set({ pid, ids: Array.isArray(ids) ? ids : [] });
}

/** pushRecent puts code id first among the recent codes. */
export function pushRecent(pid, id) {
  const ids = [id, ...recentState.get().ids.filter((x) => resolve(x) !== resolve(id))].slice(0, 9);
  recentState.set({ pid, ids });
  // Temporary IDs are stored once they resolve.
  setTimeout(() => {
    try { localStorage.setItem(key(pid), JSON.stringify(recentState.get().ids.map(resolve))); } catch { /* private mode */ }
  }, 1500);
}

/** recentCodes returns the recent codes that still exist, as code objects. */
export function recentCodes(ids, codes) {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const out = [];
  for (const id of ids) {
    const c = byId.get(resolve(id)) || byId.get(id);
    if (c && c.level !== 'dimension' && !c.retired && !out.includes(c)) out.push(c);
  }
  return out.slice(0, 9);
}
