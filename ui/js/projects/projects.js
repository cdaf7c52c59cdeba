// The project list: create, open, rename and delete projects.
import { html, useState } from '../core/lib.js';
import { useData } from '../core/data.js';
import { get, post, patch, del } from '../core/api.js';
import { save } from '../core/saving.js';
import { confirmDialog, promptDialog } from '../widgets/dialog.js';
import { navigate, link } from '../core/router.js';
import { BackupsPanel } from './backups.js';
import { ImportProject, ExportMenu } from './exchange.js';

/** Projects lists every project of the data directory. */
export function Projects() {
  const [name, setName] = useState('');
  const { data: list, error, reload: load } = useData(() => get('/projects'), []);
  // The backup download is offered to those the server shows backups to.
  const { data: backups } = useData(() => get('/backups').then(() => true, () => false), []);

  const create = (e) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    save(`Create project “${n}”`, () => post('/projects', { name: n })).then((p) => navigate(link(p.id)), () => {});
  };
  const rename = async (p) => {
    const n = await promptDialog({ title: 'Rename project', label: 'Name', value: p.name, confirm: 'Rename' });
    if (n && n !== p.name) save('Rename the project', () => patch('/projects/' + p.id, { name: n })).then(load, () => {});
  };
  const remove = async (p) => {
    const ok = await confirmDialog({
      title: 'Delete project',
      message: `Delete “${p.name}” with all its cases, transcripts, codes, quotes and memos? Backups are kept in the data directory's backups folder; the newest is listed below the projects.`,
      confirm: 'Delete project', danger: true,
    });
    if (ok) save('Delete the project', () => del('/projects/' + p.id, { confirm: 'true' })).then(load, () => {});
  };

  return html`<div class="page projects-page">
    <header class="page-head"><h1>Projects</h1></header>
    <form class="row new-project" onSubmit=${create}>
      <input type="text" value=${name} placeholder="Name of a new project (a study)" aria-label="New project name"
        onInput=${(e) => setName(e.currentTarget.value)} />
      <button type="submit" class="btn btn-primary" disabled=${!name.trim()}>Create project</button>
    </form>
    <div class="projects-actions"><${ImportProject} onImported=${load} /></div>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    ${list && list.length === 0 ? html`<div class="empty-state"><p>No projects yet. A project is one study: its cases, interview transcripts, codebook and memos.</p></div>` : null}
    <ul class="project-list">
      ${(list || []).map((p) => html`<li class="project-card">
        <a class="project-open" href=${link(p.id)}><strong>${p.name}</strong>
          ${p.description ? html`<span class="muted">${p.description}</span>` : null}
          <span class="muted small">Created ${new Date(p.created_at).toLocaleDateString()}</span></a>
        <span class="row">
          <${ExportMenu} project=${p} backup=${backups} />
          <button type="button" class="btn btn-sm" onClick=${() => rename(p)} aria-label=${'Rename ' + p.name}>Rename</button>
          <button type="button" class="btn btn-sm btn-danger" onClick=${() => remove(p)} aria-label=${'Delete ' + p.name}>Delete</button>
        </span></li>`)}
    </ul>
    <${BackupsPanel} />
  </div>`;
}
