// Case profiles: the cases x attributes table papers print, with the
// attributes the researcher chooses, in the order they choose, and the
// number of documents and quotes per case.
import { html, useState, useEffect, useMemo } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { proj } from '../project/state.js';
import { link } from '../core/router.js';
import { useProjectQuotes, ExportLinks, attributeNames, attrText } from './analysis-common.js';

/** CaseProfiles is the case-profile tab of the analysis screen. */
export function CaseProfiles({ pid }) {
  const cases = useStore(proj, (s) => s.cases);
  const documents = useStore(proj, (s) => s.documents);
  const quotes = useProjectQuotes(pid);
  const names = attributeNames(cases);
  // The attributes in the chosen order, each shown or not.
  const [cols, setCols] = useState(() => names.map((name) => ({ name, on: true })));
  const [counts, setCounts] = useState(true);

  // Attributes added or removed elsewhere join at the end or disappear.
  useEffect(() => {
    setCols((cur) => {
      const kept = cur.filter((c) => names.includes(c.name));
      const added = names.filter((n) => !kept.some((c) => c.name === n)).map((name) => ({ name, on: true }));
      return kept.length === cur.length && !added.length ? cur : [...kept, ...added];
    });
  }, [names.join('\u0000')]);

  const perCase = useMemo(() => {
    const docs = new Map(), qs = new Map(), caseOfDoc = new Map();
    for (const d of documents) {
      docs.set(d.case_id, (docs.get(d.case_id) || 0) + 1);
      caseOfDoc.set(d.id, d.case_id);
    }
    for (const q of quotes ? quotes.list : []) {
      const c = caseOfDoc.get(q.document_id);
      qs.set(c, (qs.get(c) || 0) + 1);
    }
    return { docs, quotes: qs };
  }, [documents, quotes]);

  const move = (i, d) => setCols((cur) => {
    const n = [...cur];
    [n[i], n[i + d]] = [n[i + d], n[i]];
    return n;
  });
  const toggle = (i, on) => setCols((cur) => cur.map((c, j) => (j === i ? { ...c, on } : c)));
  const shown = cols.filter((c) => c.on);
  const attrOf = (c, name) => (c.attributes || []).find((a) => a.name.toLowerCase() === name.toLowerCase());
  const isNumber = (name) => cases.some((c) => { const a = attrOf(c, name); return a && a.type === 'number'; });

  if (!cases.length) {
    return html`<div class="empty-state"><p>No cases yet. Cases group the interviews of one firm; add them and their attributes in the <a href=${link(pid, 'cases')}>case sheet</a>.</p></div>`;
  }
  return html`<div class="analysis-tab profiles">
    <div class="profiles-layout">
      <fieldset class="attr-chooser">
        <legend>Attributes, in order</legend>
        ${cols.length ? html`<ol class="attr-list">
          ${cols.map((c, i) => html`<li key=${c.name} class="attr-item">
            <label class="toggle"><input type="checkbox" checked=${c.on} onChange=${(e) => toggle(i, e.currentTarget.checked)} /> ${c.name}</label>
            <span class="attr-move">
              <button type="button" class="btn-icon small" disabled=${i === 0} onClick=${() => move(i, -1)} aria-label=${'Move ' + c.name + ' up'} title="Move up">↑</button>
              <button type="button" class="btn-icon small" disabled=${i === cols.length - 1} onClick=${() => move(i, 1)} aria-label=${'Move ' + c.name + ' down'} title="Move down">↓</button>
            </span></li>`)}
        </ol>` : html`<p class="muted small">The cases have no attributes yet: add them in the <a href=${link(pid, 'cases')}>case sheet</a>.</p>`}
        <label class="toggle"><input type="checkbox" checked=${counts} onChange=${(e) => setCounts(e.currentTarget.checked)} /> Documents and quotes</label>
      </fieldset>
      <div class="profiles-main">
        ${shown.length || !cols.length ? html`<${ExportLinks} pid=${pid} family="cases" label="Export the case profiles"
          params=${{ attributes: shown.map((c) => c.name).join(','), counts: counts ? 'true' : '' }} />`
          : html`<p class="hint">Choose at least one attribute to export.</p>`}
        <div class="table-wrap">
          <table class="matrix profiles-table">
            <caption class="sr-only">Case profiles</caption>
            <thead><tr><th scope="col">Case</th>${shown.map((c) => html`<th scope="col" class=${isNumber(c.name) ? 'num' : ''}>${c.name}</th>`)}
              ${counts ? html`<th scope="col" class="num">Documents</th><th scope="col" class="num">Quotes</th>` : null}</tr></thead>
            <tbody>${cases.map((k) => html`<tr key=${k.id}>
              <th scope="row">${k.name}</th>
              ${shown.map((c) => html`<td class=${isNumber(c.name) ? 'num' : ''}>${attrText(attrOf(k, c.name))}</td>`)}
              ${counts ? html`<td class="num">${perCase.docs.get(k.id) || 0}</td><td class="num">${quotes ? perCase.quotes.get(k.id) || 0 : '…'}</td>` : null}
            </tr>`)}</tbody>
          </table>
        </div>
      </div>
    </div>
  </div>`;
}
