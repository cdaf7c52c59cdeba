// Exchange on the projects page: import a REFI-QDA project (.qdpx, or a
// bare .qde) as a new project, import a codebook (.qdc, .qdpx, CSV, XLSX)
// into a project, and each project's Export menu (REFI-QDA project, the
// other exports, the data directory's backup). Every import ends with its report:
// what was created, matched and skipped, and the warnings.
import { html, useEffect, useRef, useState } from '../core/lib.js';
import { uploadTo, apiURL, pp } from '../core/api.js';
import { openDialog, promptDialog } from '../widgets/dialog.js';
import { navigate, link } from '../core/router.js';

/** FilePicker is a button that opens the file chooser and hands the chosen file to onFile. */
export function FilePicker({ label, accept, onFile, className = 'btn', name }) {
  const input = useRef(null);
  return html`<span class="file-picker">
    <button type="button" class=${className} onClick=${() => input.current.click()}>${label}</button>
    <input type="file" hidden accept=${accept} name=${name} ref=${input} aria-label=${label}
      onChange=${(e) => { const f = e.currentTarget.files[0]; e.currentTarget.value = ''; if (f) onFile(f); }} /></span>`;
}

/** ImportProject imports a .qdpx (or .qde) file as a new project and shows the report. */
export function ImportProject({ onImported }) {
  const [busy, setBusy] = useState('');
  const run = async (file) => {
    setBusy(`Importing ${file.name}…`);
    let res;
    let name = '';
    for (;;) {
      try {
        res = await uploadTo('/projects/qdpx', file, { name });
        break;
      } catch (e) {
        if (e.status !== 409) {
          setBusy('');
          await failure(file, e);
          return;
        }
        // The project's name is taken: ask for another one.
        setBusy('');
        name = await promptDialog({ title: 'Name the imported project', label: e.message, value: file.name.replace(/\.(qdpx|qde)$/i, ''), confirm: 'Import' });
        if (!name) return;
        setBusy(`Importing ${file.name}…`);
      }
    }
    setBusy('');
    if (onImported) onImported();
    const open = await openDialog('Project imported', (close) => html`<${ProjectReport} report=${res.report} close=${close} />`, { wide: true });
    if (open) navigate(link(res.project.id));
  };
  return html`<span class="row">
    <${FilePicker} label="Import project…" accept=".qdpx,.qde" name="qdpx" onFile=${run} />
    ${busy ? html`<span class="muted small" role="status">${busy}</span>` : null}</span>`;
}

/** importCodebook takes a codebook file into a project and shows the report. */
export async function importCodebook(project, file) {
  let rep;
  try {
    rep = await uploadTo(pp(project.id, '/codebook'), file);
  } catch (e) {
    await failure(file, e);
    return;
  }
  await openDialog(`Codebook imported into “${project.name}”`, (close) => html`<${CodebookReport} report=${rep} close=${close} />`, { wide: true });
}

// failure shows why a file was not imported.
function failure(file, e) {
  return openDialog('Import failed', (close) => html`<${ReportFrame} close=${close}>
    <p class="error-box" role="alert">${file.name}: ${e.message}</p></${ReportFrame}>`);
}

function ReportFrame({ close, children, openLabel }) {
  return html`<div class="import-report">${children}
    <div class="dialog-actions">
      <button type="button" class=${openLabel ? 'btn' : 'btn btn-primary'} data-autofocus=${openLabel ? undefined : ''} onClick=${() => close(false)}>Close</button>
      ${openLabel ? html`<button type="button" class="btn btn-primary" data-autofocus onClick=${() => close(true)}>${openLabel}</button>` : null}
    </div></div>`;
}

function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function Warnings({ list }) {
  const n = (list || []).length;
  return html`<section class="report-warnings"><h3>Warnings (${n})</h3>
    ${n === 0 ? html`<p class="muted small">No warnings.</p>` : html`<ul>${list.map((w) => html`<li>${w}</li>`)}</ul>`}</section>`;
}

