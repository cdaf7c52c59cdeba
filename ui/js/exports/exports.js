// The Exports screen: every export format the server offers (the list
// `tessera export --list` prints, from GET /export/formats), with the
// options each reads, set once above the list, and a download per format.
// Anonymise applies the profile edited on the Anonymisation screen.
import { html, useState } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { useData } from '../core/data.js';
import { get, apiURL, pp } from '../core/api.js';
import { proj } from '../project/state.js';
import { navigate, link } from '../core/router.js';
import { figureDefaults, figureLabels, figureControls, figureParams } from './figure-options.js';
import { TableOptionsForm, tableDefaults, tableParams } from './table-form.js';
import { choiceGroups, choiceKey, groupKeys } from './choices.js';
import { DownloadLink } from '../widgets/download.js';

const defaults = {
  facets: [], sections: '', counts: false, quotes: '', per_row: '', level: '', columns: '', cell: '',
  facet_filter: '', attributes: [], unit: '', raw: false, anonymise: false, set: '', rows: '', positions: '', model: '', ...figureDefaults,
};

const choices = {
  // The levels a format accepts come from the server (choices.js).
  level: { '': 'default', concept: 'concept', theme: 'theme', dimension: 'dimension' },
  cell: [['', 'count'], ['presence', 'presence'], ['share', 'share'], ['quotes', 'quotes']],
  unit: [['', 'quote'], ['turn', 'turn'], ['document', 'document']],
  quotes: [['', 'none in the Gioia table; chosen, else automatic, in the supporting data'], ['both', 'chosen, else automatic'], ['chosen', 'chosen only'], ['auto', 'automatic only']],
  per_row: [['', '3 (default)'], ['1', '1'], ['2', '2'], ['4', '4'], ['5', '5'], ['6', '6']],
  // What each REFI-QDA reader counts (docs/refi.md).
  positions: [['', 'code points (QualCoder, Tessera)'], ['utf16', 'UTF-16 units (NVivo)']],
};

const labels = {
  facets: 'Facets shown', sections: 'Sections by facet', counts: 'Counts', quotes: 'Quotes',
  per_row: 'Automatic quotes per row (supporting data)',
  level: 'Level', columns: 'Matrix columns', cell: 'Matrix cells', facet_filter: 'Matrix rows with',
  attributes: 'Attributes (case profiles, informant table)', unit: 'Co-occurrence unit', raw: 'Formulas as they are (CSV, XLSX)', ...figureLabels,
  anonymise: 'Anonymise (pseudonyms for the names the project knows)',
  set: 'Only the set', rows: 'Matrix rows', positions: 'REFI-QDA positions (qdpx)',
  model: 'Model',
};

/**
 * exportParams returns the query of a format's download: the options it
 * reads that differ from the defaults; keyOf names the control an option
 * is read from (an option's own name unless formats differ in its values).
 */
