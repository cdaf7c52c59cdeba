// The table options of the Exports screen: column headers, section
// labels, nested sections, caption, table number, notes, the repeated
// header row, row order and style, which every table export reads
// (docs/exports.md, "Table options and styles"), and the project's named
// presets of them: save the form as a preset, load one into the form,
// delete one.
import { html, useState } from '../core/lib.js';
import { useData } from '../core/data.js';
import { get, put, del, pp } from '../core/api.js';

/** tableDefaults is the form when nothing is set: each export's own headers and title, APA style. */
export const tableDefaults = {
  headers: '', section_label: '', subsections: '', caption: '', number: '', notes: '', continued: true, order: '', style: '',
};

/** headerList reads the headers typed, one a line, without trailing empty lines. */
function headerList(t) {
  const headers = t.headers.split('\n').map((h) => h.trim());
  while (headers.length && !headers[headers.length - 1]) headers.pop();
  return headers;
}

/**
 * tableParams returns the query of a table format's download: the table
 * options that differ from the defaults (nested sections only for
 * formats that read sections); for the figure's formats, the column
 * headers.
 */
export function tableParams(format, t) {
  const opts = format.options || [];
  const q = {};
  const headers = headerList(t);
  if (!opts.includes('table')) {
    // The figure's formats read the headers of their three columns alone.
    if (headers.length && opts.includes('header')) q.header = headers.slice(0, 3);
    return q;
  }
  if (headers.length) q.header = headers;
  for (const [k, name] of [['section_label', 'section_label'], ['caption', 'caption'], ['number', 'table_number'], ['notes', 'notes'], ['order', 'order'], ['style', 'style']]) {
    if (t[k].trim()) q[name] = t[k].trim();
  }
  if (!t.continued) q.continued = 'false';
  if (t.subsections && opts.includes('sections')) q.subsections = t.subsections;
  return q;
}

/** toPreset turns the form and the sections facet into a preset's options. */
function toPreset(t, sections) {
  const p = {};
  const headers = headerList(t);
  if (headers.length) p.headers = headers;
  for (const k of ['section_label', 'caption', 'number', 'notes', 'order', 'style']) if (t[k].trim()) p[k] = t[k].trim();
  if (!t.continued) p.continued = false;
  if (sections) p.sections = sections;
  if (sections && t.subsections) p.subsections = t.subsections;
  return p;
}

/** fromPreset turns a preset's options into the form and its sections facet. */
function fromPreset(o) {
  const t = { ...tableDefaults };
  t.headers = (o.headers || []).join('\n');
  for (const k of ['section_label', 'caption', 'number', 'notes', 'order', 'style', 'subsections']) t[k] = o[k] || '';
  t.continued = o.continued !== false;
  return { table: t, sections: o.sections || '' };
}

const orders = [['', 'codebook order'], ['alpha', 'alphabetical'], ['count', 'most quotes first']];

/**
 * TableOptionsForm edits the table options (value, onChange) and the
 * project's presets; loading a preset also sets the sections facet
 * through onSections.
 */
export function TableOptionsForm({ pid, value: t, onChange, facets, sections, onSections }) {
  const { data: presets, error: listError, reload } = useData(() => get(pp(pid, '/table-presets')), [pid]);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState('');
  const [msg, setMsg] = useState({ text: '', error: false });
  const set = (k, v) => onChange({ ...t, [k]: v });
  const text = (k, label, attrs = {}) => html`<label class="field"><span>${label}</span>
    <input type="text" name=${'table-' + k} value=${t[k]} onInput=${(e) => set(k, e.currentTarget.value)} ...${attrs} /></label>`;
  const select = (k, label, list) => html`<label class="field"><span>${label}</span>
    <select name=${'table-' + k} value=${t[k]} onChange=${(e) => set(k, e.currentTarget.value)}>
      ${list.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></label>`;

  const save = async (e) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) { setMsg({ text: 'Give the preset a name.', error: true }); return; }
    try {
      await put(pp(pid, '/table-presets/' + encodeURIComponent(n)), toPreset(t, sections));
      setMsg({ text: `Saved the preset “${n}”.`, error: false });
      setChosen(n);
      reload();
    } catch (err) { setMsg({ text: err.message, error: true }); }
  };
  const apply = () => {
    const p = (presets || []).find((x) => x.name === chosen);
    if (!p) return;
    const { table, sections: s } = fromPreset(p.options);
    onChange(table);
    if (s !== sections) onSections(s);
    setName(p.name);
    setMsg({ text: `Applied the preset “${p.name}”.`, error: false });
  };
  const remove = async () => {
    if (!chosen) return;
    try {
      await del(pp(pid, '/table-presets/' + encodeURIComponent(chosen)));
      setMsg({ text: `Deleted the preset “${chosen}”.`, error: false });
      setChosen('');
      reload();
    } catch (err) { setMsg({ text: err.message, error: true }); }
  };

  return html`<form class="table-options" aria-label="Table options" onSubmit=${save}>
    <fieldset class="table-fields">
      <legend>Table options <span class="muted small">(tables in every format, the column headers also on the figure; Word and LaTeX print caption, number and notes)</span></legend>
      <label class="field wide"><span>Column headers, one per line (an empty line keeps that column's own)</span>
        <textarea name="table-headers" rows="3" value=${t.headers} onInput=${(e) => set('headers', e.currentTarget.value)}
          placeholder=${'1st-order concepts\n2nd-order themes\nAggregate dimensions'}></textarea></label>
      ${select('section_label', 'Section rows read', [['', 'Facet: value'], ['value', 'the value alone']])}
      ${select('subsections', 'Nested sections by', [['', 'none'], ...facets.filter((f) => f.name !== sections).map((f) => [f.name, f.name])])}
      ${text('caption', 'Caption')}
      ${text('number', 'Table number', { size: 4 })}
      <label class="field wide"><span>Notes below the table</span>
        <textarea name="table-notes" rows="2" value=${t.notes} onInput=${(e) => set('notes', e.currentTarget.value)}></textarea></label>
      <label class="check"><input type="checkbox" name="table-continued" checked=${t.continued} onChange=${(e) => set('continued', e.currentTarget.checked)} />
        Repeat the header row on every page, “(continued)”</label>
      ${select('order', 'Row order', orders)}
      ${select('style', 'Style', [['', 'APA (three rules)'], ['grid', 'grid']])}
    </fieldset>
    <fieldset class="table-presets">
      <legend>Presets of this project</legend>
      <div class="row wrap">
        <label class="field"><span>Saved presets</span>
          <select name="preset" value=${chosen} onChange=${(e) => setChosen(e.currentTarget.value)}>
            <option value="">choose…</option>
            ${(presets || []).map((p) => html`<option value=${p.name}>${p.name}</option>`)}</select></label>
        <button type="button" class="btn btn-sm" disabled=${!chosen} onClick=${apply}>Apply</button>
        <button type="button" class="btn btn-sm" disabled=${!chosen} onClick=${remove}>Delete</button>
        <label class="field"><span>Save the options above as</span>
          <input type="text" name="preset-name" value=${name} onInput=${(e) => setName(e.currentTarget.value)} placeholder="e.g. Journal" /></label>
        <button type="submit" class="btn btn-sm btn-primary">Save preset</button>
      </div>
      ${listError ? html`<p class="error-box" role="alert">${listError.message}</p>` : null}
      ${msg.text ? html`<p class=${msg.error ? 'error-box' : 'muted small'} role=${msg.error ? 'alert' : 'status'}>${msg.text}</p>` : null}
    </fieldset>
  </form>`;
}
