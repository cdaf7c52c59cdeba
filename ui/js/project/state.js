// The open project as the screens see it: its codebook, facets, cases and
// documents, loaded once and kept current by the operations that change
// them.
import { createStore } from '../core/store.js';
import { get, pp } from '../core/api.js';
import { report, idle } from '../core/saving.js';
import { onChanges, touches, coalesced } from '../core/changes.js';

const empty = {
  pid: null, project: null, codes: [], facets: [], cases: [], documents: [], sets: [],
  loading: false, error: null,
  // codesVersion grows with every codebook change, so views that derive
  // from the codebook (the Gioia table, counts) know to fetch again.
  codesVersion: 0,
};

/** proj is the open project. */
export const proj = createStore({ ...empty });

let loadToken = 0;

/** openProject loads project pid unless it is already open. */
export async function openProject(pid) {
  if (proj.get().pid === pid && !proj.get().error) return;
  const token = ++loadToken;
  proj.set({ ...empty, pid, loading: true });
  try {
    const [project, codes, facets, cases, documents, sets] = await Promise.all([
      get(pp(pid)), get(pp(pid, '/codes')), get(pp(pid, '/facets')),
      get(pp(pid, '/cases')), get(pp(pid, '/documents')), get(pp(pid, '/sets')),
    ]);
    if (token !== loadToken) return;
    proj.set({ ...empty, pid, project, codes, facets, cases, documents, sets });
  } catch (err) {
    if (token !== loadToken) return;
    proj.set({ ...empty, pid, error: err });
  }
}

/** closeProject forgets the open project (back on the project list). */
export function closeProject() {
  loadToken++;
  proj.set({ ...empty });
}

/** setCodes replaces the codebook shown. */
export function setCodes(codes) {
  proj.update((s) => ({ codes, codesVersion: s.codesVersion + 1 }));
}

/** patchCode changes one code in place (before or after the server has it). */
export function patchCode(id, patch) {
  proj.update((s) => ({
    codes: s.codes.map((c) => (c.id === id ? { ...c, ...patch } : c)),
    codesVersion: s.codesVersion + 1,
  }));
}

// Reloads that failed because the server could not be reached are not
// shown as failures (the header says when the server is away); they run
// again when the event stream is back.
const stale = new Set();
function failed(what, label, err) {
  if (err && err.status === 0) stale.add(what);
  else report(label, err);
}

/** refreshCodes fetches the codebook (with counts) again. */
export const refreshCodes = coalesced(async () => {
  const pid = proj.get().pid;
  if (!pid) return;
  try {
    // Wait for queued saves, so the answer does not undo what the screen
    // already shows of them.
    await idle();
    const codes = await get(pp(pid, '/codes'));
    if (proj.get().pid === pid) setCodes(codes);
  } catch (err) { failed('codes', 'Reload the codebook', err); }
});

/** refreshProject fetches cases, documents, facets and sets again. */
export const refreshProject = coalesced(async () => {
  const pid = proj.get().pid;
  if (!pid) return;
  try {
    const [project, facets, cases, documents, sets] = await Promise.all([
      get(pp(pid)), get(pp(pid, '/facets')), get(pp(pid, '/cases')), get(pp(pid, '/documents')), get(pp(pid, '/sets')),
    ]);
    if (proj.get().pid === pid) proj.update({ project, facets, cases, documents, sets });
  } catch (err) { failed('project', 'Reload the project', err); }
});

// Follow the event stream: the codebook (with its counts) when codes,
// facets or quotes change; the project, its cases, documents and facets
// when they do.
onChanges((batch) => {
  if (!proj.get().pid || proj.get().loading) return;
  if (touches(batch, ['code', 'facet', 'quote']) || (batch.resumed && stale.delete('codes'))) refreshCodes();
  if (touches(batch, ['project', 'case', 'document', 'facet', 'set']) || (batch.resumed && stale.delete('project'))) refreshProject();
});

// Another tab may have changed the project: look again when this one
// comes back into view.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && proj.get().pid) {
    refreshCodes();
    refreshProject();
  }
});
