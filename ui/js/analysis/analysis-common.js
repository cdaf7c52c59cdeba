// Pieces shared by the analysis screens: fetching an analysis that follows
// the codebook, the project's quotes, export links, option controls.
import { html, useMemo } from '../core/lib.js';
import { useData } from '../core/data.js';
import { get, pp } from '../core/api.js';
import { navigate } from '../core/router.js';
import { DownloadLink } from '../widgets/download.js';

/** LEVEL_OPTIONS are the code levels as the option lists name them. */
export const LEVEL_OPTIONS = [
  ['concept', 'First-order concepts'], ['theme', 'Second-order themes'], ['dimension', 'Aggregate dimensions'],
];

/** TABLE_FORMATS are the export formats of the analysis tables. */
export const TABLE_FORMATS = [['csv', 'CSV'], ['xlsx', 'Excel'], ['md', 'Markdown'], ['html', 'HTML']];

/** ANALYSIS_KINDS are the changes that make an analysis stale. */
export const ANALYSIS_KINDS = ['code', 'quote', 'case', 'document', 'facet', 'set'];

/**
 * useAnalysis fetches path (under the project) with params and fetches it
 * again when codes, quotes, cases, documents or facets change. It returns
 * {data, error, loading}; data stays the last answer while a new one loads.
 */
export function useAnalysis(pid, path, params) {
  const key = path + JSON.stringify(params || {});
  const { data, error, loading } = useData(() => get(pp(pid, path), params), [pid, key], { on: ANALYSIS_KINDS });
  return { data, error, loading };
}

/**
 * useProjectQuotes returns {list, byId} of every quote of the project,
 * fetched again when the codebook changes (recoding changes the counts),
 * or null while the first answer is on its way.
 */
export function useProjectQuotes(pid) {
  const { data } = useAnalysis(pid, '/quotes');
  return useMemo(() => (data ? { list: data, byId: new Map(data.map((q) => [q.id, q])) } : null), [data]);
}

/** exportHref is the URL of an export with its options. */
export function exportHref(pid, format, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return '/api/v1' + pp(pid, '/export/' + format) + (s ? '?' + s : '');
}

/** ExportLinks offers the table exports of family (matrix, cases, ...) with params; a refused export shows why. */
export function ExportLinks({ pid, family, params, label }) {
  return html`<div class="row wrap exports" role="group" aria-label=${label || 'Export'}>
    <span class="muted small">Export:</span>
    ${TABLE_FORMATS.map(([ext, name]) => html`<${DownloadLink} href=${exportHref(pid, family + '-' + ext, params)}>${name}<//>`)}
  </div>`;
}

/** Segmented is a row of toggle buttons choosing one of options [[value, label]]. */
export function Segmented({ label, value, options, onChange }) {
  return html`<div class="segmented" role="group" aria-label=${label}>
    ${options.map(([v, l]) => html`<button type="button" aria-pressed=${v === value} onClick=${() => onChange(v)}>${l}</button>`)}
  </div>`;
}

/** LevelSelect chooses a code level. */
export function LevelSelect({ label, value, onChange, allowTagged }) {
  return html`<label class="inline-field">${label}
    <select value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
      ${allowTagged ? html`<option value="">Codes as tagged</option>` : null}
      ${LEVEL_OPTIONS.map(([v, l]) => html`<option value=${v}>${l}</option>`)}
    </select></label>`;
}

/**
 * setQuery replaces the current URL's query parameters named in patch
 * (empty values remove them), keeping the path: screen options live in
 * the URL, so a reload or a shared link shows the same table.
 */
export function setQuery(query, patch) {
  const n = new URLSearchParams(query);
  for (const [k, v] of Object.entries(patch)) if (v) n.set(k, v); else n.delete(k);
  const s = n.toString();
  navigate(location.pathname + (s ? '?' + s : ''), { replace: true });
}

/** attributeNames lists the case attributes in order of first appearance. */
export function attributeNames(cases) {
  const seen = new Map();
  for (const c of cases) {
    for (const a of c.attributes || []) if (!seen.has(a.name.toLowerCase())) seen.set(a.name.toLowerCase(), a.name);
  }
  return [...seen.values()];
}

/** attrText renders an attribute value as the tables print it. */
export function attrText(a) {
  if (!a || a.value === null || a.value === undefined) return '';
  return Array.isArray(a.value) ? a.value.join('; ') : String(a.value);
}

/**
 * coverage returns, per document ID, {share, quotes, covered}: the share
 * of its text covered by quotes (overlaps counted once).
 */
export function coverage(quotes, docs) {
  const byDoc = new Map();
  for (const q of quotes) {
    if (!byDoc.has(q.document_id)) byDoc.set(q.document_id, []);
    byDoc.get(q.document_id).push(q);
  }
  const out = new Map();
  for (const d of docs) {
    const qs = (byDoc.get(d.id) || []).slice().sort((a, b) => a.start - b.start);
    let covered = 0, end = 0;
    for (const q of qs) {
      if (q.end <= end) continue;
      covered += q.end - Math.max(q.start, end);
      end = q.end;
    }
    out.set(d.id, { share: d.length ? covered / d.length : 0, quotes: qs.length, covered });
  }
  return out;
}

/** SetSelect narrows an analysis to a set of documents or codes ("" for everything); nothing when the project has no sets. */
export function SetSelect({ sets, value, onChange }) {
  if (!sets.length && !value) return null;
  return html`<label class="inline-field">In set
    <select class="analysis-set" value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
      <option value="">everything</option>
      ${sets.map((s) => html`<option value=${s.name}>${s.name}</option>`)}</select></label>`;
}
