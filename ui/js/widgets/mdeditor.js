// A Markdown editor with a live preview rendered by the server (goldmark,
// raw HTML off, output sanitised); the preview is the only place where the
// UI inserts HTML, and it is HTML the server made safe.
import { html, useState, useEffect, useRef } from '../core/lib.js';
import { post } from '../core/api.js';

/** renderMarkdown asks the server to render text; resolves with safe HTML. */
export async function renderMarkdown(text) {
  if (!text.trim()) return '';
  const r = await post('/markdown', { text });
  return r.html;
}

/** usePreview returns the server-rendered HTML of text, refreshed as it changes. */
export function usePreview(text, delay = 250) {
  const [out, setOut] = useState({ html: '', error: '' });
  const seq = useRef(0);
  useEffect(() => {
    const n = ++seq.current;
    const t = setTimeout(() => {
      renderMarkdown(text).then((h) => n === seq.current && setOut({ html: h, error: '' }),
        (err) => n === seq.current && setOut((o) => ({ ...o, error: err.message })));
    }, delay);
    return () => clearTimeout(t);
  }, [text]);
  return out;
}

/** SafeHTML shows HTML rendered and sanitised by the server. */
export function SafeHTML({ html: h, class: cls = 'markdown' }) {
  return html`<div class=${cls} dangerouslySetInnerHTML=${{ __html: h }}></div>`;
}

/**
 * MarkdownField edits one Markdown text: label, value, onInput and onBlur
 * (as useAutosave's bind gives them). The preview sits beside (or below)
 * the text area.
 */
export function MarkdownField({ label, value, onInput, onBlur, rows = 4, placeholder = '' }) {
  const [showPreview, setShowPreview] = useState(false);
  const preview = usePreview(showPreview ? value || '' : '');
  const id = 'md-' + label.replace(/\W+/g, '-').toLowerCase();
  return html`<div class="md-field">
    <div class="md-head">
      <label for=${id}>${label}</label>
      <button type="button" class="btn btn-xs" aria-pressed=${showPreview} onClick=${() => setShowPreview(!showPreview)}>
        ${showPreview ? 'Hide preview' : 'Preview'}</button>
    </div>
    <div class=${'md-body' + (showPreview ? ' split' : '')}>
      <textarea id=${id} rows=${rows} value=${value || ''} placeholder=${placeholder} onInput=${onInput} onBlur=${onBlur}></textarea>
      ${showPreview ? html`<div class="md-preview" aria-label=${label + ' preview'}>
        ${preview.error ? html`<p class="error-text">${preview.error}</p>` : html`<${SafeHTML} html=${preview.html} />`}</div>` : null}
    </div>
  </div>`;
}
