// Sets of documents on the documents screen: add the selected documents
// to a set (or to a new one), see each set's documents, take one out,
// search within a set, delete a set.
import { html, useState } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { proj } from '../project/state.js';
import { createSet, addToSet, removeFromSet, deleteSet, askRename } from '../project/sets.js';
import { confirmDialog, promptDialog } from '../widgets/dialog.js';
import { link } from '../core/router.js';
import { plural } from '../core/format.js';

const NEW = '\u0000new';

/** SetBar adds the selected documents to a set; it shows while some are selected. */
export function SetBar({ pid, selected, onDone }) {
  const sets = useStore(proj, (s) => s.sets);
  const [target, setTarget] = useState('');
  const chosen = target || (sets.length ? sets[0].id : NEW);
  const add = async () => {
    const ids = [...selected];
    try {
      if (chosen === NEW) {
        const name = await promptDialog({ title: 'New set of documents', label: 'Name of the set', confirm: 'Create' });
        if (!name) return;
        await createSet(pid, name.trim(), { documentIds: ids });
      } else {
        await addToSet(pid, sets.find((s) => s.id === chosen), { documentIds: ids });
      }
      onDone();
    } catch (err) { /* shown by the save bar */ }
  };
  return html`<div class="set-bar" role="group" aria-label="Add the selected documents to a set">
    <span>${plural(selected.size, 'document')} selected</span>
    <label class="inline-field">Set
      <select class="set-target" value=${chosen} onChange=${(e) => setTarget(e.currentTarget.value)}>
        ${sets.map((s) => html`<option value=${s.id}>${s.name}</option>`)}
        <option value=${NEW}>New set…</option></select></label>
    <button type="button" class="btn btn-sm btn-primary" onClick=${add}>Add to set</button>
    <button type="button" class="btn btn-sm" onClick=${onDone}>Clear selection</button>
  </div>`;
}

/** DocSets lists the sets that hold documents, with their documents. */
export function DocSets({ pid, canEdit }) {
  const sets = useStore(proj, (s) => s.sets).filter((s) => (s.document_ids || []).length);
  const documents = useStore(proj, (s) => s.documents);
  if (!sets.length) return null;
  const title = (id) => (documents.find((d) => d.id === id) || {}).title || id;
  const remove = async (s) => {
    const ok = await confirmDialog({ title: 'Delete set', message: `Delete the set “${s.name}”? Its documents stay in the project.`, confirm: 'Delete', danger: true });
    if (ok) deleteSet(pid, s).catch(() => {});
  };
  return html`<section class="doc-sets" aria-label="Sets of documents">
    <h2>Sets</h2>
    <ul class="set-list">${sets.map((s) => html`<li class="set-row" data-set=${s.name}>
      <span class="set-name">${s.name}</span> <span class="muted small">${plural(s.document_ids.length, 'document')}</span>
      <ul class="chips small" aria-label=${'Documents in ' + s.name}>${s.document_ids.map((id) => html`<li class="chip">${title(id)}
        ${canEdit ? html`<button type="button" class="btn-icon" aria-label=${`Take ${title(id)} out of ${s.name}`} title="Take out of the set"
          onClick=${() => removeFromSet(pid, s, { documentIds: [id] }).catch(() => {})}>×</button>` : null}</li>`)}</ul>
      <a class="btn btn-sm" href=${link(pid, 'search') + '?' + new URLSearchParams({ set: s.name })}>Search in this set</a>
      ${canEdit ? html`<button type="button" class="btn btn-sm" aria-label=${'Rename the set ' + s.name} onClick=${() => askRename(pid, s)}>Rename</button>
        <button type="button" class="btn btn-sm" aria-label=${'Delete the set ' + s.name} onClick=${() => remove(s)}>Delete</button>` : null}
    </li>`)}</ul>
  </section>`;
}
