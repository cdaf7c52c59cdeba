// Uploading transcripts: drop many files (or choose them), each is sent on
// its own with its progress and the server's import report.
import { html, useState, useRef } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { upload } from '../core/api.js';
import { whenSignedIn } from '../core/session.js';
import { proj, refreshProject } from '../project/state.js';

const ACCEPT = '.txt,.md,.docx,.odt,.pdf,.vtt,.srt,.html,.htm';
const PARALLEL = 2;

function describe(f) {
  if (!f.report) return '';
  const r = f.report;
  const parts = [`${r.turns} turn${r.turns === 1 ? '' : 's'}`];
  if (r.speakers && r.speakers.length) parts.push(r.speakers.slice(0, 4).join(', ') + (r.speakers.length > 4 ? '…' : ''));
  if (r.case) parts.push('case ' + r.case);
  if (r.normalized) parts.push('Unicode normalised');
  if (r.line_endings) parts.push('line ends fixed');
  return parts.join(' · ');
}

/** Upload is the drop zone and the per-file progress list. */
export function Upload({ pid }) {
  const cases = useStore(proj, (s) => s.cases);
  const [items, setItems] = useState([]);
  const [caseRef, setCaseRef] = useState('');
  const [newCase, setNewCase] = useState('');
  const [over, setOver] = useState(false);
  const input = useRef(null);
  const queue = useRef([]);
  const running = useRef(0);

  const setItem = (id, patch) => setItems((l) => l.map((x) => (x.id === id ? { ...x, ...patch } : x)));

  const pump = () => {
    while (running.current < PARALLEL && queue.current.length) {
      const it = queue.current.shift();
      running.current++;
      setItem(it.id, { status: 'uploading', progress: 0 });
      upload(pid, it.file, { case: it.caseRef }, (p) => setItem(it.id, { progress: p }), it.dup ? { allow_duplicates: 'true' } : undefined)
        .then((rep) => {
          const r = rep && rep.files && rep.files[0];
          if (r && r.ok) setItem(it.id, { status: 'done', report: r, progress: 1 });
          else setItem(it.id, { status: 'failed', error: (r && r.error) || 'not imported', duplicate: r && r.duplicate });
        }, (err) => {
          if (err.status === 401) {
            // The session ended: send the file again once signed in.
            setItem(it.id, { status: 'signin', progress: 0 });
            whenSignedIn().then(() => retry(it));
            return;
          }
          // Retrying helps when the server was unreachable or failed.
          const canRetry = !err.status || err.status >= 500 || err.status === 408 || err.status === 429;
          setItem(it.id, { status: 'failed', error: err.message, duplicate: err.status === 409, canRetry });
        })
        .finally(() => {
          running.current--;
          if (!queue.current.length && running.current === 0) refreshProject();
          pump();
        });
    }
  };

  const add = (files, opts = {}) => {
    const ref = caseRef === '__new' ? newCase.trim() : caseRef;
    const fresh = [...files].map((file) => ({
      id: Math.random().toString(36).slice(2), file, name: file.name, status: 'queued', progress: 0, caseRef: ref, ...opts,
    }));
    setItems((l) => [...fresh, ...l]);
    queue.current.push(...fresh);
    pump();
  };
  // retry queues an item again; again does so allowing a duplicate.
  const retry = (it, opts = {}) => {
    const n = { ...it, status: 'queued', error: '', progress: 0, canRetry: false, ...opts };
    setItems((l) => l.map((x) => (x.id === it.id ? n : x)));
    queue.current.push(n);
    pump();
  };
  const again = (it) => retry(it, { dup: true });

  return html`<section class="upload card" aria-label="Add transcripts">
    <div class=${'dropzone' + (over ? ' over' : '')}
      onDragOver=${(e) => { if ([...e.dataTransfer.types].includes('Files')) { e.preventDefault(); setOver(true); } }}
      onDragLeave=${() => setOver(false)}
      onDrop=${(e) => { e.preventDefault(); setOver(false); if (e.dataTransfer.files.length) add(e.dataTransfer.files); }}>
      <p><strong>Drop transcripts here</strong> or
        <button type="button" class="btn btn-sm" onClick=${() => input.current.click()}>choose files</button></p>
      <p class="muted small">Text, Markdown, Word, OpenDocument, PDF, WebVTT, SRT or HTML. Speaker turns are detected from lines such as “Interviewer:” or “[00:12:31] Maria:”.</p>
      <input ref=${input} id="upload-input" class="sr-only" type="file" multiple accept=${ACCEPT} aria-label="Transcript files"
        onChange=${(e) => { if (e.currentTarget.files.length) add(e.currentTarget.files); e.currentTarget.value = ''; }} />
      <div class="row wrap">
        <label class="inline-field">Case for these files
          <select value=${caseRef} onChange=${(e) => setCaseRef(e.currentTarget.value)}>
            <option value="">none (assign later)</option>
            ${cases.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
            <option value="__new">New case…</option>
          </select></label>
        ${caseRef === '__new' ? html`<input type="text" value=${newCase} placeholder="Case name" aria-label="New case name"
          onInput=${(e) => setNewCase(e.currentTarget.value)} />` : null}
      </div>
    </div>
    ${items.length ? html`<ul class="upload-list" aria-live="polite" aria-label="Uploads">
      ${items.map((it) => html`<li class=${'upload-item ' + it.status}>
        <span class="upload-name">${it.name}</span>
        ${it.status === 'uploading' || it.status === 'queued'
          ? html`<progress max="1" value=${it.progress} aria-label=${'Upload of ' + it.name}></progress>` : null}
        <span class="upload-status">${it.status === 'queued' ? 'waiting' : it.status === 'uploading' ? (it.progress >= 1 ? 'importing…' : 'uploading…')
          : it.status === 'signin' ? 'waiting for you to sign in again'
          : it.status === 'done' ? html`<span class="ok-text">imported</span> <span class="muted">${describe(it)}</span>`
            : html`<span class="error-text">${it.error}</span>${it.duplicate ? html` <button type="button" class="btn btn-xs" onClick=${() => again(it)}>Import anyway</button>` : null}${it.canRetry ? html` <button type="button" class="btn btn-xs" onClick=${() => retry(it)}>Retry</button>` : null}`}</span>
      </li>`)}
    </ul>` : null}
  </section>`;
}
