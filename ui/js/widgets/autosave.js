// Autosave of the text a person types. Every text field (memo, code
// definition, quote memo, case cell, project description...) edits its
// entity through useAutosave:
// - each key is kept at once in the draft store (drafts.js), so a crash or
//   a reload loses nothing;
// - the text goes to the server a moment after the last key (DELAY), and
//   at once when the field loses focus, the tab is hidden or left, or the
//   route changes; saves of one field never overlap, and a save sends the
//   latest text when its turn comes;
// - the draft goes when the server confirms the text;
// - updates carry the entity version they started from (If-Match): when
//   someone else changed the same field meanwhile, the server refuses
//   (412) and the person sees both texts and chooses; a change of another
//   field of the entity is carried over without asking.
import { html, useState, useEffect, useRef } from '../core/lib.js';
import { createStore, useStore } from '../core/store.js';
import { save, saveState, setUnsent, unsaved } from '../core/saving.js';
import { setLeaving } from '../core/api.js';
import { readDraft, writeDraft, dropDraft, listDrafts } from '../core/drafts.js';
import { route, link } from '../core/router.js';
import { openDialog } from './dialog.js';

/** DELAY is how long (ms) after the last key the text is sent. */
export const DELAY = 600;

// Every saver of a mounted field, and of an unmounted one whose text the
// server has not confirmed yet; fieldsShown counts changes of the set
// and drafts dropped, for the list of texts waiting.
const savers = new Set();
const fieldsShown = createStore(0);

function track(s, on) {
  if (on === savers.has(s)) return;
  if (on) savers.add(s); else savers.delete(s);
  fieldsShown.set((n) => n + 1);
}

const same = (a, b) => (a || '') === (b || '');

// publish tells the save status how many fields hold text not yet queued.
function publish() {
  let n = 0, refused = 0;
  for (const s of savers) {
    // Refused text and text waiting for a choice between versions.
    if ((s.refused || s.conflict) && s.dirty()) refused++;
    else if (s.dirty() && !s.busy && !s.conflict && s.ready()) n++;
  }
  setUnsent(n, refused);
}

// Conflict dialogs open one after another.
let dialogs = Promise.resolve();

const clock = (t) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

// Saver keeps one entity's edited fields: local is what the field shows,
// confirmed what the server has confirmed (echo: in the server's own
// form, which may be trimmed or normalised), version the entity version
// the next update starts from.
class Saver {
  constructor(o) {
    this.o = o;
    this.key = o.key;
    this.local = { ...(o.initial || {}) };
    this.confirmed = { ...this.local };
    this.echo = {};
    this.version = 0;
    this.timer = 0;
    this.busy = false;
    this.again = false;
    this.sent = null;
    this.mounted = true;
    this.restored = null;
    this.conflict = null;
    this.refused = '';
    this.subs = new Set();
    if (o.entity) this.load(o.entity);
    track(this, true);
    this.restore();
  }

  fields() { return Object.keys(this.local); }

  // unchanged tells whether v is what the server holds of field f as far
  // as this saver knows.
  unchanged(f, v) { return same(v, this.confirmed[f]) || (f in this.echo && same(v, this.echo[f])); }

  dirty() { return this.fields().some((f) => !same(this.local[f], this.confirmed[f])); }

  changed() {
    const out = {};
    for (const f of this.fields()) if (!same(this.local[f], this.confirmed[f])) out[f] = this.local[f];
    return out;
  }

  ready() { return !this.o.ready || this.o.ready(this.local); }

  notify() {
    publish();
    for (const fn of [...this.subs]) fn();
  }

  // load takes the entity as the server now has it: fields not being
  // edited follow it; the version is taken over unless someone else
  // changed a field being edited (the next save then meets the conflict).
  load(entity) {
    // An answer older than what this saver has seen tells nothing new.
    if (entity.version && entity.version < this.version) return;
    const vals = this.o.read(entity);
    let clash = false;
    for (const [f, v] of Object.entries(vals)) {
      if (!(f in this.local) || same(this.local[f], this.confirmed[f])) {
        if (!(f in this.local) || !this.unchanged(f, v)) { this.local[f] = v; this.confirmed[f] = v; delete this.echo[f]; }
      } else if (!this.unchanged(f, v)) clash = true;
    }
    const v = entity.version || 0;
    if (!clash && v > this.version) this.version = v;
  }

