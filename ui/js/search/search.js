// Search: keyword-in-context hits with facet filters, and auto-coding of
// the selected (or all) hits with one code.
import { html, useState, useEffect } from '../core/lib.js';
import { useData } from '../core/data.js';
import { useStore } from '../core/store.js';
import { get, post, pp } from '../core/api.js';
import { proj, refreshCodes } from '../project/state.js';
import { useDocLabel } from '../project/doclabels.js';
import { reloadQuotes } from '../project/quotes.js';
import { createCode } from '../project/codes.js';
import { save, idle } from '../core/saving.js';
import { resolve } from '../core/ids.js';
import { undo, loadHistory, historyState } from '../project/history.js';
import { onChanges } from '../core/changes.js';
import { openDialog } from '../widgets/dialog.js';
import { CodePicker } from '../widgets/picker.js';
import { navigate, link } from '../core/router.js';
import { usePermissions } from '../project/access.js';
import { TABLE_FORMATS } from '../analysis/analysis-common.js';
import { allHits, previewHits } from './autocode-preview.js';

const FILTERS = ['case', 'document', 'speaker', 'code', 'set'];
const FACET_LABELS = { case: 'Case', document: 'Document', speaker: 'Speaker', code: 'Code' };
const KINDS = [['turn', 'Transcripts'], ['quote', 'Quotes'], ['memo', 'Memos'], ['code', 'Codes']];
const PAGE = 50;

// filtersOf reads the filter parameters of the URL.
function filtersOf(query) {
  const f = {};
  for (const k of FILTERS) {
    const v = query.getAll(k);
    if (v.length) f[k] = v;
  }
  return f;
}

const cps = (s) => Array.from(s || '');

// kwicLines merges the lines of matches that sit next to each other (the
// words of a phrase) into one line, and marks cut context with ellipses.
export function kwicLines(lines) {
  const sorted = [...(lines || [])].sort((a, b) => a.start - b.start);
  const out = [];
  for (const l of sorted) {
    const prev = out[out.length - 1];
    const gap = prev ? l.start - prev.end : -1;
    if (prev && gap >= 0 && gap <= 3 && cps(prev.right).length >= gap) {
      const between = cps(prev.right).slice(0, gap).join('');
      out[out.length - 1] = { ...prev, match: prev.match + between + l.match, right: l.right, end: l.end };
    } else {
      out.push({ ...l });
    }
  }
  return out.map((l) => ({
    ...l,
    left: (cps(l.left).length >= 50 ? '…' : '') + l.left,
    right: l.right + (cps(l.right).length >= 50 ? '…' : ''),
  }));
}

// concordanceHref is the download address of the search's concordance:
// every match with its context, in document order unless sorted otherwise.
function concordanceHref(pid, query, format) {
  const q = new URLSearchParams(query);
  q.set('format', format);
  return '/api/v1' + pp(pid, '/search/export') + '?' + q.toString();
}

function hitLink(pid, hit, line) {
  if (hit.kind === 'code') return link(pid, 'codes', hit.id);
  if (hit.kind === 'memo') return link(pid, 'memos', hit.id);
  if (!hit.document_id) return null;
  if (hit.kind === 'quote') return link(pid, 'd', hit.document_id) + '?q=' + encodeURIComponent(hit.id);
  const s = line ? line.start : hit.start, e = line ? line.end : hit.end;
  return link(pid, 'd', hit.document_id) + `?at=${s}-${e}`;
}

