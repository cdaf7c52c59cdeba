// Chart downloads: a chart's <svg> serialised with its styles written
// inline, so the file stands alone, and the same drawing rendered to PNG
// on a canvas. Both are offered as download links.
import { html, useState, useEffect } from '../core/lib.js';

// The style properties a chart uses; each is written on an element when
// it differs from the element's parent (or always on the root).
const PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline',
];

/** serializeSvg returns svg as a standalone SVG document. */
export function serializeSvg(svg) {
  const clone = svg.cloneNode(true);
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  const computed = new Map(src.map((el) => [el, getComputedStyle(el)]));
  src.forEach((el, i) => {
    const cs = computed.get(el);
    const parent = el === svg ? null : computed.get(el.parentNode);
    const decl = [];
    for (const p of PROPS) {
      const v = cs.getPropertyValue(p);
      if (v && (!parent || parent.getPropertyValue(p) !== v)) decl.push(`${p}: ${v}`);
    }
    const opacity = cs.getPropertyValue('opacity');
    if (opacity && opacity !== '1') decl.push(`opacity: ${opacity}`);
    const own = dst[i].getAttribute('style');
    if (own) decl.push(own);
    if (decl.length) dst[i].setAttribute('style', decl.join('; '));
    dst[i].removeAttribute('class');
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('version', '1.1');
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone) + '\n';
}

/** pngBlob draws the SVG text onto a canvas scale times its size and resolves with a PNG. */
export function pngBlob(svgText, width, height, scale = 2) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const g = canvas.getContext('2d');
      g.fillStyle = '#ffffff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The chart could not be saved as PNG.'))), 'image/png');
    };
    img.onerror = () => reject(new Error('The chart could not be drawn as PNG.'));
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgText);
  });
}

/** fileName turns a title into a file name: letters, digits and dashes. */
export function fileName(...parts) {
  return parts.join(' ').normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'chart';
}

/**
 * ChartDownloads offers the chart in svgRef as SVG and PNG files called
 * name; stamp changes whenever the drawing does, to make the files again.
 */
export function ChartDownloads({ svgRef, name, stamp }) {
  const [urls, setUrls] = useState({ svg: '', png: '', error: '' });
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return undefined;
    let alive = true;
    const made = [];
    const text = serializeSvg(svg);
    const svgUrl = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    made.push(svgUrl);
    setUrls({ svg: svgUrl, png: '', error: '' });
    const w = parseFloat(svg.getAttribute('width')), h = parseFloat(svg.getAttribute('height'));
    pngBlob(text, w, h).then((b) => {
      if (!alive) return;
      const u = URL.createObjectURL(b);
      made.push(u);
      setUrls((x) => ({ ...x, png: u }));
    }, (e) => alive && setUrls((x) => ({ ...x, error: e.message })));
    return () => {
      alive = false;
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [stamp]);
  return html`<div class="row chart-downloads" role="group" aria-label="Download the chart">
    <span class="muted small">Download:</span>
    ${urls.svg ? html`<a class="btn btn-sm" href=${urls.svg} download=${name + '.svg'} data-format="svg">SVG</a>` : null}
    ${urls.png ? html`<a class="btn btn-sm" href=${urls.png} download=${name + '.png'} data-format="png">PNG</a>`
      : urls.error ? html`<span class="error-text small">${urls.error}</span>` : html`<span class="muted small">PNG…</span>`}
  </div>`;
}
