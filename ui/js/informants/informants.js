// The Informants screen: the informant table (the "data sources" table of
// papers) with each informant's ID, pseudonym, role, case, interview
// date, duration, round and other attributes, edited in place; merging
// and deleting informants; and each document's speakers, linked to
// informants by hand or by name.
import { html, useState } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { useData } from '../core/data.js';
import { get, post, patch, del, pp, apiURL } from '../core/api.js';
import { proj } from '../project/state.js';
import { save } from '../core/saving.js';
import { confirmDialog, openDialog } from '../widgets/dialog.js';
import { usePermissions } from '../project/access.js';
import { plural } from '../core/format.js';
import { inferAttribute } from '../documents/casesheet.js';

// The attribute columns of the table: attribute name, header, input type.
const COLUMNS = [['interview date', 'Interview date', 'date'], ['duration', 'Duration', 'text'], ['round', 'Round', 'text']];
const SHOWN = new Set(COLUMNS.map(([a]) => a));

const valueText = (a) => (!a ? '' : Array.isArray(a.value) ? a.value.join('; ') : a.value === null || a.value === undefined ? '' : String(a.value));
const attrOf = (i, name) => (i.attributes || []).find((a) => a.name.toLowerCase() === name);

/** otherAttributes writes the attributes the table has no column for as "name: value; name: value". */
export function otherAttributes(i) {
  return (i.attributes || []).filter((a) => !SHOWN.has(a.name.toLowerCase())).map((a) => `${a.name}: ${valueText(a)}`).join('; ');
}

/**
 * parseOthers reads "gender: female; tenure: 7" back into attribute
 * changes: each typed value, and a null value for each attribute of i
 * (without a column) that is no longer listed.
 */
export function parseOthers(i, text) {
  const out = [];
  const named = new Set();
  for (const part of text.split(';')) {
    const at = part.indexOf(':');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (!name) continue;
    named.add(name.toLowerCase());
    out.push(inferAttribute(name, part.slice(at + 1)));
  }
  for (const a of i.attributes || []) {
    const n = a.name.toLowerCase();
    if (!SHOWN.has(n) && !named.has(n)) out.push({ name: a.name, value: null });
  }
  return out;
}

// Field is one text cell of an informant, saved when it changes (Enter
// or leaving the field).
function Field({ value, label, type = 'text', disabled, onSave }) {
  return html`<input type=${type} class="cell-input" aria-label=${label} value=${value} disabled=${disabled}
    onChange=${(e) => onSave(e.currentTarget.value)} />`;
}

// MergeBody asks which informant i merges into.
function MergeBody({ i, informants, close }) {
  const others = informants.filter((x) => x.id !== i.id);
  const [target, setTarget] = useState(others.length ? others[0].id : '');
  return html`<form onSubmit=${(e) => { e.preventDefault(); if (target) close(target); }}>
    <p class="dialog-msg">${i.label}’s speakers move to the informant you choose, which takes the details it lacks; ${i.label} is deleted.</p>
    <label class="field"><span>Merge into</span>
      <select data-autofocus value=${target} onChange=${(e) => setTarget(e.currentTarget.value)}>
        ${others.map((x) => html`<option value=${x.id}>${x.label}${x.pseudonym ? ' (' + x.pseudonym + ')' : ''}</option>`)}</select></label>
    <div class="dialog-actions">
      <button type="button" class="btn" onClick=${() => close(null)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!target}>Merge</button>
    </div></form>`;
}

// InformantRow is one row of the informant table.
function InformantRow({ pid, i, informants, cases, owner, reload }) {
  const change = (label, body) => save(label, () => patch(pp(pid, '/informants/' + i.id), body)).then(reload, reload);
  const text = (field, label) => html`<td><${Field} value=${i[field] || ''} label=${`${label} of ${i.label}`} disabled=${!owner}
    onSave=${(v) => change(`Change the ${label.toLowerCase()} of ${i.label}`, { [field]: v })} /></td>`;
  const attr = ([name, header, type]) => html`<td><${Field} type=${type} value=${name === 'interview date' && !attrOf(i, name) ? '' : valueText(attrOf(i, name))}
    label=${`${header} of ${i.label}`} disabled=${!owner}
    onSave=${(v) => change(`Change the ${header.toLowerCase()} of ${i.label}`, { attributes: [inferAttribute(name, v)] })} />
    ${name === 'interview date' && !attrOf(i, name) && i.interview_dates.length ? html`<span class="muted small">${i.interview_dates.join('; ')}</span>` : null}</td>`;
  const merge = async () => {
    const target = await openDialog(`Merge ${i.label}`, (close) => html`<${MergeBody} i=${i} informants=${informants} close=${close} />`);
    if (!target) return;
    const t = informants.find((x) => x.id === target);
    save(`Merge ${i.label} into ${t.label}`, () => post(pp(pid, '/informants/' + i.id + '/merge'), { target_id: target })).then(reload, reload);
  };
  const remove = async () => {
    const ok = await confirmDialog({ title: 'Delete informant', message: `Delete ${i.label}? Their speakers are unlinked.`, confirm: 'Delete', danger: true });
    if (ok) save(`Delete ${i.label}`, () => del(pp(pid, '/informants/' + i.id))).then(reload, reload);
  };
  return html`<tr data-informant=${i.label}>
    <th scope="row"><${Field} value=${i.label} label=${'ID of ' + i.label} disabled=${!owner}
      onSave=${(v) => change(`Change the ID of ${i.label}`, { label: v })} />${i.interviewer ? html` <span class="badge small">interviewer</span>` : null}</th>
    ${text('pseudonym', 'Pseudonym')}${text('role', 'Role')}
    <td><select aria-label=${'Case of ' + i.label} value=${i.case_id || ''} disabled=${!owner}
      onChange=${(e) => change(`Move ${i.label} to another case`, { case_id: e.currentTarget.value })}>
      <option value="">No case</option>${cases.map((c) => html`<option value=${c.id}>${c.name}</option>`)}</select></td>
    ${COLUMNS.map(attr)}
    <td><${Field} value=${otherAttributes(i)} label=${'Other attributes of ' + i.label} disabled=${!owner}
      onSave=${(v) => change(`Change the attributes of ${i.label}`, { attributes: parseOthers(i, v) })} /></td>
    <td class="num documents" title=${i.speakers.map((s) => `${s.speaker} in ${s.document}`).join('\n')}>${i.documents}</td>
    <td class="num quotes">${i.quotes}</td>
    ${owner ? html`<td class="row-actions">
      <button type="button" class="btn-icon" onClick=${merge} aria-label=${'Merge ' + i.label + ' into another informant'} title="Merge into…">⇥</button>
      <button type="button" class="btn-icon" onClick=${remove} aria-label=${'Delete ' + i.label} title="Delete">×</button></td>` : null}
  </tr>`;
}

