// The Team screen of a project (team mode): intercoder agreement and the
// disagreement view (owners and viewers), members and the codebook lock,
// and the assignments of documents to coders.
//   /p/{pid}/team                 agreement report
//   /p/{pid}/team/disagreements   disagreement view and consensus
//   /p/{pid}/team/members         members, roles, codebook lock
//   /p/{pid}/team/assignments     documents assigned to coders
import { html } from '../core/lib.js';
import { link } from '../core/router.js';
import { usePermissions } from '../project/access.js';
import { useComparison, ComparisonPicker, comparisonProblem } from './team-pickers.js';
import { AgreementReport } from './team-agreement.js';
import { Disagreements } from './team-disagreements.js';
import { Members } from './team-members.js';
import { Assignments } from './team-assignments.js';

function Comparison({ pid, tab, query, perms }) {
  const cmp = useComparison(pid, query);
  const problem = comparisonProblem(cmp);
  let body;
  if (cmp.error) body = html`<p class="error-box" role="alert">${cmp.error.message}</p>`;
  else if (!cmp.ready) body = html`<p class="muted">Loading who coded what…</p>`;
  else if (problem) body = html`<div class="empty-state"><p>${problem}</p></div>`;
  else if (tab === 'disagreements') {
    body = html`<${Disagreements} pid=${pid} params=${cmp.params} coders=${cmp.sel.coders} canDecide=${perms.canManage} />`;
  } else body = html`<${AgreementReport} pid=${pid} params=${cmp.params} />`;
  return html`${cmp.ready ? html`<${ComparisonPicker} cmp=${cmp} />` : null}${body}`;
}

/** TeamPage is the Team screen of project pid; tab is '', 'disagreements', 'members' or 'assignments'. */
export function TeamPage({ pid, tab, query }) {
  const perms = usePermissions();
  if (!perms.team) {
    return html`<div class="page"><div class="empty-state"><p>This server runs in solo mode: there is no team.
      Start it with <code>--team</code> (or on a network address) to code with others.</p></div></div>`;
  }
  if (!perms.loaded) return html`<div class="page"><p class="muted">Loading your role…</p></div>`;
  const tabs = [
    ...(perms.canReview ? [['', 'Agreement'], ['disagreements', 'Disagreements']] : []),
    ['members', 'Members'], ['assignments', 'Assignments'],
  ];
  const current = tabs.some(([t]) => t === tab) ? tab : tabs[0][0];
  // The comparison's choice travels between the agreement tabs.
  const compares = (t) => t === '' || t === 'disagreements';
  const qs = compares(current) ? query.toString() : '';
  const href = (t) => (t ? link(pid, 'team', t) : link(pid, 'team')) + (compares(t) && qs ? '?' + qs : '');
  let body;
  if (current === 'members') body = html`<${Members} pid=${pid} perms=${perms} />`;
  else if (current === 'assignments') body = html`<${Assignments} pid=${pid} perms=${perms} />`;
  else body = html`<${Comparison} pid=${pid} tab=${current} query=${query} perms=${perms} />`;
  return html`<div class="page team-page">
    <header class="page-head">
      <div><h1>Team</h1>
        <p class="muted">You are ${perms.role === 'owner' ? 'an owner' : 'a ' + perms.role} of this project${perms.locked ? ' · the codebook is locked' : ''}.</p></div>
      <nav class="team-tabs" aria-label="Team">
        ${tabs.map(([t, label]) => html`<a href=${href(t)} aria-current=${t === current ? 'page' : null}>${label}</a>`)}
      </nav>
    </header>
    ${body}
  </div>`;
}
