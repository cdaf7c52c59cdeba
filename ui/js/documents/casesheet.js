// The case sheet: cases as rows, attributes as columns. Cells are edited in
// place; columns are added by name; a block copied from a spreadsheet
// (tab-separated, first row the headers, first column the case names) is
// pasted in one go, creating or updating the cases it names.
import { html, useState, useMemo } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { post, patch, put, del, pp } from '../core/api.js';
import { proj, refreshProject } from '../project/state.js';
import { save } from '../core/saving.js';
import { useAutosave } from '../widgets/autosave.js';
import { draftKey } from '../core/drafts.js';
import { openDialog, confirmDialog, promptDialog } from '../widgets/dialog.js';
import { usePermissions } from '../project/access.js';

/** inferAttribute types a spreadsheet cell as Tessera does: number, date, list or text. */
export function inferAttribute(name, cell) {
  const v = cell.trim();
  if (!v) return { name, type: '', value: null };
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v)) return { name, type: 'number', value: v };
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return { name, type: 'date', value: v };
  if (v.includes(';')) return { name, type: 'list', value: v };
  return { name, type: 'text', value: v };
}

/** parseTSV splits pasted spreadsheet text into rows of cells. */
export function parseTSV(text) {
  return text.replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim()).map((l) => l.split('\t'));
}

const cellText = (a) => (!a ? '' : Array.isArray(a.value) ? a.value.join('; ') : a.value === null || a.value === undefined ? '' : String(a.value));

// caseText reads a cell of case c: its name, or the attribute called attr.
const caseText = (c, attr) => (attr ? cellText(c.attributes.find((a) => a.name.toLowerCase() === attr.toLowerCase())) : c.name);

// Cell shows one cell of the sheet (the case's name when attr is empty)
// and edits it in place, saving as it is typed.
function Cell({ pid, c, attr, label }) {
  const [editing, setEditing] = useState(false);
  const f = attr ? 'attr:' + attr : 'name';
  const auto = useAutosave({
    key: draftKey(pid, 'case', c.id + '/' + f),
    label: attr ? `Save ${attr} of “${c.name}”` : 'Rename the case',
    what: `${attr || 'Name'} of case “${c.name}”`,
    entity: c,
    read: (x) => ({ [f]: caseText(x, attr) }),
    names: { [f]: attr || 'Case name' },
    ready: (v) => !!attr || !!v[f].trim(),
    send: (changed, all, version) => patch(pp(pid, '/cases/' + c.id),
      attr ? { attributes: [inferAttribute(attr, changed[f])] } : { name: changed[f].trim() }, undefined, { version }),
    onSaved: (saved) => proj.update((s) => ({ cases: s.cases.map((x) => (x.id === saved.id ? saved : x)) })),
  });
  const v = auto.values[f] || '';
  if (!editing) {
    return html`<button type="button" class=${'cell' + (auto.state !== 'saved' ? ' unsaved' : '')} aria-label=${label + ': ' + (v || 'empty') + '. Edit'}
      onClick=${() => setEditing(true)}>${v || html`<span class="muted">—</span>`}</button>${auto.notice}`;
  }
  const b = auto.bind(f);
  return html`<input class="cell-input" type="text" aria-label=${label} ...${b}
    ref=${(el) => el && !el.dataset.f && (el.dataset.f = '1', el.focus(), el.select())}
    onBlur=${() => { setEditing(false); b.onBlur(); }}
    onKeyDown=${(e) => {
      if (e.key === 'Enter') e.currentTarget.blur();
      if (e.key === 'Escape') { auto.edit(f, caseText(c, attr)); setEditing(false); }
    }} />`;
}

// importRows creates or updates cases from parsed rows (headers first).
async function importRows(pid, rows, cases) {
  const [head, ...body] = rows;
  const names = head.slice(1).map((h) => h.trim());
  let created = 0, updated = 0;
  for (const r of body) {
    const name = (r[0] || '').trim();
    if (!name) continue;
    const attributes = names.map((n, i) => inferAttribute(n, r[i + 1] || '')).filter((a) => a.name && a.value !== null);
    const existing = cases.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (existing) { await patch(pp(pid, '/cases/' + existing.id), { attributes }); updated++; }
    else { await post(pp(pid, '/cases'), { name, attributes }); created++; }
  }
  return { created, updated };
}

function PasteBody({ close, initial }) {
  const [text, setText] = useState(initial || '');
  const rows = parseTSV(text);
  return html`<div>
    <p class="muted">Copy a block from Excel, LibreOffice or Google Sheets: first row the headers, first column the case names.
      Numbers, dates (YYYY-MM-DD) and lists (separated by “;”) are recognised.</p>
    <textarea class="paste" rows="8" value=${text} data-autofocus aria-label="Pasted cells" onInput=${(e) => setText(e.currentTarget.value)}></textarea>
    ${rows.length > 1 ? html`<div class="table-wrap"><table class="sheet preview"><thead><tr>${rows[0].map((h) => html`<th>${h}</th>`)}</tr></thead>
      <tbody>${rows.slice(1, 8).map((r) => html`<tr>${rows[0].map((_, i) => html`<td>${r[i] || ''}</td>`)}</tr>`)}</tbody></table></div>
      <p class="muted small">${rows.length - 1} case${rows.length === 2 ? '' : 's'}${rows.length > 8 ? ' (first 7 shown)' : ''}</p>` : null}
    <div class="dialog-actions">
      <button type="button" class="btn" onClick=${() => close(null)}>Cancel</button>
      <button type="button" class="btn btn-primary" disabled=${rows.length < 2} onClick=${() => close(rows)}>Import</button>
    </div></div>`;
}

