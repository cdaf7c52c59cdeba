// The Gioia figure on screen: the very SVG the figure export writes (one
// layout, made by the server), loaded again whenever the codebook
// changes, here or anywhere else, so it follows every move as it happens.
// Each code's box is a link: a click, or Enter on it, opens the code.
import { html, useRef, useEffect } from '../core/lib.js';
import { useData } from '../core/data.js';
import { api, pp } from '../core/api.js';
import { navigate, link } from '../core/router.js';

/** GioiaFigure shows the live data-structure figure; current marks a code's box. */
export function GioiaFigure({ pid, current = '', compact = false }) {
  const { data: svg, error } = useData(
    () => api('GET', pp(pid, '/export/gioia-svg'), undefined, undefined, { text: true }),
    [pid], { on: ['code', 'facet'] });
  const box = useRef(null);

  // The server escapes every text of the figure; it is parsed as SVG (no
  // HTML) and each box becomes a focusable link to its code.
  useEffect(() => {
    const el = box.current;
    if (!el || !svg) return;
    const root = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
    if (root.nodeName !== 'svg') return;
    root.setAttribute('role', 'group');
    root.setAttribute('aria-label', 'Gioia data structure');
    for (const g of root.querySelectorAll('g[data-code]')) {
      const id = g.getAttribute('data-code');
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'link');
      g.setAttribute('aria-label', g.textContent.trim());
      if (id === current) g.setAttribute('aria-current', 'true');
    }
    el.replaceChildren(document.importNode(root, true));
  }, [svg, current]);

  const open = (e) => {
    const g = e.target.closest && e.target.closest('g[data-code]');
    if (g) navigate(link(pid, 'codes', g.getAttribute('data-code')));
  };
  return html`<figure class=${'gioia-figure' + (compact ? ' compact' : '')}>
    ${error ? html`<p class="error-box" role="alert">${error.message}</p>` : !svg ? html`<p class="muted">Loading the figure…</p>` : null}
    <div class="gioia-svg" ref=${box} onClick=${open} onKeyDown=${(e) => { if (e.key === 'Enter') open(e); }}></div>
  </figure>`;
}
