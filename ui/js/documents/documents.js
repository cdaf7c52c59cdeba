// Documents grouped by case, with each case's attributes, each interview's
// coding progress (share of its text coded), and the upload zone.
import { html, useState, useMemo } from '../core/lib.js';
import { useData } from '../core/data.js';
import { useStore } from '../core/store.js';
import { get, patch, del, pp } from '../core/api.js';
import { proj, refreshProject } from '../project/state.js';
import { save } from '../core/saving.js';
import { useAutosave } from '../widgets/autosave.js';
import { draftKey, readDraft } from '../core/drafts.js';
import { confirmDialog } from '../widgets/dialog.js';
import { Upload } from './upload.js';
import { link } from '../core/router.js';
import { plural } from '../core/format.js';
import { usePermissions } from '../project/access.js';
import { coverage } from '../analysis/analysis-common.js';
import { DocPresence } from '../shell/presence.js';
import { SetBar, DocSets } from './docsets.js';

function attrText(a) {
  return Array.isArray(a.value) ? a.value.join('; ') : a.value === null || a.value === undefined ? '' : String(a.value);
}

// docTexts are the fields of a document's details a person types.
const docTexts = (d) => ({
  title: d.title || '', informant_role: (d.meta && d.meta.informant_role) || '', interviewer: (d.meta && d.meta.interviewer) || '',
  interview_date: (d.meta && d.meta.interview_date) || '', language: (d.meta && d.meta.language) || '',
});

// DocDetails edits a transcript's title and interview metadata, saving as
// they are typed.
function DocDetails({ pid, d }) {
  const auto = useAutosave({
    key: draftKey(pid, 'document', d.id),
    label: `Save the details of “${d.title}”`,
    what: `Details of “${d.title}”`,
    entity: d,
    read: docTexts,
    names: { title: 'Title', informant_role: 'Informant role', interviewer: 'Interviewer', interview_date: 'Interview date', language: 'Language' },
    ready: (v) => !!v.title.trim(),
    send: (changed, all, version) => {
      const body = {};
      if ('title' in changed) body.title = all.title.trim();
      // The metadata is replaced as a whole.
      if (Object.keys(changed).some((f) => f !== 'title')) {
        body.meta = { informant_role: all.informant_role, interviewer: all.interviewer, interview_date: all.interview_date, language: all.language };
      }
      return patch(pp(pid, '/documents/' + d.id), body, undefined, { version });
    },
    onSaved: ({ text, turns, ...saved }) => proj.update((s) => ({ documents: s.documents.map((x) => (x.id === saved.id ? { ...x, ...saved } : x)) })),
  });
  const field = (f, label, type = 'text') => html`<label class="inline-field">${label}
    <input type=${type} class=${'doc-' + f.replace('_', '-')} ...${auto.bind(f)} /></label>`;
  return html`<div class="doc-details" role="group" aria-label=${'Details of ' + d.title}>
    ${auto.notice}
    ${field('title', 'Title')}${field('informant_role', 'Informant role')}${field('interviewer', 'Interviewer')}
    ${field('interview_date', 'Interview date', 'date')}${field('language', 'Language')}
  </div>`;
}

function DocRow({ pid, d, cov, cases, owner, picked, onPick }) {
  // Details typed earlier and not saved open again to be offered back.
  const [details, setDetails] = useState(() => !!readDraft(draftKey(pid, 'document', d.id)));
  const move = (caseId) => save('Move the document to another case', () => patch(pp(pid, '/documents/' + d.id), { case_id: caseId }))
    .then(refreshProject, () => {});
  const remove = async () => {
    const ok = await confirmDialog({
      title: 'Delete transcript',
      message: `Delete “${d.title}”${cov && cov.quotes ? ` and its ${cov.quotes} quotes` : ''}? This cannot be undone.`,
      confirm: 'Delete', danger: true,
    });
    if (ok) save('Delete the document', () => del(pp(pid, '/documents/' + d.id), { confirm: 'true' })).then(refreshProject, () => {});
  };
  const pct = cov ? Math.round(cov.share * 100) : 0;
  return html`<li class="doc-row">
    <span>${onPick ? html`<input type="checkbox" class="doc-pick" checked=${picked} aria-label=${'Select ' + d.title}
      onChange=${(e) => onPick(e.currentTarget.checked)} /> ` : null}<a class="doc-open" href=${link(pid, 'd', d.id)}>${d.title}</a><${DocPresence} did=${d.id} /></span>
    <span class="muted small">${[d.meta && d.meta.informant_role, d.meta && d.meta.interview_date, plural((d.speakers || []).length, 'speaker')].filter(Boolean).join(' · ')}</span>
    <span class="progress" title=${`${pct}% of the text coded, ${cov ? cov.quotes : 0} quotes`}>
      <span class="bar-track" aria-hidden="true"><span class="bar-fill" style=${{ width: pct + '%' }}></span></span>
      <span class="small">${pct}% · ${plural(cov ? cov.quotes : 0, 'quote')}</span></span>
    <select class="small" value=${d.case_id || ''} aria-label=${'Case of ' + d.title} disabled=${!owner} onChange=${(e) => move(e.currentTarget.value)}>
      <option value="">No case</option>${cases.map((c) => html`<option value=${c.id}>${c.name}</option>`)}</select>
    ${owner ? html`<span class="row-actions">
      <button type="button" class="btn-icon" onClick=${() => setDetails(!details)} aria-expanded=${details}
        aria-label=${'Details of ' + d.title} title="Title and interview details">✎</button>
      <button type="button" class="btn-icon" onClick=${remove} aria-label=${'Delete ' + d.title} title="Delete">×</button></span>` : html`<span></span>`}
    ${owner && details ? html`<${DocDetails} pid=${pid} d=${d} />` : null}
  </li>`;
}

