// Assignments: which coders code which documents, and whether they code
// them independently (each seeing only their own quotes there, so their
// agreement can be measured). Owners assign; everyone reads.
import { html, useState, useMemo } from '../core/lib.js';
import { useData } from '../core/data.js';
import { useStore } from '../core/store.js';
import { get, put, del, pp } from '../core/api.js';
import { proj } from '../project/state.js';
import { useDocLabel } from '../project/doclabels.js';
import { confirmDialog } from '../widgets/dialog.js';
import { refreshAccess } from '../project/access.js';
import { link } from '../core/router.js';

function AssignForm({ pid, members, onDone }) {
  const docLabel = useDocLabel();
  const documents = useStore(proj, (s) => s.documents);
  const [docs, setDocs] = useState([]);
  const [coders, setCoders] = useState([]);
  const [independent, setIndependent] = useState(true);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const eligible = members.filter((m) => m.role === 'coder' || m.role === 'owner');
  const flip = (list, set, id, on) => set(on ? [...list, id] : list.filter((x) => x !== id));
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await put(pp(pid, '/assignments'), { document_ids: docs, coders, independent });
      setDocs([]);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const tooFew = independent && coders.length < 2;
  return html`<form class="card assign-form" onSubmit=${submit} aria-label="Assign documents">
    <h2 class="card-title">Assign documents</h2>
    <div class="assign-cols">
      <fieldset class="plain"><legend>Documents</legend>
        <ul class="check-list">${documents.map((d) => html`<li><label class="toggle"><input type="checkbox" checked=${docs.includes(d.id)}
          onChange=${(e) => flip(docs, setDocs, d.id, e.currentTarget.checked)} /> ${docLabel(d)}</label></li>`)}</ul></fieldset>
      <fieldset class="plain"><legend>Coders</legend>
        <ul class="check-list">${eligible.map((m) => html`<li><label class="toggle"><input type="checkbox" checked=${coders.includes(m.username)}
          onChange=${(e) => flip(coders, setCoders, m.username, e.currentTarget.checked)} /> ${m.username} <span class="muted">${m.role}</span></label></li>`)}</ul>
        ${eligible.length === 0 ? html`<p class="muted small">Add coders on the Members tab first.</p>` : null}</fieldset>
    </div>
    <label class="toggle"><input type="checkbox" checked=${independent} onChange=${(e) => setIndependent(e.currentTarget.checked)} />
      Independent coding: each coder sees only their own quotes on these documents</label>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    <div class="row"><button type="submit" class="btn btn-primary btn-sm" disabled=${busy || !docs.length || !coders.length || tooFew}>Assign</button>
      ${tooFew && coders.length ? html`<span class="hint">Independent coding needs two coders or more.</span>` : null}</div>
  </form>`;
}

/** Assignments lists the project's assignments; owners (perms.canManage) change them. */
export function Assignments({ pid, perms }) {
  const documents = useStore(proj, (s) => s.documents);
  const [changeError, setError] = useState(null);
  const { data, error: loadError, reload: load } = useData(
    () => Promise.all([get(pp(pid, '/assignments')), get(pp(pid, '/members'))]), [pid], { on: ['assignment', 'member', 'document'] });
  const [list, members] = data || [null, []];
  const error = changeError || loadError;
  const docLabel = useDocLabel();
  const title = useMemo(() => new Map(documents.map((d) => [d.id, docLabel(d)])), [documents, docLabel]);

  const change = async (fn) => {
    setError(null);
    try { await fn(); } catch (err) { setError(err); }
    load();
    refreshAccess();
  };
  const setIndependent = (a, on) => change(() => put(pp(pid, '/assignments'), { document_ids: [a.document_id], coders: a.coders, independent: on }));
  const remove = async (a) => {
    const ok = await confirmDialog({ title: 'End the assignment', message: `End the assignment of “${title.get(a.document_id) || a.document_id}”? Its coders then see each other’s quotes there.`, confirm: 'End assignment' });
    if (ok) change(() => del(pp(pid, '/assignments/' + encodeURIComponent(a.document_id))));
  };

  return html`<div class="assignments">
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    <section class="card" aria-label="Assigned documents">
      <h2 class="card-title">Assigned documents</h2>
      ${list && list.length === 0 ? html`<p class="muted">No document is assigned yet.</p>` : null}
      ${list && list.length ? html`<table class="members-table">
        <thead><tr><th scope="col">Document</th><th scope="col">Coders</th><th scope="col">Independent</th><th scope="col">Assigned by</th>
          ${perms.canManage ? html`<th scope="col"><span class="sr-only">Actions</span></th>` : null}</tr></thead>
        <tbody>${list.map((a) => html`<tr>
          <th scope="row"><a href=${link(pid, 'd', a.document_id)}>${title.get(a.document_id) || a.document_id}</a></th>
          <td>${a.coders.join(', ')}</td>
          <td>${perms.canManage ? html`<label class="toggle"><input type="checkbox" checked=${a.independent} disabled=${a.coders.length < 2}
              onChange=${(e) => setIndependent(a, e.currentTarget.checked)} /> ${a.independent ? 'yes' : 'no'}</label>`
            : a.independent ? 'yes' : 'no'}</td>
          <td>${a.assigned_by}</td>
          ${perms.canManage ? html`<td><button type="button" class="btn btn-xs" onClick=${() => remove(a)}>End</button></td>` : null}
        </tr>`)}</tbody></table>` : null}
      ${!list ? html`<p class="muted">Loading the assignments…</p>` : null}
    </section>
    ${perms.canManage ? html`<${AssignForm} pid=${pid} members=${members} onDone=${load} />` : null}
  </div>`;
}
