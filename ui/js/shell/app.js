// The application shell: top bar (project navigation, search box, undo,
// save status), failed saves, and the screen for the current route.
import { html, useEffect, useRef } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { route, navigate, link } from '../core/router.js';
import { proj, openProject, closeProject } from '../project/state.js';
import { SaveStatus, SaveErrors, UndoRedo } from './status.js';
import { DraftsWaiting } from '../widgets/autosave.js';
import { DialogHost, openDialog } from '../widgets/dialog.js';
import { installShortcuts } from './keys.js';
import { Projects } from '../projects/projects.js';
import { Documents } from '../documents/documents.js';
import { CaseSheet } from '../documents/casesheet.js';
import { InformantsPage } from '../informants/informants.js';
import { Reader, prefetchDocument } from '../reader/reader.js';
import { CodebookPage } from '../codebook/codebook-page.js';
import { SearchPage } from '../search/search.js';
import { MemosPage } from '../memos/memos.js';
import { GioiaPage } from '../gioia/gioia.js';
import { ModelsPage } from '../models/models.js';
import { AnalysisPage } from '../analysis/analysis.js';
import { TeamPage } from '../team/team.js';
import { ExportsPage } from '../exports/exports.js';
import { AnonymisationPage } from '../exports/anonymisation.js';
import { UsersPage } from '../users/users.js';
import { AccountMenu } from './account.js';
import { isTeam } from '../core/session.js';
import { PresenceBar } from './presence.js';

