// Client-side routing over the History API. The server answers every
// non-file path with index.html, so each screen has a real, reloadable URL:
//   /                          projects
//   /p/{pid}                   documents by case
//   /p/{pid}/cases             case sheet
//   /p/{pid}/informants        informant table and the speakers of each document
//   /p/{pid}/d/{did}           transcript reader (?q=quote or ?at=offset)
//   /p/{pid}/codes[/{cid}]     codebook, code and its quotes
//   /p/{pid}/search?q=         search
//   /p/{pid}/memos[/{mid}]     memos
//   /p/{pid}/gioia             Gioia data structure
//   /p/{pid}/models[/{mid}]    model canvases
//   /p/{pid}/exports           every export format, with its options
//   /p/{pid}/exports/anonymisation  the anonymisation profile and its preview
//   /p/{pid}/team[/{tab}]      agreement, disagreements, members, assignments (team mode)
//   /users                     accounts (administrators of a team server)
import { createStore } from './store.js';

function parse() {
  return {
    path: location.pathname,
    parts: location.pathname.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(location.search),
  };
}

/** route holds the current location, parsed. */
export const route = createStore(parse());

/** navigate moves to url (a path with optional query) without reloading. */
export function navigate(url, { replace = false } = {}) {
  // Screens measure how long they take to open from here.
  window.__tesseraOpenAt = performance.now();
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  route.set(parse());
  if (!replace) window.scrollTo(0, 0);
}

/** link builds a project-relative URL: link(pid, 'd', did). */
export function link(pid, ...rest) {
  return '/p/' + [pid, ...rest].map(encodeURIComponent).join('/');
}

window.addEventListener('popstate', () => route.set(parse()));

// Same-origin links navigate in place; modified clicks keep browser
// behaviour (new tab and so on).
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest && e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
});
