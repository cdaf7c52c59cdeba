// Memos: Markdown notes on the project, a case, a document or a code, with
// a live preview rendered (and sanitised) by the server.
import { html, useState, useEffect, useRef } from '../core/lib.js';
import { useData } from '../core/data.js';
import { useStore } from '../core/store.js';
import { get, post, patch, del, pp } from '../core/api.js';
import { proj } from '../project/state.js';
import { useDocLabel } from '../project/doclabels.js';
import { save } from '../core/saving.js';
import { useAutosave, isLeaving } from '../widgets/autosave.js';
import { draftKey, readDraft, writeDraft, dropDraft } from '../core/drafts.js';
import { usePreview, SafeHTML } from '../widgets/mdeditor.js';
import { confirmDialog } from '../widgets/dialog.js';
import { navigate, link, route } from '../core/router.js';
import { usePermissions } from '../project/access.js';

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
  const docLabel = useDocLabel();
  const options = type === 'case' ? s.cases.map((c) => [c.id, c.name])
    : type === 'document' ? s.documents.map((d) => [d.id, docLabel(d)])
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

// memoFields are the fields of a memo that its editor keeps.
const memoFields = (m) => ({ title: m.title || '', body: m.body || '', target_type: m.target_type || 'project', target_id: m.target_id || '' });

// Editor edits a memo, or a new one until it exists (memo without id): the
// same editor stays on screen when the memo is created, so typing goes on
// where it was.
function Editor({ pid, memo, onSaved, onDeleted }) {
  const created = useRef(memo.id || '');
  const mounted = useRef(true);
  useEffect(() => () => { mounted.current = false; }, []);
  const auto = useAutosave({
    key: draftKey(pid, 'memo', created.current || 'new'),
    label: created.current ? 'Save the memo' : 'Create the memo',
    what: 'Memo “' + (memo.title || 'untitled') + '”',
    entity: memo.id ? memo : null,
    initial: memoFields(memo),
    read: memoFields,
    names: { title: 'Title', body: 'Text' },
    // A memo is stored once it has a title or text and says what it is
    // about. It is not created as the page goes: a creation the next page
    // could not see yet would be made twice; its draft creates it there.
    ready: (v) => !!(v.title || v.body) && (v.target_type === 'project' || !!v.target_id) && (!!created.current || !isLeaving()),
    send: (changed, all, version) => (created.current
      ? patch(pp(pid, '/memos/' + created.current), { title: changed.title, body: changed.body }, undefined, { version })
      : post(pp(pid, '/memos'), {
        title: all.title, body: all.body, target_type: all.target_type,
        target_id: all.target_type === 'project' ? '' : all.target_id,
      })),
    onSaved: (m) => {
      const isNew = !created.current;
      created.current = m.id;
      onSaved(m, isNew && mounted.current);
    },
  });
  const { title, body, target_type: ttype, target_id: tid } = auto.values;
  const preview = usePreview(body || '');
  const stored = created.current ? { ...memo, ...auto.values } : null;

  const remove = async () => {
    if (!created.current) { auto.forget(); onDeleted(); return; }
    const ok = await confirmDialog({ title: 'Delete memo', message: `Delete the memo “${title || 'untitled'}”?`, confirm: 'Delete', danger: true });
    if (!ok) return;
    auto.forget();
    save('Delete the memo', () => del(pp(pid, '/memos/' + created.current))).then(onDeleted, () => {});
  };

  return html`<article class="memo-editor" aria-label="Memo">
    ${!stored ? html`<${TargetPicker} type=${ttype} id=${tid} onChange=${(type, id) => { auto.edit('target_type', type); auto.edit('target_id', id); }} />`
      : html`<p class="muted">${targetLabel(stored, proj.get())}</p>`}
    ${auto.notice}
    <input class="memo-title" type="text" placeholder="Title" aria-label="Memo title" ...${auto.bind('title')} />
    <div class="md-body split">
      <textarea class="memo-body" aria-label="Memo text (Markdown)" placeholder="Write in Markdown: **bold**, *italic*, lists, > quotes…"
        ...${auto.bind('body')}></textarea>
      <div class="md-preview" aria-label="Preview" aria-live="polite">
        ${preview.error ? html`<p class="error-text">${preview.error}</p>` : html`<${SafeHTML} html=${preview.html} />`}</div>
    </div>
    <div class="row">
      <button type="button" class="btn btn-primary btn-sm" onClick=${auto.flush}
        disabled=${!stored && ttype !== 'project' && !tid}>${stored ? 'Save' : 'Create memo'}</button>
      <span class="muted memo-state">${auto.state === 'saving' ? (stored || title || body ? 'Saving…' : '') : auto.state === 'conflict' ? 'Changed meanwhile' : stored ? 'Saved' : ''}</span>
      <span class="spacer"></span>
      <button type="button" class="btn btn-sm btn-danger" onClick=${remove}>Delete</button>
    </div>
  </article>`;
}