const SHORTCUTS = [
  ['/', 'Search the project'], ['c', 'Code the selected text (or add a code to the selected quote)'],
  ['1 – 9', 'Apply one of the recently used codes'], ['Delete', 'Delete the selected quote'],
  ['q', 'Make the selected quote a power quote, a proof quote, or neither (for its first code)'],
  ['n / p', 'Next / previous quote'], ['j / k', 'Next / previous turn; Enter selects it'],
  ['Shift+← / →', 'Move the end of the selection by a word (with Alt: its start)'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo'], ['Esc', 'Close, deselect'],
  ['In a transcript (owners)', 'e correct the selected text, Shift+Enter split the turn at the cursor, Shift+Backspace join it to the turn before, s change its speaker'],
  ['In the codebook', '↑ ↓ move, ← → fold, F2 rename, m move to…, Alt+↑ ↓ reorder, Delete delete'],
  ['On a model canvas', '] [ select the next / previous item, ← ↑ → ↓ move it (Shift: further), a start an arrow from it, Enter end the arrow at the selected item, Delete delete'],
];

function showHelp() {
  openDialog('Keyboard shortcuts', (close) => html`<div>
    <table class="shortcuts"><tbody>${SHORTCUTS.map(([k, v]) => html`<tr><th scope="row"><kbd>${k}</kbd></th><td>${v}</td></tr>`)}</tbody></table>
    <div class="dialog-actions"><button type="button" class="btn btn-primary" data-autofocus onClick=${() => close()}>Close</button></div>
  </div>`);
}

function SearchBox({ pid, query }) {
  const ref = useRef(null);
  useEffect(() => {
    if (ref.current) ref.current.value = query || '';
  }, [query]);
  const submit = (e) => {
    e.preventDefault();
    const q = ref.current.value.trim();
    navigate(link(pid, 'search') + (q ? '?q=' + encodeURIComponent(q) : ''));
  };
  return html`<form class="search-box" role="search" onSubmit=${submit}>
    <input ref=${ref} id="search-input" type="search" placeholder="Search  ( / )" aria-label="Search the project"
      onKeyDown=${(e) => { if (e.key === 'Escape') e.currentTarget.blur(); }} />
  </form>`;
}

function Nav({ pid, section }) {
  const items = [['', 'Documents'], ['cases', 'Cases'], ['codes', 'Codebook'], ['memos', 'Memos'], ['gioia', 'Gioia view'], ['models', 'Models'], ['analysis', 'Analysis'], ['exports', 'Exports']];
  if (isTeam()) items.push(['team', 'Team']);
  return html`<nav class="nav" aria-label="Project">
    ${items.map(([s, label]) => html`<a href=${s ? link(pid, s) : link(pid)}
      aria-current=${section === s || (s === '' && section === 'd') ? 'page' : null}>${label}</a>`)}
  </nav>`;
}

function Screen({ parts, query }) {
  const p = useStore(proj);
  if (parts[0] === 'users') return html`<${UsersPage} />`;
  if (parts[0] !== 'p' || !parts[1]) return html`<${Projects} />`;
  const pid = parts[1];
  if (p.error) {
    return html`<div class="page"><p class="error-box" role="alert">${p.error.message}</p><a href="/">All projects</a></div>`;
  }
  if (p.pid !== pid || p.loading || !p.project) return html`<div class="page"><p class="muted">Opening the project…</p></div>`;
  switch (parts[2]) {
    case 'cases': return html`<${CaseSheet} pid=${pid} />`;
    case 'informants': return html`<${InformantsPage} pid=${pid} />`;
    case 'd': return html`<${Reader} pid=${pid} did=${parts[3]} query=${query} key=${parts[3]} />`;
    case 'codes': return html`<${CodebookPage} pid=${pid} cid=${parts[3] || ''} />`;
    case 'search': return html`<${SearchPage} pid=${pid} query=${query} />`;
    case 'memos': return html`<${MemosPage} pid=${pid} mid=${parts[3] || ''} query=${query} />`;
    case 'gioia': return html`<${GioiaPage} pid=${pid} />`;
    case 'models': return html`<${ModelsPage} pid=${pid} mid=${parts[3] || ''} />`;
    case 'analysis': return html`<${AnalysisPage} pid=${pid} tab=${parts[3] || ''} query=${query} />`;
    case 'exports': return parts[3] === 'anonymisation' ? html`<${AnonymisationPage} pid=${pid} />` : html`<${ExportsPage} pid=${pid} query=${query} />`;
    case 'team': return html`<${TeamPage} pid=${pid} tab=${parts[3] || ''} query=${query} />`;
    default: return html`<${Documents} pid=${pid} />`;
  }
}

/** App is the whole workbench. */
export function App() {
  const r = useStore(route);
  const project = useStore(proj, (s) => s.project);
  const pid = r.parts[0] === 'p' ? r.parts[1] : null;

  useEffect(() => {
    // Opening a transcript directly: fetch it alongside the project.
    if (pid && r.parts[2] === 'd' && r.parts[3] && proj.get().pid !== pid) prefetchDocument(pid, r.parts[3]);
    if (pid) openProject(pid); else closeProject();
  }, [pid]);
  useEffect(() => {
    installShortcuts({
      onSearch: () => { const el = document.getElementById('search-input'); if (el) el.focus(); },
      onHelp: showHelp,
    });
  }, []);
  useEffect(() => {
    document.title = project && pid ? `${project.name} · Tessera` : 'Tessera';
  }, [project, pid]);

  const section = pid ? (r.parts[2] || '') : null;
  return html`<div class=${'app' + (section === 'd' ? ' app-reader' : '')}>
    <a class="skip" href="#main">Skip to content</a>
    <header class="topbar">
      <a class="brand" href="/" aria-label="Tessera: all projects">Tessera</a>
      ${pid && project ? html`<span class="project-name" title=${project.name}>${project.name}</span>
        <${Nav} pid=${pid} section=${section} />
        <${SearchBox} pid=${pid} query=${section === 'search' ? r.query.get('q') : ''} />` : null}
      <span class="spacer"></span>
      ${pid ? html`<${PresenceBar} /><${UndoRedo} />` : null}
      <${SaveStatus} />
      <${AccountMenu} />
      <button type="button" class="btn-icon" onClick=${showHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
    </header>
    <${SaveErrors} />
    <${DraftsWaiting} />
    <main id="main" tabindex="-1"><${Screen} parts=${r.parts} query=${r.query} /></main>
    <${DialogHost} />
  </div>`;
}