// ProjectDescription edits what the study is about (owners), saving as it
// is typed; others read it.
function ProjectDescription({ pid, project, owner }) {
  const auto = useAutosave({
    key: draftKey(pid, 'project', pid),
    label: 'Save the project description',
    what: 'Project description',
    entity: project,
    read: (p) => ({ description: p.description || '' }),
    names: { description: 'Description' },
    send: (changed, all, version) => patch(pp(pid), changed, undefined, { version }),
    onSaved: (p) => proj.update({ project: p }),
  });
  if (!owner) return project.description ? html`<p class="project-description">${project.description}</p>` : null;
  return html`<div class="project-description-edit">${auto.notice}
    <textarea class="project-description" rows="2" aria-label="Project description"
      placeholder="What the study is about: its question, its sample…" ...${auto.bind('description')}></textarea></div>`;
}

/** Documents is the project's home screen. */
export function Documents({ pid }) {
  const documents = useStore(proj, (s) => s.documents);
  const cases = useStore(proj, (s) => s.cases);
  const project = useStore(proj, (s) => s.project);
  // Owners set up the material: transcripts and their cases.
  const perms = usePermissions();
  const owner = perms.canManage;
  // Documents ticked to be put in a set (sets go with the codebook rights).
  const [picked, setPicked] = useState(() => new Set());
  const pick = (id, on) => setPicked((p) => { const n = new Set(p); if (on) n.add(id); else n.delete(id); return n; });
  const { data: quotes } = useData(() => get(pp(pid, '/quotes')), [pid, documents], { on: ['quote'] });
  const cov = useMemo(() => coverage(quotes || [], documents), [quotes, documents]);

  const groups = [...cases.map((c) => ({ c, docs: documents.filter((d) => d.case_id === c.id) })),
    { c: null, docs: documents.filter((d) => !d.case_id || !cases.some((c) => c.id === d.case_id)) }];

  return html`<div class="page documents-page">
    <header class="page-head">
      <div><h1>${project.name}</h1>
        <p class="muted">${plural(documents.length, 'transcript')} in ${plural(cases.length, 'case')}</p>
        <${ProjectDescription} pid=${pid} project=${project} owner=${owner} /></div>
      <span class="row-actions"><a class="btn" href=${link(pid, 'cases')}>Case sheet</a>
        <a class="btn" href=${link(pid, 'informants')}>Informants</a></span>
    </header>
    ${documents.length === 0 ? html`<div class="empty-state"><p>${owner ? html`Start by adding interview transcripts. Then open one, select a passage and press <kbd>c</kbd> to code it.`
      : 'No transcripts yet: the project’s owners add them.'}</p></div>` : null}
    ${owner ? html`<${Upload} pid=${pid} />` : null}
    ${picked.size ? html`<${SetBar} pid=${pid} selected=${picked} onDone=${() => setPicked(new Set())} />` : null}
    <${DocSets} pid=${pid} canEdit=${perms.canEditCodebook} />
    ${groups.filter((g) => g.c || g.docs.length).map(({ c, docs }) => html`<section class="case-group" aria-label=${c ? c.name : 'Documents without a case'}>
      <header class="case-head">
        <h2>${c ? c.name : 'No case'}</h2>
        ${c && c.attributes.length ? html`<dl class="attrs">${c.attributes.map((a) => html`<div><dt>${a.name}</dt><dd>${attrText(a)}</dd></div>`)}</dl>` : null}
      </header>
      ${docs.length ? html`<ul class="doc-list">${docs.map((d) => html`<${DocRow} key=${d.id} pid=${pid} d=${d} cov=${cov.get(d.id)} cases=${cases} owner=${owner}
        picked=${picked.has(d.id)} onPick=${perms.canEditCodebook ? (on) => pick(d.id, on) : null} />`)}</ul>`
        : html`<p class="muted small">No transcripts yet.</p>`}
    </section>`)}
  </div>`;
}
