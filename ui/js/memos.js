// Memos: Markdown notes on the project, a case, a document or a code, with
// a live preview rendered (and sanitised) by the server.
import { html, useState, useEffect, useRef } from './lib.js';
import { useData } from './data.js';
import { useStore } from './store.js';
import { get, post, patch, del, pp } from './api.js';
import { proj } from './state.js';
import { save } from './saving.js';
import { usePreview, SafeHTML } from './mdeditor.js';
import { confirmDialog } from './dialog.js';
import { navigate, link } from './router.js';
import { usePermissions } from './access.js';

const TARGETS = [['project', 'Project'], ['case', 'Case'], ['document', 'Document'], ['code', 'Code']];

function targetLabel(m, s) {
  const find = (list) => (list.find((x) => x.id === m.target_id) || {});
  switch (m.target_type) {
    case 'case': return 'Case: ' + (find(s.cases).name || '?');
    case 'document': return 'Document: ' + (find(s.documents).title || '?');
    case 'code': return 'Code: ' + (find(s.codes).name || '?');
    case 'quote': return 'Quote';
    default: return 'Project';
  }
}

function TargetPicker({ type, id, onChange }) {
  const s = useStore(proj);
  const options = type === 'case' ? s.cases.map((c) => [c.id, c.name])
    : type === 'document' ? s.documents.map((d) => [d.id, d.title])
      : type === 'code' ? s.codes.map((c) => [c.id, c.name]) : [];
  return html`<div class="row wrap">
    <label class="inline-field">About
      <select value=${type} onChange=${(e) => onChange(e.currentTarget.value, '')}>
        ${TARGETS.map(([v, l]) => html`<option value=${v}>${l}</option>`)}
        ${type === 'quote' ? html`<option value="quote">Quote</option>` : null}
      </select></label>
    ${options.length ? html`<select value=${id} aria-label="Which one" onChange=${(e) => onChange(type, e.currentTarget.value)}>
      <option value="">Choose…</option>${options.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>` : null}
  </div>`;
}

function Editor({ pid, memo, onSaved, onDeleted }) {
  const [title, setTitle] = useState(memo.title || '');
  const [body, setBody] = useState(memo.body || '');
  const [target, setTarget] = useState({ type: memo.target_type || 'project', id: memo.target_id || '' });
  const [dirty, setDirty] = useState(false);
  const preview = usePreview(body);
  const saved = useRef(memo);
  // A change made elsewhere (another tab, another coder, an undo) shows
  // here unless this editor has changes of its own not yet saved; an
  // answer older than what this editor saved last is not taken.
  useEffect(() => {
    if (dirty || !memo.id || !(memo.version > (saved.current.version || 0))) return;
    saved.current = memo;
    setTitle(memo.title || '');
    setBody(memo.body || '');
  }, [memo]);

  const doSave = () => {
    if (!dirty && memo.id) return Promise.resolve();
    const isNew = !saved.current.id;
    const payload = isNew
      ? { title, body, target_type: target.type, target_id: target.type === 'project' ? '' : target.id }
      : { title, body };
    if (isNew && target.type !== 'project' && !target.id) return Promise.resolve();
    setDirty(false);
    return save(isNew ? 'Create the memo' : 'Save the memo', () => (isNew
      ? post(pp(pid, '/memos'), payload) : patch(pp(pid, '/memos/' + saved.current.id), payload)))
      .then((m) => { saved.current = m; onSaved(m, isNew); }, () => setDirty(true));
  };
  // Save a moment after typing stops, and when leaving.
  useEffect(() => {
    if (!dirty || !saved.current.id) return;
    const t = setTimeout(doSave, 1200);
    return () => clearTimeout(t);
  }, [title, body, dirty]);

  const remove = async () => {
    if (!saved.current.id) { onDeleted(); return; }
    const ok = await confirmDialog({ title: 'Delete memo', message: `Delete the memo “${title || 'untitled'}”?`, confirm: 'Delete', danger: true });
    if (ok) save('Delete the memo', () => del(pp(pid, '/memos/' + saved.current.id))).then(onDeleted, () => {});
  };

  return html`<article class="memo-editor" aria-label="Memo">
    ${!saved.current.id ? html`<${TargetPicker} type=${target.type} id=${target.id} onChange=${(type, id) => setTarget({ type, id })} />`
      : html`<p class="muted">${targetLabel(saved.current, proj.get())}</p>`}
    <input class="memo-title" type="text" value=${title} placeholder="Title" aria-label="Memo title"
      onInput=${(e) => { setTitle(e.currentTarget.value); setDirty(true); }} onBlur=${doSave} />
    <div class="md-body split">
      <textarea class="memo-body" value=${body} aria-label="Memo text (Markdown)" placeholder="Write in Markdown: **bold**, *italic*, lists, > quotes…"
        onInput=${(e) => { setBody(e.currentTarget.value); setDirty(true); }} onBlur=${doSave}></textarea>
      <div class="md-preview" aria-label="Preview" aria-live="polite">
        ${preview.error ? html`<p class="error-text">${preview.error}</p>` : html`<${SafeHTML} html=${preview.html} />`}</div>
    </div>
    <div class="row">
      <button type="button" class="btn btn-primary btn-sm" onClick=${doSave}
        disabled=${!saved.current.id && target.type !== 'project' && !target.id}>${saved.current.id ? 'Save' : 'Create memo'}</button>
      <span class="muted">${dirty ? 'Unsaved changes' : saved.current.id ? 'Saved' : ''}</span>
      <span class="spacer"></span>
      <button type="button" class="btn btn-sm btn-danger" onClick=${remove}>Delete</button>
    </div>
  </article>`;
}

/** MemosPage lists memos (optionally of one target) and edits one. */
export function MemosPage({ pid, mid, query }) {
  const s = useStore(proj);
  const [draft, setDraft] = useState(null);
  const filter = query.get('target') || '';
  const [ftype, fid] = filter.split(':');
  // Viewers read memos; coders change only their own.
  const perms = usePermissions();

  const { data: memos, error, reload: load, set: setMemos } = useData(
    () => get(pp(pid, '/memos'), filter ? { target_type: ftype, target_id: fid } : undefined), [pid, filter], { on: ['memo'] });

  const current = mid ? (memos || []).find((m) => m.id === mid) : null;
  const startNew = () => {
    setDraft({ target_type: ftype || 'project', target_id: fid || '', title: '', body: '' });
    if (mid) navigate(link(pid, 'memos') + (filter ? '?target=' + filter : ''));
  };
  const onSaved = (m, isNew) => {
    setMemos((list) => [m, ...(list || []).filter((x) => x.id !== m.id)]);
    if (isNew) { setDraft(null); navigate(link(pid, 'memos', m.id) + (filter ? '?target=' + filter : ''), { replace: true }); }
  };
  const onDeleted = () => {
    setDraft(null);
    load();
    navigate(link(pid, 'memos') + (filter ? '?target=' + filter : ''), { replace: true });
  };

  return html`<div class="page memos-page">
    <header class="page-head">
      <h1>Memos${filter ? html` <span class="muted">· ${targetLabel({ target_type: ftype, target_id: fid }, s)}</span>` : null}</h1>
      <div class="row">
        ${filter ? html`<a class="btn btn-sm" href=${link(pid, 'memos')}>All memos</a>` : null}
        ${perms.canCode ? html`<button type="button" class="btn btn-primary btn-sm" onClick=${startNew}>New memo</button>` : null}
      </div>
    </header>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    <div class="memos-layout">
      <nav class="memo-list" aria-label="Memos">
        ${memos && memos.length === 0 ? html`<p class="muted">No memos yet.</p>` : null}
        <ul>${(memos || []).map((m) => html`<li><a href=${link(pid, 'memos', m.id) + (filter ? '?target=' + filter : '')}
          aria-current=${m.id === mid ? 'page' : null}>
          <strong>${m.title || 'Untitled'}</strong><span class="muted">${targetLabel(m, s)} · ${new Date(m.updated_at).toLocaleDateString()}</span></a></li>`)}</ul>
      </nav>
      <div class="memo-main">
        ${draft ? html`<${Editor} key="new" pid=${pid} memo=${draft} onSaved=${onSaved} onDeleted=${onDeleted} />`
          : current ? html`<fieldset class="plain" disabled=${!perms.mayChange(current)}>
            ${perms.team && !perms.mayChange(current) ? html`<p class="readonly-note">${current.author}’s memo: you read it.</p>` : null}
            <${Editor} key=${current.id} pid=${pid} memo=${current} onSaved=${onSaved} onDeleted=${onDeleted} /></fieldset>`
            : html`<div class="empty-state"><p>Memos hold your analytic thinking: about the project, a case, an interview or a code. Choose one, or start a new memo.</p></div>`}
      </div>
    </div>
  </div>`;
}