function AutoCode({ pid, q, filters, selected, hits, total, onDone }) {
  const codes = useStore(proj, (s) => s.codes);
  const perms = usePermissions();
  const [codeId, setCodeId] = useState('');
  const [extend, setExtend] = useState('sentence');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);
  const undoSeq = useStore(historyState, (h) => (h.undo ? h.undo.seq : 0));
  // The report goes once its run is undone (here, in another tab or by
  // the keyboard).
  useEffect(() => {
    if (!result || !result.seq) return undefined;
    return onChanges((batch) => { if (batch.undoes.has(result.seq)) setResult(null); });
  }, [result]);
  const code = codes.find((c) => c.id === codeId || c.id === resolve(codeId));
  const choose = async () => {
    const picked = await openDialog('Code the hits with…', (close) => html`<${CodePicker} codes=${codes} label="Code for the hits"
      onPick=${(c) => close(c.id)} onCreate=${perms.canEditCodebook ? (name) => close(createCode(pid, { name, level: 'concept' })) : null}
      onCancel=${() => close(null)} />`);
    if (picked) setCodeId(picked);
  };
  const run = async () => {
    setBusy(true);
    setResult(null);
    // Show the hits first: the user unticks those that should not be coded.
    let ids;
    try {
      const shown = selected.length ? hits.filter((h) => selected.includes(h.id)) : await allHits(pid, q, filters);
      ids = await previewHits(shown, code, kwicLines);
    } catch (err) {
      setResult({ error: err.message });
    }
    if (!ids) {
      setBusy(false);
      return;
    }
    try {
      await idle();
      const body = { query: q, filters, hit_ids: ids, code_id: resolve(codeId), extend };
      const r = await save('Auto-code search hits', () => post(pp(pid, '/search/code'), body));
      // Undo names this run once the history says so.
      await loadHistory();
      setResult(r);
      refreshCodes();
      reloadQuotes();
      onDone();
    } catch (err) {
      /* shown by the save bar */
    } finally {
      setBusy(false);
    }
  };
  const n = selected.length || total;
  return html`<div class="autocode" role="group" aria-label="Code the hits">
    <span>Code ${selected.length ? `${n} selected hit${n === 1 ? '' : 's'}` : `all ${n} hit${n === 1 ? '' : 's'}`} with</span>
    <button type="button" class="btn btn-sm" onClick=${choose}>
      ${code ? html`<span class="swatch" style=${{ background: code.color }} aria-hidden="true"></span>${code.name}` : 'Choose a code…'}</button>
    <label class="inline-field">covering
      <select value=${extend} onChange=${(e) => setExtend(e.currentTarget.value)}>
        <option value="match">the match</option><option value="sentence">its sentence</option><option value="turn">the whole turn</option>
      </select></label>
    <button type="button" class="btn btn-sm btn-primary" disabled=${!code || busy || !n} onClick=${run}>${busy ? 'Coding…' : 'Code hits…'}</button>
    ${result && result.error ? html`<span class="error-text" role="alert">${result.error}</span>` : null}
    ${result && !result.error ? html`<span class="ok-text" role="status">Created ${result.created} quote${result.created === 1 ? '' : 's'}${result.existing ? `; ${result.existing} already there` : ''}.</span>` : null}
    ${result && result.seq && undoSeq === result.seq ? html`<button type="button" class="btn btn-sm autocode-undo" onClick=${() => undo()}
      title="Remove the quotes this run created and the code it added (Ctrl+Z)">Undo</button>` : null}
  </div>`;
}

function Hit({ pid, hit, checked, onCheck }) {
  const where = [hit.case_name, hit.speaker].filter(Boolean).join(' · ');
  return html`<li class="hit">
    ${hit.kind === 'turn' ? html`<input type="checkbox" checked=${checked} onChange=${(e) => onCheck(e.currentTarget.checked)}
      aria-label=${'Select hit in ' + (hit.document_title || '')} />` : html`<span></span>`}
    <div>
      <div class="hit-meta">
        ${hitLink(pid, hit) ? html`<a href=${hitLink(pid, hit)}>${hit.document_title || hit.title || hit.kind}</a>` : html`<span>${hit.title}</span>`}
        ${where ? html`<span>${where}</span>` : null}
        ${hit.match_count > 1 ? html`<span class="muted">${hit.match_count} matches</span>` : null}
      </div>
      ${kwicLines(hit.kwic).map((l) => html`<p class="kwic-line"><a class="kwic-link" href=${hitLink(pid, hit, l)} title="Open in the transcript">
        <span class="ctx">${l.left}</span><mark>${l.match}</mark><span class="ctx">${l.right}</span></a></p>`)}
      ${hit.in_quotes && hit.in_quotes.length ? html`<ul class="chips small" aria-label="Already coded">
        ${[...new Map(hit.in_quotes.flatMap((q) => q.codes || []).map((c) => [c.id, c])).values()].map((c) => html`<li class="chip">
          <span class="swatch" style=${{ background: c.color }} aria-hidden="true"></span>${c.name}</li>`)}</ul>` : null}
    </div>
  </li>`;
}