// SpeakerLinks lists each document's speakers with the informant each is
// linked to, and links or unlinks them.
function SpeakerLinks({ pid, documents, informants, cases, owner, reload }) {
  const link = (d, s, informantId) => save(`Link ${s.name} of “${d.title}”`,
    () => post(pp(pid, '/informants/link'), { document_id: d.id, speaker: s.name, informant_id: informantId })).then(reload, reload);
  const caseName = (id) => (cases.find((c) => c.id === id) || {}).name || 'No case';
  return html`<section class="speaker-links" aria-label="Speakers">
    <h2>Speakers of each document</h2>
    ${documents.map((d) => html`<div class="speaker-doc" data-document=${d.title}>
      <h3>${d.title} <span class="muted small">${caseName(d.case_id)}</span></h3>
      ${(d.speakers || []).length === 0 ? html`<p class="muted small">No speaker turns.</p>` : html`<ul class="speaker-list">
        ${d.speakers.map((s) => html`<li><span class="speaker-name">${s.name}</span> <span class="muted small">${s.role}</span>
          <select aria-label=${`Informant of ${s.name} in ${d.title}`} value=${s.informant_id || ''} disabled=${!owner}
            onChange=${(e) => link(d, s, e.currentTarget.value)}>
            <option value="">Not linked</option>${informants.map((i) => html`<option value=${i.id}>${i.label}${i.pseudonym ? ' (' + i.pseudonym + ')' : ''}</option>`)}</select></li>`)}
      </ul>`}
    </div>`)}
  </section>`;
}

/** InformantsPage is the informant table and the speakers of every document. */
export function InformantsPage({ pid }) {
  const cases = useStore(proj, (s) => s.cases);
  const owner = usePermissions().canManage;
  const { data, error, reload } = useData(() => Promise.all([get(pp(pid, '/informants')), get(pp(pid, '/documents'))]), [pid],
    { on: ['informant', 'document', 'quote', 'case'] });
  const [note, setNote] = useState('');
  const [informants, documents] = data || [null, []];
  const create = () => save('Add an informant', () => post(pp(pid, '/informants'), {})).then(reload, reload);
  const linkAll = () => save('Link speakers by name', () => post(pp(pid, '/informants/link-all'))).then((res) => {
    setNote(`${plural(res.linked, 'speaker')} linked, ${plural(res.created.length, 'informant')} added.`);
    reload();
  }, reload);
  const shown = (informants || []).filter((i) => !i.interviewer).length;
  return html`<div class="page informants-page">
    <header class="page-head">
      <div><h1>Informants</h1>
        <p class="muted">${plural(shown, 'informant')}; speakers of the same name in one case are one informant.</p></div>
      ${owner ? html`<span class="row-actions">
        <button type="button" class="btn" onClick=${linkAll}>Link speakers by name</button>
        <button type="button" class="btn" onClick=${create}>New informant</button></span>` : null}
    </header>
    ${note ? html`<p class="ok-text" role="status">${note}</p>` : null}
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    ${informants ? html`<div class="table-wrap"><table class="members-table informant-table" aria-label="Informant table">
      <thead><tr><th>ID</th><th>Pseudonym</th><th>Role</th><th>Case</th>${COLUMNS.map(([, h]) => html`<th>${h}</th>`)}
        <th>Other attributes</th><th>Documents</th><th>Quotes</th>${owner ? html`<th></th>` : null}</tr></thead>
      <tbody>${informants.map((i) => html`<${InformantRow} key=${i.id} pid=${pid} i=${i} informants=${informants} cases=${cases} owner=${owner} reload=${reload} />`)}</tbody>
    </table></div>
    <p class="small">Download the informant table:
      ${['docx', 'xlsx', 'tex', 'md', 'csv'].map((f) => html` <a download href=${apiURL(pp(pid, '/export/informants-' + f))}>${f.toUpperCase()}</a>`)}</p>
    <${SpeakerLinks} pid=${pid} documents=${documents} informants=${informants} cases=${cases} owner=${owner} reload=${reload} />`
      : html`<p class="muted">Loading the informants…</p>`}
  </div>`;
}