  // restore finds the draft of an earlier page and offers it back: text
  // typed on top of what the server still holds returns to the field and
  // is saved; text whose field was changed since by someone else is shown
  // beside their text to choose from.
  restore() {
    const d = readDraft(this.key);
    if (!d) return;
    const mine = {}, base = {}, clash = [];
    for (const [f, v] of Object.entries(d.values)) {
      if (!(f in this.confirmed) || same(v, this.confirmed[f])) continue;
      mine[f] = v;
      base[f] = this.confirmed[f];
      const server = this.confirmed[f];
      if (!same(server, (d.base || {})[f]) && !(d.sent && same(server, d.sent[f]))) clash.push(f);
    }
    if (!Object.keys(mine).length) { dropDraft(this.key); return; }
    Object.assign(this.local, mine);
    if (clash.length) {
      this.ask(clash, { ...this.confirmed }, this.version, `Text typed at ${clock(d.at)} was not saved, and the stored text has changed since.`);
      return;
    }
    this.restored = { at: d.at, base };
    this.schedule();
  }

  // persist writes the fields being edited to the draft store, or drops
  // the draft when the server has all of them.
  persist() {
    const values = this.changed();
    if (!Object.keys(values).length) {
      if (readDraft(this.key)) { dropDraft(this.key); fieldsShown.set((n) => n + 1); }
      return;
    }
    const base = {};
    for (const f of Object.keys(values)) base[f] = this.confirmed[f];
    writeDraft(this.key, {
      values, base, version: this.version, sent: this.sent, at: Date.now(),
      label: this.o.what || this.o.label, href: this.o.href || location.pathname + location.search,
    });
  }

  edit(f, text) {
    this.local[f] = text;
    this.restored = null;
    // A refused text is tried again with the next key.
    this.refused = '';
    this.persist();
    this.schedule();
    this.notify();
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), DELAY);
    publish();
  }

  // flush sends the fields being edited now, or right after the save
  // already on its way.
  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    if (this.conflict || !this.dirty() || !this.ready()) { this.settle(); return; }
    if (this.busy) { this.again = true; return; }
    this.busy = true;
    publish();
    save(this.o.label, () => this.send()).then((r) => this.done(r), () => this.discarded());
  }

  // send runs when the save's turn comes, with the text of that moment.
  async send() {
    const values = { ...this.local };
    const changed = this.changed();
    if (!Object.keys(changed).length) return { sent: values };
    this.sent = changed;
    this.persist();
    try {
      return { entity: await this.o.send(changed, values, this.version), sent: values };
    } catch (err) {
      if (err.status === 412 && err.data && err.data.current) return { current: err.data.current, message: err.message, sent: values };
      // Refused as it stands (a name already taken, say): the field says
      // why, and the next key tries again.
      if (err.status >= 400 && err.status < 500 && ![401, 408, 429].includes(err.status)) return { refused: err.message, sent: values };
      throw err;
    }
  }

  done(r) {
    this.busy = false;
    this.sent = null;
    this.refused = r.refused || '';
    if (r.current) {
      this.clash(r.current, r.message);
      return;
    }
    if (r.refused) {
      this.again = false;
      this.settle();
      this.notify();
      return;
    }
    if (r.entity) {
      const echo = this.o.read(r.entity);
      for (const f of Object.keys(r.sent)) {
        this.confirmed[f] = r.sent[f];
        this.echo[f] = echo[f];
      }
      if (r.entity.version) this.version = r.entity.version;
      if (this.o.onSaved) this.o.onSaved(r.entity);
    }
    this.persist();
    // Typed while the save was on its way: send that too.
    if (this.dirty()) {
      if (this.again || !this.mounted) this.flush(); else this.schedule();
    }
    this.again = false;
    this.settle();
    this.notify();
  }

  // discarded runs when the person gave up a failed save: the field shows
  // what the server has.
  discarded() {
    this.busy = false;
    this.sent = null;
    this.local = { ...this.confirmed };
    dropDraft(this.key);
    this.settle();
    this.notify();
  }

  // clash handles a refused update: a change of other fields is carried
  // over; a change of a field being edited is put to the person.
  clash(current, message) {
    const theirs = this.o.read(current);
    const v = current.version || 0;
    const fields = Object.keys(this.changed()).filter((f) => f in theirs && !this.unchanged(f, theirs[f]) && !same(theirs[f], this.local[f]));
    if (!fields.length) {
      // An answer naming no newer version would only be refused again.
      if (v <= this.version) {
        this.refused = message || 'the server refused the text';
        this.settle();
        this.notify();
        return;
      }
      // Fields not being edited take their text; fields being edited keep
      // the person's, sent again on top of the current version.
      for (const f of Object.keys(theirs)) {
        if (same(this.local[f], this.confirmed[f]) || same(theirs[f], this.local[f])) {
          this.local[f] = theirs[f];
          this.confirmed[f] = theirs[f];
          delete this.echo[f];
        }
      }
      this.version = v;
      this.persist();
      this.flush();
      return;
    }
    this.ask(fields, theirs, v, message || 'Someone else changed this since you started editing.', current);
  }

  // ask shows both texts of each clashing field and applies the choice.
  ask(fields, theirs, version, message, entity = null) {
    this.conflict = { fields, theirs, version, message, entity };
    this.notify();
    this.prompt();
  }

  prompt() {
    const c = this.conflict;
    if (!c || c.open) return;
    c.open = true;
    dialogs = dialogs.then(() => openDialog('Changed meanwhile', (close) => html`<${ConflictBody}
        close=${close} message=${c.message} fields=${c.fields} names=${this.o.names || {}}
        mine=${this.local} theirs=${c.theirs} />`, { wide: true }))
      .then((choice) => {
        c.open = false;
        if (choice) this.resolve(choice);
        else this.notify();
      });
  }

  // resolve applies the person's choice: {keep: 'mine'|'theirs'} or {merge: {field: text}}.
  resolve(choice) {
    const c = this.conflict;
    if (!c) return;
    this.conflict = null;
    this.version = c.version;
    for (const f of c.fields) {
      this.confirmed[f] = c.theirs[f];
      delete this.echo[f];
      if (choice.keep === 'theirs') this.local[f] = c.theirs[f];
      else if (choice.merge) this.local[f] = choice.merge[f];
    }
    if (choice.keep === 'theirs' && c.entity && this.o.onSaved) this.o.onSaved(c.entity);
    this.persist();
    this.notify();
    this.flush();
  }

  // discardRestored puts back what the server held before a restored draft.
  discardRestored() {
    const r = this.restored;
    if (!r) return;
    for (const [f, v] of Object.entries(r.base)) this.edit(f, v);
    this.restored = null;
    this.notify();
  }

  // forget drops the typing and its draft (the entity is being deleted).
  forget() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.local = { ...this.confirmed };
    this.conflict = null;
    this.restored = null;
    dropDraft(this.key);
    this.settle();
    this.notify();
  }

  rekey(key) {
    if (key === this.key) return;
    dropDraft(this.key);
    this.key = key;
    this.persist();
  }

  // settle lets go of an unmounted saver once it holds nothing unsaved.
  settle() {
    // A field gone from the screen whose text was refused (its entity was
    // deleted, say) keeps its draft but no longer holds the status.
    if (!this.mounted && !this.busy && !this.timer && (!this.dirty() || !this.ready() || this.refused)) track(this, false);
    publish();
  }
}

