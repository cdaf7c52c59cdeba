// The speakers of a transcript (owners): rename one, set its role, merge
// it into another, or split it by giving some of its turns to a new
// speaker. Each action is one change on the server, undone with Ctrl+Z.
import { html, useState, useMemo } from '../core/lib.js';
import { OffsetMap } from '../core/offsets.js';
import { useStore } from '../core/store.js';
import { plural } from '../core/format.js';
import { openDialog } from '../widgets/dialog.js';
import { edited, editTranscript } from './transcript-edit.js';

// opening returns the first words of code points [start, end) of the
// text map holds.
function opening(map, start, end) {
  const s = map.slice(start, Math.min(end, start + 70));
  return end - start > 70 ? s + '…' : s;
}

// setRole saves the role of a speaker.
const setRole = (pid, doc, name, role) => editTranscript(pid, doc, 'POST', '/speakers/role', { speaker: name, role }, `Set the role of ${name}`);

// SplitPanel lists the turns of one speaker to choose those that go to
// another speaker.
function SplitPanel({ pid, doc, name, onDone }) {
  const map = useMemo(() => new OffsetMap(doc.text), [doc.text]);
  const [picked, setPicked] = useState(() => new Set());
  const [to, setTo] = useState('');
  const turns = doc.turns.map((t, i) => ({ t, n: i + 1 })).filter((x) => x.t.speaker === name);
  const toggle = (n) => setPicked((p) => { const q = new Set(p); if (q.has(n)) q.delete(n); else q.add(n); return q; });
  const submit = (e) => {
    e.preventDefault();
    if (!picked.size || !to.trim()) return;
    editTranscript(pid, doc, 'POST', '/speakers/split', { speaker: name, turns: [...picked].sort((a, b) => a - b), name: to.trim() },
      `Give ${plural(picked.size, 'turn')} of ${name} to ${to.trim()}`).then(onDone);
  };
  return html`<form class="split-panel" onSubmit=${submit} aria-label=${'Split ' + name}>
    <p class="hint">Tick the turns that another person speaks.</p>
    <ul class="split-turns">${turns.map(({ t, n }) => html`<li><label>
      <input type="checkbox" class="split-turn" data-turn=${n} checked=${picked.has(n)} onChange=${() => toggle(n)} />
      <span class="no">${n}</span> ${opening(map, t.start, t.end)}</label></li>`)}</ul>
    <label class="field"><span>They go to</span>
      <input type="text" class="split-name" value=${to} placeholder="New speaker’s name" onInput=${(e) => setTo(e.currentTarget.value)} /></label>
    <div class="dialog-actions"><button type="button" class="btn" onClick=${() => onDone(null)}>Back</button>
      <button type="submit" class="btn btn-primary" disabled=${!picked.size || !to.trim()}>Move ${plural(picked.size, 'turn')}</button></div>
  </form>`;
}

// SpeakerRow edits one speaker: name, role, merge.
function SpeakerRow({ pid, doc, s, count, onSplit }) {
  const [name, setName] = useState(s.name);
  const [into, setInto] = useState('');
  const others = doc.speakers.filter((o) => o.name !== s.name);
  const rename = (e) => {
    e.preventDefault();
    const to = name.trim();
    if (!to || to === s.name) return;
    editTranscript(pid, doc, 'POST', '/speakers/rename', { from: s.name, to }, `Rename ${s.name} to ${to}`);
  };
  const merge = () => {
    if (!into) return;
    editTranscript(pid, doc, 'POST', '/speakers/merge', { speakers: [s.name, into], into }, `Merge ${s.name} into ${into}`);
  };
  return html`<li class="speaker-row" data-speaker=${s.name}>
    <form class="speaker-rename" onSubmit=${rename}>
      <input type="text" class="speaker-name-input" value=${name} aria-label=${'Name of ' + s.name} onInput=${(e) => setName(e.currentTarget.value)} />
      <button type="submit" class="btn btn-sm" disabled=${!name.trim() || name.trim() === s.name}>Rename</button>
    </form>
    <select class="speaker-role" value=${s.role} aria-label=${'Role of ' + s.name} onChange=${(e) => setRole(pid, doc, s.name, e.currentTarget.value)}>
      <option value="interviewer">Interviewer</option><option value="informant">Informant</option><option value="">No role</option></select>
    <span class="muted small">${plural(count, 'turn')}</span>
    ${others.length ? html`<span class="speaker-merge">
      <select class="merge-into" value=${into} aria-label=${'Merge ' + s.name + ' into'} onChange=${(e) => setInto(e.currentTarget.value)}>
        <option value="">Merge into…</option>${others.map((o) => html`<option value=${o.name}>${o.name}</option>`)}</select>
      <button type="button" class="btn btn-sm merge-speaker" disabled=${!into} onClick=${merge}>Merge</button></span>` : null}
    <button type="button" class="btn btn-sm split-speaker" onClick=${() => onSplit(s.name)}>Split…</button>
  </li>`;
}

// SpeakersBody shows the document's speakers, following its edits.
function SpeakersBody({ pid, start, close }) {
  const last = useStore(edited);
  const doc = last && last.document && last.document.id === start.id && last.document.version >= start.version ? last.document : start;
  const [splitting, setSplitting] = useState('');
  const counts = new Map();
  for (const t of doc.turns || []) counts.set(t.speaker, (counts.get(t.speaker) || 0) + 1);
  if (splitting && counts.has(splitting)) {
    return html`<${SplitPanel} pid=${pid} doc=${doc} name=${splitting} onDone=${() => setSplitting('')} />`;
  }
  return html`<div class="speakers-panel">
    <ul class="speaker-list">${doc.speakers.map((s) => html`<${SpeakerRow} key=${s.name + doc.version} pid=${pid} doc=${doc} s=${s}
      count=${counts.get(s.name) || 0} onSplit=${setSplitting} />`)}</ul>
    <p class="hint">A turn’s speaker changes by clicking the name at the turn (or <kbd>s</kbd> with the cursor in it).</p>
    <div class="dialog-actions"><button type="button" class="btn btn-primary" onClick=${() => close(true)}>Done</button></div>
  </div>`;
}

/** editSpeakers opens the speakers of doc (as the reader shows it) for editing. */
export function editSpeakers(pid, doc) {
  return openDialog('Speakers', (close) => html`<${SpeakersBody} pid=${pid} start=${doc} close=${close} />`, { wide: true });
}