/** CaseSheet shows and edits the cases of project pid. */
export function CaseSheet({ pid }) {
  const cases = useStore(proj, (s) => s.cases);
  const documents = useStore(proj, (s) => s.documents);
  const [extra, setExtra] = useState([]);
  const [newCase, setNewCase] = useState('');
  const [message, setMessage] = useState('');
  // Owners set up the cases; everyone else reads the sheet.
  const owner = usePermissions().canManage;

  const columns = useMemo(() => {
    const cols = [];
    for (const c of cases) for (const a of c.attributes) if (!cols.some((x) => x.toLowerCase() === a.name.toLowerCase())) cols.push(a.name);
    for (const x of extra) if (!cols.some((c) => c.toLowerCase() === x.toLowerCase())) cols.push(x);
    return cols;
  }, [cases, extra]);

  const addCase = (e) => {
    e.preventDefault();
    if (!newCase.trim()) return;
    save('Create the case', () => post(pp(pid, '/cases'), { name: newCase.trim() })).then(() => { setNewCase(''); refreshProject(); }, () => {});
  };
  const addColumn = async () => {
    const n = await promptDialog({ title: 'Add attribute', label: 'Attribute name (e.g. sector, employees, founded)', confirm: 'Add' });
    if (n) setExtra((x) => [...x, n]);
  };
  const remove = async (c) => {
    const ok = await confirmDialog({ title: 'Delete case', message: `Delete the case “${c.name}”? Its transcripts stay, without a case.`, confirm: 'Delete', danger: true });
    if (ok) save('Delete the case', () => del(pp(pid, '/cases/' + c.id))).then(refreshProject, () => {});
  };
  const move = (i, dir) => {
    const ids = cases.map((c) => c.id);
    const j = i + dir;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j], ids[i]];
    save('Reorder the cases', () => put(pp(pid, '/cases/order'), { ids })).then(refreshProject, () => {});
  };
  const paste = async (initial) => {
    const rows = await openDialog('Paste from a spreadsheet', (close) => html`<${PasteBody} close=${close} initial=${initial} />`, { wide: true });
    if (!rows) return;
    const r = await save('Import pasted cases', () => importRows(pid, rows, proj.get().cases)).catch(() => null);
    if (r) setMessage(`${r.created} case${r.created === 1 ? '' : 's'} created, ${r.updated} updated.`);
    refreshProject();
  };
  const onPaste = (e) => {
    if (!owner || e.target.closest('input, textarea')) return;
    const t = e.clipboardData.getData('text/plain');
    if (t.includes('\t')) { e.preventDefault(); paste(t); }
  };

  return html`<div class="page casesheet-page" onPaste=${onPaste}>
    <header class="page-head">
      <div><h1>Cases</h1><p class="muted">The units of analysis (usually firms) and their attributes. Click a cell to edit it.</p></div>
      ${owner ? html`<div class="row">
        <button type="button" class="btn" onClick=${addColumn}>Add attribute</button>
        <button type="button" class="btn" onClick=${() => paste('')}>Paste from spreadsheet</button>
      </div>` : null}
    </header>
    ${message ? html`<p class="ok-text" role="status">${message}</p>` : null}
    <fieldset class="plain table-wrap" disabled=${!owner}>
      <table class="sheet" aria-label="Case sheet">
        <thead><tr><th scope="col">Case</th>${columns.map((n) => html`<th scope="col">${n}</th>`)}<th scope="col">Transcripts</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>
          ${cases.map((c, i) => html`<tr key=${c.id}>
            <th scope="row"><${Cell} pid=${pid} c=${c} attr="" label="Case name" /></th>
            ${columns.map((n) => html`<td><${Cell} key=${n} pid=${pid} c=${c} attr=${n} label=${n + ' of ' + c.name} /></td>`)}
            <td class="num">${documents.filter((d) => d.case_id === c.id).length}</td>
            <td class="row-actions">
              <button type="button" class="btn-icon" onClick=${() => move(i, -1)} disabled=${i === 0} aria-label=${'Move ' + c.name + ' up'}>↑</button>
              <button type="button" class="btn-icon" onClick=${() => move(i, 1)} disabled=${i === cases.length - 1} aria-label=${'Move ' + c.name + ' down'}>↓</button>
              <button type="button" class="btn-icon" onClick=${() => remove(c)} aria-label=${'Delete ' + c.name}>×</button></td>
          </tr>`)}
        </tbody>
      </table>
    </fieldset>
    ${owner ? html`<form class="row new-case" onSubmit=${addCase}>
      <input type="text" value=${newCase} placeholder="New case name" aria-label="New case name" onInput=${(e) => setNewCase(e.currentTarget.value)} />
      <button type="submit" class="btn" disabled=${!newCase.trim()}>Add case</button>
    </form>` : null}
  </div>`;
}
