// Presence on screen: who else has the project open (in the top bar) and
// who has a document open (beside it in the document list), from the
// event stream's presence reports (live.js).
import { html } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { live } from '../project/live.js';
import { proj } from '../project/state.js';
import { session } from '../core/session.js';

// people groups the presence entries by user: [{user, name, documents,
// clients}], the signed-in user marked with me.
function people(users, me) {
  const by = new Map();
  for (const u of users) {
    const p = by.get(u.user) || { user: u.user, name: u.name || u.user, documents: [], clients: 0, me: u.user === me };
    if (u.document && !p.documents.includes(u.document)) p.documents.push(u.document);
    p.clients += u.clients || 1;
    by.set(u.user, p);
  }
  return [...by.values()].sort((a, b) => (a.me - b.me) || (a.name < b.name ? -1 : 1));
}

const initials = (name) => Array.from(name.trim()).slice(0, 2).join('').toUpperCase() || '?';

/** usePeople returns who is in the open project (see people). */
export function usePeople() {
  const users = useStore(live, (s) => s.users);
  const me = useStore(session, (s) => (s.me && s.me.username) || '');
  return people(users, me);
}

/** PresenceBar shows who is in the project and what they have open. */
export function PresenceBar() {
  const list = usePeople();
  const documents = useStore(proj, (s) => s.documents);
  const connected = useStore(live, (s) => s.connected);
  if (!list.length) return connected ? null : html`<span class="presence offline" title="Live updates paused: reconnecting…">○</span>`;
  const title = (d) => (documents.find((x) => x.id === d) || {}).title || 'a document';
  const about = (p) => `${p.me ? 'You' : p.name}${p.clients > 1 ? ` (${p.clients} tabs)` : ''}: ${p.documents.length ? p.documents.map(title).join(', ') : 'in the project'}`;
  return html`<ul class="presence" aria-label="In this project">
    ${list.map((p) => html`<li class=${'avatar' + (p.me ? ' me' : '')} title=${about(p)} aria-label=${about(p)}>${initials(p.name)}</li>`)}
  </ul>`;
}

/** DocPresence marks who (but oneself) has document did open. */
export function DocPresence({ did }) {
  const here = usePeople().filter((p) => !p.me && p.documents.includes(did));
  if (!here.length) return null;
  const names = here.map((p) => p.name).join(', ');
  return html`<span class="doc-presence" title=${names + ' reading'} aria-label=${names + ' has this open'}>
    ${here.map((p) => html`<span class="avatar small">${initials(p.name)}</span>`)}</span>`;
}