function ProjectReport({ report: r, close }) {
  const created = [count(r.cases, 'case', 'cases'), count(r.documents, 'document', 'documents'), count(r.codes, 'code', 'codes'),
    count(r.facets, 'facet', 'facets'), count(r.sets || 0, 'set', 'sets'), count(r.quotes, 'quote', 'quotes'), count(r.memos, 'memo', 'memos')];
  const skipped = r.skipped || [];
  const positions = r.positions || [];
  return html`<${ReportFrame} close=${close} openLabel="Open the project">
    <p class="report-created"><strong>Created “${r.project}”:</strong> ${created.join(', ')}.</p>
    <section class="report-positions"><h3>Positions (${positions.length} ${positions.length === 1 ? 'source' : 'sources'})</h3>
      ${positions.length === 0 ? html`<p class="muted small">No source with selections.</p>`
        : html`<table class="sheet small"><thead><tr><th scope="col">Source</th><th scope="col">Counted in</th><th scope="col">Why</th></tr></thead>
          <tbody>${positions.map((p) => html`<tr class=${p.sure ? '' : 'unsure'}><td>${p.source}</td>
            <td>${p.positions === 'utf16' ? 'UTF-16 units' : 'code points'}${p.sure ? '' : html` <strong>(unsure: check its quotes)</strong>`}</td>
            <td class="muted">${p.basis}</td></tr>`)}</tbody></table>`}</section>
    <section class="report-skipped"><h3>Skipped (${skipped.length})</h3>
      ${skipped.length === 0 ? html`<p class="muted small">Nothing was skipped.</p>`
        : html`<ul>${skipped.map((s) => html`<li><code>${s.element}</code> ${s.name}: ${s.reason}</li>`)}</ul>`}</section>
    <${Warnings} list=${r.warnings} /></${ReportFrame}>`;
}

function Outcomes({ title, cls, list, empty, detail }) {
  return html`<section class=${cls}><h3>${title} (${list.length})</h3>
    ${list.length === 0 ? html`<p class="muted small">${empty}</p>`
      : html`<ul>${list.map((o) => html`<li><strong>${o.name || '(no name)'}</strong> <span class="muted small">${o.level}${o.line ? `, line ${o.line}` : ''}</span>${detail(o)}</li>`)}</ul>`}</section>`;
}

function CodebookReport({ report: r, close }) {
  const facets = [...(r.facets_created || []).map((f) => `facet ${f}`), ...(r.facet_values_added || [])];
  return html`<${ReportFrame} close=${close}>
    <${Outcomes} title="Created" cls="report-created" list=${r.created || []} empty="No new codes."
      detail=${(o) => (o.reason ? `: ${o.reason}` : '')} />
    <${Outcomes} title="Matched" cls="report-matched" list=${r.matched || []} empty="No existing code matched."
      detail=${(o) => (o.changes && o.changes.length ? `: ${o.changes.join(', ')} set` : ': unchanged')} />
    <${Outcomes} title="Skipped" cls="report-skipped" list=${r.skipped || []} empty="Nothing was skipped."
      detail=${(o) => `: ${o.reason}`} />
    ${facets.length ? html`<p class="small">Facets added: ${facets.join('; ')}.</p>` : null}
    <${Warnings} list=${r.warnings} /></${ReportFrame}>`;
}

/** ExportMenu is a project's Export menu: REFI-QDA project, all exports, backup, codebook import. */
export function ExportMenu({ project, backup }) {
  const menu = useRef(null);
  // How the .qdpx counts selection positions: code points (QualCoder,
  // Tessera) or UTF-16 units (NVivo); see docs/refi.md.
  const [positions, setPositions] = useState('');
  const shut = () => { if (menu.current) menu.current.open = false; };
  // A click elsewhere or Esc closes the menu.
  useEffect(() => {
    const away = (e) => { if (menu.current && !menu.current.contains(e.target)) shut(); };
    const esc = (e) => { if (e.key === 'Escape' && menu.current && menu.current.open) shut(); };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', esc);
    return () => { document.removeEventListener('pointerdown', away); document.removeEventListener('keydown', esc); };
  }, []);
  const name = project.name;
  return html`<details class="export-menu" ref=${menu}>
    <summary class="btn btn-sm" aria-label=${'Export ' + name}>Export</summary>
    <div class="export-menu-items" role="menu">
      <a role="menuitem" class="menu-item" href=${apiURL(pp(project.id, '/export/qdpx'), positions ? { positions } : undefined)} download onClick=${shut}>REFI-QDA project (.qdpx)</a>
      <label class="menu-item menu-field">Positions
        <select class="qdpx-positions" value=${positions} onChange=${(e) => setPositions(e.currentTarget.value)}>
          <option value="">code points (QualCoder, Tessera)</option><option value="utf16">UTF-16 units (NVivo)</option></select></label>
      <a role="menuitem" class="menu-item" href=${link(project.id, 'exports')} onClick=${shut}>All exports…</a>
      ${backup ? html`<a role="menuitem" class="menu-item" href=${apiURL('/backup')} download onClick=${shut}
        title="A copy of the whole data directory's database, every project">Backup of all projects (.db)</a>` : null}
      <${FilePicker} label="Import codebook…" className="menu-item" accept=".qdc,.qdpx,.csv,.xlsx" name="codebook"
        onFile=${(f) => { shut(); importCodebook(project, f); }} />
    </div></details>`;
}