function ConflictBody({ close, message, fields, names, mine, theirs }) {
  const [merge, setMerge] = useState(() => Object.fromEntries(fields.map((f) => [f, mine[f] || ''])));
  return html`<div class="conflict">
    <p class="dialog-msg">${message} Choose which text to keep, or edit one from both.</p>
    ${fields.map((f) => html`<section class="conflict-field" aria-label=${names[f] || f}>
      <h3>${names[f] || f}</h3>
      <div class="conflict-sides">
        <label class="field"><span>Yours</span><textarea class="conflict-mine" readOnly rows="5" value=${mine[f] || ''}></textarea></label>
        <label class="field"><span>Theirs</span><textarea class="conflict-theirs" readOnly rows="5" value=${theirs[f] || ''}></textarea></label>
      </div>
      <label class="field"><span>Merged</span><textarea class="conflict-merge" rows="4" value=${merge[f]}
        onInput=${(e) => { const v = e.currentTarget.value; setMerge((m) => ({ ...m, [f]: v })); }}></textarea></label>
    </section>`)}
    <div class="dialog-actions">
      <button type="button" class="btn conflict-theirs-btn" onClick=${() => close({ keep: 'theirs' })}>Take theirs</button>
      <button type="button" class="btn conflict-merge-btn" onClick=${() => close({ merge })}>Save merged</button>
      <button type="button" class="btn btn-primary conflict-mine-btn" data-autofocus onClick=${() => close({ keep: 'mine' })}>Keep mine</button>
    </div>
  </div>`;
}