let newCount = 0;

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
    setDraft({ key: 'new-' + ++newCount, target_type: ftype || 'project', target_id: fid || '', title: '', body: '' });
    if (mid) navigate(link(pid, 'memos') + (filter ? '?target=' + filter : ''));
  };
  // A new memo typed before a reload or a crash comes back: in its own
  // editor when its creation had reached the server, else as a new memo.
  const recovered = useRef(false);
  useEffect(() => {
    if (recovered.current || !memos) return;
    recovered.current = true;
    const key = draftKey(pid, 'memo', 'new');
    const d = readDraft(key);
    if (!d) return;
    const s = d.sent;
    const find = (list) => s && list.find((m) => m.title === (s.title || '') && m.body === (s.body || ''));
    const reopen = (landed) => {
      const values = {};
      for (const f of ['title', 'body']) if (f in d.values) values[f] = d.values[f];
      dropDraft(key);
      writeDraft(draftKey(pid, 'memo', landed.id), { ...d, values, base: { title: landed.title, body: landed.body }, sent: null });
      setMemos((list) => [landed, ...(list || []).filter((x) => x.id !== landed.id)]);
      navigate(link(pid, 'memos', landed.id) + (filter ? '?target=' + filter : ''), { replace: true });
    };
    if (find(memos)) { reopen(find(memos)); return; }
    if (!s) { if (!mid) startNew(); return; }
    // Its creation was on its way when the page went: give it a moment to
    // arrive before creating the memo again.
    setTimeout(() => get(pp(pid, '/memos')).then((list) => {
      const landed = find(list);
      if (landed) reopen(landed);
      else if (!route.get().parts[3]) startNew();
    }, () => { if (!route.get().parts[3]) startNew(); }), 2000);
  }, [memos]);
  // Another memo chosen: the new one's editor makes way.
  useEffect(() => { if (draft && mid && mid !== draft.id) setDraft(null); }, [mid]);
  const onSaved = (m, isNew) => {
    setMemos((list) => [m, ...(list || []).filter((x) => x.id !== m.id)]);
    if (isNew) {
      // The editor stays as it is: the memo it edits now has an ID.
      setDraft((d) => (d && !d.id ? { ...d, id: m.id } : d));
      navigate(link(pid, 'memos', m.id) + (filter ? '?target=' + filter : ''), { replace: true });
    }
  };
  const onDeleted = () => {
    setDraft(null);
    load();
    navigate(link(pid, 'memos') + (filter ? '?target=' + filter : ''), { replace: true });
  };
  const shown = draft ? (draft.id && (memos || []).find((m) => m.id === draft.id)) || draft : current;

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
        ${shown ? html`<fieldset class="plain" disabled=${!!shown.id && !perms.mayChange(shown)}>
            ${perms.team && shown.id && !perms.mayChange(shown) ? html`<p class="readonly-note">${shown.author}’s memo: you read it.</p>` : null}
            <${Editor} key=${draft ? draft.key : shown.id} pid=${pid} memo=${shown} onSaved=${onSaved} onDeleted=${onDeleted} /></fieldset>`
            : html`<div class="empty-state"><p>Memos hold your analytic thinking: about the project, a case, an interview or a code. Choose one, or start a new memo.</p></div>`}
      </div>
    </div>
  </div>`;
}
