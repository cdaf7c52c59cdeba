// Editing a transcript in the reader (owners): splitting a turn at the
// cursor, joining a turn to the one before, giving a turn another speaker
// and correcting the text. Each edit is one change on the server (undone
// with Ctrl+Z); its answer (the document and the quotes it moved) is
// shown at once, and other tabs follow through the event stream.
import { html, useState } from '../core/lib.js';
import { createStore } from '../core/store.js';
import { api, pp } from '../core/api.js';
import { save } from '../core/saving.js';
import { showQuote } from '../project/quotes.js';
import { forgetDocText, turnIndex } from '../project/doctexts.js';
import { openDialog } from '../widgets/dialog.js';
import { pointToOffset } from './selection.js';

/**
 * edited holds the last answer of a transcript edit made in this tab,
 * {document, quotes, seq}; the reader showing that document takes it over.
 */
export const edited = createStore(null);

/**
 * editTranscript sends one transcript edit (method, path below the
 * document, body) as a save labelled label, with the document's version
 * (If-Match), and shows its result. It resolves with the answer, or null
 * when the save was given up.
 */
export function editTranscript(pid, doc, method, path, body, label) {
  return save(label, () => api(method, pp(pid, '/documents/' + encodeURIComponent(doc.id) + path), body, undefined, { version: doc.version }))
    .then((res) => {
      forgetDocText(pid, doc.id);
      for (const q of res.quotes || []) showQuote(q);
      edited.set(res);
      return res;
    }, () => null);
}

/** caretAt returns the code point of a collapsed selection (the cursor) inside root, or null. */
export function caretAt(root) {
  const sel = document.getSelection();
  if (!sel || !sel.rangeCount || !sel.isCollapsed || !root.contains(sel.anchorNode)) return null;
  return pointToOffset(root, sel.anchorNode, sel.anchorOffset, 'start');
}

/** turnOf returns the index of the turn holding code point cp (its end included), or -1. */
export function turnOf(doc, cp) {
  const i = turnIndex(doc.turns || [], cp);
  return i >= 0 && cp <= doc.turns[i].end ? i : -1;
}