export function exportParams(format, opts, keyOf = (name) => name) {
  const q = {};
  for (const name of format.options || []) {
    const v = opts[keyOf(name)];
    if (Array.isArray(v) ? v.length : v) q[name] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return figureParams(q);
}

// optionsOf reads the options from the screen's URL, so a reload keeps
// them; extra are the keys of controls for formats' own values.
function optionsOf(query, extra) {
  const o = { ...defaults };
  for (const k of extra) o[k] = '';
  for (const k of Object.keys(o)) {
    const v = query.get(k);
    if (v === null) continue;
    if (Array.isArray(defaults[k])) o[k] = v.split(',').filter(Boolean);
    else if (typeof defaults[k] === 'boolean') o[k] = v === 'true';
    else o[k] = v;
  }
  return o;
}

/** ExportsPage lists every export format with its options and a download link. */
export function ExportsPage({ pid, query }) {
  const { data: formats, error } = useData(() => get('/export/formats'), []);
  const facets = useStore(proj, (s) => s.facets);
  const cases = useStore(proj, (s) => s.cases);
  const { data: informants } = useData(() => get(pp(pid, '/informants')), [pid], { on: ['informant'] });
  const sets = useStore(proj, (s) => s.sets);
  const { data: models } = useData(() => get(pp(pid, '/models')), [pid], { on: ['model'] });
  const groups = choiceGroups(formats);
  const opts = optionsOf(query, groupKeys(groups));
  const [table, setTable] = useState(tableDefaults);
  const set = (k, v) => {
    const q = exportParams({ options: Object.keys(opts) }, { ...opts, [k]: v });
    navigate(link(pid, 'exports') + (Object.keys(q).length ? '?' + new URLSearchParams(q) : ''), { replace: true });
  };
  const attrs = [...new Set(cases.flatMap((c) => (c.attributes || []).map((a) => a.name)))];
  const iattrs = [...new Set((informants || []).flatMap((i) => (i.attributes || []).map((a) => a.name)))];
  const used = new Set((formats || []).flatMap((f) => f.options || []));

  const select = (k, list, label = labels[k]) => html`<label class="field"><span>${label}</span>
    <select name=${k} value=${opts[k]} onChange=${(e) => set(k, e.currentTarget.value)}>
      ${list.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></label>`;
  const check = (k) => html`<label class="check"><input type="checkbox" name=${k} checked=${opts[k]}
    onChange=${(e) => set(k, e.currentTarget.checked)} /> ${labels[k]}</label>`;
  const multi = (k, names) => html`<fieldset class="field"><legend>${labels[k]}</legend>
    ${names.length === 0 ? html`<span class="muted small">none in this project</span>` : names.map((n) => html`<label class="check">
      <input type="checkbox" name=${k} value=${n} checked=${opts[k].includes(n)}
        onChange=${(e) => set(k, e.currentTarget.checked ? [...opts[k], n] : opts[k].filter((x) => x !== n))} /> ${n}</label>`)}</fieldset>`;

  const controls = {
    facets: () => multi('facets', facets.map((f) => f.name)),
    sections: () => select('sections', [['', 'none'], ...facets.map((f) => [f.name, f.name])]),
    counts: () => check('counts'), raw: () => check('raw'),
    quotes: () => select('quotes', choices.quotes), per_row: () => select('per_row', choices.per_row),
    anonymise: () => html`<span class="anon-option">${check('anonymise')}
      <a href=${link(pid, 'exports', 'anonymisation')}>Anonymisation profile…</a></span>`,
    // One control per set of values the formats accept, offering only those.
    level: () => (groups.get('level') || []).map((g, i, all) => select(g.key,
      ['', ...g.values].map((v) => [v, choices.level[v] || v]),
      all.length > 1 ? `${labels.level} (${g.families.join(', ')})` : labels.level)),
    cell: () => select('cell', choices.cell), unit: () => select('unit', choices.unit),
    columns: () => select('columns', [['', 'case'], ['document', 'document'], ['speaker', 'speaker'], ['informant', 'informant'], ['set', 'sets of documents'],
      ...attrs.map((a) => ['attr:' + a, 'attribute ' + a]), ...iattrs.map((a) => ['iattr:' + a, 'informant attribute ' + a])]),
    rows: () => select('rows', [['', 'codes of the level'], ...sets.filter((s) => (s.code_ids || []).length).map((s) => ['set:' + s.name, 'codes of ' + s.name])]),
    set: () => select('set', [['', 'everything'], ...sets.map((s) => [s.name, s.name])]),
    positions: () => select('positions', choices.positions),
    facet_filter: () => select('facet_filter', [['', 'every value'], ...facets.flatMap((f) => (f.values || []).map((v) => [`${f.name}=${v}`, `${f.name}: ${v}`]))]),
    attributes: () => multi('attributes', [...new Set([...attrs, 'interview date', ...iattrs])]),
    model: () => select('model', [['', (models || []).length === 1 ? models[0].name : 'choose a model'], ...(models || []).map((m) => [m.name, m.name])]),
    ...figureControls({ select, multi, facets, opts }),
  };

  return html`<div class="page exports-page">
    <header class="page-head"><h1>Exports</h1></header>
    <p class="muted small">Every format of <code>tessera export</code>. Each reads the options it names; the others leave it as it is.</p>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    <form class="exports-options" aria-label="Export options" onSubmit=${(e) => e.preventDefault()}>
      ${Object.keys(controls).filter((k) => used.has(k)).map((k) => controls[k]())}
    </form>
    ${used.has('table') ? html`<${TableOptionsForm} pid=${pid} value=${table} onChange=${setTable} facets=${facets}
      sections=${opts.sections} onSections=${(v) => set('sections', v)} />` : null}
    ${formats ? html`<table class="exports-list"><thead><tr><th>Format</th><th>What it holds</th><th>Options</th><th></th></tr></thead>
      <tbody>${formats.map((f) => html`<tr data-format=${f.name}>
        <td><code>${f.name}</code> <span class="muted small">${f.ext}</span></td>
        <td>${f.description}</td>
        <td class="muted small">${(f.options || []).join(', ') || 'none'}</td>
        <td><${DownloadLink} href=${apiURL(pp(pid, '/export/' + f.name), { ...exportParams(f, opts, (n) => choiceKey(groups, f, n)), ...tableParams(f, table) })}
          label=${'Download ' + f.name}>Download<//></td></tr>`)}</tbody></table>`
      : html`<p class="muted">Loading the formats…</p>`}
  </div>`;
}
