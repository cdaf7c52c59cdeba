// The project's sets of documents and codes: the operations that change
// them. The sets themselves are in the proj store (state.js), reloaded
// when the event stream reports a change of kind "set".
import { post, patch, del, pp } from '../core/api.js';
import { save } from '../core/saving.js';
import { proj, refreshProject } from './state.js';
import { promptDialog } from '../widgets/dialog.js';

// apply puts the set the server answered into the store at once, so the
// screen does not wait for the event stream.
function apply(set) {
  proj.update((s) => ({
    sets: s.sets.some((x) => x.id === set.id) ? s.sets.map((x) => (x.id === set.id ? set : x)) : [...s.sets, set],
  }));
  return set;
}

/** createSet makes a set named name holding documents and codes. */
export function createSet(pid, name, { documentIds = [], codeIds = [] } = {}) {
  return save(`Create the set “${name}”`, () => post(pp(pid, '/sets'), { name, document_ids: documentIds, code_ids: codeIds }))
    .then(apply);
}

/** addToSet adds documents and codes to a set (members already in it stay once). */
export function addToSet(pid, set, { documentIds = [], codeIds = [] }) {
  return save(`Add to the set “${set.name}”`, () => patch(pp(pid, '/sets/' + set.id), { add_documents: documentIds, add_codes: codeIds }))
    .then(apply);
}

/** removeFromSet takes documents and codes out of a set. */
export function removeFromSet(pid, set, { documentIds = [], codeIds = [] }) {
  return save(`Remove from the set “${set.name}”`, () => patch(pp(pid, '/sets/' + set.id), { remove_documents: documentIds, remove_codes: codeIds }))
    .then(apply);
}

/** renameSet gives a set a new name. */
export function renameSet(pid, set, name) {
  return save(`Rename the set “${set.name}”`, () => patch(pp(pid, '/sets/' + set.id), { name })).then(apply);
}

/** askRename asks for a set's new name and renames it; failures show in the save bar. */
export async function askRename(pid, set) {
  const name = await promptDialog({ title: 'Rename set', label: 'New name of the set', value: set.name, confirm: 'Rename' });
  if (name && name !== set.name) renameSet(pid, set, name).catch(() => {});
}

/** deleteSet removes a set; its documents and codes stay. */
export function deleteSet(pid, set) {
  return save(`Delete the set “${set.name}”`, () => del(pp(pid, '/sets/' + set.id)))
    .then(() => proj.update((s) => ({ sets: s.sets.filter((x) => x.id !== set.id) })), () => refreshProject());
}
