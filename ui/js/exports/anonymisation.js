// The anonymisation profile: pseudonyms of cases and speakers, the case
// attributes that name places, and the researcher's own terms, with a
// preview of a document or of the quotes in which every name the profile
// replaces is highlighted with its replacement. Exports made with the
// anonymise option apply the saved profile (docs/anonymisation.md).
import { html, useState, useEffect } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { useData } from '../core/data.js';
import { get, post, api, pp } from '../core/api.js';
import { proj } from '../project/state.js';
import { link } from '../core/router.js';

const KIND_LABELS = {
  term: 'your term', case: 'case', speaker: 'speaker', place: 'place', 'name-part': 'word of a known name, not replaced',
};

// draftOf copies the editable fields of a stored profile.
function draftOf(p) {
  return {
    case_label: p.case_label || '', cases: { ...(p.cases || {}) }, speakers: { ...(p.speakers || {}) },
    place_attributes: p.place_attributes === null || p.place_attributes === undefined ? null : [...p.place_attributes],
    places: { ...(p.places || {}) }, terms: (p.terms || []).map((t) => ({ ...t })), keep_users: !!p.keep_users,
    informant_ids: !!p.informant_ids,
  };
}

// without returns m without key k.
function without(m, k) {
  const out = { ...m };
  delete out[k];
  return out;
}

/** Segments renders previewed text: names with their replacements highlighted. */
function Segments({ segments }) {
  return segments.map((s) => {
    if (!s.kind) return s.text;
    const title = s.kind === 'name-part'
      ? `“${s.text}” is a word of a known name (${s.replacement}); it is not replaced. Add it as a term to replace it.`
      : `${s.text} → ${s.replacement} (${KIND_LABELS[s.kind] || s.kind})`;
    return html`<mark class=${'anon-hit anon-' + s.kind} data-kind=${s.kind} title=${title}
      ><span class="anon-old">${s.text}</span>${s.kind === 'name-part' ? null : html`<span class="anon-new">${s.replacement}</span>`}</mark>`;
  });
}

