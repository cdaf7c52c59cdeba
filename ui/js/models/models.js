// The Models screen: the project's grounded-theory models, listed at the
// left, the chosen one open in the canvas editor. Models and the labels of
// their boxes are fetched again whenever a model or the codebook changes.
import { html, useState } from '../core/lib.js';
import { useData } from '../core/data.js';
import { useStore } from '../core/store.js';
import { get, post, del, patch, pp } from '../core/api.js';
import { save } from '../core/saving.js';
import { proj } from '../project/state.js';
import { usePermissions } from '../project/access.js';
import { navigate, link } from '../core/router.js';
import { confirmDialog } from '../widgets/dialog.js';
import { ModelEditor } from './canvas.js';

/** ModelsPage lists the models and edits the one with ID mid. */
export function ModelsPage({ pid, mid }) {
  const codes = useStore(proj, (s) => s.codes);
  const canEdit = usePermissions().canEditCodebook;
  const { data: models, error, set } = useData(() => get(pp(pid, '/models')), [pid], { on: ['model', 'code'] });
  const [name, setName] = useState('');
  const [failure, setFailure] = useState('');
  const open = models && models.find((m) => m.id === mid);

  const create = (e) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    setFailure('');
    save('Create model “' + n + '”', () => post(pp(pid, '/models'), { name: n })).then((m) => {
      set((list) => [...(list || []), m]);
      setName('');
      navigate(link(pid, 'models', m.id));
    }, (err) => setFailure(err.message));
  };
  const rename = (m, value) => {
    const n = value.trim();
    if (!n || n === m.name) return;
    save('Rename model “' + m.name + '”', () => patch(pp(pid, '/models/' + m.id), { name: n }))
      .then((saved) => set((list) => list.map((x) => (x.id === saved.id ? saved : x))), (err) => setFailure(err.message));
  };
  const remove = async (m) => {
    const ok = await confirmDialog({ title: 'Delete model', message: `Delete the model “${m.name}”? Undo brings it back.`, confirm: 'Delete', danger: true });
    if (!ok) return;
    save('Delete model “' + m.name + '”', () => del(pp(pid, '/models/' + m.id))).then(() => {
      set((list) => list.filter((x) => x.id !== m.id));
      navigate(link(pid, 'models'));
    }, (err) => setFailure(err.message));
  };

  return html`<div class="page models-page">
    <header class="page-head"><h1>Models</h1>
      ${open ? html`<input class="model-name" aria-label="Model name" value=${open.name} readOnly=${!canEdit}
        onChange=${(e) => rename(open, e.currentTarget.value)} />` : null}
      ${open && canEdit ? html`<button class="btn btn-sm btn-danger" onClick=${() => remove(open)}>Delete model</button>` : null}
    </header>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    ${failure ? html`<p class="error-box" role="alert">${failure}</p>` : null}
    <div class="models-layout">
      <nav class="models-list" aria-label="Models">
        ${canEdit ? html`<form class="model-new" onSubmit=${create}>
          <input aria-label="New model name" placeholder="New model name" value=${name} onInput=${(e) => setName(e.currentTarget.value)} />
          <button class="btn btn-sm" type="submit" disabled=${!name.trim()}>Create model</button></form>` : null}
        ${!models ? html`<p class="muted">Loading…</p>` : models.map((m) => html`<a href=${link(pid, 'models', m.id)}
          aria-current=${m.id === mid ? 'page' : null}>${m.name}</a>`)}
      </nav>
      <section class="models-main">
        ${open ? html`<${ModelEditor} key=${open.id} pid=${pid} model=${open} codes=${codes} canEdit=${canEdit} />`
          : models && mid ? html`<p class="error-box" role="alert">This model does not exist (any more).</p>`
            : html`<div class="empty-state"><p>A model draws how your dimensions, themes and concepts relate: phases as frames,
              codes and notes as boxes, arrows between them. ${models && models.length ? 'Choose a model at the left.' : 'Name a new model to start.'}</p></div>`}
      </section>
    </div>
  </div>`;
}