/**
 * useAutosave edits fields of one entity. Options: key (its draft key,
 * from draftKey), label (names the save in errors), what and href (name
 * the field in the list of texts waiting, and the address that shows it;
 * label and the current address when unset), entity (as the
 * server has it; null while it does not exist yet), initial (field values
 * before it exists), read(entity) (its edited fields, {field: text}),
 * send(changed, all, version) (stores the changed fields, resolves with
 * the entity), onSaved(entity), ready(values) (false while the fields
 * cannot be stored, such as an empty name), names ({field: label} for the
 * conflict dialog). Returns {values, edit(field, text), flush(), forget(), bind(field),
 * state, notice}: bind gives a text field's value, onInput and onBlur;
 * state is 'saved', 'saving', 'refused' or 'conflict'; notice tells of
 * a restored draft, a refused text or an open conflict.
 */
export function useAutosave(o) {
  const ref = useRef(null);
  if (!ref.current) ref.current = new Saver(o);
  const s = ref.current;
  s.o = o;
  const [, force] = useState(0);
  useEffect(() => {
    s.mounted = true;
    track(s, true);
    const fn = () => force((n) => n + 1);
    s.subs.add(fn);
    return () => {
      s.subs.delete(fn);
      s.mounted = false;
      s.flush();
    };
  }, []);
  useEffect(() => { if (o.entity) s.load(o.entity); force((n) => n + 1); }, [o.entity]);
  useEffect(() => s.rekey(o.key), [o.key]);

  const state = s.conflict ? 'conflict' : s.refused && s.dirty() ? 'refused' : s.dirty() || s.busy ? 'saving' : 'saved';
  let notice = null;
  if (s.refused && s.dirty()) {
    notice = html`<p class="draft-note bad" role="alert">Not saved: ${s.refused}</p>`;
  } else if (s.conflict) {
    notice = html`<p class="draft-note bad" role="alert">Someone else changed this meanwhile.
      <button type="button" class="btn btn-xs" onClick=${() => s.prompt()}>Compare…</button></p>`;
  } else if (s.restored) {
    notice = html`<p class="draft-note" role="status">Restored text you typed at ${clock(s.restored.at)} that had not been saved.
      <button type="button" class="btn btn-xs" onClick=${() => s.discardRestored()}>Discard it</button></p>`;
  }
  return {
    values: s.local,
    edit: (f, text) => s.edit(f, text),
    flush: () => s.flush(),
    forget: () => s.forget(),
    bind: (f) => ({
      value: s.local[f] || '',
      onInput: (e) => s.edit(f, e.currentTarget.value),
      onBlur: () => s.flush(),
    }),
    state,
    notice,
  };
}

/**
 * DraftsWaiting lists the texts of the open project that were typed
 * earlier (before a crash or a reload) and never saved, where their field
 * is not on screen, each with a link to it: opening the field offers the
 * text back.
 */
export function DraftsWaiting() {
  const r = useStore(route);
  useStore(saveState);
  useStore(fieldsShown);
  const [hidden, setHidden] = useState(false);
  const pid = r.parts[0] === 'p' ? r.parts[1] : '';
  if (!pid || hidden) return null;
  const shown = new Set([...savers].map((s) => s.key));
  const waiting = listDrafts(pid).filter((d) => !shown.has(d.key));
  if (!waiting.length) return null;
  return html`<div class="drafts-waiting" role="status">
    <span><strong>Text typed earlier was not saved:</strong></span>
    ${waiting.slice(0, 5).map((d) => html`<a class="btn btn-xs" href=${d.href || link(pid)}>${d.label || 'a text field'}</a>`)}
    ${waiting.length > 5 ? html`<span class="muted">and ${waiting.length - 5} more</span>` : null}
    <span class="spacer"></span>
    <button type="button" class="btn btn-xs" onClick=${() => setHidden(true)} title="Keep them for later">Not now</button>
  </div>`;
}

/** flushAll sends the typing of every field now. */
export function flushAll() {
  for (const s of [...savers]) s.flush();
}

/** conflicts tells whether a field waits for the person to choose between texts. */
function conflicts() {
  for (const s of savers) if (s.conflict || (s.refused && s.dirty())) return true;
  return false;
}

route.subscribe(() => flushAll());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') flushAll();
});
let leaving = false;

/** isLeaving tells whether the page is being left (between pagehide and pageshow). */
export function isLeaving() {
  return leaving;
}

window.addEventListener('pagehide', () => {
  leaving = true;
  setLeaving(true);
  flushAll();
});
window.addEventListener('pageshow', () => {
  leaving = false;
  setLeaving(false);
});
window.addEventListener('beforeunload', (e) => {
  flushAll();
  if (unsaved() || conflicts()) {
    e.preventDefault();
    e.returnValue = '';
  }
});