/** AnonymisationPage edits the project's anonymisation profile and previews it. */
export function AnonymisationPage({ pid }) {
  const documents = useStore(proj, (s) => s.documents);
  const { data: view, error, reload } = useData(() => get(pp(pid, '/anonymisation')), [pid], { on: ['anonymisation', 'case', 'document', 'informant'] });
  const [draft, setDraft] = useState(null);
  const [dirty, setDirty] = useState(false);
  const [saveError, setSaveError] = useState('');
  const [saved, setSaved] = useState(false);
  const [docId, setDocId] = useState('');
  const [term, setTerm] = useState('');
  const [replacement, setReplacement] = useState('');
  const [check, setCheck] = useState(null);

  // A new answer from the server replaces the draft unless it has edits.
  useEffect(() => {
    if (view && !dirty) setDraft(draftOf(view.profile));
  }, [view]);
  const edit = (fn) => {
    setDraft((d) => fn(d));
    setDirty(true);
    setSaved(false);
  };

  const preview = useData(() => (draft ? post(pp(pid, '/anonymisation/preview'), { profile: draft, document_id: docId }) : null),
    [pid, JSON.stringify(draft), docId], { delay: 250 });

  if (error) return html`<div class="page"><p class="error-box" role="alert">${error.message}</p></div>`;
  if (!view || !draft) return html`<div class="page"><p class="muted">Loading the anonymisation profile…</p></div>`;

  const save = async (e) => {
    e.preventDefault();
    setSaveError('');
    try {
      await api('PUT', pp(pid, '/anonymisation'), draft, undefined, { version: view.profile.version });
      setDirty(false);
      setSaved(true);
      reload();
    } catch (err) {
      setSaveError(err.status === 412 ? 'Someone else changed the profile meanwhile. Reload to see their version, then make your change again.' : err.message);
    }
  };
  const addTerm = (e) => {
    e.preventDefault();
    const t = term.trim();
    if (!t) return;
    if (draft.terms.some((x) => x.term.toLowerCase() === t.toLowerCase())) {
      setSaveError(`“${t}” is listed already.`);
      return;
    }
    setSaveError('');
    edit((d) => ({ ...d, terms: [...d.terms, { term: t, replacement: replacement.trim() }] }));
    setTerm('');
    setReplacement('');
  };
  const addPart = (s) => edit((d) => ({ ...d, terms: [...d.terms, { term: s.text, replacement: s.replacement }] }));
  const runCheck = async () => {
    setCheck({ loading: true });
    try {
      setCheck({ results: await get(pp(pid, '/anonymisation/check')) });
    } catch (err) {
      setCheck({ error: err.message });
    }
  };

  const places = draft.place_attributes ?? view.place_attributes;
  const placeRules = view.rules.filter((r) => r.kind === 'place');
  const p = preview.data;
  const shown = p ? (p.document ? [p.document] : p.quotes || []) : [];
  const parts = [];
  for (const q of shown) for (const s of q.segments) if (s.kind === 'name-part' && !parts.some((x) => x.text === s.text)) parts.push(s);

  return html`<div class="page anon-page">
    <header class="page-head"><h1>Anonymisation</h1>
      <a href=${link(pid, 'exports') + '?anonymise=true'}>Back to the exports</a></header>
    <p class="muted small">Exports made with <em>Anonymise</em> (or <code>tessera export --anonymise</code>) replace, as whole words
      and whatever their case or accents, the names of cases, speakers and places the project knows and the terms you list here.
      The stored transcripts never change. See <code>docs/anonymisation.md</code> for what is not replaced.</p>
    <form class="anon-form" aria-label="Anonymisation profile" onSubmit=${save}>
      <div class="anon-columns">
        <section aria-label="Your terms">
          <h2>Your terms</h2>
          <table class="anon-table"><thead><tr><th>Term</th><th>Replaced by</th><th></th></tr></thead>
            <tbody>${draft.terms.map((t, i) => html`<tr data-term=${t.term}>
              <td>${t.term}</td>
              <td><input aria-label=${'Replacement of ' + t.term} value=${t.replacement} placeholder="[redacted]"
                onInput=${(e) => { const v = e.currentTarget.value; edit((d) => ({ ...d, terms: d.terms.map((x, j) => (j === i ? { ...x, replacement: v } : x)) })); }} /></td>
              <td><button type="button" class="btn btn-sm" aria-label=${'Remove ' + t.term}
                onClick=${() => edit((d) => ({ ...d, terms: d.terms.filter((_, j) => j !== i) }))}>Remove</button></td></tr>`)}
              <tr class="anon-add">
                <td><input name="term" aria-label="New term" placeholder="a name, a place…" value=${term}
                  onInput=${(e) => setTerm(e.currentTarget.value)} onKeyDown=${(e) => { if (e.key === 'Enter') addTerm(e); }} /></td>
                <td><input name="replacement" aria-label="Its replacement" placeholder="[redacted]" value=${replacement}
                  onInput=${(e) => setReplacement(e.currentTarget.value)} onKeyDown=${(e) => { if (e.key === 'Enter') addTerm(e); }} /></td>
                <td><button type="button" class="btn btn-sm" onClick=${addTerm}>Add term</button></td></tr>
            </tbody></table>

          <h2>Cases</h2>
          <label class="field"><span>Automatic pseudonyms begin with</span>
            <input name="case_label" value=${draft.case_label} placeholder="Firm" onInput=${(e) => { const v = e.currentTarget.value; edit((d) => ({ ...d, case_label: v })); }} /></label>
          <table class="anon-table"><thead><tr><th>Case</th><th>Pseudonym</th></tr></thead>
            <tbody>${view.cases.map((c) => html`<tr>
              <td>${c.name}</td>
              <td><input aria-label=${'Pseudonym of ' + c.name} value=${draft.cases[c.id] || ''} placeholder=${c.auto ? c.pseudonym : ''}
                onInput=${(e) => { const v = e.currentTarget.value; edit((d) => ({ ...d, cases: v ? { ...d.cases, [c.id]: v } : without(d.cases, c.id) })); }} /></td></tr>`)}
            </tbody></table>
        </section>
        <section aria-label="Speakers and places">
          <h2>Speakers</h2>
          <table class="anon-table"><thead><tr><th>Speaker</th><th>Informant</th><th>Pseudonym or ID</th></tr></thead>
            <tbody>${view.speakers.map((s) => html`<tr>
              <td>${s.name} <span class="muted small">${s.role}</span></td>
              <td>${s.informant || ''}</td>
              <td><input aria-label=${'Pseudonym of ' + s.name} value=${draft.speakers[s.name] || ''}
                placeholder=${s.auto ? (s.pseudonym === s.name ? 'kept: not a name' : s.pseudonym) : ''}
                onInput=${(e) => { const v = e.currentTarget.value; edit((d) => ({ ...d, speakers: v ? { ...d.speakers, [s.name]: v } : without(d.speakers, s.name) })); }} /></td></tr>`)}
            </tbody></table>

          <label class="check"><input type="checkbox" name="informant_ids" checked=${draft.informant_ids}
            onChange=${(e) => { const v = e.currentTarget.checked; edit((d) => ({ ...d, informant_ids: v })); }} />
            Name linked speakers by their informant ID even when the informant has a pseudonym</label>

          <h2>Places</h2>
          <fieldset class="field"><legend>Case attributes that name places</legend>
            ${view.attributes.length === 0 ? html`<span class="muted small">the cases have no attributes</span>` : view.attributes.map((a) => html`<label class="check">
              <input type="checkbox" name="place_attributes" value=${a} checked=${places.some((x) => x.toLowerCase() === a.toLowerCase())}
                onChange=${(e) => { const on = e.currentTarget.checked; edit((d) => ({ ...d, place_attributes: on ? [...places, a] : places.filter((x) => x.toLowerCase() !== a.toLowerCase()) })); }} /> ${a}</label>`)}
          </fieldset>
          <h2>Users</h2>
          <label class="check"><input type="checkbox" name="keep_users" checked=${draft.keep_users}
            onChange=${(e) => { const v = e.currentTarget.checked; edit((d) => ({ ...d, keep_users: v })); }} />
            Keep user names (coders, memo authors); otherwise they become Coder 1, Coder 2…</label>
          ${placeRules.length ? html`<table class="anon-table"><thead><tr><th>Place</th><th>Replaced by</th></tr></thead>
            <tbody>${placeRules.map((r) => html`<tr>
              <td>${r.term}</td>
              <td><input aria-label=${'Replacement of the place ' + r.term} value=${draft.places[r.term] || ''} placeholder=${r.auto ? r.replacement : ''}
                onInput=${(e) => { const v = e.currentTarget.value; edit((d) => ({ ...d, places: v ? { ...d.places, [r.term]: v } : without(d.places, r.term) })); }} /></td></tr>`)}
            </tbody></table>` : null}
        </section>
      </div>
      <div class="row anon-actions">
        <button type="submit" class="btn btn-primary" disabled=${!dirty}>Save profile</button>
        <span class="muted small" role="status">${dirty ? 'Unsaved changes: the preview shows them, exports do not yet.' : saved ? 'Saved.' : ''}</span>
        ${saveError ? html`<span class="error-box" role="alert">${saveError}</span>` : null}
      </div>
    </form>

    <section class="anon-preview" aria-label="Preview">
      <div class="row wrap">
        <h2>Preview</h2>
        <label class="field"><span>Show</span>
          <select name="preview" value=${docId} onChange=${(e) => setDocId(e.currentTarget.value)}>
            <option value="">the quotes</option>
            ${documents.map((d) => html`<option value=${d.id}>${d.title}</option>`)}
          </select></label>
        <span class="muted small" data-replacements=${p ? p.replacements : ''}>${p ? `${p.replacements} ${p.replacements === 1 ? 'name' : 'names'} replaced` : ''}</span>
      </div>
      ${preview.error ? html`<p class="error-box" role="alert">${preview.error.message}</p>` : null}
      ${parts.length ? html`<p class="anon-parts small">Words of known names that are not replaced:
        ${parts.map((s) => html`<button type="button" class="btn btn-sm" title=${'Replace “' + s.text + '” with ' + s.replacement}
          onClick=${() => addPart(s)}>Replace “${s.text}”</button> `)}</p>` : null}
      <div class="anon-text">${shown.map((q) => html`<div class="anon-quote" key=${q.id}>
        ${p.document ? null : html`<div class="muted small">${q.document}</div>`}
        <p><${Segments} segments=${q.segments} /></p></div>`)}
        ${p && shown.length === 0 ? html`<p class="muted">No quotes yet.</p>` : null}</div>
    </section>

    <section class="anon-check" aria-label="Check the exports">
      <h2>Check</h2>
      <p class="muted small">Renders every export with the saved profile and looks for the names it replaces.</p>
      <button type="button" class="btn" onClick=${runCheck} disabled=${check && check.loading}>Check every export</button>
      ${check && check.loading ? html` <span class="muted small">Checking…</span>` : null}
      ${check && check.error ? html`<p class="error-box" role="alert">${check.error}</p>` : null}
      ${check && check.results ? html`<ul class="anon-check-list">${check.results.map((r) => {
        const names = r.findings.filter((f) => !f.partial);
        const words = r.findings.filter((f) => f.partial);
        return html`<li data-format=${r.format}><code>${r.format}</code> ${r.error ? 'not exported: ' + r.error : !r.scanned ? 'not scanned (an image or PDF drawn from the anonymised labels)'
          : names.length ? html`<strong>${names.length} known ${names.length === 1 ? 'name' : 'names'} left: ${[...new Set(names.map((f) => f.term))].join(', ')}</strong>`
            : 'no known name left'}${words.length ? html` <span class="muted small">(capitalised words of known names: ${[...new Set(words.map((f) => f.term))].join(', ')})</span>` : null}</li>`;
      })}</ul>` : null}
    </section>
  </div>`;
}
