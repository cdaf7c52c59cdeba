// DownloadLink: a link to a file the server makes (an export), fetched
// on click so that a refusal shows the server's reason beside the link
// instead of failing without a word; a file that comes saves under the
// name the server gives it (Content-Disposition).
import { html, useState } from '../core/lib.js';

/**
 * fileName reads the file name of a Content-Disposition header: the exact
 * UTF-8 name (filename*) when there is one, else the plain one, else
 * fallback.
 */
export function fileName(disposition, fallback) {
  const d = disposition || '';
  const exact = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(d);
  if (exact) {
    try {
      return decodeURIComponent(exact[1].trim());
    } catch {
      // A malformed exact name: the plain one follows.
    }
  }
  const plain = /filename\s*=\s*"((?:[^"\\]|\\.)*)"|filename\s*=\s*([^;]+)/i.exec(d);
  if (plain) return (plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2].trim()) || fallback;
  return fallback;
}

/**
 * saveDownload fetches url and saves the answer as a file; it throws an
 * Error with the server's message ({"error": ...}) when the server refuses.
 */
export async function saveDownload(url) {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    let msg = '';
    try {
      msg = (await res.json()).error || '';
    } catch {
      // Not JSON: the status says it.
    }
    throw new Error(msg || `${res.status} ${res.statusText}`.trim());
  }
  const blob = await res.blob();
  const name = fileName(res.headers.get('Content-Disposition'), decodeURIComponent(new URL(url, location.href).pathname.split('/').pop()));
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser reads the object URL after the click returns; free it later.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/**
 * DownloadLink props: href, label (its aria-label), cls (class of the
 * link), children. A plain click fetches the file; a click with a
 * modifier key or the context menu's "save link" still use the link.
 */
export function DownloadLink({ href, label, cls = 'btn btn-sm', children }) {
  const [state, setState] = useState({ busy: false, error: '', href: '' });
  const error = state.href === href ? state.error : '';
  const click = async (e) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (state.busy) return;
    setState({ busy: true, error: '', href });
    try {
      await saveDownload(href);
      setState({ busy: false, error: '', href });
    } catch (err) {
      setState({ busy: false, error: err.message || 'The download failed', href });
    }
  };
  return html`<span class="download">
    <a class=${cls} href=${href} download aria-label=${label} aria-busy=${state.busy ? 'true' : 'false'}
      onClick=${click}>${children}</a>
    ${error ? html`<span class="error-box small download-error" role="alert">${error}</span>` : null}
  </span>`;
}