/** SearchPage runs the query in the URL and shows its hits. */
export function SearchPage({ pid, query }) {
  const q = query.get('q') || '';
  const kind = query.get('kind') || 'turn';
  const sort = query.get('sort') || 'relevance';
  const perms = usePermissions();
  const docLabel = useDocLabel();
  const sets = useStore(proj, (s) => s.sets);
  const filters = filtersOf(query);
  const key = query.toString();
  const [limit, setLimit] = useState(PAGE);
  const [selected, setSelected] = useState([]);

  useEffect(() => { setSelected([]); setLimit(PAGE); }, [key]);
  // Hits change with the texts, quotes (the codes shown on each hit),
  // codes and memos; a failed search shows its message alone.
  const found = useData(() => (q.trim() ? get(pp(pid, '/search'), { q, kind, sort, limit, ...filters }) : null),
    [key, limit], { on: ['document', 'case', 'quote', 'code', 'memo', 'set'] });
  const { error } = found;
  const res = error ? null : found.data;

  const setParam = (k, v, toggle) => {
    const n = new URLSearchParams(query);
    if (toggle) {
      const vals = n.getAll(k);
      n.delete(k);
      (vals.includes(v) ? vals.filter((x) => x !== v) : [...vals, v]).forEach((x) => n.append(k, x));
    } else if (v) n.set(k, v); else n.delete(k);
    navigate(link(pid, 'search') + '?' + n.toString(), { replace: true });
  };

  const hits = res ? res.hits : [];
  return html`<div class="page search-page">
    <header class="page-head">
      <h1>${q ? html`Search: <q>${q}</q>` : 'Search'}</h1>
      <div class="row wrap">
        <div class="segmented" role="group" aria-label="What to search">
          ${KINDS.map(([k, label]) => html`<button type="button" aria-pressed=${kind === k} onClick=${() => setParam('kind', k === 'turn' ? '' : k)}>${label}</button>`)}
        </div>
        ${sets.length || filters.set ? html`<label class="inline-field">Set
          <select class="search-set" value=${(filters.set || [])[0] || ''} onChange=${(e) => setParam('set', e.currentTarget.value)}>
            <option value="">everything</option>
            ${sets.map((s) => html`<option value=${s.name}>${s.name}</option>`)}</select></label>` : null}
        <label class="inline-field">Sort
          <select value=${sort} onChange=${(e) => setParam('sort', e.currentTarget.value === 'relevance' ? '' : e.currentTarget.value)}>
            <option value="relevance">by relevance</option><option value="document">in document order</option></select></label>
      </div>
    </header>
    ${!q ? html`<div class="empty-state"><p>Type in the search box (press <kbd>/</kbd>). Words, <code>"exact phrases"</code>, <code>"trade fair"~5</code> for words near each other,
      <code>+must</code>, <code>-not</code>, <code>OR</code>, wildcards <code>learn*</code>, fuzzy <code>Lulea~</code>, and filters like <code>speaker:CEO</code> or <code>case:"Robotics Oy"</code>.</p></div>` : null}
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : null}
    ${res ? html`<div class="search-layout">
      <aside class="search-facets" aria-label="Filter the hits">
        ${Object.entries(res.facets || {}).filter(([, list]) => list && list.length).map(([name, list]) => html`<section class="facet-group">
          <h2>${FACET_LABELS[name] || name}</h2>
          <ul>${list.slice(0, 12).map((f) => {
            const on = (filters[name] || []).includes(f.value);
            return html`<li><label class="facet-term"><input type="checkbox" checked=${on} onChange=${() => setParam(name, f.value, true)} />
              <span>${name === 'document' ? docLabel(f.value, f.label || f.value) : f.label || f.value}</span><span class="count">${f.count}</span></label></li>`;
          })}</ul></section>`)}
      </aside>
      <div class="search-results">
        <div class="row wrap search-summary">
          <p class="muted" role="status">${res.total} hit${res.total === 1 ? '' : 's'}</p>
          ${res.total > 0 ? html`<div class="row wrap exports" role="group" aria-label="Download the concordance">
            <span class="muted small">Concordance:</span>
            ${TABLE_FORMATS.map(([f, name]) => html`<a class="btn btn-sm" href=${concordanceHref(pid, query, f)} download>${name}</a>`)}
          </div>` : null}
        </div>
        ${kind === 'turn' && res.total > 0 && perms.canCode ? html`<${AutoCode} pid=${pid} q=${q} filters=${filters} selected=${selected} hits=${hits}
          total=${res.total} onDone=${found.reload} />` : null}
        ${kind === 'turn' && hits.length ? html`<label class="toggle select-all"><input type="checkbox"
          checked=${selected.length === hits.length} onChange=${(e) => setSelected(e.currentTarget.checked ? hits.map((h) => h.id) : [])} /> Select all shown</label>` : null}
        <ol class="hits">${hits.map((h) => html`<${Hit} key=${h.id} pid=${pid} hit=${h} checked=${selected.includes(h.id)}
          onCheck=${(on) => setSelected((s) => (on ? [...s, h.id] : s.filter((x) => x !== h.id)))} />`)}</ol>
        ${res.total > hits.length ? html`<button type="button" class="btn" onClick=${() => setLimit(limit + PAGE)}>More hits</button>` : null}
      </div>
    </div>` : null}
  </div>`;
}
