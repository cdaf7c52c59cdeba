// The analysis screen: cross-case matrix, case profiles, co-occurrences,
// charts and coding rounds, one tab each, at /p/{pid}/analysis/{tab}.
// Each tab keeps its options in the URL query, so reloading shows the
// same view.
import { html } from '../core/lib.js';
import { link } from '../core/router.js';
import { MatrixView } from './matrix.js';
import { CaseProfiles } from './caseprofiles.js';
import { CooccurrenceView } from './cooccurrence.js';
import { ChartsView } from './charts.js';
import { RoundsView } from './rounds.js';

const TABS = [
  ['matrix', 'Matrix', 'Codes by cases, attribute values, documents or speakers'],
  ['cases', 'Case profiles', 'Cases and their attributes'],
  ['cooccurrence', 'Co-occurrence', 'Codes that occur together'],
  ['charts', 'Charts', 'Frequencies, heatmap, coding progress and saturation'],
  ['rounds', 'Rounds', 'Coding rounds and how the codebook evolved between them'],
];

/** AnalysisPage shows the analysis tab named tab (the matrix by default). */
export function AnalysisPage({ pid, tab, query }) {
  const current = TABS.some(([t]) => t === tab) ? tab : 'matrix';
  let view;
  switch (current) {
    case 'cases': view = html`<${CaseProfiles} pid=${pid} />`; break;
    case 'cooccurrence': view = html`<${CooccurrenceView} pid=${pid} query=${query} />`; break;
    case 'charts': view = html`<${ChartsView} pid=${pid} query=${query} />`; break;
    case 'rounds': view = html`<${RoundsView} pid=${pid} query=${query} />`; break;
    default: view = html`<${MatrixView} pid=${pid} query=${query} />`;
  }
  return html`<div class="page analysis-page">
    <header class="page-head">
      <h1>Analysis</h1>
      <nav class="subnav" aria-label="Analyses">
        ${TABS.map(([t, label, hint]) => html`<a href=${link(pid, 'analysis', t)} title=${hint}
          aria-current=${t === current ? 'page' : null}>${label}</a>`)}
      </nav>
    </header>
    ${view}
  </div>`;
}