// LABEL matches a speaker label at the start of text ("Anna:", "Dr. Åsa Berg:").
const LABEL = /^\s*(?:\[[\d:.,]+\]\s*)?\**([\p{L}][\p{L}\p{N} .'’&_-]{0,39}?)\**\s*[:：]\**\s/u;

// guessSpeaker proposes the speaker of a turn split off at cp of turn i:
// the label the new turn starts with, else the other speaker around it.
function guessSpeaker(doc, i, cp) {
  const t = doc.turns[i];
  const m = LABEL.exec(doc.map.slice(cp, Math.min(t.end, cp + 80)));
  if (m) return m[1].trim();
  const near = [doc.turns[i + 1], doc.turns[i - 1]].find((x) => x && x.speaker && x.speaker !== t.speaker);
  if (near) return near.speaker;
  const other = (doc.speakers || []).find((s) => s.name !== t.speaker);
  return other ? other.name : '';
}

// SpeakerForm asks for a speaker's name, offering the document's speakers.
function SpeakerForm({ doc, label, value, confirm, close, extra }) {
  const [v, setV] = useState(value || '');
  const listId = 'speakers-' + doc.id;
  return html`<form class="speaker-form" onSubmit=${(e) => { e.preventDefault(); if (v.trim()) close({ speaker: v.trim() }); }}>
    <label class="field"><span>${label}</span>
      <input type="text" class="speaker-name" value=${v} list=${listId} data-autofocus autocomplete="off"
        onInput=${(e) => setV(e.currentTarget.value)} /></label>
    <datalist id=${listId}>${(doc.speakers || []).map((s) => html`<option value=${s.name} />`)}</datalist>
    ${extra}
    <div class="dialog-actions">
      <button type="button" class="btn" onClick=${() => close(null)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!v.trim()}>${confirm}</button>
    </div></form>`;
}

/** splitTurnAt asks who speaks from code point cp on, then splits the turn there. */
export async function splitTurnAt(pid, doc, cp) {
  const i = turnOf(doc, cp);
  if (i < 0) return null;
  const n = i + 1;
  const ans = await openDialog(`Split turn ${n} here`, (close) => html`<${SpeakerForm} doc=${doc}
    label="Speaker of the new turn" value=${guessSpeaker(doc, i, cp)} confirm="Split turn" close=${close}
    extra=${html`<p class="hint">A label such as “Anna:” at the cursor stays out of the new turn.</p>`} />`);
  if (!ans) return null;
  return editTranscript(pid, doc, 'POST', `/turns/${n}/split`, { at: cp, speaker: ans.speaker }, `Split turn ${n}`);
}

/** mergeWithPrevious joins turn i (an index) to the turn before it. */
export function mergeWithPrevious(pid, doc, i) {
  if (i < 1) return Promise.resolve(null);
  return editTranscript(pid, doc, 'POST', `/turns/${i}/merge`, undefined, `Merge turns ${i} and ${i + 1}`);
}

/**
 * editTurn offers what can be done to turn i: give it another speaker,
 * join it to the turn before or after.
 */
export async function editTurn(pid, doc, i) {
  const t = doc.turns[i];
  const n = i + 1;
  const extra = html`<div class="row turn-merge">
    ${i > 0 ? html`<button type="button" class="btn btn-sm merge-prev" data-close="prev">Merge with turn ${n - 1}</button>` : null}
    ${i + 1 < doc.turns.length ? html`<button type="button" class="btn btn-sm merge-next" data-close="next">Merge with turn ${n + 1}</button>` : null}
  </div>`;
  const ans = await openDialog(`Turn ${n}${t.speaker ? ' · ' + t.speaker : ''}`, (close) => html`<div
      onClick=${(e) => { const b = e.target.closest('[data-close]'); if (b) close({ merge: b.dataset.close }); }}>
    <${SpeakerForm} doc=${doc} label="Speaker of this turn" value=${t.speaker} confirm="Change speaker" close=${close} extra=${extra} /></div>`);
  if (!ans) return null;
  if (ans.merge === 'prev') return mergeWithPrevious(pid, doc, i);
  if (ans.merge === 'next') return mergeWithPrevious(pid, doc, i + 1);
  if (ans.speaker === t.speaker) return null;
  return editTranscript(pid, doc, 'PUT', `/turns/${n}/speaker`, { speaker: ans.speaker }, `Change the speaker of turn ${n}`);
}

// CorrectForm asks for the text that replaces a passage.
function CorrectForm({ old, close }) {
  const [v, setV] = useState(old);
  const same = v === old;
  return html`<form onSubmit=${(e) => { e.preventDefault(); if (!same) close({ text: v }); }}>
    ${old ? html`<p class="dialog-msg">Replace «${old}» with:</p>` : html`<p class="dialog-msg">Insert at the cursor:</p>`}
    <label class="field"><span>Corrected text</span>
      <input type="text" class="correction" value=${v} data-autofocus onInput=${(e) => setV(e.currentTarget.value)} /></label>
    <p class="hint">Quotes keep their words: those holding the passage take the corrected text and record the change.</p>
    <div class="dialog-actions">
      <button type="button" class="btn" onClick=${() => close(null)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${same}>Correct</button>
    </div></form>`;
}

/** correctText asks for the text that replaces code points [start, end) and saves it. */
export async function correctText(pid, doc, start, end) {
  const old = doc.map.slice(start, end);
  const ans = await openDialog('Correct the transcript', (close) => html`<${CorrectForm} old=${old} close=${close} />`);
  if (!ans) return null;
  return editTranscript(pid, doc, 'POST', '/corrections', { start, end, text: ans.text }, `Correct «${old || 'the text'}»`);
}
