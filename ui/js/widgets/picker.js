// CodePicker: type-ahead over the codebook. Arrow keys move, Enter picks
// the highlighted choice, and a name that matches no code can become a new
// first-order concept: "Create concept «name»" is then the highlighted
// choice, so Enter never creates a code the list did not show.
import { html, useState, useMemo, useRef, useEffect, useId } from '../core/lib.js';
import { buildTree, shortLevel } from '../project/codetree.js';

/** fold lowercases s and strips accents, so "lulea" finds "Luleå". */
export function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * CodePicker props: codes, onPick(code), onCreate(name) (omit to disallow
 * creating), onCancel, recent (codes listed first when nothing is typed),
 * levels (which levels may be picked), label, exclude (IDs left out).
 */
export function CodePicker({ codes, onPick, onCreate, onCancel, recent = [], levels = ['concept', 'theme'], label = 'Code', exclude = [] }) {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef(null);
  const id = useId();
  const tree = useMemo(() => buildTree(codes), [codes]);

  const options = useMemo(() => {
    const allowed = codes.filter((c) => levels.includes(c.level) && !exclude.includes(c.id));
    const needle = fold(q.trim());
    let list;
    if (!needle) {
      const rest = allowed.filter((c) => !recent.includes(c));
      list = [...recent.filter((c) => allowed.includes(c)), ...tree.flat().map((x) => x.code).filter((c) => rest.includes(c))];
    } else {
      const scored = [];
      for (const c of allowed) {
        const name = fold(c.name);
        const i = name.indexOf(needle);
        if (i < 0) continue;
        scored.push([i === 0 ? 0 : name.includes(' ' + needle) ? 1 : 2, c]);
      }
      scored.sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name));
      list = scored.map((x) => x[1]);
    }
    const opts = list.slice(0, 50).map((c) => ({ kind: 'code', code: c, path: tree.path(c.id).slice(0, -1).join(' › ') }));
    const exact = allowed.some((c) => fold(c.name) === needle);
    if (onCreate && needle && !exact) {
      const create = { kind: 'create', name: q.trim() };
      if (opts.length) opts.push(create); else opts.unshift(create);
    }
    return opts;
  }, [q, codes, recent, levels.join(), exclude.join()]);

  useEffect(() => { input.current && input.current.focus(); }, []);
  useEffect(() => {
    const el = document.getElementById(`${id}-opt-${active}`);
    if (el) el.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const choose = (o) => {
    if (!o) return;
    if (o.kind === 'create') onCreate(o.name);
    else onPick(o.code);
  };
  const onKeyDown = (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(options.length - 1, a + 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
    else if (e.key === 'Enter') {
      e.preventDefault();
      // Typed text not shown yet: the list on screen is for other text,
      // so Enter waits for the user to see the choices of this one.
      if (e.currentTarget.value !== q) { setQ(e.currentTarget.value); setActive(0); return; }
      choose(options[active]);
    }
    else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onCancel && onCancel(); }
  };

  return html`<div class="picker">
    <input ref=${input} class="picker-input" type="text" value=${q} placeholder=${onCreate ? 'Find a code or name a new concept…' : 'Find a code…'}
      role="combobox" aria-label=${label} aria-expanded="true" aria-controls=${id + '-list'} aria-autocomplete="list"
      aria-activedescendant=${options.length ? `${id}-opt-${active}` : null}
      onInput=${(e) => { setQ(e.currentTarget.value); setActive(0); }} onKeyDown=${onKeyDown} />
    <ul class="picker-list" role="listbox" id=${id + '-list'} aria-label="Codes">
      ${options.map((o, i) => html`<li id=${`${id}-opt-${i}`} role="option" aria-selected=${i === active}
        class=${'picker-opt' + (i === active ? ' active' : '') + (o.kind === 'create' ? ' create' : '')}
        onMouseDown=${(e) => { e.preventDefault(); choose(o); }} onMouseMove=${() => setActive(i)}>
        ${o.kind === 'create'
          ? html`<span class="swatch new" aria-hidden="true">+</span><span class="opt-create">Create concept «<strong>${o.name}</strong>»</span>
            ${i === active ? html`<kbd class="opt-key">Enter</kbd>` : null}`
          : html`<span class="swatch" style=${{ background: o.code.color }} aria-hidden="true"></span>
            <span class="opt-name">${o.code.name}</span>
            ${i < 9 && !q && recent.includes(o.code) ? html`<kbd class="opt-key">${recent.indexOf(o.code) + 1}</kbd>` : null}
            <span class="opt-meta">${o.path || shortLevel(o.code.level)}</span>`}
      </li>`)}
      ${options.length === 0 ? html`<li class="picker-empty" role="presentation">No matching code.</li>` : null}
    </ul>
  </div>`;
}
