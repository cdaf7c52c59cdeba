// Facets: named classifications of codes (e.g. "Type of learning") and
// their values; created and edited here, assigned in the codebook.
import { html, useState } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { post, patch, del, pp } from '../core/api.js';
import { proj, refreshProject, refreshCodes } from '../project/state.js';
import { save } from '../core/saving.js';
import { confirmDialog } from '../widgets/dialog.js';

const split = (s) => s.split(/[,;\n]/).map((x) => x.trim()).filter(Boolean);

function FacetRow({ pid, f }) {
  const [values, setValues] = useState(f.values.join(', '));
  const saveValues = () => {
    const v = split(values);
    if (v.join('\u0000') === f.values.join('\u0000')) return;
    save(`Save the values of “${f.name}”`, () => patch(pp(pid, '/facets/' + f.id), { values: v }))
      .then(() => { refreshProject(); refreshCodes(); }, () => setValues(f.values.join(', ')));
  };
  const remove = async () => {
    const ok = await confirmDialog({ title: 'Delete facet', message: `Delete the facet “${f.name}” and its values on every code?`, confirm: 'Delete', danger: true });
    if (ok) save(`Delete facet “${f.name}”`, () => del(pp(pid, '/facets/' + f.id))).then(() => { refreshProject(); refreshCodes(); }, () => {});
  };
  return html`<li class="facet-row">
    <strong>${f.name}</strong>
    <input type="text" value=${values} aria-label=${'Values of ' + f.name + ', separated by commas'}
      onInput=${(e) => setValues(e.currentTarget.value)} onBlur=${saveValues}
      onKeyDown=${(e) => e.key === 'Enter' && e.currentTarget.blur()} />
    <button type="button" class="btn-icon" onClick=${remove} aria-label=${'Delete facet ' + f.name}>×</button>
  </li>`;
}

/** Facets lists the project's facets and creates new ones. */
export function Facets({ pid }) {
  const facets = useStore(proj, (s) => s.facets);
  const [name, setName] = useState('');
  const [values, setValues] = useState('');
  const add = (e) => {
    e.preventDefault();
    if (!name.trim()) return;
    const body = { name: name.trim(), values: split(values) };
    save(`Create facet “${body.name}”`, () => post(pp(pid, '/facets'), body)).then(() => {
      setName(''); setValues(''); refreshProject();
    }, () => {});
  };
  return html`<section class="card facets" aria-label="Facets">
    <h2 class="card-title">Facets</h2>
    <p class="hint">Classify themes and dimensions (e.g. “Type of learning”); codes below inherit a value unless they set their own.</p>
    <ul class="facet-list">${facets.map((f) => html`<${FacetRow} key=${f.id + f.values.join()} pid=${pid} f=${f} />`)}</ul>
    <form class="facet-new" onSubmit=${add}>
      <input type="text" value=${name} placeholder="Facet name" aria-label="New facet name" onInput=${(e) => setName(e.currentTarget.value)} />
      <input type="text" value=${values} placeholder="Values, separated by commas" aria-label="Values of the new facet"
        onInput=${(e) => setValues(e.currentTarget.value)} />
      <button type="submit" class="btn btn-sm" disabled=${!name.trim()}>Add facet</button>
    </form>
  </section>`;
}
